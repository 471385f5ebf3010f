"""Working-day arithmetic on the Russian production calendar — pure: no framework, no database.

Holidays and the yearly transfers (working Saturdays, moved days off) come from ``holidays.RU``, which
knows a year's transfers once the government has published them. Administrators' corrections
(``{date: True}`` for a working day, ``{date: False}`` for a day off) override everything, so a gap in
the package or a ministry-specific day off is one row in the database, not a code change.

Counting convention (so that adding and counting are inverse operations):
``add_working_days(d, n)`` for ``n > 0`` is the n-th working day after ``d``; for ``n < 0`` the |n|-th
working day before ``d``; for ``n == 0`` ``d`` itself, or the next working day when ``d`` is not one.
``working_days_between(a, b)`` counts the working days in ``(a, b]`` when ``b >= a``, and minus those in
``[b, a)`` when ``b < a``; hence ``working_days_between(d, add_working_days(d, n)) == n`` for ``n != 0``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

import holidays

ONE_DAY = dt.timedelta(days=1)
MAX_STEPS = 366 * 50
"""A walk that finds no working day in fifty years means the corrections are absurd: stop, do not hang."""


@lru_cache(maxsize=64)
def _official(year: int) -> holidays.HolidayBase:
    return holidays.RU(years=year, language="ru")


def official_holidays(year: int) -> dict[dt.date, str]:
    """Public holidays and transferred days off of ``year`` with their Russian names."""
    return dict(sorted(_official(year).items()))


def official_working_weekends(year: int) -> set[dt.date]:
    """Saturdays and Sundays that are working days by a transfer."""
    return set(_official(year).weekend_workdays)


class WorkingCalendar:
    """The calendar with a set of corrections; instances are cheap and immutable."""

    def __init__(self, corrections: Mapping[dt.date, bool] | None = None) -> None:
        self._corrections = dict(corrections or {})

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._corrections:
            return self._corrections[day]
        return _official(day.year).is_working_day(day)

    def next_working_day(self, day: dt.date, step: int = 1) -> dt.date:
        """The first working day strictly after ``day`` (or before it, with ``step=-1``)."""
        for _ in range(MAX_STEPS):
            day += step * ONE_DAY
            if self.is_working_day(day):
                return day
        raise ValueError("в календаре нет рабочих дней в пределах пятидесяти лет")

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        if n == 0:
            return day if self.is_working_day(day) else self.next_working_day(day)
        step = 1 if n > 0 else -1
        for _ in range(abs(n)):
            day = self.next_working_day(day, step)
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        if b >= a:
            return sum(1 for i in range(1, (b - a).days + 1) if self.is_working_day(a + i * ONE_DAY))
        return -sum(1 for i in range((a - b).days) if self.is_working_day(b + i * ONE_DAY))


class IndexedCalendar(WorkingCalendar):
    """The working calendar with its working days of a range listed once, so adding and counting working
    days is a binary search instead of a day-by-day walk (a full recompute lays out ~40 stages per act).
    Same results as ``WorkingCalendar`` — outside the range it falls back to the day-by-day walk."""

    def __init__(self, corrections: Mapping[dt.date, bool], start: dt.date, end: dt.date) -> None:
        super().__init__(corrections)
        self._start, self._end = start, end
        days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
        self._working = [day for day in days if WorkingCalendar.is_working_day(self, day)]
        self._set = set(self._working)

    def _inside(self, *days: dt.date) -> bool:
        return all(self._start < day < self._end for day in days)

    def is_working_day(self, day: dt.date) -> bool:
        if self._start <= day <= self._end:
            return day in self._set
        return super().is_working_day(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        w = self._working
        if n > 0:
            i = bisect.bisect_right(w, day) + n - 1
        elif n < 0:
            i = bisect.bisect_left(w, day) + n
        else:
            i = bisect.bisect_left(w, day)
        if self._inside(day) and 0 < i < len(w) - 1:
            return w[i]
        return super().add_working_days(day, n)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        if not self._inside(a, b):
            return super().working_days_between(a, b)
        w = self._working
        if b >= a:
            return bisect.bisect_right(w, b) - bisect.bisect_right(w, a)
        return -(bisect.bisect_left(w, a) - bisect.bisect_left(w, b))


def add_calendar_days(day: dt.date, n: int) -> dt.date:
    """Calendar days, for the terms that law counts in calendar days (holidays do not matter)."""
    return day + n * ONE_DAY


_PLAIN = WorkingCalendar()


def is_working_day(day: dt.date, corrections: Mapping[dt.date, bool] | None = None) -> bool:
    return WorkingCalendar(corrections).is_working_day(day) if corrections else _PLAIN.is_working_day(day)


def add_working_days(day: dt.date, n: int, corrections: Mapping[dt.date, bool] | None = None) -> dt.date:
    return WorkingCalendar(corrections).add_working_days(day, n)


def working_days_between(a: dt.date, b: dt.date, corrections: Mapping[dt.date, bool] | None = None) -> int:
    return WorkingCalendar(corrections).working_days_between(a, b)
