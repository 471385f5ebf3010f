"""HTTP clients against the real application (real database, real slapd where asked for)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from litestar.testing import TestClient

from tests.conftest import make_settings


@pytest.fixture
def app_client() -> Iterator[Callable[..., TestClient]]:
    """``app_client(**env)`` -> a started TestClient for an app built with those extra variables.

    Piccolo's engine (and its PostgreSQL pool) is global, so one app runs at a time: asking for a new
    client stops the previous one.
    """
    from app.main import create_app

    stack = ExitStack()

    def factory(**env: str) -> TestClient:
        stack.close()
        client = TestClient(create_app(make_settings(**env)), base_url="http://testserver.local")
        return stack.enter_context(client)

    yield factory
    stack.close()


@pytest.fixture
def client(app_client) -> TestClient:
    return app_client()


@pytest.fixture
def ldap_client(app_client, slapd) -> TestClient:
    return app_client(**slapd.env())
