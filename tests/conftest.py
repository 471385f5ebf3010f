"""Test environment: a database of the suite's own (SQLite file or a fresh PostgreSQL database),
settings from environment variables, a real slapd, and HTTP clients against the real application.

The engine is chosen by TRAJECTORY_TEST_DB (``sqlite`` or ``postgres``) before the application is
imported, because Piccolo's engine is global; ops/test.sh runs the suite once per engine.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ops" / "ldap"))

ENGINE = os.environ.get("TRAJECTORY_TEST_DB", "sqlite")
ADMIN_URL = os.environ.get("TRAJECTORY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TMP = Path(tempfile.mkdtemp(prefix="trajectory-tests-"))
PG_DATABASE = f"trajectory_test_{os.getpid()}_{secrets.token_hex(3)}"


def _postgres_url(database: str) -> str:
    return urlparse(ADMIN_URL)._replace(path=f"/{database}").geturl()


async def _pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(ADMIN_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


if ENGINE == "postgres":
    asyncio.run(_pg_admin(f'CREATE DATABASE "{PG_DATABASE}"'))
    DATABASE_URL = _postgres_url(PG_DATABASE)
elif ENGINE == "sqlite":
    DATABASE_URL = f"sqlite:///{TMP / 'test.db'}"
else:  # pragma: no cover
    raise SystemExit(f"TRAJECTORY_TEST_DB: sqlite или postgres, получено {ENGINE!r}")

BASE_ENV = {
    "TRAJECTORY_DATABASE_URL": DATABASE_URL,
    "TRAJECTORY_SECRET_KEY": "test-secret-key-" + "x" * 40,
    "TRAJECTORY_DATA_DIR": str(TMP / "data"),
    "TRAJECTORY_DEMO": "false",
}
for _key in [k for k in os.environ if k.startswith("TRAJECTORY_") and k not in ("TRAJECTORY_TEST_DB", "TRAJECTORY_TEST_POSTGRES_URL")]:
    del os.environ[_key]
os.environ.update(BASE_ENV)
os.environ["PICCOLO_CONF"] = "app.piccolo_conf"


def pytest_configure(config: pytest.Config) -> None:
    from app import db

    asyncio.run(db.migrate())


def pytest_unconfigure(config: pytest.Config) -> None:
    if ENGINE == "postgres":
        run_async(_pg_admin, f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')


@pytest.fixture
def fresh_database_url() -> Iterator[str]:
    """An empty database of the suite's engine, dropped afterwards (for CLI and migration tests)."""
    if ENGINE == "postgres":
        name = f"{PG_DATABASE}_{secrets.token_hex(3)}"
        run_async(_pg_admin, f'CREATE DATABASE "{name}"')
        yield _postgres_url(name)
        run_async(_pg_admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield f"sqlite:///{tempfile.mkdtemp(dir=TMP)}/fresh.db"


def pytest_report_header(config: pytest.Config) -> str:
    return f"trajectory database: {ENGINE} ({DATABASE_URL})"


async def wipe_database() -> None:
    """Every test starts from empty tables: all tables of all apps, dependants first."""
    from piccolo.table import sort_table_classes

    from app.piccolo_conf import APP_REGISTRY

    tables = [t for config in APP_REGISTRY.app_configs.values() for t in config.table_classes]
    for table in reversed(sort_table_classes(tables)):
        await table.delete(force=True)


def run_async(coro_fn, *args):
    """Run a coroutine function to completion in a thread of its own.

    Playwright's sync API keeps an event loop running in the main thread, where asyncio.run() refuses to work.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro_fn(*args)).result()


@pytest.fixture(autouse=True)
def clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests that touch the database start from empty tables; pure unit tests skip the work."""
    if "unit" not in request.node.path.parts:
        run_async(wipe_database)
    yield


@pytest.fixture(scope="session")
def slapd() -> Iterator[object]:
    from sample_directory import SampleDirectory

    directory = SampleDirectory()
    directory.start()
    yield directory
    directory.stop()


def make_settings(**env: str):
    """Settings as the application would read them, with extra variables on top of the suite's."""
    from app.settings import Settings

    return Settings.from_env({**os.environ, **env})


CSRF_COOKIE = "trajectory_csrf"


def csrf_token(client) -> str:
    """Fetch a page so the CSRF cookie exists, and return its token."""
    if CSRF_COOKIE not in client.cookies:
        client.get("/login")
    return client.cookies[CSRF_COOKIE]


def login(client, username: str, password: str, next_path: str = "/"):
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"username": username, "password": password, "next": next_path, "_csrf_token": token},
        follow_redirects=False,
    )


def main_text(html: str) -> str:
    """The visible text of the <main> element, whitespace folded, for assertions on what users read."""
    match = re.search(r"<main[^>]*>(.*)</main>", html, re.S)
    body = match.group(1) if match else html
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())
