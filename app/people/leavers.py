"""Leavers: people disabled in the directory, and the open work their head must hand over.

Open work lives in feature packages (acts, approvals, proposal reviews...), which this package must not
import. Each feature registers a source at import time:

    register_open_work_source("Проекты актов", acts_open_for)   # async fn(employee_ids) -> list[OpenWorkItem]

The leavers page asks every source for the leavers of the head's department. A source that fails is
reported on the page (and logged) instead of breaking the whole page.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from app.auth.roles import CurrentUser
from app.people.tables import Employee

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenWorkItem:
    employee_id: int
    title: str
    url: str = ""
    detail: str = ""
    """A short line such as "этап: внутреннее согласование, срок 12.03.2026"."""


OpenWorkSource = Callable[[list[int]], Awaitable[list[OpenWorkItem]]]
_SOURCES: dict[str, OpenWorkSource] = {}


def register_open_work_source(name: str, source: OpenWorkSource) -> None:
    """Register (or replace) the source called ``name``; the name is shown on the page as a heading."""
    _SOURCES[name] = source


def unregister_open_work_source(name: str) -> None:
    _SOURCES.pop(name, None)


def registered_sources() -> list[str]:
    return list(_SOURCES)


@dataclass
class OpenWork:
    """Per employee: source name -> items; plus the sources that failed."""

    by_employee: dict[int, dict[str, list[OpenWorkItem]]]
    failed: list[str]


async def open_work(employee_ids: list[int]) -> OpenWork:
    result = OpenWork({employee_id: {} for employee_id in employee_ids}, [])
    if not employee_ids:
        return result
    for name, source in list(_SOURCES.items()):
        try:
            items = await source(list(employee_ids))
        except Exception:  # a feature's bug must not hide the other features' work from the head
            log.exception("open work source %r failed", name)
            result.failed.append(name)
            continue
        for item in items:
            if item.employee_id in result.by_employee:
                result.by_employee[item.employee_id].setdefault(name, []).append(item)
    return result


def may_see_leaver(user: CurrentUser, row: dict) -> bool:
    """A head sees the leavers of their own department only."""
    return user.has_role("head") and user.department_id is not None and row["department"] == user.department_id \
        and not row["active"]


LEAVER_COLUMNS = (
    Employee.id, Employee.full_name, Employee.position, Employee.email, Employee.department, Employee.active,
    Employee.division.name.as_alias("division_name"), Employee.deactivated_at,
)


async def leavers_of(department_id: int | None) -> list[dict]:
    if department_id is None:
        return []
    return await Employee.select(*LEAVER_COLUMNS).where(
        (Employee.department == department_id) & Employee.active.eq(False)
    ).order_by(Employee.full_name)


async def leaver(employee_id: int) -> dict | None:
    return await Employee.select(*LEAVER_COLUMNS).where(Employee.id == employee_id).first()
