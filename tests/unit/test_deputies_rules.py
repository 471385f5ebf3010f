"""Date rules of the deputy form."""

import datetime as dt

from app.people.deputies import check_period, parse_date
from app.web.forms import FormErrors

TODAY = dt.date(2026, 3, 10)


def test_dates_in_both_formats():
    assert parse_date("2026-03-12") == parse_date("12.03.2026") == dt.date(2026, 3, 12)
    assert parse_date("31.02.2026") is None and parse_date("завтра") is None


def test_period_rules():
    errors = FormErrors()
    check_period(TODAY, TODAY, TODAY, errors)
    assert not errors
    for start, end, fragment in [
        (dt.date(2026, 3, 12), dt.date(2026, 3, 11), "раньше даты начала"),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 9), "уже закончился"),
        (TODAY, dt.date(2027, 3, 11), "не больше чем на год"),
    ]:
        errors = FormErrors()
        check_period(start, end, TODAY, errors)
        assert fragment in errors["ends_on"]
