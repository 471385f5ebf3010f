"""Notification use cases: put a message in someone's inbox, read and mark the inbox, keep opt-outs
(audited). Sending e-mail and delivering reminders is ``delivery.py``.
"""

from __future__ import annotations

import datetime as dt
import logging

from app import db
from app.audit import service as audit
from app.auth.access import visible_or_404
from app.auth.roles import CurrentUser
from app.notifications import kinds, mailer
from app.notifications.sources import discover
from app.notifications.tables import Notification, NotificationOptOut
from app.people.tables import Employee

log = logging.getLogger(__name__)

EMAIL = "email"
MAX_TITLE, MAX_BODY, MAX_LINK = 300, 5000, 500
EMAIL_MAX_AGE = dt.timedelta(days=3)
"""A message that could not be mailed this long (server down, SMTP off) is not mailed any more."""
STALE_CLAIM = dt.timedelta(minutes=15)
"""A ``sending`` claim older than this belongs to a run that died; the row goes back to ``pending``."""
MAX_ATTEMPTS = 12
SEND_BATCH = 100
INBOX_PAGE = 30


class NotificationError(ValueError):
    """A feature asked for a message that cannot be sent (unknown kind, unsafe link): a programming error."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def clean_link(link: str) -> str:
    """Only a path on this site: the inbox and e-mails must never point elsewhere."""
    link = link.strip()
    if not link:
        return ""
    if (
        not link.startswith("/")
        or link.startswith("//")
        or "\\" in link
        or len(link) > MAX_LINK
        or any(ord(ch) < 33 for ch in link)
    ):
        raise NotificationError(f"ссылка уведомления должна быть путём на сайте, получено «{link[:80]}»")
    return link


def _clip(text: str, limit: int) -> str:
    text = text.replace("\x00", "")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


async def notify(recipient_id: int, kind: str, title: str, body: str = "", link: str = "") -> int | None:
    """Put a message in the recipient's inbox and queue its e-mail (unless opted out or no address).

    Joins the caller's transaction, so the message lands together with the change it reports.
    Returns the notification id, or None when the recipient does not exist or no longer works here.
    """
    if not kinds.is_registered(kind):
        raise NotificationError(f"вид уведомлений «{kind}» не зарегистрирован (kinds.register_kind)")
    title = _clip(mailer.one_line(title, MAX_TITLE), MAX_TITLE)
    if not title:
        raise NotificationError("у уведомления должен быть заголовок")
    body, link = _clip(body.strip(), MAX_BODY), clean_link(link)
    async with db.write_transaction():
        person = (
            await Employee.select(Employee.email, Employee.active).where(Employee.id == recipient_id).first()
        )
        if person is None or not person["active"]:
            return None
        opted_out = await NotificationOptOut.exists().where(
            (NotificationOptOut.employee == recipient_id)
            & (NotificationOptOut.kind == kind)
            & (NotificationOptOut.channel == EMAIL)
        )
        status = "pending" if person["email"] and not opted_out else "none"
        rows = await Notification.insert(
            Notification(
                recipient=recipient_id,
                kind=kind,
                title=title,
                body=body,
                link=link,
                created_at=_now(),
                email_status=status,
            )
        ).returning(Notification.id)
    return rows[0]["id"]


# --- the inbox ---------------------------------------------------------------------------------------


async def unread_count(employee_id: int) -> int:
    return await Notification.count().where(
        (Notification.recipient == employee_id) & Notification.read_at.is_null()
    )


def _with_label(row: dict) -> dict:
    discover()  # features register their kinds in their reminders modules; the label needs them
    return {**row, "kind_label": kinds.label_for(row["kind"])}


_INBOX_COLUMNS = (
    Notification.id,
    Notification.recipient,
    Notification.kind,
    Notification.title,
    Notification.body,
    Notification.link,
    Notification.created_at,
    Notification.read_at,
)


async def inbox(employee_id: int, page: int = 1) -> tuple[list[dict], int]:
    """One page of the employee's messages, newest first, and the total number of messages."""
    mine = Notification.recipient == employee_id
    rows = await (
        Notification.select(*_INBOX_COLUMNS)
        .where(mine)
        .order_by(Notification.created_at, ascending=False)
        .order_by(Notification.id, ascending=False)
        .limit(INBOX_PAGE)
        .offset((page - 1) * INBOX_PAGE)
    )
    return [_with_label(r) for r in rows], await Notification.count().where(mine)


def _own(user: CurrentUser, row: dict) -> bool:
    return row["recipient"] == user.id


async def mark_read(user: CurrentUser, notification_id: int) -> dict:
    """Mark one of the user's own messages read; anyone else's id is 404, as if it did not exist."""
    async with db.write_transaction():
        row = await Notification.select(*_INBOX_COLUMNS).where(Notification.id == notification_id).first()
        row = visible_or_404(row, user, _own)
        if row["read_at"] is None:
            row["read_at"] = _now()
            await Notification.update({Notification.read_at: row["read_at"]}).where(
                (Notification.id == notification_id) & Notification.read_at.is_null()
            )
    return _with_label(row)


async def mark_all_read(user: CurrentUser) -> int:
    async with db.write_transaction():
        changed = (
            await Notification.update({Notification.read_at: _now()})
            .where((Notification.recipient == user.id) & Notification.read_at.is_null())
            .returning(Notification.id)
        )
    return len(changed)


# --- opt-outs ------------------------------------------------------------------------------------------


async def email_opt_outs(employee_id: int) -> set[str]:
    rows = await NotificationOptOut.select(NotificationOptOut.kind).where(
        (NotificationOptOut.employee == employee_id) & (NotificationOptOut.channel == EMAIL)
    )
    return {r["kind"] for r in rows}


async def save_email_opt_outs(user: CurrentUser, kinds_off: set[str], client_address: str = "") -> bool:
    """Replace the user's e-mail opt-outs; waiting e-mails of newly silenced kinds are dropped too.

    Audited with the before and after sets. Returns whether anything changed.
    """
    unknown = kinds_off - {k.code for k in kinds.all_kinds()}
    if unknown:
        raise NotificationError(f"неизвестные виды уведомлений: {', '.join(sorted(unknown))}")
    async with db.write_transaction():
        before = await email_opt_outs(user.id)
        if before == kinds_off:
            return False
        await NotificationOptOut.delete().where(
            (NotificationOptOut.employee == user.id) & (NotificationOptOut.channel == EMAIL)
        )
        if kinds_off:
            await NotificationOptOut.insert(
                *(NotificationOptOut(employee=user.id, kind=k, channel=EMAIL) for k in sorted(kinds_off))
            )
            await Notification.update({Notification.email_status: "none"}).where(
                (Notification.recipient == user.id)
                & Notification.kind.is_in(sorted(kinds_off))
                & (Notification.email_status == "pending")
            )
        await audit.record(
            "notifications.email_opt_out_changed",
            actor_id=user.id,
            actor_name=user.full_name,
            object_type="employee",
            object_id=user.id,
            summary="Изменены настройки почтовых уведомлений",
            before={"email_off": sorted(before)},
            after={"email_off": sorted(kinds_off)},
            client_address=client_address,
        )
    return True
