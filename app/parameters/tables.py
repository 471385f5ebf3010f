"""Stored values of domain parameters; a parameter without a row has its default from the registry."""

from piccolo.columns import ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from app.people.tables import Employee


class Parameter(Table):
    key = Varchar(length=100, unique=True)
    value = Text()
    """As text (``registry.serialise``); parsed back with the definition."""
    version = Integer(default=1)
    updated_at = Timestamptz(default=TimestamptzNow())
    updated_by = ForeignKey(references=Employee, null=True, on_delete=OnDelete.set_null)
