"""Domain parameters: the list for admins and coordinators, the edit form for whoever may change one.

A coordinator may change only the parameters marked ``coordinator_editable``; others answer 403.
A stale form (someone saved in between) raises ``StaleVersion`` -> 409 by the one error path.
"""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from app.admin.common import acting_user, page
from app.admin.filters import parse_int
from app.auth.access import require_roles
from app.parameters import service
from app.parameters.registry import ParameterInvalid, display, serialise
from app.web.client import client_address
from app.web.forms import FormErrors, read_form


async def _editable(request: Request, key: str) -> service.Current:
    found = await service.current(key) if len(key) <= 100 else None
    if found is None:
        raise NotFoundException("Такого параметра нет.")
    if not service.may_edit(acting_user(request), found.definition):
        raise PermissionDeniedException("Этот параметр может изменить только администратор.")
    return found


class ParametersController(Controller):
    path = "/admin/parameters"
    guards = [require_roles("admin", "coordinator")]

    @get("")
    async def list_page(self, request: Request) -> Template:
        user = acting_user(request)
        items = [
            {
                "current": c,
                "shown": display(c.definition, c.value),
                "may_edit": service.may_edit(user, c.definition),
                "default": display(c.definition, c.definition.default),
            }
            for c in await service.all_current()
        ]
        saved = request.query_params.get("saved", "")
        return page(request, "admin/parameters.html", {"items": items, "saved": saved})

    @get("/{key:str}")
    async def edit_page(self, request: Request, key: FromPath[str]) -> Template:
        found = await _editable(request, key)
        return page(
            request,
            "admin/parameter.html",
            {
                "current": found,
                "errors": {},
                "version": found.version,
                "value": serialise(found.definition, found.value),
            },
        )

    @post("/{key:str}")
    async def save(self, request: Request, key: FromPath[str]) -> Template | Redirect:
        found = await _editable(request, key)
        values = await read_form(request)
        errors = FormErrors()
        version = parse_int(errors, values, "version", "Версия")
        raw = values.get("value", "")
        if not errors:
            try:
                await service.update(key, raw, version, acting_user(request), client_address(request))
            except ParameterInvalid as invalid:
                errors["value"] = str(invalid)
            else:
                return Redirect(f"/admin/parameters?saved={key}")
        context = {
            "current": found,
            "errors": errors,
            "version": values.get("version", "")[:12],
            "value": raw[:1000],
        }
        return page(request, "admin/parameter.html", context, status_code=422)
