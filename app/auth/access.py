"""The one permission mechanism: role guards on routes and an object check inside services.

Objects a user may not see answer 404, not 403, so that their existence is not disclosed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, NotFoundException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from app.auth.roles import CurrentUser

T = TypeVar("T")


def current_user(connection: ASGIConnection) -> CurrentUser | None:
    return connection.scope.get("user")  # type: ignore[return-value]


def signed_in_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Applied to the whole application; handlers marked ``opt={"public": True}`` are open."""
    if handler.opt.get("public"):
        return
    if current_user(connection) is None:
        raise NotAuthorizedException("Войдите в систему")


def require_roles(*roles: str) -> Callable[[ASGIConnection, BaseRouteHandler], None]:
    """A guard that lets in users holding any of ``roles``."""

    def guard(connection: ASGIConnection, _handler: BaseRouteHandler) -> None:
        user = current_user(connection)
        if user is None:
            raise NotAuthorizedException("Войдите в систему")
        if not user.has_role(*roles):
            raise PermissionDeniedException("Недостаточно прав для этой страницы")

    return guard


def visible_or_404(obj: T | None, user: CurrentUser, may_see: Callable[[CurrentUser, T], bool]) -> T:
    """Return ``obj`` if it exists and ``may_see`` allows it, else raise 404."""
    if obj is None or not may_see(user, obj):
        raise NotFoundException("Не найдено")
    return obj
