"""Plan-schedules (планы-графики): per-stage planned dates of an act in three scenarios, and its status.

From the act's state (kind, flags, current stage), the date the current stage started, the catalogue, the
working calendar and the statistics of completed acts, three scenarios are laid out stage after stage —
each stage starts the day the previous one ends; a working-day stage of n days ends on the n-th working
day after its start (a working day), a calendar-day stage n calendar days after it; the current stage
never ends before today (it has not ended yet), which shifts everything after it.

- **optimistic**: no loops; each stage takes the shorter of the catalogue default and the expected
  duration (never below a legal minimum).
- **expected**: durations are the medians of completed acts of the same kind and loop rates are learnt
  from them (``app.acts.history``) when at least ``min_history`` (N, default 10) acts of the kind are
  completed; otherwise the catalogue's defaults and default loop rates. A loop from stage X back to Y taken
  with rate p is laid out once, right after X, as a repeat of the required stages Y…X, each lasting
  p × its duration (rounded half up; a repeat that rounds to 0 days is left out) — the expected cost of
  the loop, kept visible per stage for the Gantt.
- **pessimistic**: every plausible loop once, in full; each stage takes the longest of: catalogue default
  × ``pessimistic_factor`` (1.5, rounded up), the default plus its extension (state registration), the
  high percentile of history (90th, when history is used) and the expected duration.
So optimistic ≤ expected ≤ pessimistic for every stage, and so for the end dates.

Entry into force follows ``app.acts.entry_into_force`` (mandatory requirements: 1 March / 1 September;
restricted acts are not published and are in force from registration). The degree of regulatory impact,
when the act needs ОРВ and the degree is not known yet, is taken as high (the longest terms).

Status, first match wins: ``overdue`` (the current stage is past its deadline — its start plus the
catalogue term — or the target date has passed), ``off_track`` (expected end > target), ``at_risk``
(pessimistic end > target), ``on_track``. The end compared with the target is the end of the last stage
(entry into force; submission to the State Duma for a federal law). A suspended act has no running stage
deadline; the planning stage has none either.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.acts.catalogue import Catalogue, StageSpec
from app.acts.entry_into_force import entry_into_force, years_without_transfers
from app.acts.graph import KindPath, loop_target, path_of
from app.acts.history import CompletedAct, HistoryStatistics, KindStatistics, StageRun, learn_statistics
from app.acts.stages import DayUnit, RiaDegree, Stage
from app.acts.workflow import OPTIONAL_FLAGS, ActState, Status
from app.calendar.workdays import WorkingCalendar

__all__ = [
    "CompletedAct", "Plan", "PlanSettings", "PlanStatus", "PlannedStage", "Scenario", "ScenarioPlan",
    "StageRun", "compute_plan", "learn_statistics", "plan_status", "remaining_stages", "stage_deadline",
]

EPSILON = 1e-9


class Scenario(StrEnum):
    OPTIMISTIC = "optimistic"
    EXPECTED = "expected"
    PESSIMISTIC = "pessimistic"

    @property
    def label(self) -> str:
        labels = {"optimistic": "Оптимистичный", "expected": "Ожидаемый", "pessimistic": "Пессимистичный"}
        return labels[self.value]


class PlanStatus(StrEnum):
    OVERDUE = "overdue"
    OFF_TRACK = "off_track"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"

    @property
    def label(self) -> str:
        return {"overdue": "Просрочен", "off_track": "Отстаёт от плана", "at_risk": "Под угрозой",
                "on_track": "В срок"}[self.value]


@dataclass(frozen=True)
class PlanSettings:
    min_history: int = 10
    """N: fewer completed acts of a kind than this, and the expected scenario uses the catalogue."""
    pessimistic_factor: float = 1.5


@dataclass(frozen=True)
class PlannedStage:
    stage: Stage
    start: dt.date
    end: dt.date
    days: int
    unit: DayUnit
    repeat: bool = False
    """Part of a foreseen loop (a second pass), not the first pass through the stage."""


@dataclass(frozen=True)
class ScenarioPlan:
    scenario: Scenario
    stages: tuple[PlannedStage, ...]

    @property
    def end(self) -> dt.date:
        return self.stages[-1].end


@dataclass(frozen=True)
class Plan:
    optimistic: ScenarioPlan
    expected: ScenarioPlan
    pessimistic: ScenarioPlan
    status: PlanStatus
    stage_deadline: dt.date | None
    history_used: bool
    """Whether the expected scenario learnt from history (enough completed acts of the kind)."""
    warnings: tuple[str, ...]

    @property
    def scenarios(self) -> tuple[ScenarioPlan, ScenarioPlan, ScenarioPlan]:
        return self.optimistic, self.expected, self.pessimistic


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5 + EPSILON)


def remaining_stages(state: ActState) -> list[Stage]:
    """The current stage and the stages still ahead on the act's path: an optional stage only when its
    flag says it is needed and the act has not gone through it; publication not for a restricted act."""
    path = path_of(state.kind)
    ahead = []
    for stage in path.stages[path.index(state.stage) + 1:]:
        if stage in path.optional and (not getattr(state, OPTIONAL_FLAGS[stage]) or stage in state.passed):
            continue
        if stage is Stage.PUBLICATION and state.restricted:
            continue
        ahead.append(stage)
    return [state.stage, *ahead]


def _degree(state: ActState) -> RiaDegree | None:
    return (state.ria_degree or RiaDegree.HIGH) if state.needs_ria else None


def _default_days(spec: StageSpec, state: ActState) -> int:
    days = spec.duration_for(state.kind, _degree(state))
    if spec.code is Stage.REGISTRATION and state.registration_extended:
        days += spec.extension
    if spec.code is Stage.IN_FORCE and state.restricted:
        days = 0
    return days


@dataclass(frozen=True)
class _Figures:
    days: dict[Scenario, dict[Stage, int]]
    loop_rates: dict[Scenario, dict[Stage, float]]


def _figures(state: ActState, path: KindPath, catalogue: Catalogue, history: KindStatistics | None,
             settings: PlanSettings) -> _Figures:
    days: dict[Scenario, dict[Stage, int]] = {s: {} for s in Scenario}
    for stage in path.stages:
        spec = catalogue[stage]
        default = _default_days(spec, state)
        learnt = history is not None and stage in history.median_days and stage is not Stage.IN_FORCE
        expected = round_half_up(history.median_days[stage]) if learnt else default
        if spec.minimum or (stage is Stage.REGISTRATION and state.registration_extended):
            expected = max(expected, default)
        high = round_half_up(history.high_days[stage]) if learnt else 0
        days[Scenario.OPTIMISTIC][stage] = min(default, expected)
        days[Scenario.EXPECTED][stage] = expected
        stretched = math.ceil(default * settings.pessimistic_factor - EPSILON)
        longest = max(stretched, default + spec.extension, high, expected)
        days[Scenario.PESSIMISTIC][stage] = default if stage is Stage.IN_FORCE else longest
    loops = {src for src, _, _, _ in path.returns}
    expected_rates = {s: (history.loop_rates.get(s, 0.0) if history is not None else catalogue[s].loop_rate)
                      for s in loops}
    rates = {Scenario.OPTIMISTIC: {}, Scenario.EXPECTED: expected_rates,
             Scenario.PESSIMISTIC: dict.fromkeys(loops, 1.0)}
    return _Figures(days, rates)


def _loop_segment(path: KindPath, source: Stage, target: Stage) -> list[Stage]:
    """The stages a loop repeats: the required ones from ``target`` to ``source``, and ``source`` itself."""
    segment = path.stages[path.index(target):path.index(source) + 1]
    return [s for s in segment if s not in path.optional or s is source]


def _items(state: ActState, path: KindPath, days: Mapping[Stage, int], rates: Mapping[Stage, float]):
    items: list[tuple[Stage, int, bool]] = []
    for stage in remaining_stages(state):
        items.append((stage, days[stage], False))
        target, rate = loop_target(state.kind, stage), rates.get(stage, 0.0)
        if target is None or rate <= 0:
            continue
        for repeated in _loop_segment(path, stage, target):
            if (n := round_half_up(rate * days[repeated])) > 0:
                items.append((repeated, n, True))
    return items


def _lay_out(scenario: Scenario, items, state: ActState, started: dt.date, today: dt.date,
             catalogue: Catalogue, calendar: WorkingCalendar, in_force_date: dt.date | None) -> ScenarioPlan:
    planned, cursor = [], started
    for stage, n, repeat in items:
        unit = catalogue[stage].unit
        if stage is Stage.IN_FORCE:
            end = entry_into_force(cursor, n, mandatory_requirements=state.mandatory_requirements,
                                   fixed=in_force_date)
        elif unit is DayUnit.WORKING:
            end = calendar.add_working_days(cursor, n)
        else:
            end = cursor + dt.timedelta(days=n)
        if not planned:
            end = max(end, today)
        planned.append(PlannedStage(stage, cursor, end, n, unit, repeat))
        cursor = end
    return ScenarioPlan(scenario, tuple(planned))


def stage_deadline(state: ActState, stage_started: dt.date, catalogue: Catalogue,
                   calendar: WorkingCalendar) -> dt.date | None:
    """When the current stage should end by the catalogue's term; None for the planning stage, a final
    stage or an act that is not active (a suspended act's clock is stopped)."""
    if state.status is not Status.ACTIVE or state.stage in (Stage.PLANNED, path_of(state.kind).final):
        return None
    spec = catalogue[state.stage]
    days = _default_days(spec, state)
    if spec.unit is DayUnit.WORKING:
        return calendar.add_working_days(stage_started, days)
    return stage_started + dt.timedelta(days=days)


def plan_status(*, today: dt.date, target: dt.date | None, deadline: dt.date | None, expected_end: dt.date,
                pessimistic_end: dt.date) -> PlanStatus:
    """DOMAIN.md's status, first match wins; without a target only the stage deadline can make it overdue."""
    if (deadline is not None and today > deadline) or (target is not None and today > target):
        return PlanStatus.OVERDUE
    if target is not None and expected_end > target:
        return PlanStatus.OFF_TRACK
    if target is not None and pessimistic_end > target:
        return PlanStatus.AT_RISK
    return PlanStatus.ON_TRACK


def _calendar_warnings(plans: list[ScenarioPlan], started: dt.date,
                       corrected_years: Collection[int]) -> list[str]:
    last = max(plan.end for plan in plans)
    return [
        f"Переносы выходных дней на {year} год ещё не опубликованы (в календаре их нет): "
        f"даты плана в {year} году предварительные; "
        "администратор может внести поправки в производственный календарь."
        for year in years_without_transfers(range(started.year, last.year + 1), corrected_years)
    ]


def compute_plan(
    state: ActState,
    stage_started: dt.date,
    *,
    catalogue: Catalogue,
    calendar: WorkingCalendar,
    today: dt.date,
    statistics: HistoryStatistics | None = None,
    target: dt.date | None = None,
    in_force_date: dt.date | None = None,
    corrected_years: Collection[int] = (),
    settings: PlanSettings = PlanSettings(),
) -> Plan:
    """The three scenarios from the current stage on, the act's status and the calendar warnings.

    ``in_force_date``: a date of entry into force set by the act itself; ``corrected_years``: years for
    which an administrator entered calendar corrections (they fill the gap of unpublished transfers).
    """
    if state.status in (Status.WITHDRAWN, Status.COMPLETED):
        raise ValueError("План-график строится только для проектов в работе")
    path = path_of(state.kind)
    kind_history = (statistics or {}).get(state.kind)
    enough = kind_history is not None and kind_history.completed_acts >= settings.min_history
    figures = _figures(state, path, catalogue, kind_history if enough else None, settings)
    plans = [
        _lay_out(s, _items(state, path, figures.days[s], figures.loop_rates[s]), state, stage_started, today,
                 catalogue, calendar, in_force_date)
        for s in Scenario
    ]
    deadline = stage_deadline(state, stage_started, catalogue, calendar)
    status = plan_status(today=today, target=target, deadline=deadline, expected_end=plans[1].end,
                         pessimistic_end=plans[2].end)
    warnings = _calendar_warnings(plans, stage_started, corrected_years)
    return Plan(*plans, status=status, stage_deadline=deadline, history_used=enough, warnings=tuple(warnings))

