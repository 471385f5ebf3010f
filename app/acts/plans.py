"""Plans of acts from the database: what the pure ``schedule.compute_plan`` needs, and the plan cache on Act.

Why a cache: lists, the Gantt's table, reminders and the iCalendar feed read the status, the stage
deadline and the three scenario ends of many acts at once; computing plans there would make every list
slow. The cache is rewritten whenever an act changes (``events.on_act_changed``), after a catalogue edit
and by ``trajectory recompute-plans`` (statuses change with the date alone, so run it nightly).

What a plan needs is loaded once per batch (``PlanContext``): the current catalogue, the working calendar
with the administrators' corrections over a wide range, and the statistics learnt from the stage history
of completed acts — kept in memory per kind for a few minutes, since they change slowly and learning
walks every completed act.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app import db
from app.acts import catalogue_store
from app.acts.catalogue import Catalogue
from app.acts.events import ActChange, on_act_changed
from app.acts.history import CompletedAct, KindStatistics, learn_statistics
from app.acts.schedule import Plan, compute_plan
from app.acts.stages import ActKind
from app.acts.state import load_state, state_from
from app.acts.tables import Act, ActStageRun
from app.acts.workflow import Status
from app.calendar.service import load_corrections
from app.calendar.workdays import IndexedCalendar, WorkingCalendar
from app.web.formatting import MOSCOW

STATISTICS_TTL_SECONDS = 300
CALENDAR_YEARS_BACK, CALENDAR_YEARS_AHEAD = 4, 6
OPEN_STATUSES = (Status.ACTIVE.value, Status.SUSPENDED.value)
PLAN_COLUMNS = (Act.id, Act.kind, Act.stage, Act.status, Act.needs_notice, Act.needs_ria, Act.ria_degree,
                Act.needs_interagency, Act.text_version, Act.signed, Act.restricted, Act.mandatory_requirements,
                Act.registration_extended, Act.passed, Act.stage_started, Act.target_date, Act.plan_status,
                Act.optimistic_end, Act.expected_end, Act.pessimistic_end, Act.stage_deadline, Act.plan_catalogue)
UPDATE_CHUNK = 500

_statistics: dict[ActKind, tuple[float, int, KindStatistics | None]] = {}
"""kind -> (learnt at, catalogue number, statistics or None when no completed act of the kind)."""


_calendars: dict[tuple, IndexedCalendar] = {}


def _calendar(corrections: Mapping[dt.date, bool], start: dt.date, end: dt.date) -> IndexedCalendar:
    key = (start, end, frozenset(corrections.items()))
    if key not in _calendars:
        _calendars.clear()  # one live calendar: corrections change rarely
        _calendars[key] = IndexedCalendar(corrections, start, end)
    return _calendars[key]


def today() -> dt.date:
    return dt.datetime.now(MOSCOW).date()


@dataclass(frozen=True)
class PlanContext:
    """Everything a batch of plans shares."""

    catalogue_number: int
    catalogue: Catalogue
    calendar: WorkingCalendar
    corrected_years: frozenset[int]
    statistics: Mapping[ActKind, KindStatistics]
    today: dt.date


def forget_statistics() -> None:
    """Learn again on next use (after demo seeding, in tests, or on demand)."""
    _statistics.clear()


async def _history(kinds: Iterable[ActKind]) -> list[CompletedAct]:
    rows = await ActStageRun.select(
        ActStageRun.act, ActStageRun.act.kind.as_alias("kind"), ActStageRun.stage, ActStageRun.started_on,
        ActStageRun.ended_on,
    ).where(
        (ActStageRun.act.status == Status.COMPLETED.value)
        & ActStageRun.act.kind.is_in([k.value for k in kinds])
        & ActStageRun.ended_on.is_not_null()
    ).order_by(ActStageRun.act).order_by(ActStageRun.started_on).order_by(ActStageRun.id)
    acts: dict[int, tuple[str, list]] = {}
    for row in rows:
        acts.setdefault(row["act"], (row["kind"], []))[1].append((row["stage"], row["started_on"], row["ended_on"]))
    history = []
    for kind, runs in acts.values():
        try:
            history.append(CompletedAct.of(kind, runs))
        except ValueError:
            continue  # a stage code no longer known: that act teaches nothing
    return history


async def statistics_for(kinds: Iterable[ActKind], catalogue_number: int, catalogue: Catalogue,
                         calendar: WorkingCalendar) -> dict[ActKind, KindStatistics]:
    """Statistics per kind, learnt again when older than the TTL or learnt with another catalogue."""
    now = time.monotonic()
    stale = [k for k in set(kinds) if k not in _statistics or now - _statistics[k][0] > STATISTICS_TTL_SECONDS
             or _statistics[k][1] != catalogue_number]
    if stale:
        learnt = learn_statistics(await _history(stale), catalogue, calendar)
        for kind in stale:
            _statistics[kind] = (now, catalogue_number, learnt.get(kind))
    return {k: entry[2] for k, entry in _statistics.items() if entry[2] is not None}


async def context(on: dt.date | None = None) -> PlanContext:
    on = on or today()
    number, catalogue = await catalogue_store.current()
    start = dt.date(on.year - CALENDAR_YEARS_BACK, 1, 1)
    end = dt.date(on.year + CALENDAR_YEARS_AHEAD, 12, 31)
    corrections = await load_corrections(start, end)
    calendar = _calendar(corrections, start, end)
    statistics = await statistics_for(list(ActKind), number, catalogue, calendar)
    return PlanContext(number, catalogue, calendar, frozenset(d.year for d in corrections), statistics, on)


def plan_of_row(row: Mapping, ctx: PlanContext, state=None) -> Plan | None:
    """The plan of an act row (approvals do not change a plan, so the batch passes none); None when closed."""
    if row["status"] not in OPEN_STATUSES:
        return None
    state = state or state_from(row, [], {})
    return compute_plan(state, row["stage_started"], catalogue=ctx.catalogue, calendar=ctx.calendar, today=ctx.today,
                        statistics=ctx.statistics, target=row["target_date"],
                        corrected_years=ctx.corrected_years)


def cache_values(plan: Plan | None, ctx: PlanContext) -> dict:
    if plan is None:
        return {"plan_status": "on_track", "optimistic_end": None, "expected_end": None, "pessimistic_end": None,
                "stage_deadline": None, "plan_catalogue": ctx.catalogue_number}
    return {"plan_status": plan.status.value, "optimistic_end": plan.optimistic.end,
            "expected_end": plan.expected.end, "pessimistic_end": plan.pessimistic.end,
            "stage_deadline": plan.stage_deadline, "plan_catalogue": ctx.catalogue_number}


async def plan_for(act_id: int, on: dt.date | None = None) -> Plan | None:
    """The plan of one act for display (act page); None for an unknown, withdrawn or completed act."""
    loaded = await load_state(act_id)
    if loaded is None:
        return None
    row, state = loaded
    return plan_of_row(row, await context(on), state)


async def recompute(act_id: int, on: dt.date | None = None) -> Plan | None:
    """Compute the act's plan and write its cache columns (one write transaction); the plan or None."""
    loaded = await load_state(act_id)
    if loaded is None:
        return None
    row, state = loaded
    ctx = await context(on)
    plan = plan_of_row(row, ctx, state)
    values = cache_values(plan, ctx)
    async with db.write_transaction():
        await Act.update({getattr(Act, k): v for k, v in values.items()}).where(Act.id == act_id)
    return plan


async def _on_act_changed(change: ActChange) -> None:
    await recompute(change.act_id)


on_act_changed("plans", _on_act_changed)


async def _bulk_update(changes: list[tuple[int, dict]]) -> None:
    """One UPDATE ... FROM (VALUES ...) per chunk: 10,000 rows in a few statements, not 10,000."""
    postgres = db.is_postgres()
    names = ("plan_status", "optimistic_end", "expected_end", "pessimistic_end", "stage_deadline", "plan_catalogue")
    if postgres:
        row_sql = "({}::integer, {}::varchar, {}::date, {}::date, {}::date, {}::date, {}::integer)"
        assign = ", ".join(f"{n} = v.{n}" for n in names)
        template = (f"UPDATE act SET {assign} FROM (VALUES %s) AS v(id, {', '.join(names)}) "
                    "WHERE act.id = v.id")
    else:
        row_sql = "({}, {}, {}, {}, {}, {}, {})"
        assign = ", ".join(f"{n} = v.column{i + 2}" for i, n in enumerate(names))
        template = f"UPDATE act SET {assign} FROM (VALUES %s) AS v WHERE act.id = v.column1"

    def value(v):
        return v.isoformat() if (not postgres and isinstance(v, dt.date)) else v

    for i in range(0, len(changes), UPDATE_CHUNK):
        chunk = changes[i:i + UPDATE_CHUNK]
        args = [value(x) for act_id, values in chunk for x in (act_id, *(values[n] for n in names))]
        await Act.raw(template % ", ".join([row_sql] * len(chunk)), *args)


async def recompute_all(on: dt.date | None = None) -> int:
    """Recompute the plan cache of every open act; returns how many rows changed."""
    ctx = await context(on)
    rows = await Act.select(*PLAN_COLUMNS).where(Act.status.is_in(list(OPEN_STATUSES)))
    changes = []
    for row in rows:
        values = cache_values(plan_of_row(row, ctx), ctx)
        if any(row[k] != v for k, v in values.items()):
            changes.append((row["id"], values))
    if changes:
        async with db.write_transaction():
            await _bulk_update(changes)
    return len(changes)


async def department_plans(department_id: int, on: dt.date | None = None) -> list[tuple[dict, Plan]]:
    """The open acts of a department with their plans, in order of number (the Gantt and its table)."""
    ctx = await context(on)
    rows = await Act.select(
        *PLAN_COLUMNS, Act.number, Act.title, Act.executor.full_name.as_alias("executor_name"),
    ).where((Act.department == department_id) & Act.status.is_in(list(OPEN_STATUSES))).order_by(Act.number)
    result = []
    for row in rows:
        plan = plan_of_row(row, ctx)
        if plan is not None:
            result.append((row, plan))
    return result
