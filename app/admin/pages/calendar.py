"""Working-day calendar corrections by year, with the official holidays of that year for reference."""

from __future__ import annotations

import datetime as dt

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from app.admin.common import acting_user, page
from app.admin.filters import parse_choice, parse_date, query_values
from app.auth.access import require_roles
from app.calendar import service
from app.calendar.tables import KINDS
from app.calendar.workdays import official_holidays, official_working_weekends
from app.web.client import client_address
from app.web.forms import FormErrors, read_form
from app.web.params import ObjectId

MIN_YEAR, MAX_YEAR = 2000, 2100


async def _year_page(
    request: Request, year: int, errors: dict, values: dict, status_code: int = 200
) -> Template:
    context = {
        "year": year,
        "years": (year - 1, year + 1),
        "kinds": KINDS,
        "errors": errors,
        "values": values,
        "corrections": await service.corrections_of_year(year),
        "holidays": official_holidays(year),
        "working_weekends": sorted(official_working_weekends(year)),
    }
    return page(request, "admin/calendar.html", context, status_code=status_code)


class CalendarController(Controller):
    path = "/admin/calendar"
    guards = [require_roles("admin")]

    @get("")
    async def year_page(self, request: Request) -> Template:
        raw = query_values(request).get("year", "").strip()
        if not raw:
            return await _year_page(request, dt.date.today().year, {}, {})
        if not raw.isascii() or not raw.isdigit() or not MIN_YEAR <= int(raw[:5]) <= MAX_YEAR:
            errors = {"year": f"Год — число от {MIN_YEAR} до {MAX_YEAR}."}
            return await _year_page(request, dt.date.today().year, errors, {}, 422)
        return await _year_page(request, int(raw), {}, {})

    @post("")
    async def add(self, request: Request) -> Template | Redirect:
        values = await read_form(request)
        errors = FormErrors()
        day = parse_date(errors, values, "date", "Дата", required=True)
        if day and not MIN_YEAR <= day.year <= MAX_YEAR:
            errors["date"] = f"Дата должна быть между {MIN_YEAR} и {MAX_YEAR} годами."
        kind = parse_choice(errors, values, "kind", "Вид дня", set(KINDS))
        note = errors.text(values, "note", "Основание", required=False, max_length=300)
        if not errors:
            try:
                await service.add_correction(day, kind, note, acting_user(request), client_address(request))
            except service.CorrectionRefused as refused:
                errors["date"] = str(refused)
            else:
                return Redirect(f"/admin/calendar?year={day.year}")
        year = day.year if day and MIN_YEAR <= day.year <= MAX_YEAR else dt.date.today().year
        return await _year_page(request, year, errors, values, 422)

    @post("/{correction_id:int}/delete")
    async def remove(self, request: Request, correction_id: ObjectId) -> Redirect:
        values = await read_form(request)
        if not await service.remove_correction(
            correction_id, acting_user(request), client_address(request)
        ):
            raise NotFoundException("Поправка не найдена.")
        year = values.get("year", "")
        return Redirect(
            f"/admin/calendar?year={year}"
            if year.isascii() and year.isdigit() and len(year) == 4
            else "/admin/calendar"
        )
