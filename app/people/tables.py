"""Departments, divisions and employees, filled from the directory (or demo data), and deputies."""

from piccolo.columns import Boolean, Date, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from app.people.search import search_column


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
    """Comma-separated roles; refreshed from directory groups at every LDAP sign-in and every sync."""
    active = Boolean(default=True)
    last_sign_in = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    search_name = Text(default="")
    """``app.people.search.search_column(full_name)``: the staff directory searches this with LIKE."""
    deactivated_at = Timestamptz(null=True, default=None)
    """When the directory sync found the account gone or disabled; None while active."""

    def __init__(self, _data=None, _ignore_missing=False, _exists_in_db=False, **kwargs):
        # Every code path that creates a person (sign-in, local accounts, demo, sync) builds an Employee,
        # so the search column is filled here and nobody has to remember it.
        super().__init__(_data, _ignore_missing, _exists_in_db, **kwargs)
        if not _exists_in_db and "search_name" not in kwargs and isinstance(kwargs.get("full_name"), str):
            self.search_name = search_column(kwargs["full_name"])


class Deputy(Table):
    """``deputy`` acts for ``principal`` from ``starts_on`` to ``ends_on`` inclusive (DOMAIN.md §2)."""

    principal = ForeignKey(references=Employee, null=False)
    deputy = ForeignKey(references=Employee, null=False)
    starts_on = Date()
    ends_on = Date()
    created_at = Timestamptz(default=TimestamptzNow())
