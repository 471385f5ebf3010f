"""Every route of the application survives hostile input: random, oversized, NUL-containing,
invalid-UTF-8 and wrongly typed values in every form and API field.

Routes are enumerated from the application itself, so routes added by later issues are covered
without touching this file. Two properties hold for every request: the status is never 500, and a
refused request (4xx) writes no row (the sign-in log and the audit trail record refusals by design).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, login

LOG_TABLES = {"sign_in_attempt", "audit_record", "audit_head"}
NOT_FUZZED = {"/logout"}  # ends the session the fuzzer works in; covered by tests/integration/test_sessions.py
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
FUZZ_SETTINGS = settings(max_examples=12, deadline=None, derandomize=True,
                         suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                HealthCheck.data_too_large])


def template_field_names() -> list[str]:
    names: set[str] = set()
    for path in (ROOT / "templates").rglob("*.html"):
        names.update(re.findall(r'name="([A-Za-z_][\w\-\[\]]*)"', path.read_text()))
    return sorted(names - {"_csrf_token"}) or ["name"]


FIELD_NAMES = template_field_names()
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(min_size=3000, max_size=12000),
    st.builds(lambda a, b: f"{a}\x00{b}", st.text(max_size=10), st.text(max_size=10)),
    st.sampled_from(["-1", "0", "99999999999999999999", "1e309", "NaN", "2026-02-30", "31.12.2026",
                     "<script>alert(1)</script>", "' OR 1=1 --", "*)(uid=*", "ё" * 300, " ", "true", "[]", "{}"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
form_body = st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=20)), hostile_text,
                            max_size=8)
path_value = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["0", "1", "2", "abc", "%00", "..%2f..", "ё", "9" * 30]),
)


def routes(app) -> list[tuple[str, str, list[str]]]:
    found = []
    for route in app.routes:
        if route.path.startswith(("/static", "/schema")) or route.path in NOT_FUZZED:
            continue
        for method in sorted(getattr(route, "methods", ())):
            if method not in ("OPTIONS", "HEAD"):
                found.append((method, route.path_format, list(route.path_parameters)))
    return found


def fill(path_format: str, params: list[str], values: list[str]) -> str:
    for name, value in zip(params, values):
        path_format = path_format.replace("{" + name + "}", value, 1)
    return path_format


async def row_counts() -> dict[str, int]:
    from app.piccolo_conf import APP_REGISTRY

    counts = {}
    for config in APP_REGISTRY.app_configs.values():
        for table in config.table_classes:
            name = table._meta.tablename
            if name not in LOG_TABLES:
                counts[name] = await table.count()
    return counts


@pytest.fixture
def all_roles_client(client):
    from app.auth.service import create_local_account
    from app.settings import ROLES

    client.blocking_portal.call(
        lambda: create_local_account("fuzzer", "fuzzer-password-123", "Проверка Ввода", set(ROLES))
    )
    assert login(client, "fuzzer", "fuzzer-password-123").status_code == 302
    return client


def send(client, method: str, path: str, body, raw: bytes | None):
    headers = {"x-csrftoken": client.cookies.get("trajectory_csrf", "")}
    if raw is not None:
        headers["content-type"] = "application/x-www-form-urlencoded"
        return client.request(method, path, content=raw, headers=headers, follow_redirects=False)
    if path.startswith("/api/"):
        return client.request(method, path, json=body, headers=headers, follow_redirects=False)
    if method in SAFE_METHODS:
        return client.request(method, path, params=body, headers=headers, follow_redirects=False)
    return client.request(method, path, data=body, headers=headers, follow_redirects=False)


def test_every_route_is_enumerated(all_roles_client):
    found = {(m, p) for m, p, _ in routes(all_roles_client.app)}
    assert ("POST", "/login") in found and ("GET", "/") in found


def test_hostile_input_never_gives_500_nor_a_partial_write(all_roles_client):
    client = all_roles_client
    failures: list[str] = []
    for method, path_format, params in routes(client.app):

        @FUZZ_SETTINGS
        @given(
            values=st.lists(path_value, min_size=len(params), max_size=len(params)),
            body=st.one_of(form_body, st.lists(hostile_text, max_size=3), st.integers()),
            raw=st.one_of(st.none(), st.sampled_from([b"\xff\xfe=\xc3\x28", b"name=%FF%FE%00", b"a=" + b"\x80" * 50,
                                                      b"=&&==", b"%"])),
        )
        def one(values, body, raw):
            path = fill(path_format, params, values)
            if not isinstance(body, dict) and not path.startswith("/api/"):
                body = {"value": str(body)}
            before = client.blocking_portal.call(row_counts) if method not in SAFE_METHODS else None
            response = send(client, method, path, body, raw)
            if response.status_code >= 500 and response.status_code != 503:
                failures.append(f"{method} {path} -> {response.status_code} (body={str(body)[:200]!r}, raw={raw!r})")
            if before is not None and 400 <= response.status_code < 500:
                after = client.blocking_portal.call(row_counts)
                if after != before:
                    changed = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
                    failures.append(f"{method} {path} -> {response.status_code} but wrote rows: {changed}")

        one()
    assert failures == [], "\n".join(failures[:20])


def test_sign_in_form_survives_hostile_input(client):
    @FUZZ_SETTINGS
    @given(body=form_body, username=hostile_text, password=hostile_text)
    def one(body, username, password):
        token = client.cookies.get("trajectory_csrf") or (client.get("/login") and client.cookies["trajectory_csrf"])
        response = client.post("/login", data={**body, "username": username, "password": password,
                                               "_csrf_token": token}, follow_redirects=False)
        assert response.status_code in (401, 403, 422, 429), response.status_code

    one()
