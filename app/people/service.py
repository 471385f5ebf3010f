"""The staff directory: search with filters and paging, and a person's card.

Everyone signed in sees active colleagues (it is the staff directory); people who have left are
visible only to heads, HR and admins, and answer 404 to everyone else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app import db
from app.auth.roles import CurrentUser
from app.people.search import like_patterns, search_column
from app.people.tables import Department, Employee
from app.web.forms import FormErrors
from app.web.paging import ResultPage

PAGE_SIZE = 25
SEES_LEAVERS = ("head", "hr", "admin")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    department: int | None = None
    position: str = ""
    page: int = 1

    def query_string(self, page: int | None = None) -> str:
        from urllib.parse import urlencode

        params = {"q": self.q, "department": self.department or "", "position": self.position,
                  "page": page or self.page}
        return urlencode({k: v for k, v in params.items() if v not in ("", None, 1)})


def may_see_person(user: CurrentUser, row: dict) -> bool:
    return bool(row["active"]) or user.has_role(*SEES_LEAVERS)


async def departments() -> list[dict]:
    return await Department.select(Department.id, Department.name).where(Department.parent.is_null()).order_by(
        Department.name)


async def positions() -> list[str]:
    rows = await Employee.select(Employee.position).where(Employee.active.eq(True) & (Employee.position != "")
                                                          ).distinct().order_by(Employee.position)
    return [r["position"] for r in rows]


def read_filters(values: dict[str, str], department_ids: set[int], known_positions: list[str]) -> tuple[Filters, FormErrors]:
    """Check the search form; a bad value is a Russian message on its field."""
    errors = FormErrors()
    q = errors.text(values, "q", "ФИО", required=False, max_length=100)
    department = errors.choice_id(values, "department", "Департамент", department_ids)
    position = errors.text(values, "position", "Должность", required=False, max_length=300)
    page = errors.page_number(values)
    if position and position not in known_positions:
        errors["position"] = "Выберите должность из списка."
        position = ""
    return Filters(q=q, department=department, position=position, page=page), errors


async def ensure_search_names() -> None:
    """Fill the search column of rows that predate it (created before the migration); normally a no-op."""
    missing = await Employee.select(Employee.id, Employee.full_name).where(Employee.search_name == "")
    if not missing:
        return
    async with db.write_transaction():
        for row in missing:
            await Employee.update({Employee.search_name: search_column(row["full_name"])}).where(
                Employee.id == row["id"])


async def search(filters: Filters) -> ResultPage:
    condition = Employee.active.eq(True)
    for pattern in like_patterns(filters.q):
        condition &= Employee.search_name.like(pattern)
    if filters.department:
        condition &= Employee.department == filters.department
    if filters.position:
        condition &= Employee.position == filters.position
    total = await Employee.count().where(condition)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    rows = await Employee.select(
        Employee.id, Employee.full_name, Employee.position, Employee.email,
        Employee.department.name.as_alias("department_name"), Employee.division.name.as_alias("division_name"),
    ).where(condition).order_by(Employee.full_name).order_by(Employee.id).limit(PAGE_SIZE).offset(
        (page - 1) * PAGE_SIZE)
    return ResultPage(rows=rows, total=total, page=page, pages=pages, size=PAGE_SIZE)


async def card(employee_id: int) -> dict | None:
    return await Employee.select(
        Employee.id, Employee.full_name, Employee.position, Employee.email, Employee.active, Employee.ldap_uid,
        Employee.deactivated_at, Employee.department, Employee.department.name.as_alias("department_name"),
        Employee.division.name.as_alias("division_name"), Employee.manager,
        Employee.manager.full_name.as_alias("manager_name"), Employee.manager.active.as_alias("manager_active"),
    ).where(Employee.id == employee_id).first()


async def colleagues_for_choice(exclude_id: int) -> list[dict]:
    """Active people to choose a deputy from, grouped by department in the template."""
    return await Employee.select(
        Employee.id, Employee.full_name, Employee.position, Employee.department,
        Employee.department.name.as_alias("department_name"),
    ).where(Employee.active.eq(True) & (Employee.id != exclude_id)).order_by(
        Employee.department.name).order_by(Employee.full_name)


def group_by_department(rows: list[dict], own_department_id: int | None) -> list[tuple[str, list[dict]]]:
    """(department name, people) with the user's own department first; people without one last."""
    groups: dict[int | None, tuple[str, list[dict]]] = {}
    for row in rows:
        groups.setdefault(row["department"], (row["department_name"] or "Без департамента", []))[1].append(row)

    def order(key: int | None) -> tuple[int, str]:
        return (0 if key == own_department_id and key is not None else 2 if key is None else 1, groups[key][0])

    return [groups[key] for key in sorted(groups, key=order)]
