"""Local accounts from the admin pages: create, edit, new password, disable — audited, validated, locked."""

from __future__ import annotations

import pytest

from tests.conftest import login, main_text
from tests.integration.test_admin_access import (
    PASSWORD,
    call,
    counts,
    make_account,
    post,
    sign_in_as,
    signed_in,
)

NEW = {
    "username": "break.glass",
    "full_name": "Аварийный Администратор",
    "password": "a-very-long-pass",
    "password2": "a-very-long-pass",
    "role_admin": "on",
}


@pytest.fixture
def admin(app_client):
    return signed_in(app_client, "root-admin", {"admin"}, "Администраторов Админ Админович")


def audit_actions(client) -> list[str]:
    from app.audit.tables import AuditRecord

    async def actions():
        return [r["action"] for r in await AuditRecord.select(AuditRecord.action).order_by(AuditRecord.id)]

    return call(client, actions)


def account(client, account_id: int) -> dict:
    from app.admin.accounts import get_account

    return call(client, get_account, account_id)


def test_create_account_then_sign_in_with_it(admin):
    response = post(admin, "/admin/accounts", NEW)
    assert response.status_code in (302, 303), main_text(response.text)
    page = admin.get(response.headers["location"])
    assert "Учётная запись создана." in main_text(page.text)
    assert "break.glass" in main_text(admin.get("/admin/accounts").text)
    from app.audit.tables import AuditRecord

    created = call(admin, lambda: AuditRecord.select().order_by(AuditRecord.id, ascending=False).first().run())
    assert created["action"] == "auth.local_account_created" and created["object_id"] == "break.glass"
    assert created["actor_name"] and created["actor_id"] is not None  # who did it, in the one record

    assert "a-very-long-pass" not in str(call(admin, lambda: AuditRecord.select().run()))
    sign_in_as(admin, "break.glass", "a-very-long-pass")
    assert admin.get("/admin/accounts").status_code == 200  # the admin role was given


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("username", "", "Заполните поле «Имя пользователя»"),
        ("username", "иванов", "латинских букв"),
        ("username", "a", "латинских букв"),
        ("username", "x" * 65, "длиннее 64"),
        ("username", "bad\x00name", "недопустимые символы"),
        ("full_name", "", "Заполните поле «ФИО»"),
        ("full_name", "Я" * 301, "длиннее 300"),
        ("full_name", "Имя\x01", "недопустимые символы"),
        ("password", "short-pass", "не короче 12"),
        ("password", "            x", "не короче 12"),
        ("password", "p" * 1025, "длиннее 1024"),
        ("password", "nul-in-pass\x00word", "недопустимые"),
        ("password2", "different-pass", "Пароли не совпадают"),
    ],
)
def test_refused_create_writes_nothing(admin, field, value, message):
    data = {**NEW, field: value}
    if field == "password":
        data["password2"] = value
    before = counts(admin)
    response = post(admin, "/admin/accounts", data)
    assert response.status_code == 422
    assert message in main_text(response.text)
    assert counts(admin) == before
    assert "a-very-long-pass" not in response.text  # passwords are never echoed


def test_duplicate_username_is_refused(admin):
    make_account(admin, "break.glass", {"employee"})
    before = counts(admin)
    response = post(admin, "/admin/accounts", NEW)
    assert response.status_code == 422
    assert "уже существует" in main_text(response.text)
    assert counts(admin) == before


def test_reset_password_and_disable_enable(admin):
    target = make_account(admin, "worker", {"employee"}, "Рабочий Иван")
    admin_session = dict(admin.cookies)
    response = post(
        admin,
        f"/admin/accounts/{target}/password",
        {"version": "1", "password": "brand-new-password", "password2": "brand-new-password"},
    )
    assert response.status_code in (302, 303)
    admin.cookies.clear()
    assert login(admin, "worker", PASSWORD).status_code == 401
    sign_in_as(admin, "worker", "brand-new-password")
    worker_session = dict(admin.cookies)

    admin.cookies = admin_session
    response = post(admin, f"/admin/accounts/{target}/active", {"version": "2", "active": "0"})
    assert response.status_code in (302, 303)
    assert "Отключена" in main_text(admin.get("/admin/accounts").text)
    admin.cookies = worker_session
    assert admin.get("/", follow_redirects=False).status_code in (302, 303)  # the open session ended
    admin.cookies.clear()
    refused = login(admin, "worker", "brand-new-password")
    assert refused.status_code == 403 and "отключена" in refused.text

    admin.cookies = admin_session
    assert post(admin, f"/admin/accounts/{target}/active", {"version": "3", "active": "1"}).status_code in (
        302,
        303,
    )
    actions = audit_actions(admin)
    for action in (
        "admin.local_account_password_reset",
        "admin.local_account_disabled",
        "admin.local_account_enabled",
    ):
        assert action in actions
    sign_in_as(admin, "worker", "brand-new-password")


def test_edit_name_and_roles_is_audited_and_locked(admin):
    target = make_account(admin, "worker", {"employee"}, "Рабочий Иван")
    ok = post(
        admin,
        f"/admin/accounts/{target}",
        {"version": "1", "full_name": "Рабочий Иван Петрович", "role_hr": "on"},
    )
    assert ok.status_code in (302, 303)
    row = account(admin, target)
    assert (
        row["full_name"] == "Рабочий Иван Петрович" and row["roles"] == "employee,hr" and row["version"] == 2
    )
    before = counts(admin)
    stale = post(admin, f"/admin/accounts/{target}", {"version": "1", "full_name": "Другое Имя"})
    assert stale.status_code == 409
    assert "изменил другой пользователь" in main_text(stale.text)
    assert account(admin, target)["full_name"] == "Рабочий Иван Петрович"
    assert counts(admin) == before
    assert "admin.local_account_updated" in audit_actions(admin)


@pytest.mark.parametrize(
    "path, data, message",
    [
        ("", {"version": "x", "full_name": "Имя"}, "целым числом"),
        ("", {"version": "1", "full_name": ""}, "Заполните поле «ФИО»"),
        ("/password", {"version": "1", "password": "short", "password2": "short"}, "не короче 12"),
        (
            "/password",
            {"version": "", "password": "long-enough-pass", "password2": "long-enough-pass"},
            "целым числом",
        ),
        ("/active", {"version": "1", "active": "maybe"}, "Неизвестное действие"),
        ("/active", {"version": "9" * 20, "active": "0"}, "целым числом"),
    ],
)
def test_bad_account_edits_are_422_and_write_nothing(admin, path, data, message):
    target = make_account(admin, "worker", {"employee"})
    before = counts(admin)
    response = post(admin, f"/admin/accounts/{target}{path}", data)
    assert response.status_code == 422
    assert message in main_text(response.text)
    assert counts(admin) == before


def test_admin_cannot_disable_own_account(admin):
    from app.auth.tables import LocalAccount

    own = call(
        admin,
        lambda: (
            LocalAccount.select(LocalAccount.id).where(LocalAccount.username == "root-admin").first().run()
        ),
    )
    response = post(admin, f"/admin/accounts/{own['id']}/active", {"version": "1", "active": "0"})
    assert response.status_code == 422
    assert "под которой вы сейчас работаете" in main_text(response.text)


def test_post_without_csrf_token_is_refused(admin):
    before = counts(admin)
    response = admin.post("/admin/accounts", data=NEW, follow_redirects=False)
    assert response.status_code == 403
    assert counts(admin) == before
