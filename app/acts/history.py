"""What completed acts teach the plan: per kind and stage, the median and high durations and loop rates.

Pure: the service reads completed acts' stage history from the database and passes it in. A stage's
length is counted in the stage's own unit from the catalogue, the same way the plan counts it: working
days in ``(start, end]`` on the calendar, or calendar days ``end - start``; so a history stage of n days
reproduces a planned stage of n days.

Choices: durations are taken over every pass through a stage, repeats included (a repeated drafting after
remarks is part of what drafting costs); the loop rate of a stage is the share of the acts that went
through the stage and were sent back from it at least once (a move to an earlier stage of the kind's
path, right after it); the high duration is the nearest-rank percentile (90th by default), used by the
pessimistic scenario.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.acts.catalogue import Catalogue
from app.acts.graph import path_of
from app.acts.stages import ActKind, DayUnit, Stage
from app.calendar.workdays import WorkingCalendar


@dataclass(frozen=True)
class StageRun:
    stage: Stage
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class CompletedAct:
    """One completed act: its kind and its stages in the order they ran, repeats included."""

    kind: ActKind
    runs: tuple[StageRun, ...]

    @classmethod
    def of(cls, kind: ActKind | str, runs: Iterable[tuple[Stage | str, dt.date, dt.date]]) -> CompletedAct:
        return cls(ActKind(kind), tuple(StageRun(Stage(s), start, end) for s, start, end in runs))


@dataclass(frozen=True)
class KindStatistics:
    kind: ActKind
    completed_acts: int
    median_days: Mapping[Stage, float]
    high_days: Mapping[Stage, float]
    loop_rates: Mapping[Stage, float]
    samples: Mapping[Stage, int]


HistoryStatistics = Mapping[ActKind, KindStatistics]


def stage_length(run: StageRun, unit: DayUnit, calendar: WorkingCalendar) -> int:
    """Length of a past stage in its unit, counted as the plan counts it."""
    if unit is DayUnit.WORKING:
        return max(calendar.working_days_between(run.start, run.end), 0)
    return max((run.end - run.start).days, 0)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    rank = max(math.ceil(share * len(ordered)), 1)
    return ordered[rank - 1]


def _looped_from(act: CompletedAct) -> set[Stage]:
    stages = path_of(act.kind).stages
    looped = set()
    for before, after in zip(act.runs, act.runs[1:]):
        if before.stage not in stages or after.stage not in stages:
            continue
        if stages.index(after.stage) < stages.index(before.stage):
            looped.add(before.stage)
    return looped


def learn_statistics(
    history: Iterable[CompletedAct],
    catalogue: Catalogue,
    calendar: WorkingCalendar,
    *,
    high_percentile: float = 0.9,
) -> dict[ActKind, KindStatistics]:
    """Per kind: how many completed acts, and per stage the median and high durations and the loop rate."""
    acts: dict[ActKind, list[CompletedAct]] = defaultdict(list)
    for act in history:
        acts[act.kind].append(act)
    result = {}
    for kind, kind_acts in acts.items():
        lengths: dict[Stage, list[int]] = defaultdict(list)
        visited: dict[Stage, int] = defaultdict(int)
        looped: dict[Stage, int] = defaultdict(int)
        for act in kind_acts:
            for run in act.runs:
                lengths[run.stage].append(stage_length(run, catalogue[run.stage].unit, calendar))
            for stage in {run.stage for run in act.runs}:
                visited[stage] += 1
            for stage in _looped_from(act):
                looped[stage] += 1
        result[kind] = KindStatistics(
            kind=kind,
            completed_acts=len(kind_acts),
            median_days={s: statistics.median(v) for s, v in lengths.items()},
            high_days={s: percentile(v, high_percentile) for s, v in lengths.items()},
            loop_rates={s: looped[s] / visited[s] for s in visited},
            samples={s: len(v) for s, v in lengths.items()},
        )
    return result
