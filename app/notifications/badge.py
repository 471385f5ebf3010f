"""The unread count for the header badge: one COUNT per page drawn, none for fragments and assets.

Jinja renders synchronously and cannot query the database, so the count is taken before the
handler runs and left in ``scope["state"]`` for ``templates/notifications/_badge.html``. htmx
fragments (which do not draw the header), static files and the API skip the query.
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from app.notifications.service import unread_count

STATE_KEY = "unread_notifications"


def _draws_header(scope: Scope) -> bool:
    if scope.get("user") is None:
        return False
    headers = dict(scope.get("headers") or [])
    return headers.get(b"hx-request") != b"true" or headers.get(b"hx-boosted") == b"true"


class UnreadCountMiddleware(ASGIMiddleware):
    """Must come after the middleware that sets ``scope["user"]``."""

    scopes = (ScopeType.HTTP,)
    exclude_path_pattern = ("^/static/", "^/health$", "^/ready$", "^/api/", "^/schema")

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if _draws_header(scope):
            scope.setdefault("state", {})[STATE_KEY] = await unread_count(scope["user"].id)  # type: ignore[typeddict-item]
        await next_app(scope, receive, send)
