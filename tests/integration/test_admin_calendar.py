"""Calendar corrections from the admin page: added and removed with an audit record, used by the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import main_text
from tests.integration.test_admin_access import call, counts, post, signed_in


@pytest.fixture
def admin(app_client):
    return signed_in(app_client, "root-admin", {"admin"}, "Администраторов Админ Админович")


def calendar_2027(client):
    from app.calendar.service import calendar_for

    return call(client, calendar_for, dt.date(2027, 1, 1), dt.date(2027, 12, 31))


def test_year_page_shows_official_holidays(admin):
    text = main_text(admin.get("/admin/calendar?year=2025").text)
    assert "Производственный календарь 2025" in text
    assert "08.03.2025" in text and "Международный женский день" in text
    assert "01.11.2025" in text  # a working Saturday by transfer


def test_add_and_remove_a_correction(admin):
    assert calendar_2027(admin).is_working_day(dt.date(2027, 12, 30))
    response = post(admin, "/admin/calendar", {"date": "30.12.2027", "kind": "day_off", "note": "Перенос"})
    assert response.status_code in (302, 303)
    assert response.headers["location"] == "/admin/calendar?year=2027"
    assert not calendar_2027(admin).is_working_day(dt.date(2027, 12, 30))
    text = main_text(admin.get("/admin/calendar?year=2027").text)
    assert "30.12.2027" in text and "Перенос" in text and "Администраторов Админ Админович" in text

    from app.calendar.tables import CalendarCorrection

    row = call(admin, lambda: CalendarCorrection.select().first().run())
    assert post(admin, f"/admin/calendar/{row['id']}/delete", {"year": "2027"}).status_code in (302, 303)
    assert calendar_2027(admin).is_working_day(dt.date(2027, 12, 30))

    from app.audit.tables import AuditRecord

    actions = call(admin, lambda: AuditRecord.select(AuditRecord.action).output(as_list=True).run())
    assert "calendar.correction_added" in actions and "calendar.correction_removed" in actions


@pytest.mark.parametrize(
    "data, message",
    [
        ({"date": "", "kind": "working"}, "Заполните поле «Дата»"),
        ({"date": "31.02.2027", "kind": "working"}, "дд.мм.гггг"),
        ({"date": "2027-13-01", "kind": "working"}, "дд.мм.гггг"),
        ({"date": "01.01.1850", "kind": "working"}, "дд.мм.гггг"),
        ({"date": "01.01.2150", "kind": "working"}, "между 2000 и 2100"),
        ({"date": "1\x00", "kind": "working"}, "недопустимые символы"),
        ({"date": "01.01.2027", "kind": "holiday"}, "выберите значение из списка"),
        ({"date": "01.01.2027"}, "выберите значение из списка"),
        ({"date": "01.01.2027", "kind": "working", "note": "я" * 301}, "длиннее 300"),
    ],
)
def test_bad_corrections_are_422_and_write_nothing(admin, data, message):
    before = counts(admin)
    response = post(admin, "/admin/calendar", data)
    assert response.status_code == 422
    assert message in main_text(response.text)
    assert counts(admin) == before


def test_a_second_correction_for_the_same_date_is_refused(admin):
    post(admin, "/admin/calendar", {"date": "2027-01-11", "kind": "day_off"})
    before = counts(admin)
    response = post(admin, "/admin/calendar", {"date": "11.01.2027", "kind": "working"})
    assert response.status_code == 422 and "уже есть" in main_text(response.text)
    assert counts(admin) == before


@pytest.mark.parametrize("year", ["abc", "1999", "2101", "99999999999", "２０２５"])
def test_bad_year_is_422(admin, year):
    response = admin.get(f"/admin/calendar?year={year}")
    assert response.status_code == 422 and "Год — число" in main_text(response.text)
