"""Pages of the plan side of acts: a department's plan-schedule (Gantt, table, Excel), the stage catalogue,
and the personal iCalendar feed with its token.

Thin routes: check who may see which department (a head only their own — another department is 404 so
its existence is not disclosed; coordinators and leadership any), call ``plans`` / ``catalogue_store`` /
``ical``, render. The feed URL is public: the secret token is its only credential.
"""

from __future__ import annotations

import io
import json
from typing import Annotated
from urllib.parse import quote

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import Parameter
from litestar.response import Redirect, Template

from app.acts import catalogue_store, ical, plans
from app.acts import reminders as _reminders  # noqa: F401  (defines the reminder lead-time parameter)
from app.acts.gantt import STATUS_COLOURS, gantt_figure
from app.acts.stages import DayUnit, Stage
from app.auth.access import require_roles
from app.people.tables import Department
from app.web.client import client_address
from app.web.forms import read_form
from app.web.params import MAX_SERIAL
from app.web.templating import render

PLAN_ROLES = ("head", "coordinator", "leadership")
WIDE_ROLES = ("coordinator", "leadership")
FeedName = Annotated[str, Parameter(max_length=200)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _departments() -> list[dict]:
    return await Department.select(Department.id, Department.name).where(Department.parent.is_null()).order_by(
        Department.name)


async def _chosen_department(request: Request) -> tuple[dict, list[dict]]:
    """The department whose plan the user asked for and may see, and the choice offered to them."""
    user = request.user
    departments = await _departments()
    by_id = {d["id"]: d for d in departments}
    raw = (request.query_params.get("department") or "").strip()
    if raw:
        if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= MAX_SERIAL:
            raise NotFoundException("Не найдено")
        wanted = int(raw)
    elif user.department_id in by_id or not user.has_role(*WIDE_ROLES):
        wanted = user.department_id
    else:
        wanted = departments[0]["id"] if departments else None
    if wanted not in by_id or (not user.has_role(*WIDE_ROLES) and wanted != user.department_id):
        raise NotFoundException("Не найдено")
    return by_id[wanted], (departments if user.has_role(*WIDE_ROLES) else [by_id[wanted]])


def _table(acts) -> list[dict]:
    return [{"id": row["id"], "number": row["number"], "title": row["title"], "executor": row["executor_name"] or "—",
             "stage": Stage(row["stage"]).label, "suspended": row["status"] == "suspended",
             "status": plan.status, "deadline": plan.stage_deadline, "target": row["target_date"],
             "optimistic": plan.optimistic.end, "expected": plan.expected.end, "pessimistic": plan.pessimistic.end}
            for row, plan in acts]


def _figure_json(figure: dict) -> str:
    """JSON safe inside <script type="application/json">: no "</" can close the element."""
    return json.dumps(figure, ensure_ascii=False, default=str).replace("<", "\\u003c")


class ActsPlanController(Controller):
    path = "/acts"

    @get("/plan", name="acts_plan", guards=[require_roles(*PLAN_ROLES)])
    async def plan_page(self, request: Request) -> Template:
        department, departments = await _chosen_department(request)
        acts = await plans.department_plans(department["id"])
        today = plans.today()
        counts = {status: sum(1 for _, p in acts if p.status is status) for status in STATUS_COLOURS}
        context = {"department": department, "departments": departments, "rows": _table(acts), "today": today,
                   "figure_json": _figure_json(gantt_figure(acts, today)) if acts else "", "counts": counts,
                   "colours": STATUS_COLOURS,
                   "warnings": sorted({w for _, p in acts for w in p.warnings})}
        return render(request, "acts/plan.html", context)

    @get("/plan.xlsx", name="acts_plan_xlsx", guards=[require_roles(*PLAN_ROLES)])
    async def plan_excel(self, request: Request) -> Response:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        department, _ = await _chosen_department(request)
        rows = _table(await plans.department_plans(department["id"]))
        book = Workbook()
        sheet = book.active
        sheet.title = "План-график"
        sheet.append([f"План-график проектов НПА: {department['name']}"])
        sheet["A1"].font = Font(bold=True, size=13)
        header = ["Номер", "Название", "Исполнитель", "Этап", "Статус", "Срок этапа", "Целевой срок",
                  "Оптимистичный", "Ожидаемый", "Пессимистичный"]
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for r in rows:
            sheet.append([r["number"], r["title"], r["executor"], r["stage"] + (" (приостановлен)" if r["suspended"] else ""),
                          r["status"].label, r["deadline"], r["target"], r["optimistic"], r["expected"],
                          r["pessimistic"]])
        for row in sheet.iter_rows(min_row=3, min_col=6, max_col=10):
            for cell in row:
                cell.number_format = "DD.MM.YYYY"
        for column, width in zip("ABCDEFGHIJ", (16, 60, 32, 28, 18, 13, 13, 15, 13, 16)):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A3"
        out = io.BytesIO()
        book.save(out)
        name = f"План-график {department['name']}.xlsx"
        return Response(out.getvalue(), media_type=XLSX, headers={
            "Content-Disposition": f"attachment; filename=\"plan.xlsx\"; filename*=UTF-8''{quote(name)}"})

    # --- the stage catalogue -------------------------------------------------------------------------------

    async def _catalogue_page(self, request: Request, edited=None, errors=None, note: str = "",
                              status_code: int = 200) -> Template:
        number, catalogue = await catalogue_store.current()
        context = {"number": number, "catalogue": edited or catalogue, "stages": list(Stage), "units": list(DayUnit),
                   "versions": await catalogue_store.versions(), "errors": errors or {}, "note": note,
                   "may_edit": request.user.has_role("coordinator"),
                   "saved": request.query_params.get("saved", "")[:10]}
        return render(request, "acts/catalogue.html", context, status_code=status_code)

    @get("/catalogue", name="acts_catalogue", guards=[require_roles("coordinator", "admin")])
    async def catalogue_page(self, request: Request) -> Template:
        return await self._catalogue_page(request)

    @post("/catalogue", guards=[require_roles("coordinator")])
    async def save_catalogue(self, request: Request) -> Template | Redirect:
        values = await read_form(request)
        _number, catalogue = await catalogue_store.current()
        edited, errors = catalogue_store.edit_from_form(catalogue, values)
        note = values.get("note", "").strip()
        based_on = values.get("based_on", "").strip()
        if not based_on.isascii() or not based_on.isdigit() or len(based_on) > 9:
            errors["version"] = "Обновите страницу: не указана версия каталога, которую вы изменяли."
        if not errors:
            try:
                saved = await catalogue_store.save(edited, note, int(based_on), request.user, client_address(request))
            except catalogue_store.CatalogueRefused as refused:
                errors = refused.problems
            else:
                plans.forget_statistics()
                await plans.recompute_all()
                return Redirect(f"/acts/catalogue?saved={saved}", status_code=303)
        return await self._catalogue_page(request, edited, errors, note[:500], status_code=422)

    # --- the personal iCalendar feed ----------------------------------------------------------------------

    async def _calendar_page(self, request: Request, token: str = "") -> Template:
        settings = request.app.state.settings
        url = f"{settings.base_url.rstrip('/')}/acts/calendar/{token}.ics" if token else ""
        context = {"active": await ical.active_token(request.user.id), "feed_url": url}
        return render(request, "acts/plan_calendar.html", context)

    @get("/calendar", name="acts_calendar")
    async def calendar_page(self, request: Request) -> Template:
        return await self._calendar_page(request)

    @post("/calendar/token")
    async def create_calendar_token(self, request: Request) -> Template:
        token = await ical.create_token(request.user, client_address(request))
        return await self._calendar_page(request, token)

    @post("/calendar/revoke")
    async def revoke_calendar_token(self, request: Request) -> Redirect:
        await ical.revoke_tokens(request.user, client_address(request))
        return Redirect("/acts/calendar", status_code=303)

    @get("/calendar/{filename:str}", opt={"public": True}, include_in_schema=False)
    async def calendar_feed(self, request: Request, filename: FeedName) -> Response:
        if not filename.endswith(".ics"):
            raise NotFoundException("Не найдено")
        employee = await ical.employee_for_token(filename.removesuffix(".ics"))
        if employee is None:
            raise NotFoundException("Не найдено")
        body = await ical.feed(employee, request.app.state.settings.base_url)
        return Response(body, media_type="text/calendar; charset=utf-8", headers={
            "Content-Disposition": 'inline; filename="trajectory.ics"', "Cache-Control": "no-store"})
