"""The stage graph of each kind of act, as data (DOMAIN.md §3 "Kinds of act" and "Trajectories").

A kind is a path of stages with some of them optional, plus the return edges (loops) of the
trajectories. Forward and skip edges follow from the path; withdraw, suspend and resume exist at every
non-final stage. ``edges_of(kind)`` lists them all, for the workflow, the UI and the tests.

Interpretation of "Draft federal law: as the Government resolution, then submission to the State Duma":
the same stages up to the Government's decision — … → inter-agency approval → legal expertise of Минюст →
submission to the Government → adoption (the Government approves the bill) → submission to the State Duma,
tracked as one external final stage. Publication and entry into force of a law happen after the Duma and
the Federation Council, outside the ministry's process, so they are not stages of this kind.

Acts with restricted content are not published (they take effect from registration): the skip over
"official publication" exists only for them, and the plain step into publication only for the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from app.acts.stages import ActKind, Stage, quoted

S = Stage

WITHDRAW = "withdraw"
SUSPEND = "suspend"
RESUME = "resume"
"""Targets of the edges that change the act's status and keep its stage."""

RETURNED = "returned_without_registration"
REFUSED = "registration_refused"
"""Outcomes that tell apart the two ways Минюст sends an act back to revision."""


class EdgeKind(StrEnum):
    FORWARD = "forward"
    SKIP = "skip"
    RETURN = "return"
    WITHDRAW = "withdraw"
    SUSPEND = "suspend"
    RESUME = "resume"


@dataclass(frozen=True)
class KindPath:
    kind: ActKind
    stages: tuple[Stage, ...]
    optional: frozenset[Stage]
    returns: tuple[tuple[Stage, Stage, str, str], ...]
    """(from, to, outcome, label) of the loops of DOMAIN.md "Trajectories"."""

    @property
    def final(self) -> Stage:
        return self.stages[-1]

    def index(self, stage: Stage | str) -> int:
        return self.stages.index(Stage(stage))


@dataclass(frozen=True)
class Edge:
    source: Stage
    target: str
    kind: EdgeKind
    label: str
    outcome: str = ""
    skipped: tuple[Stage, ...] = ()
    restricted: bool | None = None
    """None: any act; True: only acts with restricted content; False: only the others."""


_INTERNAL_LOOPS = (
    (S.INTERNAL_APPROVAL, S.DRAFTING, "", "Вернуть на разработку по замечаниям согласования"),
    (S.LEGAL_REVIEW, S.DRAFTING, "", "Вернуть на разработку по замечаниям правовой экспертизы"),
)
_DISCUSSION_LOOPS = (
    (S.REVISION, S.PUBLIC_DISCUSSION, "", "Провести повторное общественное обсуждение"),
    (S.INTERAGENCY, S.REVISION, "", "Вернуть на доработку по разногласиям (таблица разногласий)"),
)
_GOVERNMENT_STAGES = (
    S.PLANNED, S.DRAFTING, S.NOTICE, S.INTERNAL_APPROVAL, S.LEGAL_REVIEW, S.PUBLIC_DISCUSSION, S.RIA,
    S.REVISION, S.INTERAGENCY, S.JUSTICE_EXPERTISE, S.GOVERNMENT_SUBMISSION, S.ADOPTION,
)
_GOVERNMENT_LOOPS = (
    *_INTERNAL_LOOPS, *_DISCUSSION_LOOPS,
    (S.JUSTICE_EXPERTISE, S.REVISION, "", "Вернуть на доработку: отрицательное заключение Минюста"),
)

PATHS: dict[ActKind, KindPath] = {
    ActKind.NORMATIVE_ORDER: KindPath(
        ActKind.NORMATIVE_ORDER,
        (S.PLANNED, S.DRAFTING, S.NOTICE, S.INTERNAL_APPROVAL, S.LEGAL_REVIEW, S.PUBLIC_DISCUSSION, S.RIA,
         S.REVISION, S.INTERAGENCY, S.SIGNING, S.SENDING_TO_JUSTICE, S.REGISTRATION, S.PUBLICATION,
         S.IN_FORCE),
        frozenset({S.NOTICE, S.RIA, S.INTERAGENCY}),
        (*_INTERNAL_LOOPS, *_DISCUSSION_LOOPS,
         (S.REGISTRATION, S.REVISION, RETURNED, "Возвращён Минюстом без государственной регистрации"),
         (S.REGISTRATION, S.REVISION, REFUSED, "Отказано в государственной регистрации")),
    ),
    ActKind.ORDER_WITHOUT_REGISTRATION: KindPath(
        ActKind.ORDER_WITHOUT_REGISTRATION,
        (S.PLANNED, S.DRAFTING, S.INTERNAL_APPROVAL, S.LEGAL_REVIEW, S.SIGNING, S.IN_FORCE),
        frozenset(),
        _INTERNAL_LOOPS,
    ),
    ActKind.GOVERNMENT_RESOLUTION: KindPath(
        ActKind.GOVERNMENT_RESOLUTION,
        (*_GOVERNMENT_STAGES, S.PUBLICATION, S.IN_FORCE),
        frozenset({S.NOTICE, S.RIA}),
        _GOVERNMENT_LOOPS,
    ),
    ActKind.FEDERAL_LAW: KindPath(
        ActKind.FEDERAL_LAW,
        (*_GOVERNMENT_STAGES, S.DUMA_SUBMISSION),
        frozenset({S.NOTICE, S.RIA}),
        _GOVERNMENT_LOOPS,
    ),
}


def path_of(kind: ActKind | str) -> KindPath:
    return PATHS[ActKind(kind)]


def _skip_label(skipped: tuple[Stage, ...]) -> str:
    if len(skipped) == 1:
        return f"Пропустить этап {quoted(skipped[0])}"
    return "Пропустить этапы " + ", ".join(quoted(s) for s in skipped)


def _forward_edges(path: KindPath) -> list[Edge]:
    edges = []
    for i, source in enumerate(path.stages[:-1]):
        target = path.stages[i + 1]
        edges.append(Edge(source, target, EdgeKind.FORWARD, f"Перейти к этапу {quoted(target)}",
                          restricted=False if target is S.PUBLICATION else None))
        j = i + 1
        while j < len(path.stages) - 1 and path.stages[j] in path.optional:
            j += 1
            skipped = path.stages[i + 1:j]
            edges.append(Edge(source, path.stages[j], EdgeKind.SKIP, _skip_label(skipped), skipped=skipped))
        if target is S.PUBLICATION:
            edges.append(Edge(source, path.stages[i + 2], EdgeKind.SKIP,
                              "Вступление в силу без опубликования (акт с ограниченным доступом)",
                              skipped=(S.PUBLICATION,), restricted=True))
    return edges


def _status_edges(path: KindPath) -> list[Edge]:
    edges = []
    for stage in path.stages[:-1]:
        edges += [
            Edge(stage, WITHDRAW, EdgeKind.WITHDRAW, "Снять с работы"),
            Edge(stage, SUSPEND, EdgeKind.SUSPEND, "Приостановить"),
            Edge(stage, RESUME, EdgeKind.RESUME, "Возобновить"),
        ]
    return edges


@cache
def _edges(kind: ActKind) -> tuple[Edge, ...]:
    path = PATHS[kind]
    returns = [Edge(src, dst, EdgeKind.RETURN, label, outcome=outcome)
               for src, dst, outcome, label in path.returns]
    order = {stage: i for i, stage in enumerate(path.stages)}
    edges = _forward_edges(path) + returns + _status_edges(path)
    return tuple(sorted(edges, key=lambda e: order[e.source]))


def edges_of(kind: ActKind | str) -> list[Edge]:
    """Every edge of a kind's graph, grouped by source stage in path order."""
    return list(_edges(ActKind(kind)))


def edges_from(kind: ActKind | str, stage: Stage | str) -> list[Edge]:
    return [edge for edge in _edges(ActKind(kind)) if edge.source == stage]


def loop_target(kind: ActKind | str, stage: Stage | str) -> Stage | None:
    """Where a return from ``stage`` leads (each stage of our graphs has at most one such place)."""
    targets = {dst for src, dst, _, _ in path_of(kind).returns if src == stage}
    return targets.pop() if targets else None
