"""The inbox and the e-mail settings page. Thin: parse, call the service, render.

Every handler is behind the application's sign-in guard; a user reaches only their own messages
(the service answers 404 for anyone else's id). Unsafe methods carry the CSRF token: forms in a
hidden field, htmx in the header set once on <body>.
"""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, get, post
from litestar.params import FromQuery, QueryParameter
from litestar.response import Redirect, Template

from app.auth.access import current_user
from app.notifications import kinds, service
from app.notifications.badge import STATE_KEY
from app.notifications.sources import discover
from app.web.client import client_address
from app.web.forms import FormErrors, read_form
from app.web.params import ObjectId
from app.web.templating import is_fragment_request, render

ON_VALUES = ("on", "1", "true", "yes")


def _kind_field(code: str) -> str:
    return f"email__{code}"


class NotificationsController(Controller):
    path = "/notifications"

    @get("/", name="notifications")
    async def inbox_page(
        self, request: Request, page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1
    ) -> Template:
        user = current_user(request)
        items, total = await service.inbox(user.id, page)
        pages = max(1, -(-total // service.INBOX_PAGE))
        unread = request.state.get(STATE_KEY, 0)
        return render(
            request,
            "notifications/inbox.html",
            {"items": items, "total": total, "page": page, "pages": pages, "unread": unread},
        )

    async def _after_change(self, request: Request, fragment: str, context: dict) -> Template | Redirect:
        """htmx gets the changed part plus the header badge (out of band); a plain form a redirect."""
        if not is_fragment_request(request):
            return Redirect("/notifications")
        context["badge_count"] = await service.unread_count(current_user(request).id)
        return render(request, fragment, context)

    @post("/{notification_id:int}/read", name="notification_read")
    async def mark_read(self, request: Request, notification_id: ObjectId) -> Template | Redirect:
        item = await service.mark_read(current_user(request), notification_id)
        return await self._after_change(request, "notifications/_marked.html", {"item": item})

    @post("/read-all", name="notifications_read_all")
    async def mark_all_read(self, request: Request) -> Template | Redirect:
        user = current_user(request)
        await service.mark_all_read(user)
        items, total = await service.inbox(user.id, 1)
        pages = max(1, -(-total // service.INBOX_PAGE))
        return await self._after_change(
            request,
            "notifications/_list_marked.html",
            {"items": items, "total": total, "page": 1, "pages": pages},
        )

    def _settings_context(self, request: Request, off: set[str], **extra) -> dict:
        settings = request.app.state.settings
        rows = [
            {"kind": k, "field": _kind_field(k.code), "email_on": k.code not in off}
            for k in kinds.all_kinds()
        ]
        return {"rows": rows, "mail_enabled": bool(settings.smtp_host), **extra}

    @get("/settings", name="notification_settings")
    async def settings_page(self, request: Request, saved: FromQuery[str] = "") -> Template:
        discover()
        off = await service.email_opt_outs(current_user(request).id)
        return render(
            request, "notifications/settings.html", self._settings_context(request, off, saved=saved == "1")
        )

    @post("/settings")
    async def save_settings(self, request: Request) -> Template | Redirect:
        discover()
        user = current_user(request)
        values = await read_form(request)
        errors = FormErrors()
        off: set[str] = set()
        for kind in kinds.all_kinds():
            name = _kind_field(kind.code)
            raw = errors.text(values, name, kind.label, required=False, max_length=10).lower()
            if name in errors:
                continue
            if raw and raw not in ON_VALUES:
                errors[name] = f"Поле «{kind.label}»: отметьте флажок или снимите его."
            elif not raw:
                off.add(kind.code)
        if errors:
            context = self._settings_context(request, off, errors=errors)
            return render(request, "notifications/settings.html", context, status_code=422)
        await service.save_email_opt_outs(user, off, client_address(request))
        return Redirect("/notifications/settings?saved=1")
