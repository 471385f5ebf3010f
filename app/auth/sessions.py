"""Server-side sessions: a new id at every sign-in, idle and absolute time-outs, the user on each request.

Litestar's server-side backend keeps whatever session id the browser sends, which would let an
attacker plant an id before sign-in (session fixation). ``rotate_session`` marks the request so that
the backend below stores the signed-in session under a fresh id and drops the old one.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from litestar.connection import ASGIConnection
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.types import ASGIApp, Empty, Message, Receive, Scope, ScopeSession, Send

from app.auth.roles import CurrentUser, parse_roles
from app.people.tables import Employee
from app.settings import Settings

SESSION_STORE = "sessions"
_NEW_ID_KEY = "trajectory_new_session_id"
_EXPIRED_KEY = "trajectory_session_expired"


class RotatingSessionBackend(ServerSideSessionBackend):
    def get_session_id(self, connection: ASGIConnection) -> str:
        new_id = connection.scope.get("state", {}).get(_NEW_ID_KEY)
        return new_id or super().get_session_id(connection)

    async def store_in_message(self, scope_session: ScopeSession, message: Message, connection: ASGIConnection) -> None:
        """Anonymous visitors get no session at all; an emptied session is deleted with its cookie."""
        if not scope_session:
            if connection.cookies.get(self.config.key) in (None, "", "null"):
                return
            scope_session = Empty
        await super().store_in_message(scope_session, message, connection)


@dataclass
class SessionConfig(ServerSideSessionConfig):
    _backend_class = RotatingSessionBackend  # type: ignore[assignment]


def session_config(settings: Settings) -> SessionConfig:
    return SessionConfig(
        store=SESSION_STORE,
        key="trajectory_session",
        max_age=settings.session_absolute_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        renew_on_access=True,
    )


async def rotate_session(connection: ASGIConnection, data: dict[str, Any]) -> None:
    """Start a fresh session id holding ``data``; the id the browser sent is destroyed."""
    config: SessionConfig = connection.app.state.session_config  # set in create_app
    old_id = connection.cookies.get(config.key)
    if old_id:
        await config.get_store_from_app(connection.app).delete(old_id)
    connection.scope.setdefault("state", {})[_NEW_ID_KEY] = secrets.token_hex(config.session_id_bytes)
    connection.scope["session"] = data


def new_session_data(employee_id: int) -> dict[str, Any]:
    now = int(time.time())
    return {"employee_id": employee_id, "started": now, "seen": now}


def session_expired(connection: ASGIConnection) -> bool:
    return bool(connection.scope.get("state", {}).get(_EXPIRED_KEY))


async def load_user(employee_id: int) -> CurrentUser | None:
    row = (
        await Employee.select(
            Employee.id,
            Employee.full_name,
            Employee.position,
            Employee.email,
            Employee.department,
            Employee.department.name.as_alias("department_name"),
            Employee.division.name.as_alias("division_name"),
            Employee.roles,
            Employee.active,
            Employee.ldap_uid,
        )
        .where(Employee.id == employee_id)
        .first()
    )
    if row is None or not row["active"]:
        return None
    return CurrentUser(
        id=row["id"],
        full_name=row["full_name"],
        position=row["position"],
        email=row["email"],
        department_id=row["department"],
        department_name=row["department_name"] or "",
        division_name=row["division_name"] or "",
        roles=parse_roles(row["roles"]),
        login=row["ldap_uid"] or "",
    )


class CurrentUserMiddleware(ASGIMiddleware):
    """Puts the signed-in user (or None) in ``scope["user"]``; ends idle, too old or disabled sessions."""

    scopes = (ScopeType.HTTP,)
    exclude_path_pattern = ("^/static/", "^/health$")

    def __init__(self, settings: Settings) -> None:
        self.idle_seconds = settings.session_idle_minutes * 60
        self.absolute_seconds = settings.session_absolute_hours * 3600

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        session = scope.get("session") or {}
        user = None
        employee_id = session.get("employee_id") if isinstance(session, dict) else None
        if isinstance(employee_id, int):
            now = int(time.time())
            started, seen = session.get("started", 0), session.get("seen", 0)
            if now - seen > self.idle_seconds or now - started > self.absolute_seconds:
                scope.setdefault("state", {})[_EXPIRED_KEY] = True
            else:
                user = await load_user(employee_id)
            if user is None:
                scope["session"] = Empty
            else:
                session["seen"] = now
        scope["user"] = user  # type: ignore[typeddict-unknown-key]
        await next_app(scope, receive, send)

