"""Sign-in throttling per (user name, address), equal work for unknown users, proxies, /ready, OpenAPI."""

from __future__ import annotations

import httpx
import pytest
from argon2 import PasswordHasher
from ldap3 import Connection
from sample_directory import PASSWORD, free_port

from tests.conftest import login
from tests.servers import start, stop, trajectory


def fail(client, username: str, times: int, **headers) -> list[int]:
    return [login_with(client, username, "wrong-password", headers).status_code for _ in range(times)]


def login_with(client, username, password, headers):
    token = client.cookies.get("trajectory_csrf") or (client.get("/login") and client.cookies["trajectory_csrf"])
    return client.post("/login", data={"username": username, "password": password, "_csrf_token": token},
                       headers=headers, follow_redirects=False)


def test_five_failures_lock_the_pair_even_for_the_right_password(ldap_client):
    assert fail(ldap_client, "ivanov", 5) == [401] * 5
    locked = login(ldap_client, "ivanov", PASSWORD)
    assert locked.status_code == 429
    assert "Слишком много неудачных попыток" in locked.text and "15 минут" in locked.text
    assert "trajectory_session" not in locked.cookies


def test_lock_is_per_pair_not_per_user_name_behind_a_trusted_proxy(slapd, fresh_database_url):
    """Served by uvicorn as behind nginx: the peer is 127.0.0.1, the client address comes from the proxy."""
    assert trajectory("migrate", database_url=fresh_database_url).returncode == 0
    process, base = start("serve", database_url=fresh_database_url, TRAJECTORY_TRUSTED_PROXIES="127.0.0.1",
                          **slapd.env())
    try:
        with httpx.Client(base_url=base) as attacker_browser:
            attacker = {"X-Forwarded-For": "203.0.113.66"}
            assert fail(attacker_browser, "petrova", 5, **attacker) == [401] * 5
            assert login_with(attacker_browser, "petrova", PASSWORD, attacker).status_code == 429
        with httpx.Client(base_url=base) as minister_browser:
            minister = {"X-Forwarded-For": "198.51.100.10"}
            assert login_with(minister_browser, "petrova", PASSWORD, minister).status_code == 302
    finally:
        stop(process)


def test_user_name_case_does_not_escape_the_lock(ldap_client):
    fail(ldap_client, "ivanov", 3)
    fail(ldap_client, "IVANOV", 2)
    assert login(ldap_client, "Ivanov", PASSWORD).status_code == 429


def test_success_resets_the_count(ldap_client):
    fail(ldap_client, "smirnova", 4)
    assert login(ldap_client, "smirnova", PASSWORD).status_code == 302
    ldap_client.cookies.delete("trajectory_session")
    assert fail(ldap_client, "smirnova", 4) == [401] * 4


class Counter:
    def __init__(self, monkeypatch):
        self.binds = 0
        self.hashes = 0
        original_bind, original_verify = Connection.bind, PasswordHasher.verify

        def bind(conn, *args, **kwargs):
            self.binds += 1
            return original_bind(conn, *args, **kwargs)

        def verify(hasher, *args, **kwargs):
            self.hashes += 1
            return original_verify(hasher, *args, **kwargs)

        monkeypatch.setattr(Connection, "bind", bind)
        monkeypatch.setattr(PasswordHasher, "verify", verify)

    def take(self) -> tuple[int, int]:
        result = (self.binds, self.hashes)
        self.binds = self.hashes = 0
        return result


def test_unknown_and_existing_users_cost_the_same_operations(ldap_client, monkeypatch):
    ldap_client.get("/login")
    counter = Counter(monkeypatch)
    counter.take()
    assert login(ldap_client, "ivanov", "wrong-password").status_code == 401
    existing = counter.take()
    assert login(ldap_client, "no-such-person", "wrong-password").status_code == 401
    unknown = counter.take()
    assert login(ldap_client, "twin", "wrong-password").status_code == 401
    ambiguous = counter.take()
    assert existing == unknown == ambiguous
    assert existing[0] >= 2 and existing[1] == 1  # service bind + user (or dummy) bind; one hash check


def test_forwarded_header_from_an_untrusted_peer_is_ignored(ldap_client):
    fail(ldap_client, "volkova", 5, **{"X-Forwarded-For": "203.0.113.1"})
    # Without a trusted proxy the claimed address changes nothing: the pair is (volkova, real peer).
    assert login_with(ldap_client, "volkova", PASSWORD, {"X-Forwarded-For": "198.51.100.2"}).status_code == 429


def test_ready_reports_database_and_directory(app_client, slapd):
    client = app_client(**slapd.env())
    body = client.get("/ready").json()
    assert body == {"status": "ready", "database": "ok", "directory": "up"}
    down = app_client(**(slapd.env() | {"TRAJECTORY_LDAP_URL": f"ldap://127.0.0.1:{free_port()}"}))
    response = down.get("/ready")
    assert response.status_code == 200
    assert response.json()["directory"] == "down"


def test_openapi_schema_is_json_only(client):
    from app.auth.service import create_local_account

    client.blocking_portal.call(lambda: create_local_account("reader", "reader-password-1", "Читатель", set()))
    login(client, "reader", "reader-password-1")
    schema = client.get("/schema/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Траектория API"
    for html_ui in ("/schema/swagger", "/schema/redoc", "/schema/elements", "/schema/rapidoc"):
        assert client.get(html_ui, follow_redirects=False).status_code == 404
    assert "html" not in client.get("/schema").headers["content-type"]


@pytest.mark.parametrize("path", ["/", "/schema/openapi.json"])
def test_signed_out_requests_are_sent_to_sign_in(client, path):
    assert client.get(path, follow_redirects=False).status_code == 302
