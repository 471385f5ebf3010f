"""Pages of the staff directory, "Мой заместитель" and the leavers of a head's department.

Thin routes: read and check the input, call ``service`` / ``deputies`` / ``leavers``, render.
"""

from __future__ import annotations

import datetime as dt

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from app.auth.access import require_roles, visible_or_404
from app.people import deputies, leavers, service
from app.web.formatting import MOSCOW
from app.web.forms import read_form
from app.web.params import ObjectId
from app.web.templating import render

SEARCH_FIELDS = ("q", "department", "position", "page")


def today() -> dt.date:
    return dt.datetime.now(MOSCOW).date()


class PeopleController(Controller):
    path = "/people"

    @get("/", name="people")
    async def directory(self, request: Request) -> Template:
        departments = await service.departments()
        positions = await service.positions()
        values = {name: request.query_params.get(name) or "" for name in SEARCH_FIELDS}
        filters, errors = service.read_filters(values, {d["id"] for d in departments}, positions)
        results = await service.search(filters)
        context = {"filters": filters, "errors": errors, "results": results, "departments": departments,
                   "positions": positions, "values": values}
        return render(request, "people/list.html", context, fragment="people/_results.html",
                      status_code=422 if errors else 200)

    @get("/{employee_id:int}", name="person")
    async def person(self, request: Request, employee_id: ObjectId) -> Template:
        row = visible_or_404(await service.card(employee_id), request.user, service.may_see_person)
        on = today()
        context = {"person": row, "deputy": await deputies.current_deputy(row["id"], on),
                   "acting_for": await deputies.acting_for_rows(row["id"], on)}
        return render(request, "people/card.html", context)

    async def _deputy_page(self, request: Request, errors=None, values=None, status_code: int = 200) -> Template:
        user, on = request.user, today()
        context = {
            "planned": await deputies.deputies_of(user.id, on),
            "acting_for": await deputies.acting_for_rows(user.id, on),
            "groups": service.group_by_department(await service.colleagues_for_choice(user.id), user.department_id),
            "errors": errors or {}, "values": values or {}, "today": on,
        }
        return render(request, "people/deputy.html", context, status_code=status_code)

    @get("/deputy", name="my_deputy")
    async def deputy_page(self, request: Request) -> Template:
        return await self._deputy_page(request)

    @post("/deputy")
    async def name_deputy(self, request: Request) -> Template | Redirect:
        values = await read_form(request)
        wanted, errors = await deputies.validate(values, request.user.id, today())
        if wanted is None:
            shown = {k: values.get(k, "")[:20] for k in ("deputy", "starts_on", "ends_on")}
            return await self._deputy_page(request, errors, shown, status_code=422)
        await deputies.name_deputy(request.user, wanted)
        return Redirect("/people/deputy", status_code=303)

    @post("/deputy/{deputy_row_id:int}/cancel")
    async def cancel_deputy(self, request: Request, deputy_row_id: ObjectId) -> Redirect:
        await deputies.cancel_deputy(request.user, deputy_row_id)
        return Redirect("/people/deputy", status_code=303)

    @get("/leavers", name="leavers", guards=[require_roles("head")])
    async def leavers_page(self, request: Request) -> Template:
        rows = await leavers.leavers_of(request.user.department_id)
        work = await leavers.open_work([r["id"] for r in rows])
        return render(request, "people/leavers.html", {"leavers": rows, "work": work, "single": False,
                                                       "sources": leavers.registered_sources()})

    @get("/leavers/{employee_id:int}", guards=[require_roles("head")])
    async def leaver_page(self, request: Request, employee_id: ObjectId) -> Template:
        row = visible_or_404(await leavers.leaver(employee_id), request.user, leavers.may_see_leaver)
        work = await leavers.open_work([row["id"]])
        return render(request, "people/leavers.html", {"leavers": [row], "work": work, "single": True,
                                                       "sources": leavers.registered_sources()})
