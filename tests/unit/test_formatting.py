"""Russian plurals, dates and Moscow time."""

from __future__ import annotations

import datetime as dt

import pytest

from app.web.formatting import count, format_date, format_datetime


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 дней"), (1, "1 день"), (2, "2 дня"), (4, "4 дня"), (5, "5 дней"), (11, "11 дней"), (12, "12 дней"),
     (14, "14 дней"), (21, "21 день"), (22, "22 дня"), (25, "25 дней"), (101, "101 день"), (111, "111 дней")],
)
def test_plural_forms(n, expected):
    assert count(n, "день", "дня", "дней") == expected


def test_dates_are_dd_mm_yyyy_and_times_moscow():
    assert format_date(dt.date(2026, 3, 8)) == "08.03.2026"
    utc_evening = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)
    assert format_datetime(utc_evening) == "01.01.2027 01:30"
    assert format_date(utc_evening) == "01.01.2027"
    assert format_date(None) == "—"
