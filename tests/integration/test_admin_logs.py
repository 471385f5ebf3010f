"""The sign-in log and the audit trail pages: newest first, filters, paging, the integrity check."""

from __future__ import annotations

import pytest

from tests.conftest import login, main_text
from tests.integration.test_admin_access import call, post, signed_in


@pytest.fixture
def admin(app_client):
    return signed_in(app_client, "root-admin", {"admin"}, "Администраторов Админ Админович")


def test_sign_in_log_filters(admin):
    session = dict(admin.cookies)
    admin.cookies.clear()
    login(admin, "nobody-here", "wrong-password-1")
    admin.cookies = session
    text = main_text(admin.get("/admin/sign-ins").text)
    assert text.index("nobody-here") < text.index("root-admin")  # newest first
    failed = main_text(admin.get("/admin/sign-ins?success=no").text)
    assert "nobody-here" in failed and "root-admin" not in failed.split("Адрес", 1)[1]
    by_name = main_text(admin.get("/admin/sign-ins?username=ROOT").text)
    assert "root-admin" in by_name and "nobody-here" not in by_name
    assert "1 попытка" in by_name
    future = main_text(admin.get("/admin/sign-ins?from=01.01.2100").text)
    assert "Записей нет" in future


def test_sign_in_log_paging(admin):
    from app.auth.tables import SignInAttempt

    async def fill():
        await SignInAttempt.insert(*[SignInAttempt(username=f"user{i:03}", success=False) for i in range(60)])

    call(admin, fill)
    first = admin.get("/admin/sign-ins")
    assert "Страница 1 из 2" in main_text(first.text) and "page=2" in first.text
    second = main_text(admin.get("/admin/sign-ins?page=2").text)
    assert "Страница 2 из 2" in second


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=32.01.2025", "дд.мм.гггг"),
        ("to=abc", "дд.мм.гггг"),
        ("success=maybe", "выберите значение"),
        ("page=0", "Номер страницы"),
        ("page=x", "Номер страницы"),
        ("page=99999999999999", "Номер страницы"),
        ("username=%00", "недопустимые символы"),
        ("username=" + "x" * 151, "длиннее 150"),
    ],
)
def test_bad_sign_in_filters_are_422(admin, query, message):
    response = admin.get(f"/admin/sign-ins?{query}")
    assert response.status_code == 422
    assert message in main_text(response.text)


def test_audit_trail_filters_and_verify(admin):
    post(admin, "/admin/calendar", {"date": "11.01.2027", "kind": "day_off", "note": "проверка"})
    text = main_text(admin.get("/admin/audit").text).split("Было → стало", 1)[1]
    assert text.index("Поправка календаря добавлена") < text.index("Вход")
    only = main_text(admin.get("/admin/audit?action=calendar.").text)
    assert "проверка" in only and "Вход (local)" not in only
    typed = main_text(admin.get("/admin/audit?object_type=account").text)
    assert "Вход" in typed and "проверка" not in typed
    by_actor = main_text(admin.get("/admin/audit?actor=админович").text)
    assert "Поправка календаря добавлена" in by_actor
    assert "Записей нет" in main_text(admin.get("/admin/audit?actor=никто").text)
    assert "Записей нет" in main_text(admin.get("/admin/audit?to=01.01.2001").text)
    verify = admin.get("/admin/audit/verify", headers={"HX-Request": "true"})
    assert verify.status_code == 200 and "Журнал цел" in verify.text and "<html" not in verify.text
    assert "Журнал цел" in main_text(admin.get("/admin/audit/verify").text)


def test_verify_reports_tampering(admin):
    from app.audit.tables import AuditRecord

    async def tamper():
        first = await AuditRecord.select(AuditRecord.id).order_by(AuditRecord.id).first()
        await AuditRecord.update({AuditRecord.summary: "подделка"}).where(AuditRecord.id == first["id"])
        return first["id"]

    record_id = call(admin, tamper)
    text = main_text(admin.get("/admin/audit/verify").text)
    assert f"запись №{record_id}" in text and "изменено" in text


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=2025-02-30", "дд.мм.гггг"),
        ("page=-1", "Номер страницы"),
        ("action=%00", "недопустимые символы"),
        ("actor=" + "я" * 301, "длиннее 300"),
        ("to=1.1", "дд.мм.гггг"),
        ("object_type=" + "x" * 101, "длиннее 100"),
    ],
)
def test_bad_audit_filters_are_422(admin, query, message):
    response = admin.get(f"/admin/audit?{query}")
    assert response.status_code == 422
    assert "Проверьте условия отбора" in main_text(response.text) and message in main_text(response.text)


def test_wildcards_and_backslashes_in_filters_do_not_break(admin):
    for query in ("username=%25", "username=%5C", "username=_", "actor=%5C", "action=%5C"):
        assert (
            admin.get(f"/admin/{'sign-ins' if 'username' in query else 'audit'}?{query}").status_code == 200
        )
