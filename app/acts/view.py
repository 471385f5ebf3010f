"""Everything the act page shows, gathered in one read: the executor should never have to ask.

Header, who holds the act now, the moves that may be made (and why the others may not), approvals per
department on the current version, text versions, remarks as a thread, disagreements, consultations,
stage history and followers — plus what the viewer may do with each, from the one policy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.acts import access
from app.acts.actor import Actor, visible_act
from app.acts.catalogue import default_catalogue
from app.acts.listing import decorate
from app.acts.service import ANSWER_LABELS
from app.acts.stages import Stage, quoted
from app.acts.state import state_from
from app.acts.tables import (
    Act,
    ActApproval,
    ActApprover,
    ActConsultation,
    ActDisagreement,
    ActFollower,
    ActRemark,
    ActStageRun,
)
from app.acts.versions import versions_of
from app.acts.workflow import Answer, Transition, available_transitions

HOLDERS_BY_EXECUTOR = {Stage.DRAFTING, Stage.REVISION}
OUTCOME_LABELS = {"forward": "передан дальше", "skip": "следующий этап пропущен", "return": "возвращён",
                  "withdraw": "снят с работы", "completed": "работа завершена",
                  "returned_without_registration": "возвращён Минюстом без регистрации",
                  "registration_refused": "отказано в государственной регистрации"}


async def _header(act_id: int) -> dict:
    row = await Act.select(
        Act.all_columns(exclude=[Act.search_title]), Act.department.name.as_alias("department_name"),
        Act.executor.full_name.as_alias("executor_name"), Act.created_by.full_name.as_alias("created_by_name"),
    ).where(Act.id == act_id).first()
    return decorate(row)


async def approvals_table(act_id: int, text_version: int) -> list[dict]:
    approvers = await ActApprover.select(ActApprover.department, ActApprover.department.name.as_alias("name")).where(
        ActApprover.act == act_id).order_by(ActApprover.department.name)
    answers = await ActApproval.select(
        ActApproval.department, ActApproval.answer, ActApproval.reason, ActApproval.answered_at,
        ActApproval.answered_by.full_name.as_alias("answered_by_name"),
    ).where((ActApproval.act == act_id) & (ActApproval.text_version == text_version)).order_by(ActApproval.id)
    latest = {a["department"]: a for a in answers}
    table = []
    for approver in approvers:
        given = latest.get(approver["department"])
        table.append({"department": approver["department"], "name": approver["name"], "answer": given and given["answer"],
                      "answer_label": ANSWER_LABELS[Answer(given["answer"])] if given else "нет ответа",
                      "reason": given["reason"] if given else "", "answered_by": given and given["answered_by_name"],
                      "answered_at": given and given["answered_at"]})
    return table


def holder(act: dict, approvals: list[dict]) -> str:
    stage = Stage(act["stage"])
    if act["status"] != "active":
        return "—"
    if stage in HOLDERS_BY_EXECUTOR:
        return act["executor_name"] or "Исполнитель не назначен"
    if stage is Stage.INTERNAL_APPROVAL:
        waiting = [a["name"] for a in approvals if not a["answer"]]
        return ", ".join(waiting) if waiting else "Исполнитель (все ответили)"
    return default_catalogue()[stage].actor


async def _remarks(act_id: int) -> list[dict]:
    rows = await ActRemark.select(
        ActRemark.id, ActRemark.parent, ActRemark.body, ActRemark.text_version, ActRemark.created_at,
        ActRemark.author.full_name.as_alias("author_name"), ActRemark.department.name.as_alias("department_name"),
    ).where(ActRemark.act == act_id).order_by(ActRemark.id)
    replies: dict[int, list[dict]] = {}
    for row in rows:
        if row["parent"]:
            replies.setdefault(row["parent"], []).append(row)
    ordered: list[dict] = []

    def walk(row: dict, depth: int) -> None:
        ordered.append({**row, "depth": min(depth, 4)})
        for child in replies.get(row["id"], []):
            walk(child, depth + 1)

    for row in rows:
        if not row["parent"]:
            walk(row, 0)
    return ordered


async def act_page(actor: Actor, act_id: int) -> dict:
    row, facts = await visible_act(actor, act_id)
    act = await _header(act_id)
    approvals = await approvals_table(act_id, row["text_version"])
    state = state_from(row, [a["name"] for a in approvals], {a["name"]: Answer(a["answer"]) for a in approvals if a["answer"]})
    people = list(actor.people)
    can_manage = access.first_allowed(people, lambda p: access.may_manage(p, facts)) is not None
    answerable = {a["department"] for a in approvals
                  if access.first_allowed(people, lambda p, d=a["department"]: access.may_answer_for(p, d, facts))}
    consultations = await ActConsultation.select(
        ActConsultation.id, ActConsultation.department, ActConsultation.department.name.as_alias("department_name"),
        ActConsultation.question, ActConsultation.due_at, ActConsultation.answer, ActConsultation.answered_at,
        ActConsultation.asked_by.full_name.as_alias("asked_by_name"),
        ActConsultation.answered_by.full_name.as_alias("answered_by_name"), ActConsultation.created_at,
    ).where(ActConsultation.act == act_id).order_by(ActConsultation.id)
    for item in consultations:
        item["can_answer"] = not item["answer"] and access.first_allowed(
            people, lambda p, d=item["department"]: access.may_answer_consultation(p, d)) is not None
    history = await ActStageRun.select(
        ActStageRun.stage, ActStageRun.started_on, ActStageRun.ended_on, ActStageRun.outcome, ActStageRun.reason,
        ActStageRun.moved_by.full_name.as_alias("moved_by_name"),
    ).where(ActStageRun.act == act_id).order_by(ActStageRun.id, ascending=False)
    for run in history:
        run["stage_label"] = quoted(run["stage"]).strip("«»")
        run["outcome_label"] = OUTCOME_LABELS.get(run["outcome"], run["outcome"])
    followers = await ActFollower.select(ActFollower.employee, ActFollower.employee.full_name.as_alias("name")).where(
        ActFollower.act == act_id).order_by(ActFollower.employee.full_name)
    disagreements = await ActDisagreement.select(
        ActDisagreement.all_columns(), ActDisagreement.department.name.as_alias("department_name"),
    ).where(ActDisagreement.act == act_id).order_by(ActDisagreement.id)
    return {
        "act": act, "state": state, "approvals": approvals, "holder": holder(act, approvals),
        "transitions": _with_coordinator_notes(available_transitions(state), state, people) if can_manage else [],
        "can_manage": can_manage, "can_discuss": access.first_allowed(
            people, lambda p: access.may_discuss(p, facts)) is not None,
        "answerable": answerable, "versions": await versions_of(act_id), "remarks": await _remarks(act_id),
        "disagreements": disagreements, "consultations": consultations, "history": history,
        "followers": followers, "following": any(f["employee"] == actor.user.id for f in followers),
        "now": dt.datetime.now(dt.UTC),
    }


def _with_coordinator_notes(transitions: list[Transition], state, people) -> list[Transition]:
    """Moves out of a coordinator's stage are shown to others with the reason they cannot make them."""
    note = f"Этап {quoted(state.stage)} ведёт координатор (правовой департамент): он и отмечает его итог."
    return [
        t if t.blocked_by or any(access.may_move_from(p, state.stage, t.kind) for p in people)
        else dataclasses.replace(t, blocked_by=note)
        for t in transitions
    ]
