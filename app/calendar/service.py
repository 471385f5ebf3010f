"""Calendar use cases: the calendar with the stored corrections, and adding or removing a correction.

Changes run in one write transaction with their audit record. Callers pass the acting user and the
client address; the role check is the route's guard (admins only).
"""

from __future__ import annotations

import datetime as dt

from app import db
from app.audit import service as audit
from app.auth.roles import CurrentUser
from app.calendar.tables import KINDS, CalendarCorrection
from app.calendar.workdays import WorkingCalendar


class CorrectionRefused(ValueError):
    """A correction that cannot be stored; the message is Russian and names the field's problem."""


async def load_corrections(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    """Corrections in ``[start, end]`` as ``{date: is_working}``."""
    rows = await CalendarCorrection.select(CalendarCorrection.date, CalendarCorrection.kind).where(
        (CalendarCorrection.date >= start) & (CalendarCorrection.date <= end)
    )
    return {row["date"]: row["kind"] == "working" for row in rows}


async def calendar_for(start: dt.date, end: dt.date) -> WorkingCalendar:
    """The working calendar with the corrections of a range (take a margin around the dates you compute)."""
    return WorkingCalendar(await load_corrections(start, end))


async def corrections_of_year(year: int) -> list[dict]:
    return await (
        CalendarCorrection.select(
            CalendarCorrection.all_columns(),
            CalendarCorrection.created_by.full_name.as_alias("created_by_name"),
        )
        .where(
            (CalendarCorrection.date >= dt.date(year, 1, 1))
            & (CalendarCorrection.date <= dt.date(year, 12, 31))
        )
        .order_by(CalendarCorrection.date)
    )


async def add_correction(day: dt.date, kind: str, note: str, user: CurrentUser, address: str) -> int:
    if kind not in KINDS:
        raise CorrectionRefused("Выберите вид дня: рабочий или выходной.")
    async with db.write_transaction():
        if await CalendarCorrection.exists().where(CalendarCorrection.date == day):
            raise CorrectionRefused(f"Для {day:%d.%m.%Y} поправка уже есть: удалите её, чтобы задать другую.")
        created = await CalendarCorrection.insert(
            CalendarCorrection(date=day, kind=kind, note=note, created_by=user.id)
        ).returning(CalendarCorrection.id)
        await audit.record(
            "calendar.correction_added",
            actor_id=user.id,
            actor_name=user.full_name,
            object_type="calendar",
            object_id=day.isoformat(),
            summary=f"{day:%d.%m.%Y}: {KINDS[kind].lower()}" + (f" ({note})" if note else ""),
            after={"date": day.isoformat(), "kind": kind, "note": note},
            client_address=address,
        )
    return created[0]["id"]


async def remove_correction(correction_id: int, user: CurrentUser, address: str) -> bool:
    """Delete a correction; False when it does not exist (the route answers 404)."""
    async with db.write_transaction():
        row = await CalendarCorrection.select().where(CalendarCorrection.id == correction_id).first()
        if row is None:
            return False
        await CalendarCorrection.delete().where(CalendarCorrection.id == correction_id)
        await audit.record(
            "calendar.correction_removed",
            actor_id=user.id,
            actor_name=user.full_name,
            object_type="calendar",
            object_id=row["date"].isoformat(),
            summary=f"{row['date']:%d.%m.%Y}: поправка удалена",
            before={"date": row["date"].isoformat(), "kind": row["kind"], "note": row["note"]},
            client_address=address,
        )
    return True
