"""The sign-in log: every attempt, newest first, filtered by user name, result and dates."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from app.admin import logs
from app.admin.common import page
from app.admin.filters import parse_choice, parse_date, parse_page, query_values, query_without_page
from app.auth.access import require_roles
from app.web.forms import FormErrors

RESULTS = {"": "Все", "yes": "Успешные", "no": "Неудачные"}


@get("/admin/sign-ins", guards=[require_roles("admin")])
async def sign_in_log(request: Request) -> Template:
    values = query_values(request)
    errors = FormErrors()
    username = errors.text(values, "username", "Имя пользователя", required=False, max_length=150)
    success = (
        parse_choice(errors, values, "success", "Результат", set(RESULTS)) if values.get("success") else ""
    )
    dates = logs.DateRange(parse_date(errors, values, "from", "С"), parse_date(errors, values, "to", "По"))
    number = parse_page(errors, values)
    context = {"values": values, "errors": errors, "results": RESULTS, "query": query_without_page(values)}
    if errors:
        return page(request, "admin/sign_ins.html", {**context, "log": None}, status_code=422)
    log = await logs.sign_ins(username, success, dates, number)
    return page(request, "admin/sign_ins.html", {**context, "log": log})
