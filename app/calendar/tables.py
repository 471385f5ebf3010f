"""Administrators' corrections to the official calendar (DOMAIN.md §3: they fill what holidays.RU lacks)."""

from piccolo.columns import Date, ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from app.people.tables import Employee

KINDS = {"working": "Рабочий день", "day_off": "Выходной день"}


class CalendarCorrection(Table):
    """One date declared a working day or a day off, overriding holidays.RU."""

    date = Date(unique=True)
    kind = Varchar(length=10)
    """``working`` or ``day_off`` (see KINDS)."""
    note = Varchar(length=300, default="")
    created_by = ForeignKey(references=Employee, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
