"""Inbox rows, e-mail opt-outs and the record of delivered reminders.

The e-mail state lives on the inbox row: the inbox is the history of what was said to a person, and
the e-mail is one more way of saying it, sent after the row is committed (``email_status``).
"""

from piccolo.columns import ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from app.people.tables import Employee


class Notification(Table):
    """One message to one employee.

    ``email_status``: ``none`` (no e-mail: opted out or no address), ``pending`` (to be sent),
    ``sending`` (claimed by a sender since ``email_claimed_at``), ``sent``, ``failed`` (refused or too
    many attempts), ``expired`` (waited too long, e.g. while SMTP was switched off).
    """

    recipient = ForeignKey(references=Employee, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=100)
    title = Varchar(length=300)
    body = Text(default="")
    link = Varchar(length=500, default="")
    created_at = Timestamptz(default=TimestamptzNow(), index=True)
    read_at = Timestamptz(null=True, default=None)
    email_status = Varchar(length=20, default="none", index=True)
    email_attempts = Integer(default=0)
    email_claimed_at = Timestamptz(null=True, default=None)
    email_sent_at = Timestamptz(null=True, default=None)
    email_error = Varchar(length=300, default="")


class NotificationOptOut(Table):
    """An employee does not want messages of ``kind`` through ``channel`` (today only ``email``:
    the inbox always keeps the record)."""

    employee = ForeignKey(references=Employee, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=100)
    channel = Varchar(length=20, default="email")
    created_at = Timestamptz(default=TimestamptzNow())


class ReminderDelivery(Table):
    """A reminder that has been delivered, by its source's stable ``key`` (unique).

    Inserted in the same transaction as the inbox row, so a second or interrupted ``remind`` run
    never creates the message twice.
    """

    key = Varchar(length=300, unique=True)
    source = Varchar(length=100, default="")
    notification = ForeignKey(references=Notification, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
