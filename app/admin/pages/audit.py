"""The audit trail for admins and coordinators (DOMAIN.md §7): filters, paging and the chain check."""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.response import Template

from app.admin import logs
from app.admin.common import page
from app.admin.filters import parse_date, parse_page, query_values, query_without_page
from app.admin.labels import ACTIONS, OBJECT_TYPES
from app.audit.service import verify_chain
from app.auth.access import require_roles
from app.web.forms import FormErrors


class AuditController(Controller):
    path = "/admin/audit"
    guards = [require_roles("admin", "coordinator")]

    @get("")
    async def trail(self, request: Request) -> Template:
        values = query_values(request)
        errors = FormErrors()
        action = errors.text(values, "action", "Действие", required=False, max_length=100)
        object_type = errors.text(values, "object_type", "Тип объекта", required=False, max_length=100)
        actor = errors.text(values, "actor", "Кто", required=False, max_length=300)
        dates = logs.DateRange(
            parse_date(errors, values, "from", "С"), parse_date(errors, values, "to", "По")
        )
        number = parse_page(errors, values)
        actions, types = await logs.audit_choices()
        context = {
            "values": values,
            "errors": errors,
            "query": query_without_page(values),
            "actions": actions,
            "types": types,
            "action_labels": ACTIONS,
            "type_labels": OBJECT_TYPES,
        }
        if errors:
            return page(request, "admin/audit.html", {**context, "log": None}, status_code=422)
        log = await logs.audit_records(action, object_type, actor, dates, number)
        return page(request, "admin/audit.html", {**context, "log": log})

    @get("/verify")
    async def verify(self, request: Request) -> Template:
        """Walks the whole chain; an htmx click gets the result in place, a plain request a page."""
        broken = await verify_chain()
        return page(
            request, "admin/audit_verify.html", {"broken": broken}, fragment="admin/_verify_result.html"
        )
