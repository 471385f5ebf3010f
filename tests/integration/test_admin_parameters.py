"""Domain parameters through the admin page: defaults, audited edits, optimistic locking, validation."""

from __future__ import annotations

import pytest

from tests.conftest import main_text
from tests.integration.test_admin_access import call, counts, post, signed_in

KEY = "surveys.min_group_size"


@pytest.fixture
def admin(app_client):
    return signed_in(app_client, "root-admin", {"admin"}, "Администраторов Админ Админович")


def value(client, key: str = KEY):
    from app.parameters.service import get

    return call(client, get, key)


def test_defaults_come_from_the_domain_and_the_list_shows_them(admin):
    assert value(admin) == 5
    text = main_text(admin.get("/admin/parameters").text)
    assert "Минимальная группа для показа результатов опроса" in text
    assert "5 респондентов" in text and "24 часа" in text and "15 рабочих дней" in text


def test_edit_is_stored_and_audited(admin):
    response = post(admin, f"/admin/parameters/{KEY}", {"version": "0", "value": "7"})
    assert response.status_code in (302, 303)
    assert value(admin) == 7
    from app.audit.tables import AuditRecord

    record = call(
        admin, lambda: AuditRecord.select().where(AuditRecord.action == "parameters.changed").first().run()
    )
    assert (
        record["object_id"] == KEY
        and record["before"] == '{"value": "5"}'
        and record["after"] == '{"value": "7"}'
    )
    assert record["actor_name"] == "Администраторов Админ Админович"
    assert post(admin, f"/admin/parameters/{KEY}", {"version": "1", "value": "8"}).status_code in (302, 303)
    assert value(admin) == 8


def test_concurrent_edit_second_save_gets_409_and_first_value_stays(admin):
    """Two administrators (here: two tabs) open the form, both see version 0; the second save is stale."""
    other = admin
    form_a = admin.get(f"/admin/parameters/{KEY}")
    form_b = other.get(f"/admin/parameters/{KEY}")
    assert 'name="version" value="0"' in form_a.text and 'name="version" value="0"' in form_b.text
    assert post(admin, f"/admin/parameters/{KEY}", {"version": "0", "value": "6"}).status_code in (302, 303)
    before = counts(admin)
    stale = post(other, f"/admin/parameters/{KEY}", {"version": "0", "value": "9"})
    assert stale.status_code == 409
    assert "Запись уже изменил другой пользователь" in main_text(stale.text)
    assert value(admin) == 6
    assert counts(admin) == before
    # the same once a row exists: both load version 1, the first saves, the second is stale
    assert post(admin, f"/admin/parameters/{KEY}", {"version": "1", "value": "10"}).status_code in (302, 303)
    assert post(other, f"/admin/parameters/{KEY}", {"version": "1", "value": "11"}).status_code == 409
    assert value(admin) == 10


def test_htmx_stale_save_gets_a_toast(admin):
    post(admin, f"/admin/parameters/{KEY}", {"version": "0", "value": "6"})
    stale = post(
        admin, f"/admin/parameters/{KEY}", {"version": "0", "value": "9"}, headers={"HX-Request": "true"}
    )
    assert stale.status_code == 409 and "изменил другой пользователь" in stale.text


@pytest.mark.parametrize(
    "data, message",
    [
        ({"version": "0", "value": "2"}, "не может быть меньше 3"),
        ({"version": "0", "value": "101"}, "не может быть больше 100"),
        ({"version": "0", "value": ""}, "Введите целое число"),
        ({"version": "0", "value": "пять"}, "целое число"),
        ({"version": "0", "value": "5\x00"}, "недопустимые символы"),
        ({"version": "0", "value": "9" * 5000}, "целое число"),
        ({"version": "0"}, "Введите целое число"),
        ({"version": "abc", "value": "7"}, "«Версия» должно быть целым числом"),
        ({"version": "-1", "value": "7"}, "«Версия» должно быть целым числом"),
        ({"value": "7"}, "«Версия» должно быть целым числом"),
    ],
)
def test_bad_values_are_422_in_russian_and_write_nothing(admin, data, message):
    before = counts(admin)
    response = post(admin, f"/admin/parameters/{KEY}", data)
    assert response.status_code == 422
    assert message in main_text(response.text)
    assert counts(admin) == before
    assert value(admin) == 5


def test_a_huge_version_is_stale_not_a_crash(admin):
    response = post(admin, f"/admin/parameters/{KEY}", {"version": "999999999", "value": "7"})
    assert response.status_code == 409
