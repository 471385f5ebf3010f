"""Russian formatting: dates as dd.mm.yyyy, times in Moscow time, plural forms."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

MOSCOW = ZoneInfo("Europe/Moscow")


def plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian form for ``n``: 1 день, 2 дня, 5 дней, 11 дней, 21 день."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count(n: int, one: str, few: str, many: str) -> str:
    """``n`` with its noun: count(5, "день", "дня", "дней") -> "5 дней"."""
    return f"{n} {plural(n, one, few, many)}"


def to_moscow(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(MOSCOW)


def format_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = to_moscow(value)
    return value.strftime("%d.%m.%Y")


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    return to_moscow(value).strftime("%d.%m.%Y %H:%M")
