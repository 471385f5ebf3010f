"""Talking about an act: threaded remarks, the table of disagreements, quick consultations, following.

Remarks and disagreements are written by anyone who sees the act (leadership only reads); a
disagreement's answer and its resolution belong to those who manage the act and carry the row's version
(two answers at once cannot overwrite each other). A consultation goes to another department with a due
time (default: one working day on the production calendar); members of that department answer it.
"""

from __future__ import annotations

import datetime as dt

from litestar.exceptions import NotFoundException

from app import db
from app.acts import access
from app.acts.actor import ActionRefused, Actor, allowed_as, managed_act, record, today, visible_act
from app.acts.events import ActChange, act_changed
from app.acts.tables import ActConsultation, ActDisagreement, ActFollower, ActRemark
from app.calendar.service import calendar_for
from app.people.tables import Department
from app.web.formatting import MOSCOW

MAX_TEXT = 5000
DISCUSS = "Писать по проекту могут его участники; руководство министерства только читает."


def _text(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ActionRefused(f"Заполните поле «{label}».")
    if len(value) > MAX_TEXT:
        raise ActionRefused(f"Поле «{label}» длиннее {MAX_TEXT} символов.")
    if "\x00" in value:
        raise ActionRefused(f"Поле «{label}» содержит недопустимые символы.")
    return value


async def _discussing(actor: Actor, act_id: int):
    row, facts = await visible_act(actor, act_id)
    return row, facts, allowed_as(actor, lambda p: access.may_discuss(p, facts), DISCUSS)


async def add_remark(actor: Actor, act_id: int, body: str, parent_id: int | None = None) -> int:
    body = _text(body, "Замечание")
    async with db.write_transaction():
        row, _facts, via = await _discussing(actor, act_id)
        if parent_id is not None and not await ActRemark.exists().where(
                (ActRemark.id == parent_id) & (ActRemark.act == act_id)):
            raise ActionRefused("Замечание, на которое вы отвечаете, не найдено.")
        created = await ActRemark.insert(ActRemark(act=act_id, parent=parent_id, author=actor.user.id,
                                                   department=actor.user.department_id,
                                                   text_version=row["text_version"], body=body)).returning(ActRemark.id)
        await record(actor, via, "acts.remark", act_id, f"{row['number']}: замечание", after={"body": body[:500]})
    await act_changed(ActChange(act_id, "acts.remark", actor.user.id))
    return created[0]["id"]


async def add_disagreement(actor: Actor, act_id: int, remark: str, organisation: str = "",
                           department_id: int | None = None) -> int:
    remark = _text(remark, "Замечание")
    organisation = (organisation or "").strip()[:300]
    async with db.write_transaction():
        row, _facts, via = await _discussing(actor, act_id)
        if department_id is not None and not await Department.exists().where(Department.id == department_id):
            raise ActionRefused("Поле «Департамент»: выберите значение из списка.")
        created = await ActDisagreement.insert(ActDisagreement(
            act=act_id, department=department_id, organisation=organisation, remark=remark)).returning(ActDisagreement.id)
        await record(actor, via, "acts.disagreement_added", act_id, f"{row['number']}: разногласие",
                     after={"remark": remark[:500], "organisation": organisation, "department": department_id})
    await act_changed(ActChange(act_id, "acts.disagreement_added", actor.user.id))
    return created[0]["id"]


async def answer_disagreement(actor: Actor, act_id: int, row_id: int, expected_version: int, answer: str,
                              resolved: bool) -> int:
    answer = _text(answer, "Ответ исполнителя")
    async with db.write_transaction():
        act, _facts, via = await managed_act(actor, act_id)
        old = await ActDisagreement.select().where((ActDisagreement.id == row_id) & (ActDisagreement.act == act_id)).first()
        if old is None:
            raise NotFoundException("Не найдено")
        version = await db.update_versioned(ActDisagreement, row_id, expected_version,
                                            {ActDisagreement.answer: answer, ActDisagreement.resolved: resolved})
        await record(actor, via, "acts.disagreement_answered", act_id, f"{act['number']}: ответ на разногласие",
                     {"answer": old["answer"], "resolved": old["resolved"]}, {"answer": answer, "resolved": resolved})
    await act_changed(ActChange(act_id, "acts.disagreement_answered", actor.user.id))
    return version


async def default_due(now: dt.datetime) -> dt.datetime:
    """One working day later, at the same Moscow time."""
    local = now.astimezone(MOSCOW)
    calendar = await calendar_for(local.date(), local.date() + dt.timedelta(days=30))
    day = calendar.add_working_days(local.date(), 1)
    return dt.datetime.combine(day, local.time(), tzinfo=MOSCOW)


async def ask(actor: Actor, act_id: int, department_id: int, question: str, due_on: dt.date | None = None) -> int:
    question = _text(question, "Вопрос")
    now = dt.datetime.now(dt.UTC)
    if due_on is not None and due_on < today():
        raise ActionRefused("Срок ответа не может быть в прошлом.")
    async with db.write_transaction():
        row, _facts, via = await _discussing(actor, act_id)
        department = await Department.select(Department.name).where(Department.id == department_id).first()
        if department is None:
            raise ActionRefused("Поле «Департамент»: выберите значение из списка.")
        due = dt.datetime.combine(due_on, dt.time(18, 0), tzinfo=MOSCOW) if due_on else await default_due(now)
        created = await ActConsultation.insert(ActConsultation(
            act=act_id, asked_by=actor.user.id, department=department_id, question=question, due_at=due,
        )).returning(ActConsultation.id)
        await record(actor, via, "acts.consultation_asked", act_id,
                     f"{row['number']}: вопрос в {department['name']}",
                     after={"department": department_id, "question": question[:500], "due_at": due})
    await act_changed(ActChange(act_id, "acts.consultation_asked", actor.user.id))
    return created[0]["id"]


async def answer_consultation(actor: Actor, act_id: int, consultation_id: int, answer: str) -> None:
    answer = _text(answer, "Ответ")
    async with db.write_transaction():
        row, _facts = await visible_act(actor, act_id)
        item = await ActConsultation.select().where(
            (ActConsultation.id == consultation_id) & (ActConsultation.act == act_id)).first()
        if item is None:
            raise NotFoundException("Не найдено")
        via = allowed_as(actor, lambda p: access.may_answer_consultation(p, item["department"]),
                         "Ответить на вопрос может сотрудник департамента, которому он задан.")
        if item["answer"]:
            raise ActionRefused("На этот вопрос уже ответили.")
        await ActConsultation.update({ActConsultation.answer: answer, ActConsultation.answered_by: actor.user.id,
                                      ActConsultation.answered_at: dt.datetime.now(dt.UTC)}).where(
            ActConsultation.id == consultation_id)
        await record(actor, via, "acts.consultation_answered", act_id, f"{row['number']}: ответ на вопрос",
                     {"answer": ""}, {"answer": answer[:500]})
    await act_changed(ActChange(act_id, "acts.consultation_answered", actor.user.id))


async def follow(actor: Actor, act_id: int, on: bool) -> None:
    """Follow or stop following an act the user sees (their own right, not a principal's)."""
    async with db.write_transaction():
        row, facts = await visible_act(actor, act_id)
        me = actor.people[0]
        following = await ActFollower.exists().where((ActFollower.act == act_id) & (ActFollower.employee == me.id))
        if on == following:
            return
        if on:
            allowed_as(actor, lambda p: p.id == me.id and access.may_see(p, facts),
                       "Следить можно за проектом, который вам доступен.")
            await ActFollower.insert(ActFollower(act=act_id, employee=me.id))
        else:
            await ActFollower.delete().where((ActFollower.act == act_id) & (ActFollower.employee == me.id))
        await record(actor, me, "acts.follow" if on else "acts.unfollow", act_id,
                     f"{row['number']}: {'следит' if on else 'больше не следит'} за проектом")
