"""Delivery: send the e-mails that wait, and deliver due reminders exactly once.

Ordering is what makes reminders safe to repeat: the reminder key and its inbox row are committed
together; e-mail goes out only afterwards, row by row, each claimed with a conditional UPDATE so two
senders never take the same row. A run cut short leaves rows ``pending`` (or ``sending`` with an old
claim), and the next run picks them up. The one window left is a crash after the mail server took a
message and before ``sent`` was written: that message may go twice, never zero times.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from app import db
from app.notifications import kinds, mailer
from app.notifications.service import (
    EMAIL_MAX_AGE,
    MAX_ATTEMPTS,
    SEND_BATCH,
    STALE_CLAIM,
    NotificationError,
    _now,
    notify,
)
from app.notifications.sources import MAX_KEY, Reminder, discover, registered_sources
from app.notifications.tables import Notification, ReminderDelivery
from app.settings import Settings

log = logging.getLogger(__name__)


# --- e-mail --------------------------------------------------------------------------------------------


@dataclass
class EmailSummary:
    sent: int = 0
    failed: int = 0
    expired: int = 0
    waiting: int = 0
    disabled: bool = False
    unavailable: str = ""
    """Why the mail server could not be used on this run (the rest waits for the next one)."""


async def _finish(notification_id: int, values: dict) -> None:
    await Notification.update(values).where(
        (Notification.id == notification_id) & (Notification.email_status == "sending")
    )


async def _send_one(settings: Settings, row: dict, summary: EmailSummary) -> bool:
    """Claim, send and record one message; False when the server is unavailable (stop the run)."""
    now = _now()
    claimed = (
        await Notification.update({Notification.email_status: "sending", Notification.email_claimed_at: now})
        .where((Notification.id == row["id"]) & (Notification.email_status == "pending"))
        .returning(Notification.id)
    )
    if not claimed:
        return True  # another sender has it
    if not row["email"] or not row["active"]:
        await _finish(row["id"], {Notification.email_status: "none"})
        return True
    letter = mailer.Letter(
        to_address=row["email"],
        to_name=row["full_name"],
        kind_label=kinds.label_for(row["kind"]),
        title=row["title"],
        body=row["body"],
        link=row["link"],
    )
    attempts = row["email_attempts"] + 1
    try:
        message = mailer.build_message(letter, sender=settings.smtp_sender, base_url=settings.base_url)
        await mailer.send(settings, message)
    except (mailer.MailError, ValueError) as exc:
        temporary = isinstance(exc, mailer.MailError) and exc.temporary and attempts < MAX_ATTEMPTS
        log.warning("e-mail for notification %s not sent (attempt %s): %s", row["id"], attempts, exc)
        await _finish(
            row["id"],
            {
                Notification.email_status: "pending" if temporary else "failed",
                Notification.email_attempts: attempts,
                Notification.email_error: str(exc)[:300],
            },
        )
        if temporary:
            summary.unavailable = str(exc)
            return False
        summary.failed += 1
        return True
    await _finish(
        row["id"],
        {
            Notification.email_status: "sent",
            Notification.email_sent_at: _now(),
            Notification.email_attempts: attempts,
            Notification.email_error: "",
        },
    )
    summary.sent += 1
    return True


async def send_pending_email(settings: Settings, now: dt.datetime | None = None) -> EmailSummary:
    """Send every waiting e-mail; stop at the first sign that the mail server is unavailable."""
    now = now or _now()
    summary = EmailSummary(disabled=not settings.smtp_host)
    await Notification.update({Notification.email_status: "pending"}).where(
        (Notification.email_status == "sending") & (Notification.email_claimed_at < now - STALE_CLAIM)
    )
    expired = (
        await Notification.update({Notification.email_status: "expired"})
        .where((Notification.email_status == "pending") & (Notification.created_at < now - EMAIL_MAX_AGE))
        .returning(Notification.id)
    )
    summary.expired = len(expired)
    if not summary.disabled:
        last_id = 0
        while not summary.unavailable:
            batch = (
                await Notification.select(
                    Notification.id,
                    Notification.kind,
                    Notification.title,
                    Notification.body,
                    Notification.link,
                    Notification.email_attempts,
                    Notification.recipient.email.as_alias("email"),
                    Notification.recipient.full_name.as_alias("full_name"),
                    Notification.recipient.active.as_alias("active"),
                )
                .where((Notification.email_status == "pending") & (Notification.id > last_id))
                .order_by(Notification.id)
                .limit(SEND_BATCH)
            )
            if not batch:
                break
            for row in batch:
                if not await _send_one(settings, row, summary):
                    break
            last_id = batch[-1]["id"]
    summary.waiting = await Notification.count().where(Notification.email_status == "pending")
    return summary


# --- reminders -----------------------------------------------------------------------------------------


@dataclass
class RemindSummary:
    sources: int = 0
    delivered: int = 0
    repeated: int = 0
    """Reminders whose key had been delivered before (a second run, or a source that says it again)."""
    skipped: int = 0
    """Reminders to people who no longer work here, and malformed ones (logged)."""
    failed_sources: list[str] = field(default_factory=list)
    email: EmailSummary = field(default_factory=EmailSummary)


async def deliver_reminder(reminder: Reminder, source: str = "") -> bool | None:
    """Deliver once: True if delivered now, False if its key was delivered before, None if skipped."""
    key = reminder.key.strip()
    if not key or len(key) > MAX_KEY:
        raise NotificationError(f"ключ напоминания: от 1 до {MAX_KEY} символов")
    async with db.write_transaction():
        inserted = (
            await ReminderDelivery.insert(ReminderDelivery(key=key, source=source[:100], created_at=_now()))
            .on_conflict(target=ReminderDelivery.key, action="DO NOTHING")
            .returning(ReminderDelivery.id)
        )
        if not inserted:
            return False
        notification_id = await notify(
            reminder.recipient_id, reminder.kind, reminder.title, reminder.body, reminder.link
        )
        if notification_id is None:
            return None
        await ReminderDelivery.update({ReminderDelivery.notification: notification_id}).where(
            ReminderDelivery.id == inserted[0]["id"]
        )
    return True


async def run_reminders(settings: Settings, now: dt.datetime | None = None) -> RemindSummary:
    """Ask every registered source for what is due at ``now``, deliver each reminder once, send e-mail.

    A failing source is logged and reported; the others still run.
    """
    now = now or _now()
    discover()
    summary = RemindSummary()
    for name, source in registered_sources().items():
        summary.sources += 1
        try:
            due = await source(now)
        except Exception:
            log.exception("reminder source %s failed", name)
            summary.failed_sources.append(name)
            continue
        for reminder in due:
            try:
                outcome = await deliver_reminder(reminder, name)
            except NotificationError as exc:
                log.error("reminder %r from %s refused: %s", reminder.key, name, exc)
                outcome = None
            if outcome is True:
                summary.delivered += 1
            elif outcome is False:
                summary.repeated += 1
            else:
                summary.skipped += 1
    summary.email = await send_pending_email(settings, now)
    return summary
