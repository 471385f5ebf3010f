"""Read-only queries behind the sign-in log and the audit trail pages: filters, newest first, paging."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.admin.filters import PAGE_SIZE, Page, moscow_day_start
from app.audit.tables import AuditRecord
from app.auth.tables import SignInAttempt


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None = None
    end: dt.date | None = None

    def where(self, column):
        condition = None
        if self.start:
            condition = column >= moscow_day_start(self.start)
        if self.end:
            upper = column < moscow_day_start(self.end + dt.timedelta(days=1))
            condition = upper if condition is None else condition & upper
        return condition


def _like(text: str) -> str:
    """A LIKE pattern for ``text`` anywhere. A typed % or _ only widens the match; a backslash (PostgreSQL's
    escape character, an error at the end of a pattern) is dropped."""
    return "%" + text.replace("\\", "") + "%"


def _combine(conditions):
    result = None
    for condition in conditions:
        if condition is not None:
            result = condition if result is None else result & condition
    return result


async def _page(table, where, order_column, number: int) -> Page:
    count_query = table.count()
    select = table.select().order_by(order_column, ascending=False).order_by(table.id, ascending=False)
    if where is not None:
        count_query, select = count_query.where(where), select.where(where)
    total = await count_query
    rows = await select.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)
    return Page(rows=rows, number=number, total=total)


async def sign_ins(username: str, success: str, dates: DateRange, number: int) -> Page:
    """``success``: "" (all), "yes" or "no"."""
    conditions = [
        SignInAttempt.username.ilike(_like(username)) if username else None,
        (SignInAttempt.success == (success == "yes")) if success else None,
        dates.where(SignInAttempt.created_at),
    ]
    return await _page(SignInAttempt, _combine(conditions), SignInAttempt.created_at, number)


async def audit_records(action: str, object_type: str, actor: str, dates: DateRange, number: int) -> Page:
    conditions = [
        AuditRecord.action.like(action.replace("\\", "") + "%") if action else None,
        (AuditRecord.object_type == object_type) if object_type else None,
        AuditRecord.actor_name.ilike(_like(actor)) if actor else None,
        dates.where(AuditRecord.created_at),
    ]
    return await _page(AuditRecord, _combine(conditions), AuditRecord.created_at, number)


async def audit_choices() -> tuple[list[str], list[str]]:
    """The actions and object types present in the trail, for the filter's lists."""
    actions = await AuditRecord.select(AuditRecord.action).distinct().order_by(AuditRecord.action)
    types = await AuditRecord.select(AuditRecord.object_type).distinct().order_by(AuditRecord.object_type)
    return [r["action"] for r in actions], [r["object_type"] for r in types if r["object_type"]]
