"""Sessions, CSRF, sign-out and what a signed-out browser or htmx request sees."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token, login


@pytest.fixture
def account(client):
    from app.auth.service import create_local_account

    client.blocking_portal.call(
        lambda: create_local_account("local-user", "correct-horse-battery", "Локальный Пользователь", {"employee"})
    )
    return "local-user", "correct-horse-battery"


def test_pages_need_sign_in_and_remember_where_to_return(client):
    response = client.get("/?tab=1", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/login"
    response = client.get("/some/page?x=1", follow_redirects=False)
    assert response.status_code in (302, 404)


def test_htmx_request_without_session_gets_hx_redirect(client):
    response = client.get("/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == "/login"


def test_session_id_is_rotated_at_sign_in(client, account):
    client.cookies.set("trajectory_session", "a" * 64)
    response = login(client, *account)
    assert response.status_code == 302
    new_id = response.cookies["trajectory_session"]
    assert new_id != "a" * 64
    assert client.get("/", follow_redirects=False).status_code == 200


def test_planted_session_id_does_not_become_authenticated(client, account):
    planted = "b" * 64
    client.cookies.set("trajectory_session", planted)
    login(client, *account)
    client.cookies.clear()  # the attacker's browser, holding only the id it planted
    client.cookies.set("trajectory_session", planted)
    assert client.get("/", follow_redirects=False).status_code == 302


def test_session_cookie_flags(client, account):
    response = login(client, *account)
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header
    assert "samesite=lax" in header


def test_sign_out_destroys_the_session(client, account):
    login(client, *account)
    session_id = client.cookies["trajectory_session"]
    response = client.post("/logout", headers={"x-csrftoken": csrf_token(client)}, follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/login"
    client.cookies.clear()  # a copy of the old cookie replayed after sign-out
    client.cookies.set("trajectory_session", session_id)
    assert client.get("/", follow_redirects=False).status_code == 302


def test_unsafe_request_without_csrf_token_is_refused(client, account):
    login(client, *account)
    response = client.post("/logout", follow_redirects=False)
    assert response.status_code == 403
    assert "Форма устарела" in response.text
    assert client.get("/", follow_redirects=False).status_code == 200


def test_sign_in_form_without_csrf_token_is_refused(client, account):
    client.get("/login")
    response = client.post("/login", data={"username": account[0], "password": account[1]}, follow_redirects=False)
    assert response.status_code == 403
    assert "trajectory_session" not in response.cookies


def test_htmx_csrf_failure_is_a_toast(client, account):
    login(client, *account)
    response = client.post("/logout", headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert response.headers["HX-Retarget"] == "#toasts"
    assert "toast" in response.text and "<html" not in response.text


def test_next_parameter_only_redirects_within_the_site(client, account):
    token = csrf_token(client)
    for target, expected in [("/profile", "/profile"), ("//evil.example/", "/"), ("https://evil.example", "/"),
                             ("/\\evil.example", "/")]:
        client.cookies.delete("trajectory_session")
        response = client.post(
            "/login",
            data={"username": account[0], "password": account[1], "next": target, "_csrf_token": token},
            follow_redirects=False,
        )
        assert response.headers["location"] == expected


def test_idle_session_expires(client, account):
    import json

    login(client, *account)
    store, session_id = client.app.stores.get("sessions"), client.cookies["trajectory_session"]
    data = json.loads(client.blocking_portal.call(store.get, session_id))
    client.blocking_portal.call(store.set, session_id, json.dumps({**data, "seen": 0}).encode())
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/session-expired"
    assert "Сессия истекла" in client.get("/session-expired").text


def test_absolute_timeout_and_htmx_get_the_expired_page(client, account):
    import json

    login(client, *account)
    store, session_id = client.app.stores.get("sessions"), client.cookies["trajectory_session"]
    data = json.loads(client.blocking_portal.call(store.get, session_id))
    client.blocking_portal.call(store.set, session_id, json.dumps({**data, "started": 0}).encode())
    response = client.get("/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert response.headers["HX-Redirect"] == "/session-expired"
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"


def test_disabled_employee_loses_the_session_at_the_next_request(client, account):
    from app.people.tables import Employee

    login(client, *account)
    assert client.get("/", follow_redirects=False).status_code == 200
    client.blocking_portal.call(lambda: Employee.update({Employee.active: False}, force=True).run())
    assert client.get("/", follow_redirects=False).status_code == 302


def test_security_headers_on_every_response(client):
    for path in ("/login", "/health", "/no-such-page"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_health_answers_json(client):
    assert client.get("/health").json() == {"status": "ok"}


def test_unknown_page_is_a_russian_404_page(client, account):
    login(client, *account)
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Страница не найдена" in response.text
