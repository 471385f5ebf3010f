"""Pages of draft acts: the list with search and filters, registration, the act page, «Моя работа», exports.

Thin routes: read and check the input, call the service, render. Changes to one act are in
``routes_actions.py``.
"""

from __future__ import annotations

from urllib.parse import quote

from litestar import Controller, Request, Response, get, post
from litestar.response import Redirect, Template

from app.acts import export, listing, mywork, service, view  # open_work: leavers see held acts
from app.acts.actor import actor_for
from app.acts.forms import read_act
from app.acts.graph import edges_of
from app.acts.stages import KIND_LABELS, STAGE_LABELS, RiaDegree
from app.auth.access import require_roles
from app.web.client import client_address
from app.web.forms import read_form
from app.web.params import ObjectId
from app.web.templating import render

FILTER_FIELDS = ("q", "number", "stage", "kind", "department", "status", "plan", "page")
REGISTRARS = require_roles("coordinator", "head")


def xlsx(content: bytes, filename: str) -> Response:
    return Response(content, media_type=export.XLSX, headers={
        "content-disposition": f"attachment; filename=\"acts.xlsx\"; filename*=UTF-8''{quote(filename)}"})


def choices_context(departments: list[dict], employees: list[dict]) -> dict:
    return {"departments": departments, "employees": employees, "kinds": KIND_LABELS,
            "degrees": [(d.value, d.label) for d in RiaDegree]}


async def form_page(request: Request, template: str, values: dict, errors: dict, status_code: int = 200,
                    extra: dict | None = None) -> Template:
    departments, employees = await service.department_choices(), await service.employee_choices()
    context = {**choices_context(departments, employees), "values": values, "errors": errors, **(extra or {})}
    return render(request, template, context, status_code=status_code)


class ActsController(Controller):
    path = "/acts"

    async def _search(self, request: Request, everything: bool = False):
        departments = await service.department_choices()
        values = {name: request.query_params.get(name) or "" for name in FILTER_FIELDS}
        filters, errors = listing.read_filters(values, {d["id"] for d in departments})
        actor = await actor_for(request.user, client_address(request))
        return departments, values, filters, errors, await listing.search(actor, filters, everything=everything)

    @get("/", name="acts")
    async def list_page(self, request: Request) -> Template:
        departments, values, filters, errors, results = await self._search(request)
        context = {"filters": filters, "errors": errors, "results": results, "departments": departments,
                   "values": values, "stages": STAGE_LABELS, "kinds": KIND_LABELS,
                   "statuses": listing.STATUS_LABELS, "plans": listing.PLAN_LABELS}
        return render(request, "acts/list.html", context, fragment="acts/_results.html",
                      status_code=422 if errors else 200)

    @get("/export.xlsx")
    async def list_export(self, request: Request) -> Response:
        _departments, _values, _filters, _errors, results = await self._search(request, everything=True)
        return xlsx(export.act_list(results.rows), "Проекты НПА.xlsx")

    @get("/new", guards=[REGISTRARS])
    async def new_page(self, request: Request) -> Template:
        return await form_page(request, "acts/new.html", {}, {})

    @post("/new", guards=[REGISTRARS])
    async def register(self, request: Request) -> Template | Redirect:
        values = await read_form(request)
        departments, employees = await service.choice_ids()
        data, errors = read_act(values, departments, employees)
        if data is None:
            return await form_page(request, "acts/new.html", values, errors, 422)
        act_id = await service.register(await actor_for(request.user, client_address(request)), data)
        return Redirect(f"/acts/{act_id}", status_code=303)

    @get("/{act_id:int}", name="act")
    async def act_page(self, request: Request, act_id: ObjectId) -> Template:
        actor = await actor_for(request.user, client_address(request))
        return render(request, "acts/act.html", await act_context(actor, act_id))

    @get("/{act_id:int}/export.xlsx")
    async def act_export(self, request: Request, act_id: ObjectId) -> Response:
        page = await view.act_page(await actor_for(request.user, client_address(request)), act_id)
        return xlsx(export.act_card(page), f"{page['act']['number']}.xlsx")


async def act_context(actor, act_id: int, error: str = "") -> dict:
    page = await view.act_page(actor, act_id)
    departments = await service.department_choices()
    return {**page, "error": error, "stages": STAGE_LABELS, "departments": departments,
            "outcomes": {e.outcome for e in edges_of(page["state"].kind) if e.outcome}}


@get("/my-work", name="my_work")
async def my_work_page(request: Request) -> Template:
    actor = await actor_for(request.user, client_address(request))
    return render(request, "acts/my_work.html", {"items": await mywork.my_work(actor),
                                                  "deputy_for": [p.full_name for p in actor.people[1:]]})
