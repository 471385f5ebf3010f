"""The working-day calendar: known dates of the Russian production calendar and arithmetic properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.calendar.workdays import (
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    is_working_day,
    official_holidays,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 1, 1),
        D(2025, 1, 3),
        D(2025, 1, 7),
        D(2025, 1, 8),
        D(2024, 3, 8),
        D(2025, 5, 9),
        D(2025, 6, 12),
        D(2025, 11, 4),
    ],
)
def test_public_holidays_are_days_off(day):
    assert not is_working_day(day)


def test_first_working_day_of_2025_is_9_january():
    assert is_working_day(D(2025, 1, 9))
    assert add_working_days(D(2024, 12, 31), 1) == D(2025, 1, 9)


def test_transfers_of_2025():
    # Day off moved from Saturday 04.01 to Friday 02.05; Saturday 01.11 worked for Monday 03.11.
    assert not is_working_day(D(2025, 5, 2))
    assert is_working_day(D(2025, 11, 1))
    assert not is_working_day(D(2025, 11, 3))
    assert not is_working_day(D(2025, 12, 31))


def test_working_saturday_of_2024():
    assert is_working_day(D(2024, 12, 28))
    assert not is_working_day(D(2024, 12, 30))


def test_holiday_names_are_russian():
    assert official_holidays(2025)[D(2025, 3, 8)] == "Международный женский день"


def test_counting_across_the_may_holidays():
    # Wed 30.04.2025 + 1 working day: 01.05 and 02.05 are days off, 03–04.05 weekend -> Mon 05.05.
    assert add_working_days(D(2025, 4, 30), 1) == D(2025, 5, 5)
    assert working_days_between(D(2025, 4, 30), D(2025, 5, 5)) == 1
    assert working_days_between(D(2025, 5, 5), D(2025, 4, 30)) == -1


def test_zero_days_rolls_forward_to_a_working_day():
    assert add_working_days(D(2025, 1, 1), 0) == D(2025, 1, 9)
    assert add_working_days(D(2025, 1, 9), 0) == D(2025, 1, 9)


def test_corrections_override_the_official_calendar():
    corrections = {D(2025, 1, 9): False, D(2025, 1, 4): True}
    assert not is_working_day(D(2025, 1, 9), corrections)
    assert is_working_day(D(2025, 1, 4), corrections)
    assert add_working_days(D(2024, 12, 31), 1, corrections) == D(2025, 1, 4)
    assert add_working_days(D(2024, 12, 31), 2, corrections) == D(2025, 1, 10)


def test_calendar_days_ignore_holidays():
    assert add_calendar_days(D(2024, 12, 31), 10) == D(2025, 1, 10)


def test_a_calendar_without_working_days_stops():
    everything_off = {D(2030, 1, 1) + dt.timedelta(days=i): False for i in range(5)}
    cal = WorkingCalendar(everything_off)
    assert cal.add_working_days(D(2029, 12, 31), 1) > D(2030, 1, 5)


dates = st.dates(min_value=D(2023, 1, 1), max_value=D(2027, 12, 31))
corrections = st.dictionaries(dates, st.booleans(), max_size=10)


@settings(max_examples=150, deadline=None)
@given(start=dates, n=st.integers(min_value=-80, max_value=80).filter(bool), fixes=corrections)
def test_adding_then_counting_back_gives_n(start, n, fixes):
    end = add_working_days(start, n, fixes)
    assert working_days_between(start, end, fixes) == n


@settings(max_examples=150, deadline=None)
@given(start=dates, n=st.integers(min_value=-80, max_value=80), fixes=corrections)
def test_results_are_always_working_days(start, n, fixes):
    assert is_working_day(add_working_days(start, n, fixes), fixes)


@settings(max_examples=100, deadline=None)
@given(a=dates, b=dates)
def test_counting_is_antisymmetric_in_sign_and_bounded(a, b):
    forward = working_days_between(a, b)
    assert (forward >= 0) == (b >= a) or forward == 0
    assert abs(forward) <= abs((b - a).days)
