"""Query-string filters and paging for the admin lists: validated like forms, Russian messages, never a 500.

Dates are accepted as the browser's date input sends them (yyyy-mm-dd) or as people type them
(dd.mm.yyyy); a date range is a range of whole days in Moscow time.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from app.web.formatting import MOSCOW
from app.web.forms import FormErrors

PAGE_SIZE = 50
MAX_PAGE = 100_000


def parse_date(
    errors: FormErrors, values: dict[str, str], name: str, label: str, *, required: bool = False
) -> dt.date | None:
    raw = errors.text(values, name, label, required=required, max_length=20)
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        if not 1900 <= day.year <= 2200:
            break
        return day
    errors[name] = f"Поле «{label}»: введите дату в виде дд.мм.гггг."
    return None


def moscow_day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=MOSCOW)


def parse_page(errors: FormErrors, values: dict[str, str]) -> int:
    raw = values.get("page", "").strip() or "1"
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or not 1 <= int(raw) <= MAX_PAGE:
        errors["page"] = "Номер страницы — целое число от 1."
        return 1
    return int(raw)


def parse_int(errors: FormErrors, values: dict[str, str], name: str, label: str) -> int:
    """A required non-negative integer field (hidden ``version`` fields)."""
    raw = values.get(name, "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        errors[name] = f"Поле «{label}» должно быть целым числом. Обновите страницу и повторите."
        return 0
    return int(raw)


def parse_choice(errors: FormErrors, values: dict[str, str], name: str, label: str, allowed: set[str]) -> str:
    raw = values.get(name, "")
    if raw not in allowed:
        errors[name] = f"Поле «{label}»: выберите значение из списка."
        return ""
    return raw


@dataclass(frozen=True)
class Page:
    rows: list
    number: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PAGE_SIZE))

    @property
    def offset(self) -> int:
        return (self.number - 1) * PAGE_SIZE


def query_values(request) -> dict[str, str]:
    """The first value of each query parameter, as ``read_form`` gives for a form."""
    values: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        values.setdefault(key, value)
    return values


def query_without_page(values: dict[str, str]) -> str:
    """The current filters as a query string, for the paging links."""
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in values.items() if k != "page" and v})
