"""What may happen to a draft act next, and — when it may not — what is missing, in Russian.

Pure functions over a frozen ``ActState``; the service loads the state, asks ``check_transition`` (or
``apply_transition``, which checks first), stores the new state and writes the audit record.

Rules (DOMAIN.md §3 "Rules that the workflow enforces"):
- a stage is left only along an edge of the kind's graph (``app.acts.graph``); required stages cannot be
  skipped; an optional stage is skipped only with a reason — unless the act already went through it
  (a second pass after a return), when the earlier pass is the reason;
- internal approval is complete only when every listed department answered ``approved`` or
  ``approved_with_remarks`` on the current text version; a ``not_approved`` answer needs a reason and
  leaves only the return to drafting (whose reason is then the answer itself);
- nothing moves past drafting without a text version, and nothing after signing without a signature;
  a new text version resets the approvals and the signature;
- a suspended act only resumes or is withdrawn; a withdrawn or completed act does not move.
Flags ``needs_notice``/``needs_ria``/``needs_interagency`` are the plan's assumption: taking or skipping
an optional stage records the decision by setting the flag.

The draft federal law follows "as the Government resolution, then submission to the State Duma" read as
… → submission to the Government → adoption → submission to the State Duma (one external final stage);
see ``app.acts.graph``. Минюст's return without registration and its refusal are two return edges from
registration to revision told apart by ``outcome``; refusal may also end in withdrawal. The extension of
the registration term and the signature are events (``extend_registration``, ``mark_signed``), not moves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from app.acts.graph import Edge, EdgeKind, edges_from, edges_of, path_of
from app.acts.stages import ActKind, RiaDegree, Stage, quoted

__all__ = [
    "ActRefused", "ActState", "Answer", "AnswerRefused", "Approvals", "Status", "Transition",
    "TransitionRefused", "apply_answer", "apply_transition", "available_transitions", "check_answer",
    "check_transition", "edges_of", "extend_registration", "mark_signed", "new_text_version",
    "transition_for",
]


class Status(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"


class Answer(StrEnum):
    APPROVED = "approved"
    APPROVED_WITH_REMARKS = "approved_with_remarks"
    NOT_APPROVED = "not_approved"


POSITIVE = frozenset({Answer.APPROVED, Answer.APPROVED_WITH_REMARKS})
OPTIONAL_FLAGS = {
    Stage.NOTICE: "needs_notice", Stage.RIA: "needs_ria", Stage.INTERAGENCY: "needs_interagency",
}


class ActRefused(ValueError):
    """A refused action; ``str(error)`` is the Russian message for the user."""


class TransitionRefused(ActRefused):
    pass


class AnswerRefused(ActRefused):
    pass


@dataclass(frozen=True)
class Approvals:
    """Departments that must approve (their display names) and their answers on the current version."""

    required: tuple[str, ...] = ()
    answers: Mapping[str, Answer] = field(default_factory=dict)

    def missing(self) -> list[str]:
        return [d for d in self.required if d not in self.answers]

    def refused(self) -> list[str]:
        return [d for d in self.required if self.answers.get(d) is Answer.NOT_APPROVED]

    @property
    def complete(self) -> bool:
        return bool(self.required) and all(self.answers.get(d) in POSITIVE for d in self.required)


@dataclass(frozen=True)
class ActState:
    kind: ActKind
    stage: Stage = Stage.PLANNED
    status: Status = Status.ACTIVE
    needs_notice: bool = False
    needs_ria: bool = False
    ria_degree: RiaDegree | None = None
    needs_interagency: bool = False
    approvals: Approvals = Approvals()
    has_text: bool = False
    signed: bool = False
    restricted: bool = False
    """Restricted content: not published, in force from registration."""
    mandatory_requirements: bool = False
    """Sets mandatory requirements (247-ФЗ): in force only on 1 March or 1 September."""
    registration_extended: bool = False
    passed: frozenset[Stage] = frozenset()
    """Stages the act has gone through at least once (left forward)."""


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: str
    kind: EdgeKind
    label: str
    reason_required: bool
    outcome: str = ""
    skipped: tuple[Stage, ...] = ()
    blocked_by: str | None = None
    """The refusal ``check_transition`` would give (with a reason supplied); None when it may go."""


def _verb(names: list[str], one: str, many: str) -> str:
    return f"{one if len(names) == 1 else many} {', '.join(names)}"


def _applies(edge: Edge, state: ActState) -> bool:
    return edge.restricted is None or edge.restricted == state.restricted


def _reason_required(edge: Edge, state: ActState) -> bool:
    if edge.kind in (EdgeKind.WITHDRAW, EdgeKind.SUSPEND):
        return True
    if edge.kind is EdgeKind.RETURN:
        return not (edge.source is Stage.INTERNAL_APPROVAL and state.approvals.refused())
    if edge.kind is EdgeKind.SKIP:
        return not all(s is Stage.PUBLICATION or s in state.passed for s in edge.skipped)
    return False


def _status_problem(edge: Edge, state: ActState) -> str | None:
    if state.status is Status.WITHDRAWN:
        return "Проект снят с работы: действия с ним невозможны"
    if state.status is Status.COMPLETED:
        return "Работа над проектом завершена: действия с ним невозможны"
    if state.status is Status.SUSPENDED and edge.kind not in (EdgeKind.RESUME, EdgeKind.WITHDRAW):
        return "Работа над проектом приостановлена: сначала возобновите её"
    if state.status is Status.ACTIVE and edge.kind is EdgeKind.RESUME:
        return "Работа над проектом не приостановлена"
    return None


def _leaving_problem(edge: Edge, state: ActState) -> str | None:
    """Prerequisites of moving forward (forward and skip edges)."""
    path = path_of(state.kind)
    target = Stage(edge.target)
    if edge.source is not Stage.PLANNED and not state.has_text:
        if edge.source is Stage.DRAFTING:
            return "Нельзя завершить разработку: не загружен текст проекта"
        return f"Нельзя перейти на этап {quoted(target)}: не загружен текст проекта"
    if edge.source is Stage.INTERNAL_APPROVAL:
        approvals = state.approvals
        if not approvals.required:
            return "Нельзя завершить внутреннее согласование: не указаны согласующие департаменты"
        if missing := approvals.missing():
            return "Нельзя завершить внутреннее согласование: " + _verb(missing, "не ответил", "не ответили")
        if refused := approvals.refused():
            who = _verb(refused, "не согласовал", "не согласовали")
            return f"Нельзя завершить внутреннее согласование: {who}; верните проект на разработку"
    if target is Stage.INTERNAL_APPROVAL and not state.approvals.required:
        return "Нельзя направить на внутреннее согласование: не указаны согласующие департаменты"
    if target is Stage.RIA and state.ria_degree is None:
        return "Нельзя перейти на этап «ОРВ»: не указана степень регулирующего воздействия"
    if Stage.SIGNING in path.stages and path.index(target) > path.index(Stage.SIGNING) and not state.signed:
        if target is Stage.SENDING_TO_JUSTICE:
            return "Нельзя направить в Минюст: акт не подписан"
        return f"Нельзя перейти на этап {quoted(target)}: акт не подписан"
    return None


def _problem(edge: Edge, state: ActState) -> str | None:
    if problem := _status_problem(edge, state):
        return problem
    if edge.kind in (EdgeKind.FORWARD, EdgeKind.SKIP):
        return _leaving_problem(edge, state)
    return None


def _transition(edge: Edge, state: ActState) -> Transition:
    return Transition(edge.source, edge.target, edge.kind, edge.label, _reason_required(edge, state),
                      edge.outcome, edge.skipped, _problem(edge, state))


def available_transitions(state: ActState) -> list[Transition]:
    """The edges out of the current stage that suit this act, each with what blocks it (if anything)."""
    if state.status in (Status.WITHDRAWN, Status.COMPLETED):
        return []
    edges = [e for e in edges_from(state.kind, state.stage) if _applies(e, state)]
    if state.status is Status.SUSPENDED:
        edges = [e for e in edges if e.kind in (EdgeKind.RESUME, EdgeKind.WITHDRAW)]
    else:
        edges = [e for e in edges if e.kind is not EdgeKind.RESUME]
    return [_transition(e, state) for e in edges]


def _no_edge_message(state: ActState, target: str) -> str:
    path = path_of(state.kind)
    try:
        stage = Stage(target)
    except ValueError:
        return f"Неизвестное действие или этап «{target}»"
    if stage not in path.stages:
        return f"Этапа {quoted(stage)} нет у вида «{state.kind.label}»"
    if stage is state.stage:
        return f"Проект уже на этапе {quoted(stage)}"
    if stage is Stage.PUBLICATION and state.restricted:
        return "Акт с ограниченным доступом не публикуется: он вступает в силу с государственной регистрации"
    refused = f"Переход с этапа {quoted(state.stage)} на этап {quoted(stage)} не предусмотрен"
    here, there = path.index(state.stage), path.index(stage)
    not_needed = {Stage.PUBLICATION} if state.restricted else set()
    required = [s for s in path.stages[here + 1:there] if s not in path.optional and s not in not_needed]
    if not required:
        return refused
    names = ", ".join(quoted(s) for s in required)
    if len(required) == 1:
        return f"{refused}: нельзя пропустить обязательный этап {names}"
    return f"{refused}: нельзя пропустить обязательные этапы {names}"


def transition_for(state: ActState, target: str, outcome: str | None = None) -> Transition:
    """The edge that a move to ``target`` would take (``outcome`` tells apart edges between the same
    stages, as Минюст's return and refusal); refused when the graph has no such edge for this act."""
    if state.status is Status.WITHDRAWN:
        raise TransitionRefused("Проект снят с работы: действия с ним невозможны")
    if state.status is Status.COMPLETED:
        raise TransitionRefused("Работа над проектом завершена: действия с ним невозможны")
    edges = [e for e in edges_from(state.kind, state.stage)
             if e.target == target and _applies(e, state) and (outcome is None or e.outcome == outcome)]
    if not edges:
        raise TransitionRefused(_no_edge_message(state, target))
    return _transition(edges[0], state)


def check_transition(state: ActState, target: str, reason: str | None = None, *,
                     outcome: str | None = None) -> None:
    """Raise ``TransitionRefused`` with what is missing, or return when the move may be made."""
    transition = transition_for(state, target, outcome)
    if transition.blocked_by:
        raise TransitionRefused(transition.blocked_by)
    if transition.reason_required and not (reason or "").strip():
        raise TransitionRefused(_reason_message(transition))


def _reason_message(transition: Transition) -> str:
    if transition.kind is EdgeKind.SKIP:
        skipped = [quoted(s) for s in transition.skipped]
        if len(skipped) == 1:
            return f"Этап {skipped[0]} можно пропустить только с указанием причины"
        return f"Этапы {', '.join(skipped)} можно пропустить только с указанием причины"
    if transition.kind is EdgeKind.WITHDRAW:
        return "Чтобы снять проект с работы, укажите причину"
    if transition.kind is EdgeKind.SUSPEND:
        return "Чтобы приостановить работу над проектом, укажите причину"
    return f"Чтобы вернуть проект на этап {quoted(transition.target)}, укажите причину"


def apply_transition(state: ActState, target: str, reason: str | None = None, *,
                     outcome: str | None = None) -> ActState:
    """The state after the move; checks it first, so an unchecked move cannot be stored."""
    check_transition(state, target, reason, outcome=outcome)
    transition = transition_for(state, target, outcome)
    kind = transition.kind
    if kind is EdgeKind.WITHDRAW:
        return dataclasses.replace(state, status=Status.WITHDRAWN)
    if kind is EdgeKind.SUSPEND:
        return dataclasses.replace(state, status=Status.SUSPENDED)
    if kind is EdgeKind.RESUME:
        return dataclasses.replace(state, status=Status.ACTIVE)
    path = path_of(state.kind)
    stage = Stage(target)
    changes: dict = {"stage": stage}
    if kind is EdgeKind.RETURN:
        if Stage.SIGNING in path.stages and path.index(stage) < path.index(Stage.SIGNING):
            changes["signed"] = False
        if state.stage is Stage.REGISTRATION:
            changes["registration_extended"] = False
    else:
        changes["passed"] = state.passed | {state.stage}
        for skipped in transition.skipped:
            if skipped in OPTIONAL_FLAGS and skipped not in state.passed:
                changes[OPTIONAL_FLAGS[skipped]] = False
        if stage in OPTIONAL_FLAGS and stage in path.optional:
            changes[OPTIONAL_FLAGS[stage]] = True
        if stage is path.final:
            changes["status"] = Status.COMPLETED
    return dataclasses.replace(state, **changes)


def _must_be_active(state: ActState, error: type[ActRefused]) -> None:
    if state.status is not Status.ACTIVE:
        messages = {
            Status.WITHDRAWN: "Проект снят с работы: действия с ним невозможны",
            Status.COMPLETED: "Работа над проектом завершена: действия с ним невозможны",
            Status.SUSPENDED: "Работа над проектом приостановлена: сначала возобновите её",
        }
        raise error(messages[state.status])


def check_answer(state: ActState, department: str, answer: Answer | str, reason: str | None = None) -> None:
    """May ``department`` give ``answer`` now? A ``not_approved`` answer needs a reason."""
    _must_be_active(state, AnswerRefused)
    if state.stage is not Stage.INTERNAL_APPROVAL:
        raise AnswerRefused("Ответить можно только на этапе «Внутреннее согласование»; "
                            f"проект на этапе {quoted(state.stage)}")
    if department not in state.approvals.required:
        raise AnswerRefused(f"{department} не входит в число согласующих этого проекта")
    if not state.has_text:
        raise AnswerRefused("Нет текста проекта, который можно согласовать")
    try:
        answer = Answer(answer)
    except ValueError:
        raise AnswerRefused(
            "Выберите ответ: согласовано, согласовано с замечаниями или не согласовано") from None
    if answer is Answer.NOT_APPROVED and not (reason or "").strip():
        raise AnswerRefused("Укажите причину, по которой проект не согласован")


def apply_answer(state: ActState, department: str, answer: Answer | str,
                 reason: str | None = None) -> ActState:
    """The state with ``department``'s answer on the current version (a later answer replaces it)."""
    check_answer(state, department, answer, reason)
    answers = {**state.approvals.answers, department: Answer(answer)}
    return dataclasses.replace(state, approvals=dataclasses.replace(state.approvals, answers=answers))


def new_text_version(state: ActState) -> ActState:
    """A new text version: earlier approvals and the signature referred to older text, so they reset."""
    if state.status in (Status.WITHDRAWN, Status.COMPLETED):
        _must_be_active(state, ActRefused)  # raises: no new text for a closed act
    return dataclasses.replace(
        state, has_text=True, signed=False, approvals=dataclasses.replace(state.approvals, answers={})
    )


def mark_signed(state: ActState) -> ActState:
    """Record the minister's signature (an event at the signing stage, not a move)."""
    _must_be_active(state, TransitionRefused)
    if state.stage is not Stage.SIGNING:
        raise TransitionRefused("Отметить подписание можно только на этапе «Подписание»")
    if not state.has_text:
        raise TransitionRefused("Нельзя подписать: не загружен текст проекта")
    return dataclasses.replace(state, signed=True)


def extend_registration(state: ActState) -> ActState:
    """Минюст extended the registration term: an event at the registration stage, not a move."""
    _must_be_active(state, TransitionRefused)
    if state.stage is not Stage.REGISTRATION:
        raise TransitionRefused("Продлить срок можно только на этапе «Государственная регистрация»")
    if state.registration_extended:
        raise TransitionRefused("Срок государственной регистрации уже продлён")
    return dataclasses.replace(state, registration_extended=True)
