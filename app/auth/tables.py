"""Local accounts (demo and break-glass administrator) and the sign-in log."""

from piccolo.columns import Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from app.people.tables import Employee


class LocalAccount(Table):
    """An account checked against an argon2 hash instead of the directory."""

    username = Varchar(length=150, unique=True)
    password_hash = Text()
    employee = ForeignKey(references=Employee)
    active = Boolean(default=True)
    demo = Boolean(default=False)
    """Created by demo seeding; refused at sign-in outside demo mode."""
    created_at = Timestamptz(default=TimestamptzNow())
    version = Integer(default=1)
    """Optimistic locking of the admin edit forms (``db.update_versioned``)."""


class SignInAttempt(Table):
    """Every sign-in attempt, successful or not; the password is never stored."""

    username = Varchar(length=150, index=True)
    client_address = Varchar(length=64, default="")
    success = Boolean(default=False)
    method = Varchar(length=10, default="")
    reason = Varchar(length=100, default="")
    created_at = Timestamptz(default=TimestamptzNow(), index=True)
