"""Use cases of the act workflow: register, edit, move along the graph, sign, extend, answer approvals.

Each change runs in one write transaction with its audit record (before → after) and, after the commit,
calls ``events.act_changed`` so plans are recomputed and followers told. The act row changes only
through ``app.db.update_versioned`` (optimistic locking: a stale version is a 409). Workflow rules come
from the pure ``workflow`` module; refusals carry its Russian messages (422).
"""

from __future__ import annotations

import datetime as dt

from app import db
from app.acts import access, numbering
from app.acts.actor import ActionRefused, Actor, allowed_as, managed_act, record, today, visible_act
from app.acts.events import ActChange, act_changed
from app.acts.forms import ActInput
from app.acts.stages import Stage, quoted
from app.acts.state import approvals_of, row_values, state_from
from app.acts.tables import Act, ActApproval, ActApprover, ActStageRun
from app.acts.workflow import (
    ActRefused,
    ActState,
    Answer,
    apply_answer,
    apply_transition,
    extend_registration,
    mark_signed,
    transition_for,
)
from app.people.search import search_column
from app.people.tables import Department, Employee

NUMBER_ATTEMPTS = 5
ANSWER_LABELS = {Answer.APPROVED: "согласовано", Answer.APPROVED_WITH_REMARKS: "согласовано с замечаниями",
                 Answer.NOT_APPROVED: "не согласовано"}


async def department_choices() -> list[dict]:
    return await Department.select(Department.id, Department.name, Department.parent).order_by(Department.name)


async def employee_choices() -> list[dict]:
    return await Employee.select(Employee.id, Employee.full_name, Employee.department).where(
        Employee.active.eq(True)).order_by(Employee.full_name)


async def choice_ids() -> tuple[set[int], set[int]]:
    return {d["id"] for d in await department_choices()}, {e["id"] for e in await employee_choices()}


def _attributes(data: ActInput) -> dict:
    return {
        Act.title: data.title, Act.search_title: search_column(data.title), Act.department: data.department_id,
        Act.executor: data.executor_id, Act.target_date: data.target_date, Act.basis: data.basis,
        Act.needs_notice: data.needs_notice, Act.needs_ria: data.needs_ria,
        Act.ria_degree: data.ria_degree.value if data.ria_degree else "",
        Act.needs_interagency: data.needs_interagency, Act.mandatory_requirements: data.mandatory_requirements,
        Act.restricted: data.restricted, Act.justice_number: data.justice_number, Act.justice_date: data.justice_date,
    }


def _plain(values: dict) -> dict:
    return {column._meta.name: value for column, value in values.items() if column._meta.name != "search_title"}


async def register(actor: Actor, data: ActInput) -> int:
    """A new act at «Планирование»; its number is the next in sequence for the year and kind."""
    parent = await Department.select(Department.parent).where(Department.id == data.department_id).first()
    via = allowed_as(actor, lambda p: access.may_register(p, data.department_id, parent and parent["parent"]),
                     "Руководитель может зарегистрировать проект только своего департамента.")
    on = today()
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            async with db.write_transaction():
                sequence = await numbering.next_sequence(data.kind, on.year)
                number = numbering.format_number(data.kind, on.year, sequence)
                values = _attributes(data)
                act = Act(kind=data.kind.value, number=number, year=on.year, sequence=sequence,
                          stage=Stage.PLANNED.value, status="active", stage_started=on, created_by=actor.user.id)
                for column, value in values.items():
                    setattr(act, column._meta.name, value)
                act_id = (await Act.insert(act).returning(Act.id))[0]["id"]
                for department in data.approvers:
                    await ActApprover.insert(ActApprover(act=act_id, department=department))
                await ActStageRun.insert(ActStageRun(act=act_id, stage=Stage.PLANNED.value, started_on=on,
                                                     moved_by=actor.user.id))
                await record(actor, via, "acts.registered", act_id, f"регистрирует проект {number} «{data.title}»",
                             after={**_plain(values), "number": number, "kind": data.kind.value,
                                    "approvers": list(data.approvers)})
            break
        except Exception as exc:  # a concurrent registration took the number: read the sequence again
            if attempt + 1 == NUMBER_ATTEMPTS or "unique" not in str(exc).lower():
                raise
    await act_changed(ActChange(act_id, "acts.registered", actor.user.id, number))
    return act_id


async def edit(actor: Actor, act_id: int, expected_version: int, data: ActInput) -> int:
    """Change the attributes (not the stage) of an act the actor manages; a stale version is a 409."""
    async with db.write_transaction():
        row, _facts, via = await managed_act(actor, act_id)
        values = _attributes(data)
        del values[Act.department]  # the responsible department changes only by re-registration
        before = {c._meta.name: row[c._meta.name] for c in values if c._meta.name != "search_title"}
        version = await db.update_versioned(Act, act_id, expected_version,
                                            {**values, Act.updated_at: dt.datetime.now(dt.UTC)})
        approvers = await ActApprover.select(ActApprover.department).where(ActApprover.act == act_id)
        old_approvers = sorted(a["department"] for a in approvers)
        if list(data.approvers) != old_approvers:
            await ActApprover.delete().where(ActApprover.act == act_id)
            for department in data.approvers:
                await ActApprover.insert(ActApprover(act=act_id, department=department))
        await record(actor, via, "acts.edited", act_id, f"изменяет сведения о проекте {row['number']}",
                     before={**before, "approvers": old_approvers},
                     after={**_plain(values), "approvers": list(data.approvers)})
    await act_changed(ActChange(act_id, "acts.edited", actor.user.id))
    return version


async def _state(row: dict) -> ActState:
    required, answers = await approvals_of(row["id"], row["text_version"])
    return state_from(row, required, answers)


async def _refusals(act_id: int, text_version: int) -> str:
    """The "not approved" answers on a version: the reason of a return that gives none of its own."""
    rows = await ActApproval.select(ActApproval.department.name.as_alias("name"), ActApproval.reason).where(
        (ActApproval.act == act_id) & (ActApproval.text_version == text_version)
        & (ActApproval.answer == Answer.NOT_APPROVED.value)).order_by(ActApproval.id)
    return "; ".join(f"{r['name']}: {r['reason']}" for r in rows)


def _refuse(error: ActRefused) -> ActionRefused:
    return ActionRefused(str(error))


async def transition(actor: Actor, act_id: int, target: str, reason: str = "", outcome: str = "",
                     expected_version: int | None = None) -> int:
    """Move the act along an edge of its graph; the stage history gets the closed and the opened run."""
    reason = reason.strip()
    async with db.write_transaction():
        row, facts, via = await managed_act(actor, act_id)
        state = await _state(row)
        try:
            edge = transition_for(state, target, outcome or None)
            new = apply_transition(state, target, reason, outcome=outcome or None)
        except ActRefused as error:
            raise _refuse(error) from None
        if not access.may_move_from(via, state.stage, edge.kind):
            via = allowed_as(  # a deputy may be standing in for a coordinator
                actor, lambda p: access.may_manage(p, facts) and access.may_move_from(p, state.stage, edge.kind),
                f"Этап {quoted(state.stage)} ведёт координатор (правовой департамент): он и отмечает его итог.",
            )
        if not reason and edge.kind.value == "return" and state.stage is Stage.INTERNAL_APPROVAL:
            reason = await _refusals(act_id, row["text_version"])
        on = today()
        values = row_values(new)
        moved = new.stage is not state.stage
        if moved or edge.kind.value == "withdraw":
            await ActStageRun.update({ActStageRun.ended_on: on, ActStageRun.outcome: edge.outcome or edge.kind.value,
                                      ActStageRun.reason: reason, ActStageRun.moved_by: actor.user.id,
                                      ActStageRun.moved_at: dt.datetime.now(dt.UTC)}).where(
                (ActStageRun.act == act_id) & ActStageRun.ended_on.is_null())
        if moved:
            completed = new.status.value == "completed"
            await ActStageRun.insert(ActStageRun(act=act_id, stage=new.stage.value, started_on=on,
                                                 ended_on=on if completed else None,
                                                 outcome="completed" if completed else "", moved_by=actor.user.id))
            values[Act.stage_started] = on
        if new.status.value == "completed":
            values[Act.completed_at] = dt.datetime.now(dt.UTC)
        values[Act.status_reason] = reason if edge.kind.value in ("withdraw", "suspend") else ""
        values[Act.updated_at] = dt.datetime.now(dt.UTC)
        version = await db.update_versioned(Act, act_id, row["version"] if expected_version is None else expected_version,
                                            values)
        before = {"stage": state.stage.value, "status": state.status.value}
        after = {"stage": new.stage.value, "status": new.status.value, "reason": reason, "outcome": edge.outcome}
        await record(actor, via, "acts.transition", act_id,
                     f"{row['number']}: {edge.label} ({state.stage.label} → {new.stage.label})", before, after)
    await act_changed(ActChange(act_id, "acts.transition", actor.user.id, f"{state.stage.value}->{new.stage.value}"))
    return version


async def _event(actor: Actor, act_id: int, change, action: str, summary: str, expected_version: int | None) -> int:
    async with db.write_transaction():
        row, _facts, via = await managed_act(actor, act_id)
        state = await _state(row)
        try:
            new = change(state)
        except ActRefused as error:
            raise _refuse(error) from None
        values = {**row_values(new), Act.updated_at: dt.datetime.now(dt.UTC)}
        version = await db.update_versioned(Act, act_id, row["version"] if expected_version is None else expected_version,
                                            values)
        await record(actor, via, action, act_id, f"{row['number']}: {summary}",
                     {"signed": state.signed, "registration_extended": state.registration_extended},
                     {"signed": new.signed, "registration_extended": new.registration_extended})
    await act_changed(ActChange(act_id, action, actor.user.id))
    return version


async def sign(actor: Actor, act_id: int, expected_version: int | None = None) -> int:
    return await _event(actor, act_id, mark_signed, "acts.signed", "отмечено подписание", expected_version)


async def extend(actor: Actor, act_id: int, expected_version: int | None = None) -> int:
    return await _event(actor, act_id, extend_registration, "acts.registration_extended",
                        "срок государственной регистрации продлён", expected_version)


async def answer(actor: Actor, act_id: int, department_id: int, value: str, reason: str = "") -> None:
    """A department's answer at internal approval, on the current text version (a later answer replaces it)."""
    reason = reason.strip()
    async with db.write_transaction():
        row, facts = await visible_act(actor, act_id)
        via = allowed_as(actor, lambda p: access.may_answer_for(p, department_id, facts),
                         "Ответить за департамент может его руководитель или его заместитель.")
        department = await Department.select(Department.name).where(Department.id == department_id).first()
        state = await _state(row)
        try:
            apply_answer(state, department["name"], value, reason)
        except ActRefused as error:
            raise _refuse(error) from None
        given = Answer(value)
        await ActApproval.insert(ActApproval(act=act_id, department=department_id, text_version=row["text_version"],
                                             answer=given.value, reason=reason, answered_by=actor.user.id))
        previous = state.approvals.answers.get(department["name"])
        await record(actor, via, "acts.approval", act_id,
                     f"{row['number']}: {department['name']} — {ANSWER_LABELS[given]} (версия {row['text_version']})",
                     {"answer": previous.value if previous else None},
                     {"department": department_id, "answer": given.value, "reason": reason,
                      "text_version": row["text_version"]})
    await act_changed(ActChange(act_id, "acts.approval", actor.user.id, given.value))
