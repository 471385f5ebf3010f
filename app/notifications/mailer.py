"""E-mail over SMTP: the message as people will read it (pure) and the sending (stdlib smtplib).

smtplib blocks, so it runs in a worker thread (``anyio.to_thread``) with a time-out on every socket
operation; the event loop never waits on a slow mail server. Failures are sorted into temporary
(server down, 4xx: try again on the next run) and permanent (5xx for this recipient: give up).
"""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, formataddr, make_msgid

import anyio

from app.settings import Settings

SENDER_NAME = "Траектория"
SETTINGS_PATH = "/notifications/settings"


class MailError(Exception):
    """Sending failed; ``temporary`` says whether a later attempt may succeed."""

    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


@dataclass(frozen=True)
class Letter:
    to_address: str
    to_name: str
    kind_label: str
    title: str
    body: str = ""
    link: str = ""


def one_line(text: str, limit: int = 200) -> str:
    """Header-safe text: no line breaks or control characters (header injection), bounded length."""
    flat = " ".join("".join(ch if ord(ch) >= 32 else " " for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def greeting(full_name: str) -> str:
    """Russian business greeting by name and patronymic: «Соколова Анна Сергеевна» -> «Анна Сергеевна»."""
    parts = full_name.split()
    if len(parts) == 3:
        return f"Здравствуйте, {parts[1]} {parts[2]}!"
    return f"Здравствуйте, {' '.join(parts)}!" if parts else "Здравствуйте!"


def absolute(base_url: str, link: str) -> str:
    return base_url.rstrip("/") + link if link.startswith("/") else link


def letter_text(letter: Letter, base_url: str) -> str:
    lines = [greeting(letter.to_name), "", one_line(letter.title, 300)]
    if letter.body.strip():
        lines += ["", letter.body.strip()]
    if letter.link:
        lines += ["", f"Открыть: {absolute(base_url, letter.link)}"]
    lines += [
        "",
        "-- ",
        f"Письмо отправлено автоматически порталом «Траектория» ({letter.kind_label}); "
        "отвечать на него не нужно.",
        f"Отключить письма этого вида: {absolute(base_url, SETTINGS_PATH)}",
    ]
    return "\n".join(lines) + "\n"


def build_message(letter: Letter, *, sender: str, base_url: str) -> EmailMessage:
    """A UTF-8 message with a Russian subject, marked as automatic so that auto-replies stay quiet."""
    message = EmailMessage(policy=SMTP_POLICY)
    message["Subject"] = f"Траектория: {one_line(letter.title)}"
    message["From"] = formataddr((SENDER_NAME, sender))
    message["To"] = Address(display_name=one_line(letter.to_name, 150), addr_spec=letter.to_address)
    message["Date"] = format_datetime(dt.datetime.now(dt.UTC))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(letter_text(letter, base_url), charset="utf-8")
    return message


def _send_blocking(settings: Settings, message: EmailMessage) -> None:
    timeout = settings.smtp_timeout_seconds
    context = ssl.create_default_context()
    try:
        if settings.smtp_tls == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port, timeout=timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
        with client:
            client.ehlo()
            if settings.smtp_tls == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if settings.smtp_user:
                client.login(settings.smtp_user, settings.smtp_password)
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _msg in exc.recipients.values()]
        raise MailError(
            f"адрес отклонён сервером ({', '.join(map(str, codes))})",
            temporary=all(400 <= c < 500 for c in codes),
        ) from exc
    except (smtplib.SMTPAuthenticationError, smtplib.SMTPSenderRefused) as exc:
        # A setting is wrong, not this message: keep it for the next run, after the operator's fix.
        raise MailError(
            f"почтовый сервер отклонил учётную запись или отправителя ({exc.smtp_code})", temporary=True
        ) from exc
    except smtplib.SMTPResponseException as exc:
        raise MailError(
            f"почтовый сервер ответил {exc.smtp_code}", temporary=400 <= exc.smtp_code < 500
        ) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"почтовый сервер недоступен ({type(exc).__name__}: {exc})", temporary=True) from exc


async def send(settings: Settings, message: EmailMessage) -> None:
    """Send one message; raise MailError.

    On cancellation the thread is left to finish: its socket time-outs bound it.
    """
    await anyio.to_thread.run_sync(_send_blocking, settings, message, abandon_on_cancel=True)
