"""Every admin route: an admin gets in, an employee gets a Russian 403, a signed-out visitor is sent to sign in.

Also the helpers the other admin tests share: accounts of each role and a signed-in client for them.
"""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token, login, main_text

PASSWORD = "correct-horse-battery"


def call(client, fn, *args):
    """Run a coroutine function on the app's event loop: the PostgreSQL pool belongs to that loop."""
    return client.blocking_portal.call(fn, *args)


def make_account(client, username: str, roles: set[str], full_name: str = "Тестовый Пользователь") -> int:
    from app.auth.service import create_local_account
    from app.auth.tables import LocalAccount

    async def create() -> int:
        await create_local_account(username, PASSWORD, full_name, roles)
        row = await LocalAccount.select(LocalAccount.id).where(LocalAccount.username == username).first()
        return row["id"]

    return call(client, create)


def sign_in_as(client, username: str, password: str = PASSWORD):
    """One application per test (its lifespan owns the database pool): switch users by switching sessions."""
    client.cookies.clear()
    response = login(client, username, password)
    assert response.status_code in (302, 303), response.text
    return response


def signed_in(app_client, username: str, roles: set[str], full_name: str = "Тестовый Пользователь"):
    client = app_client()
    make_account(client, username, roles, full_name)
    sign_in_as(client, username)
    return client


def post(client, path: str, data: dict | None = None, **kwargs):
    return client.post(
        path, data={**(data or {}), "_csrf_token": csrf_token(client)}, follow_redirects=False, **kwargs
    )


def counts(client) -> dict[str, int]:
    """Rows in every table an admin form may write: a refused form must leave them all unchanged."""
    from app.audit.tables import AuditRecord
    from app.auth.tables import LocalAccount
    from app.calendar.tables import CalendarCorrection
    from app.parameters.tables import Parameter
    from app.people.tables import Employee

    async def count_all() -> dict[str, int]:
        return {
            t.__name__: await t.count()
            for t in (AuditRecord, LocalAccount, CalendarCorrection, Parameter, Employee)
        }

    return call(client, count_all)


GET_PATHS = [
    "/admin",
    "/admin/accounts",
    "/admin/accounts/new",
    "/admin/accounts/{id}",
    "/admin/sign-ins",
    "/admin/audit",
    "/admin/audit/verify",
    "/admin/parameters",
    "/admin/parameters/surveys.min_group_size",
    "/admin/calendar",
    "/admin/roles",
]
POST_PATHS = [
    "/admin/accounts",
    "/admin/accounts/{id}",
    "/admin/accounts/{id}/password",
    "/admin/accounts/{id}/active",
    "/admin/parameters/surveys.min_group_size",
    "/admin/calendar",
    "/admin/calendar/1/delete",
]


@pytest.fixture
def admin(app_client):
    return signed_in(app_client, "root-admin", {"admin"}, "Администраторов Админ Админович")


def test_admin_opens_every_page(admin):
    target = make_account(admin, "target", {"employee"})
    for path in GET_PATHS:
        response = admin.get(path.format(id=target))
        assert response.status_code == 200, (path, response.text[:500])
        assert "Администрирование" in response.text or "Журнал" in response.text


def test_employee_gets_403_everywhere(app_client):
    employee = signed_in(app_client, "plain", {"employee"})
    target = make_account(employee, "target", {"employee"})
    before = counts(employee)
    for path in GET_PATHS:
        response = employee.get(path.format(id=target))
        assert response.status_code == 403, path
        assert "Недостаточно прав" in main_text(response.text)
    for path in POST_PATHS:
        response = post(employee, path.format(id=target), {"version": "1", "value": "7"})
        assert response.status_code == 403, path
    assert counts(employee) == before
    assert "/admin" not in employee.get("/").text


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for path in GET_PATHS:
        response = client.get(path.format(id=1), follow_redirects=False)
        assert response.status_code in (302, 303), path
        assert response.headers["location"].startswith("/login"), path
    for path in POST_PATHS:
        response = post(client, path.format(id=1), {"version": "1"})
        assert response.status_code in (302, 303), path
        assert response.headers["location"] == "/login"


def test_htmx_requests_of_signed_out_visitors_get_hx_redirect(client):
    response = client.get("/admin/audit/verify", headers={"HX-Request": "true"})
    assert response.headers.get("HX-Redirect", "").startswith("/login")


def test_coordinator_reads_the_audit_and_edits_only_coordinator_parameters(app_client):
    coordinator = signed_in(app_client, "coord", {"coordinator"})
    assert coordinator.get("/admin/audit").status_code == 200
    assert coordinator.get("/admin/audit/verify").status_code == 200
    assert coordinator.get("/admin/parameters").status_code == 200
    for path in ("/admin/accounts", "/admin/sign-ins", "/admin/calendar", "/admin/roles"):
        assert coordinator.get(path).status_code == 403, path
    assert coordinator.get("/admin/parameters/surveys.min_group_size").status_code == 403
    assert (
        post(
            coordinator, "/admin/parameters/surveys.min_group_size", {"version": "0", "value": "7"}
        ).status_code
        == 403
    )
    ok = post(coordinator, "/admin/parameters/service.acknowledgement_hours", {"version": "0", "value": "48"})
    assert ok.status_code in (302, 303)
    assert "48 часов" in main_text(coordinator.get("/admin/parameters").text)


def test_the_admin_menu_item_shows_for_admins(admin):
    assert 'href="/admin"' in admin.get("/").text


def test_unknown_objects_are_404(admin):
    for path in ("/admin/accounts/999999", "/admin/accounts/99999999999999", "/admin/parameters/no.such.key"):
        response = admin.get(path)
        assert response.status_code == 404, path
        assert "не найден" in main_text(response.text).lower() or "нет" in main_text(response.text)
    assert post(admin, "/admin/calendar/999999/delete").status_code == 404
    assert (
        post(admin, "/admin/accounts/99999999999999/active", {"version": "1", "active": "0"}).status_code
        == 404
    )


def test_role_map_shows_the_setting_with_russian_labels(app_client):
    dn = "cn=trajectory-admins,ou=groups,dc=example,dc=org"
    client = app_client(TRAJECTORY_LDAP_ROLE_MAP=f"admin={dn};hr=cn=kadry,ou=groups,dc=example,dc=org")
    make_account(client, "boss", {"admin"})
    login(client, "boss", PASSWORD)
    text = main_text(client.get("/admin/roles").text)
    assert dn in text and "Администратор" in text and "Кадровая служба" in text
    assert "TRAJECTORY_LDAP_ROLE_MAP" in text
