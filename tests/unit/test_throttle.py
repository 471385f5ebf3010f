"""Failed sign-ins lock a (user name, address) pair for a while; a success resets the count."""

from __future__ import annotations

import datetime as dt

from app.auth.throttle import throttle_key, verdict

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
LOCK = dt.timedelta(minutes=15)


def minutes_ago(*ms: int) -> list[dt.datetime]:
    return [NOW - dt.timedelta(minutes=m) for m in ms]


def test_four_failures_do_not_lock():
    assert not verdict(minutes_ago(1, 2, 3, 4), None, NOW, 5, LOCK).locked


def test_five_recent_failures_lock_until_fifteen_minutes_after_the_last():
    result = verdict(minutes_ago(1, 2, 3, 4, 5), None, NOW, 5, LOCK)
    assert result.locked
    assert result.retry_after == dt.timedelta(minutes=14)


def test_old_failures_do_not_count():
    assert not verdict(minutes_ago(1, 2, 16, 17, 18), None, NOW, 5, LOCK).locked


def test_a_success_resets_the_count():
    assert not verdict(minutes_ago(1, 2, 6, 7, 8), NOW - dt.timedelta(minutes=5), NOW, 5, LOCK).locked


def test_key_ignores_case_and_spaces():
    assert throttle_key("  IvanoV ") == throttle_key("ivanov")
    assert throttle_key("Иванова") == throttle_key("иванова")
