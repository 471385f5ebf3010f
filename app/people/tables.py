"""Departments, divisions and employees, filled from the directory (or demo data)."""

from piccolo.columns import Boolean, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Department(Table):
    """A department (департамент) or, when ``parent`` is set, one of its divisions (отдел)."""

    name = Varchar(length=300, index=True)
    parent = ForeignKey(references="self", null=True)
    created_at = Timestamptz(default=TimestamptzNow())


class Employee(Table):
    """A person who works in the ministry.

    Directory people are found by ``ldap_uid``; local accounts (demo, break-glass) point here through
    ``auth.LocalAccount``. The two never share a row, so an LDAP name and a local name never collide.
    """

    ldap_uid = Varchar(length=150, null=True, unique=True, default=None)
    ldap_dn = Text(null=True, default=None)
    full_name = Varchar(length=300, index=True)
    position = Varchar(length=300, default="")
    email = Varchar(length=254, default="")
    department = ForeignKey(references=Department, null=True)
    division = ForeignKey(references=Department, null=True)
    manager = ForeignKey(references="self", null=True)
    roles = Varchar(length=200, default="employee")
    """Comma-separated roles; refreshed from directory groups at every LDAP sign-in."""
    active = Boolean(default=True)
    last_sign_in = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
