"""Deputies (DOMAIN.md §2): a person names a colleague who acts for them during a period.

``acting_for`` is what later features call: whatever waits for a person also waits for everyone
acting for them today, so "my work" of a deputy = work of ``[me] + acting_for(me, today)``.
Setting and cancelling a deputy is audited; periods of one person never overlap, so "the deputy on a
date" is always one person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from litestar.exceptions import NotFoundException

from app import db
from app.audit import service as audit
from app.auth.roles import CurrentUser
from app.people.tables import Deputy, Employee
from app.web.forms import FormErrors

MAX_PERIOD_DAYS = 366


@dataclass(frozen=True)
class DeputyRequest:
    deputy_id: int
    starts_on: dt.date
    ends_on: dt.date


def parse_date(raw: str) -> dt.date | None:
    """``yyyy-mm-dd`` (what a date input sends) or ``dd.mm.yyyy`` (what people type)."""
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


def check_period(starts_on: dt.date, ends_on: dt.date, today: dt.date, errors: FormErrors) -> None:
    """Rules on the dates alone: in order, not over, at most a year."""
    if ends_on < starts_on:
        errors["ends_on"] = "Дата окончания не может быть раньше даты начала."
    elif ends_on < today:
        errors["ends_on"] = "Период замещения уже закончился: укажите дату окончания не раньше сегодняшней."
    elif (ends_on - starts_on).days >= MAX_PERIOD_DAYS:
        errors["ends_on"] = "Замещение назначается не больше чем на год."


async def overlapping(principal_id: int, starts_on: dt.date, ends_on: dt.date) -> bool:
    return await Deputy.exists().where(
        (Deputy.principal == principal_id) & (Deputy.starts_on <= ends_on) & (Deputy.ends_on >= starts_on)
    )


async def validate(values: dict[str, str], principal_id: int, today: dt.date) -> tuple[DeputyRequest | None, FormErrors]:
    """Check the form "Мой заместитель"; every refusal is a Russian message on its field."""
    errors = FormErrors()
    raw_deputy = errors.text(values, "deputy", "Заместитель", max_length=20)
    raw_start = errors.text(values, "starts_on", "С какого числа", max_length=20)
    raw_end = errors.text(values, "ends_on", "По какое число", max_length=20)
    deputy_id = int(raw_deputy) if raw_deputy.isascii() and raw_deputy.isdigit() and len(raw_deputy) < 10 else None
    if raw_deputy and deputy_id is None:
        errors["deputy"] = "Выберите заместителя из списка."
    starts_on, ends_on = parse_date(raw_start), parse_date(raw_end)
    if raw_start and starts_on is None:
        errors["starts_on"] = "Дата начала — в формате дд.мм.гггг."
    if raw_end and ends_on is None:
        errors["ends_on"] = "Дата окончания — в формате дд.мм.гггг."
    if starts_on and ends_on:
        check_period(starts_on, ends_on, today, errors)
    if deputy_id is not None:
        if deputy_id == principal_id:
            errors["deputy"] = "Нельзя назначить заместителем самого себя."
        elif not await Employee.exists().where((Employee.id == deputy_id) & Employee.active.eq(True)):
            errors["deputy"] = "Этот сотрудник не работает в министерстве или отключён: выберите другого."
    if not errors and await overlapping(principal_id, starts_on, ends_on):
        errors["starts_on"] = "На эти даты заместитель уже назначен: сначала отмените прежнее замещение."
    if errors:
        return None, errors
    return DeputyRequest(deputy_id, starts_on, ends_on), errors


async def name_deputy(user: CurrentUser, request: DeputyRequest) -> int:
    async with db.write_transaction():
        created = await Deputy.insert(Deputy(
            principal=user.id, deputy=request.deputy_id, starts_on=request.starts_on, ends_on=request.ends_on,
        )).returning(Deputy.id)
        deputy = await Employee.select(Employee.full_name).where(Employee.id == request.deputy_id).first()
        await audit.record(
            "people.deputy_named", actor_id=user.id, actor_name=user.full_name, object_type="deputy",
            object_id=created[0]["id"],
            summary=f"{user.full_name} назначает заместителем {deputy['full_name']} "
                    f"с {request.starts_on:%d.%m.%Y} по {request.ends_on:%d.%m.%Y}",
            after={"deputy": request.deputy_id, "starts_on": request.starts_on, "ends_on": request.ends_on},
        )
    return created[0]["id"]


async def cancel_deputy(user: CurrentUser, deputy_row_id: int) -> None:
    """Only the principal cancels their own deputy; anyone else's row is 404."""
    async with db.write_transaction():
        row = await Deputy.select().where((Deputy.id == deputy_row_id) & (Deputy.principal == user.id)).first()
        if row is None:
            raise NotFoundException("Не найдено")
        await Deputy.delete().where(Deputy.id == deputy_row_id)
        await audit.record(
            "people.deputy_cancelled", actor_id=user.id, actor_name=user.full_name, object_type="deputy",
            object_id=deputy_row_id, summary=f"{user.full_name} отменяет замещение",
            before={"deputy": row["deputy"], "starts_on": row["starts_on"], "ends_on": row["ends_on"]},
        )


async def acting_for(employee_id: int, on_date: dt.date) -> list[int]:
    """Ids of the people ``employee_id`` acts for on ``on_date`` (as their deputy), sorted."""
    rows = await Deputy.select(Deputy.principal).where(
        (Deputy.deputy == employee_id) & (Deputy.starts_on <= on_date) & (Deputy.ends_on >= on_date)
    )
    return sorted({r["principal"] for r in rows})


def _columns():
    return (Deputy.id, Deputy.principal, Deputy.principal.full_name.as_alias("principal_name"), Deputy.deputy,
            Deputy.deputy.full_name.as_alias("deputy_name"), Deputy.deputy.position.as_alias("deputy_position"),
            Deputy.starts_on, Deputy.ends_on)


async def current_deputy(principal_id: int, on_date: dt.date) -> dict | None:
    """The deputy of ``principal_id`` on ``on_date`` with names, or None."""
    return await Deputy.select(*_columns()).where(
        (Deputy.principal == principal_id) & (Deputy.starts_on <= on_date) & (Deputy.ends_on >= on_date)
    ).first()


async def deputies_of(principal_id: int, from_date: dt.date) -> list[dict]:
    """Current and planned deputies of a person, earliest first."""
    return await Deputy.select(*_columns()).where(
        (Deputy.principal == principal_id) & (Deputy.ends_on >= from_date)
    ).order_by(Deputy.starts_on)


async def acting_for_rows(employee_id: int, on_date: dt.date) -> list[dict]:
    """Whom the person replaces now, with names, for the page and the card."""
    return await Deputy.select(*_columns()).where(
        (Deputy.deputy == employee_id) & (Deputy.starts_on <= on_date) & (Deputy.ends_on >= on_date)
    ).order_by(Deputy.starts_on)
