"""The list of acts a user may see, with search by title (Russian word forms, ё = е) and filters.

Visibility is the policy of ``app.acts.access`` written as a query: coordinators and leadership see every
act; anyone else sees acts where they (or a principal they stand in for) are the executor or a follower,
heads see acts of their department and its divisions and acts their department approves, and members of a
department see acts it was consulted on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from app.acts.actor import Actor
from app.acts.stages import KIND_LABELS, STAGE_LABELS, ActKind, Stage
from app.acts.tables import Act, ActApprover, ActConsultation, ActFollower
from app.people.search import like_patterns
from app.people.tables import Department
from app.web.forms import FormErrors
from app.web.paging import ResultPage

PAGE_SIZE = 25
STATUS_LABELS = {"active": "в работе", "suspended": "приостановлен", "withdrawn": "снят с работы",
                 "completed": "завершён"}
PLAN_LABELS = {"on_track": "в графике", "at_risk": "под угрозой", "off_track": "отстаёт", "overdue": "просрочен"}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    number: str = ""
    stage: str = ""
    kind: str = ""
    department: int | None = None
    status: str = ""
    plan: str = ""
    page: int = 1

    def query_string(self, page: int | None = None) -> str:
        params = {"q": self.q, "number": self.number, "stage": self.stage, "kind": self.kind,
                  "department": self.department or "", "status": self.status, "plan": self.plan,
                  "page": page or self.page}
        return urlencode({k: v for k, v in params.items() if v not in ("", None, 1)})


def _choice(errors: FormErrors, values: dict[str, str], name: str, label: str, allowed) -> str:
    value = errors.text(values, name, label, required=False, max_length=40)
    if value and value not in allowed:
        errors[name] = f"Выберите значение поля «{label}» из списка."
        return ""
    return value


def read_filters(values: dict[str, str], department_ids: set[int]) -> tuple[Filters, FormErrors]:
    errors = FormErrors()
    q = errors.text(values, "q", "Название", required=False, max_length=100)
    number = errors.text(values, "number", "Номер", required=False, max_length=40)
    stage = _choice(errors, values, "stage", "Этап", {s.value for s in Stage})
    kind = _choice(errors, values, "kind", "Вид", {k.value for k in ActKind})
    status = _choice(errors, values, "status", "Состояние", STATUS_LABELS)
    plan = _choice(errors, values, "plan", "Статус плана", PLAN_LABELS)
    department = errors.choice_id(values, "department", "Департамент", department_ids)
    page = errors.page_number(values)
    return Filters(q, number, stage, kind, department, status, plan, page), errors


async def _ids(table, column, condition) -> list[int]:
    return sorted({r[column._meta.name] for r in await table.select(column).where(condition)})


async def visibility(actor: Actor):
    """A WHERE condition selecting the acts the actor may see, or None when they see every act."""
    if any(p.roles & {"coordinator", "leadership"} for p in actor.people):
        return None
    ids = actor.ids
    condition = Act.executor.is_in(ids)
    followed = await _ids(ActFollower, ActFollower.act, ActFollower.employee.is_in(ids))
    members = sorted({p.department_id for p in actor.people if p.department_id})
    heads = sorted({p.department_id for p in actor.people if p.department_id and "head" in p.roles})
    if heads:
        divisions = await _ids(Department, Department.id, Department.parent.is_in(heads))
        condition |= Act.department.is_in(heads + divisions)
        followed += await _ids(ActApprover, ActApprover.act, ActApprover.department.is_in(heads))
    if members:
        followed += await _ids(ActConsultation, ActConsultation.act, ActConsultation.department.is_in(members))
    if followed:
        condition |= Act.id.is_in(sorted(set(followed)))
    return condition


def columns():
    return (Act.id, Act.number, Act.title, Act.kind, Act.stage, Act.status, Act.target_date, Act.stage_deadline,
            Act.plan_status, Act.expected_end, Act.department, Act.department.name.as_alias("department_name"),
            Act.executor, Act.executor.full_name.as_alias("executor_name"), Act.version)


def decorate(row: dict) -> dict:
    """Russian labels next to the stored codes, for templates, exports and the API."""
    return {**row, "kind_label": KIND_LABELS.get(row["kind"], row["kind"]),
            "stage_label": STAGE_LABELS.get(row["stage"], row["stage"]),
            "status_label": STATUS_LABELS.get(row["status"], row["status"]),
            "plan_label": PLAN_LABELS.get(row["plan_status"], row["plan_status"])}


async def search(actor: Actor, filters: Filters, page_size: int = PAGE_SIZE, everything: bool = False) -> ResultPage:
    condition = await visibility(actor)
    parts = [Act.search_title.like(p) for p in like_patterns(filters.q)]
    if filters.number:
        parts.append(Act.number.like(f"%{filters.number.upper().replace('%', '').replace('_', '')}%"))
    if filters.stage:
        parts.append(Act.stage == filters.stage)
    if filters.kind:
        parts.append(Act.kind == filters.kind)
    if filters.department:
        parts.append(Act.department == filters.department)
    if filters.status:
        parts.append(Act.status == filters.status)
    if filters.plan:
        parts.append(Act.plan_status == filters.plan)
    for part in parts:
        condition = part if condition is None else condition & part
    count = Act.count()
    query = Act.select(*columns())
    if condition is not None:
        count, query = count.where(condition), query.where(condition)
    total = await count
    size = max(total, 1) if everything else page_size
    pages = max(1, math.ceil(total / size))
    page = min(filters.page, pages)
    rows = await query.order_by(Act.year, ascending=False).order_by(Act.id, ascending=False).limit(size).offset(
        (page - 1) * size)
    return ResultPage([decorate(r) for r in rows], total, page, pages, size)
