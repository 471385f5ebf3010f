"""«Моя работа»: what waits for the signed-in user — and for the people they stand in for as a deputy.

Three kinds of item: acts they hold as executor (at drafting or revision, or any active act they execute),
approvals their department owes on the current text version (heads), and unanswered consultations sent
to their department. Sorted by urgency: overdue first, then the nearest deadline; items without a
deadline come last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.acts.actor import Actor, today
from app.acts.listing import decorate
from app.acts.tables import Act, ActApproval, ActApprover, ActConsultation
from app.web.formatting import MOSCOW


@dataclass(frozen=True)
class Item:
    kind: str
    """"executor", "approval" or "consultation"."""
    act: dict
    what: str
    deadline: dt.date | None
    for_whom: str = ""
    """The principal's name when the item waits for someone the user stands in for."""

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < today()


def _columns():
    return (Act.id, Act.number, Act.title, Act.kind, Act.stage, Act.status, Act.plan_status, Act.stage_deadline,
            Act.target_date, Act.text_version, Act.executor, Act.department.name.as_alias("department_name"))


async def my_work(actor: Actor) -> list[Item]:
    items: list[Item] = []
    names = {p.id: p.full_name for p in actor.people}
    for row in await Act.select(*_columns()).where(Act.executor.is_in(actor.ids) & (Act.status == "active")):
        act = decorate(row)
        whom = names[row["executor"]] if row["executor"] != actor.user.id else ""
        items.append(Item("executor", act, f"Исполнитель: этап «{act['stage_label']}»",
                          row["stage_deadline"] or row["target_date"], whom))
    heads = {p.department_id: p for p in actor.people if "head" in p.roles and p.department_id}
    if heads:
        owed = await ActApprover.select(ActApprover.act, ActApprover.department,
                                        ActApprover.department.name.as_alias("name")).where(
            ActApprover.department.is_in(sorted(heads)))
        acts = {r["id"]: r for r in await Act.select(*_columns()).where(
            Act.id.is_in(sorted({o["act"] for o in owed}) or [0]) & (Act.stage == "internal_approval")
            & (Act.status == "active"))}
        for o in owed:
            row = acts.get(o["act"])
            if row is None or row["text_version"] == 0:
                continue
            if await ActApproval.exists().where((ActApproval.act == o["act"]) & (ActApproval.department == o["department"])
                                                & (ActApproval.text_version == row["text_version"])):
                continue
            person = heads[o["department"]]
            items.append(Item("approval", decorate(row), f"Согласование от «{o['name']}»", row["stage_deadline"],
                              person.full_name if person.id != actor.user.id else ""))
    members = {p.department_id: p for p in actor.people if p.department_id}
    if members:
        asked = await ActConsultation.select(ActConsultation.act, ActConsultation.department, ActConsultation.due_at,
                                             ActConsultation.question).where(
            ActConsultation.department.is_in(sorted(members)) & (ActConsultation.answer == ""))
        acts = {r["id"]: r for r in await Act.select(*_columns()).where(Act.id.is_in(sorted({a["act"] for a in asked}) or [0]))}
        for a in asked:
            person = members[a["department"]]
            items.append(Item("consultation", decorate(acts[a["act"]]), f"Вопрос: {a['question'][:120]}",
                              a["due_at"].astimezone(MOSCOW).date(), person.full_name if person.id != actor.user.id else ""))
    return sorted(items, key=lambda i: (i.deadline is None, i.deadline or dt.date.max, i.act["number"]))
