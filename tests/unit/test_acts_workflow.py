"""The stage workflow: the graph as data, every edge of every kind walked, every refusal, and property
tests that no sequence of actions reaches a stage without its prerequisites."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.acts.graph import PATHS, REFUSED, RESUME, RETURNED, SUSPEND, WITHDRAW, EdgeKind, edges_of
from app.acts.stages import ActKind, RiaDegree, Stage
from app.acts.workflow import (
    ActRefused,
    ActState,
    Answer,
    AnswerRefused,
    Approvals,
    Status,
    TransitionRefused,
    apply_answer,
    apply_transition,
    available_transitions,
    check_answer,
    check_transition,
    extend_registration,
    mark_signed,
    new_text_version,
)

S, K = Stage, ActKind
LEGAL, DIGITAL = "Правовой департамент", "Департамент цифрового развития"
ALL_APPROVED = Approvals((LEGAL, DIGITAL), {LEGAL: Answer.APPROVED, DIGITAL: Answer.APPROVED_WITH_REMARKS})

# The loops of DOMAIN.md "Trajectories", by hand: (from, to, outcome) per kind.
INTERNAL = {(S.INTERNAL_APPROVAL, S.DRAFTING, ""), (S.LEGAL_REVIEW, S.DRAFTING, "")}
DISCUSSION = {(S.REVISION, S.PUBLIC_DISCUSSION, ""), (S.INTERAGENCY, S.REVISION, "")}
RETURNS_BY_HAND = {
    K.NORMATIVE_ORDER: INTERNAL | DISCUSSION | {(S.REGISTRATION, S.REVISION, RETURNED),
                                                (S.REGISTRATION, S.REVISION, REFUSED)},
    K.ORDER_WITHOUT_REGISTRATION: INTERNAL,
    K.GOVERNMENT_RESOLUTION: INTERNAL | DISCUSSION | {(S.JUSTICE_EXPERTISE, S.REVISION, "")},
    K.FEDERAL_LAW: INTERNAL | DISCUSSION | {(S.JUSTICE_EXPERTISE, S.REVISION, "")},
}
# Skips by hand: (from, to) over the optional stages; the publication skip exists for restricted acts only.
SKIPS_BY_HAND = {
    K.NORMATIVE_ORDER: {(S.DRAFTING, S.INTERNAL_APPROVAL), (S.PUBLIC_DISCUSSION, S.REVISION),
                        (S.REVISION, S.SIGNING), (S.REGISTRATION, S.IN_FORCE)},
    K.ORDER_WITHOUT_REGISTRATION: set(),
    K.GOVERNMENT_RESOLUTION: {(S.DRAFTING, S.INTERNAL_APPROVAL), (S.PUBLIC_DISCUSSION, S.REVISION),
                              (S.ADOPTION, S.IN_FORCE)},
    K.FEDERAL_LAW: {(S.DRAFTING, S.INTERNAL_APPROVAL), (S.PUBLIC_DISCUSSION, S.REVISION)},
}


def ready(kind: ActKind, stage: Stage, **changes) -> ActState:
    """An act at ``stage`` with everything a forward move may ask for."""
    state = ActState(kind, stage, has_text=True, approvals=ALL_APPROVED, ria_degree=RiaDegree.MEDIUM,
                     needs_ria=True, needs_notice=True, needs_interagency=True)
    path = PATHS[kind]
    if S.SIGNING in path.stages and path.index(stage) >= path.index(S.SIGNING):
        state = dataclasses.replace(state, signed=True)
    return dataclasses.replace(state, **changes)


@pytest.mark.parametrize("kind", list(ActKind))
def test_graph_edges_are_the_path_the_skips_and_the_loops(kind):
    path = PATHS[kind]
    edges = edges_of(kind)
    forward = {(e.source, e.target) for e in edges if e.kind is EdgeKind.FORWARD}
    assert forward == set(zip(path.stages, path.stages[1:]))
    assert {(e.source, e.target) for e in edges if e.kind is EdgeKind.SKIP} == SKIPS_BY_HAND[kind]
    assert {(e.source, e.target, e.outcome) for e in edges if e.kind is EdgeKind.RETURN} == RETURNS_BY_HAND[kind]
    for action, edge_kind in ((WITHDRAW, EdgeKind.WITHDRAW), (SUSPEND, EdgeKind.SUSPEND), (RESUME, EdgeKind.RESUME)):
        sources = [e.source for e in edges if e.kind is edge_kind]
        assert sources == list(path.stages[:-1]) and all(e.target == action for e in edges if e.kind is edge_kind)


def _every_edge():
    for kind in ActKind:
        for edge in edges_of(kind):
            yield pytest.param(kind, edge, id=f"{kind}:{edge.source}->{edge.target}{':' + edge.outcome if edge.outcome else ''}")


@pytest.mark.parametrize(("kind", "edge"), list(_every_edge()))
def test_walk_every_edge(kind, edge):
    state = ready(kind, edge.source, restricted=bool(edge.restricted))
    if edge.kind is EdgeKind.RESUME:
        state = dataclasses.replace(state, status=Status.SUSPENDED)
    offered = [(t.target, t.outcome) for t in available_transitions(state) if t.blocked_by is None]
    assert (edge.target, edge.outcome) in offered
    after = apply_transition(state, edge.target, "Причина решения", outcome=edge.outcome or None)
    expected_status = {EdgeKind.WITHDRAW: Status.WITHDRAWN, EdgeKind.SUSPEND: Status.SUSPENDED,
                       EdgeKind.RESUME: Status.ACTIVE}
    if edge.kind in expected_status:
        assert (after.stage, after.status) == (edge.source, expected_status[edge.kind])
    else:
        final = edge.target == PATHS[kind].final
        assert after.stage == edge.target
        assert after.status is (Status.COMPLETED if final else Status.ACTIVE)


@pytest.mark.parametrize("kind", list(ActKind))
def test_a_straight_walk_reaches_the_final_stage(kind):
    state = ActState(kind, needs_notice=True, needs_ria=True, needs_interagency=True,
                     ria_degree=RiaDegree.LOW, approvals=Approvals((LEGAL,)))
    while state.status is Status.ACTIVE:
        if state.stage is S.DRAFTING and not state.has_text:
            state = new_text_version(state)
        if state.stage is S.INTERNAL_APPROVAL:
            state = apply_answer(state, LEGAL, Answer.APPROVED)
        if state.stage is S.SIGNING:
            state = mark_signed(state)
        forward = [t for t in available_transitions(state) if t.kind is EdgeKind.FORWARD]
        assert len(forward) == 1 and forward[0].blocked_by is None
        state = apply_transition(state, forward[0].target)
    assert state.stage is PATHS[kind].final and state.status is Status.COMPLETED
    assert available_transitions(state) == []


def refusal(state: ActState, target: str, reason: str | None = None, outcome: str | None = None) -> str:
    with pytest.raises(TransitionRefused) as error:
        check_transition(state, target, reason, outcome=outcome)
    return str(error.value)


def test_internal_approval_names_the_departments_that_did_not_answer():
    state = ready(K.NORMATIVE_ORDER, S.INTERNAL_APPROVAL, approvals=Approvals((LEGAL, DIGITAL)))
    assert refusal(state, S.LEGAL_REVIEW) == (
        "Нельзя завершить внутреннее согласование: не ответили Правовой департамент, Департамент цифрового развития")
    state = apply_answer(state, DIGITAL, Answer.APPROVED)
    assert refusal(state, S.LEGAL_REVIEW) == "Нельзя завершить внутреннее согласование: не ответил Правовой департамент"


def test_not_approved_requires_the_return_to_drafting():
    state = ready(K.NORMATIVE_ORDER, S.INTERNAL_APPROVAL, approvals=Approvals((LEGAL, DIGITAL)))
    state = apply_answer(state, DIGITAL, Answer.APPROVED)
    state = apply_answer(state, LEGAL, Answer.NOT_APPROVED, "Нет ссылки на закон")
    assert refusal(state, S.LEGAL_REVIEW) == (
        "Нельзя завершить внутреннее согласование: не согласовал Правовой департамент; верните проект на разработку")
    returning = [t for t in available_transitions(state) if t.kind is EdgeKind.RETURN]
    assert [(t.target, t.reason_required) for t in returning] == [(S.DRAFTING, False)]
    assert apply_transition(state, S.DRAFTING).stage is S.DRAFTING


def test_a_voluntary_return_needs_a_reason():
    state = ready(K.NORMATIVE_ORDER, S.INTERNAL_APPROVAL)
    assert refusal(state, S.DRAFTING) == "Чтобы вернуть проект на этап «Разработка», укажите причину"
    assert refusal(ready(K.NORMATIVE_ORDER, S.REGISTRATION), S.REVISION, outcome=REFUSED) == (
        "Чтобы вернуть проект на этап «Доработка», укажите причину")


def test_no_approvers_no_internal_approval():
    state = ready(K.ORDER_WITHOUT_REGISTRATION, S.DRAFTING, approvals=Approvals())
    assert refusal(state, S.INTERNAL_APPROVAL) == (
        "Нельзя направить на внутреннее согласование: не указаны согласующие департаменты")
    state = ready(K.ORDER_WITHOUT_REGISTRATION, S.INTERNAL_APPROVAL, approvals=Approvals())
    assert refusal(state, S.LEGAL_REVIEW) == (
        "Нельзя завершить внутреннее согласование: не указаны согласующие департаменты")


@pytest.mark.parametrize(("kind", "source", "target", "message"), [
    (K.NORMATIVE_ORDER, S.SIGNING, S.SENDING_TO_JUSTICE, "Нельзя направить в Минюст: акт не подписан"),
    (K.NORMATIVE_ORDER, S.SENDING_TO_JUSTICE, S.REGISTRATION,
     "Нельзя перейти на этап «Государственная регистрация»: акт не подписан"),
    (K.ORDER_WITHOUT_REGISTRATION, S.SIGNING, S.IN_FORCE, "Нельзя перейти на этап «Вступление в силу»: акт не подписан"),
])
def test_nothing_after_signing_without_a_signature(kind, source, target, message):
    assert refusal(ready(kind, source, signed=False), target) == message


def test_the_text_comes_before_anything_else():
    state = ready(K.NORMATIVE_ORDER, S.DRAFTING, has_text=False)
    assert refusal(state, S.NOTICE) == "Нельзя завершить разработку: не загружен текст проекта"
    state = ready(K.NORMATIVE_ORDER, S.LEGAL_REVIEW, has_text=False)
    assert refusal(state, S.PUBLIC_DISCUSSION) == (
        "Нельзя перейти на этап «Общественное обсуждение»: не загружен текст проекта")


def test_ria_needs_its_degree():
    state = ready(K.NORMATIVE_ORDER, S.PUBLIC_DISCUSSION, ria_degree=None)
    assert refusal(state, S.RIA) == "Нельзя перейти на этап «ОРВ»: не указана степень регулирующего воздействия"


def test_optional_stages_are_skipped_only_with_a_reason():
    state = ready(K.NORMATIVE_ORDER, S.PUBLIC_DISCUSSION)
    assert refusal(state, S.REVISION) == "Этап «ОРВ» можно пропустить только с указанием причины"
    assert refusal(state, S.REVISION, "   ") == "Этап «ОРВ» можно пропустить только с указанием причины"
    after = apply_transition(state, S.REVISION, "ОРВ не требуется: акт не затрагивает предпринимателей")
    assert after.stage is S.REVISION and not after.needs_ria
    assert refusal(ready(K.NORMATIVE_ORDER, S.REVISION), S.SIGNING) == (
        "Этап «Межведомственное согласование» можно пропустить только с указанием причины")
    assert refusal(ready(K.NORMATIVE_ORDER, S.DRAFTING), S.INTERNAL_APPROVAL) == (
        "Этап «Уведомление о подготовке» можно пропустить только с указанием причины")


def test_an_optional_stage_passed_before_is_skipped_on_the_second_pass_without_a_reason():
    state = ready(K.NORMATIVE_ORDER, S.REVISION, passed=frozenset({S.INTERAGENCY}))
    check_transition(state, S.SIGNING)
    assert apply_transition(state, S.SIGNING).needs_interagency


def test_taking_an_optional_stage_records_that_it_is_needed():
    state = ready(K.NORMATIVE_ORDER, S.PUBLIC_DISCUSSION, needs_ria=False)
    assert apply_transition(state, S.RIA).needs_ria


@pytest.mark.parametrize(("kind", "source", "target", "message"), [
    (K.NORMATIVE_ORDER, S.DRAFTING, S.SIGNING, "Переход с этапа «Разработка» на этап «Подписание» не предусмотрен: "
     "нельзя пропустить обязательные этапы «Внутреннее согласование», «Правовая экспертиза», "
     "«Общественное обсуждение», «Доработка»"),
    (K.NORMATIVE_ORDER, S.DRAFTING, S.LEGAL_REVIEW, "Переход с этапа «Разработка» на этап «Правовая экспертиза» "
     "не предусмотрен: нельзя пропустить обязательный этап «Внутреннее согласование»"),
    (K.NORMATIVE_ORDER, S.SIGNING, S.REGISTRATION, "Переход с этапа «Подписание» на этап «Государственная "
     "регистрация» не предусмотрен: нельзя пропустить обязательный этап «Направление в Минюст»"),
    (K.NORMATIVE_ORDER, S.REGISTRATION, S.IN_FORCE, "Переход с этапа «Государственная регистрация» на этап "
     "«Вступление в силу» не предусмотрен: нельзя пропустить обязательный этап «Официальное опубликование»"),
    (K.GOVERNMENT_RESOLUTION, S.REVISION, S.JUSTICE_EXPERTISE, "Переход с этапа «Доработка» на этап «Юридическая "
     "экспертиза Минюста» не предусмотрен: нельзя пропустить обязательный этап «Межведомственное согласование»"),
    (K.NORMATIVE_ORDER, S.PUBLIC_DISCUSSION, S.DRAFTING,
     "Переход с этапа «Общественное обсуждение» на этап «Разработка» не предусмотрен"),
    (K.NORMATIVE_ORDER, S.SIGNING, S.DRAFTING, "Переход с этапа «Подписание» на этап «Разработка» не предусмотрен"),
    (K.ORDER_WITHOUT_REGISTRATION, S.SIGNING, S.REGISTRATION,
     "Этапа «Государственная регистрация» нет у вида «Приказ, не требующий государственной регистрации»"),
    (K.NORMATIVE_ORDER, S.DRAFTING, S.DRAFTING, "Проект уже на этапе «Разработка»"),
    (K.NORMATIVE_ORDER, S.DRAFTING, "fly", "Неизвестное действие или этап «fly»"),
    (K.NORMATIVE_ORDER, S.INTERAGENCY, S.LEGAL_REVIEW,
     "Переход с этапа «Межведомственное согласование» на этап «Правовая экспертиза» не предусмотрен"),
])
def test_moves_off_the_graph_are_refused(kind, source, target, message):
    assert refusal(ready(kind, source), target, "причина") == message


def test_a_jump_forward_names_every_required_stage_it_would_skip():
    state = ready(K.ORDER_WITHOUT_REGISTRATION, S.DRAFTING)
    assert refusal(state, S.SIGNING, "причина") == (
        "Переход с этапа «Разработка» на этап «Подписание» не предусмотрен: "
        "нельзя пропустить обязательные этапы «Внутреннее согласование», «Правовая экспертиза»")
    state = ready(K.ORDER_WITHOUT_REGISTRATION, S.PLANNED)
    assert refusal(state, S.IN_FORCE, "причина").endswith("обязательные этапы «Разработка», "
                                                         "«Внутреннее согласование», «Правовая экспертиза», «Подписание»")


def test_restricted_acts_are_not_published():
    state = ready(K.NORMATIVE_ORDER, S.REGISTRATION, restricted=True)
    assert refusal(state, S.PUBLICATION) == (
        "Акт с ограниченным доступом не публикуется: он вступает в силу с государственной регистрации")
    skip = [t for t in available_transitions(state) if t.kind is EdgeKind.SKIP]
    assert [(t.target, t.reason_required) for t in skip] == [(S.IN_FORCE, False)]
    assert apply_transition(state, S.IN_FORCE).status is Status.COMPLETED


def test_minjust_return_and_refusal_are_told_apart_by_outcome():
    state = ready(K.NORMATIVE_ORDER, S.REGISTRATION, registration_extended=True)
    labels = {t.outcome: t.label for t in available_transitions(state) if t.kind is EdgeKind.RETURN}
    assert labels == {RETURNED: "Возвращён Минюстом без государственной регистрации",
                      REFUSED: "Отказано в государственной регистрации"}
    after = apply_transition(state, S.REVISION, "Замечания Минюста", outcome=RETURNED)
    assert (after.stage, after.signed, after.registration_extended) == (S.REVISION, False, False)
    assert refusal(state, S.REVISION, "x", outcome="lost") == (
        "Переход с этапа «Государственная регистрация» на этап «Доработка» не предусмотрен")


def test_withdrawal_and_suspension_need_a_reason():
    state = ready(K.FEDERAL_LAW, S.ADOPTION)
    assert refusal(state, WITHDRAW) == "Чтобы снять проект с работы, укажите причину"
    assert refusal(state, SUSPEND) == "Чтобы приостановить работу над проектом, укажите причину"
    assert refusal(state, RESUME) == "Работа над проектом не приостановлена"


def test_suspended_act_only_resumes_or_is_withdrawn_and_keeps_its_stage():
    state = apply_transition(ready(K.NORMATIVE_ORDER, S.LEGAL_REVIEW), SUSPEND, "Ждём решения руководства")
    assert state.status is Status.SUSPENDED and state.stage is S.LEGAL_REVIEW
    assert {t.target for t in available_transitions(state)} == {RESUME, WITHDRAW}
    assert refusal(state, S.PUBLIC_DISCUSSION) == "Работа над проектом приостановлена: сначала возобновите её"
    assert refusal(state, SUSPEND, "ещё раз") == "Работа над проектом приостановлена: сначала возобновите её"
    resumed = apply_transition(state, RESUME)
    assert resumed.status is Status.ACTIVE and resumed.stage is S.LEGAL_REVIEW
    withdrawn = apply_transition(state, WITHDRAW, "Поручение отменено")
    assert withdrawn.status is Status.WITHDRAWN


def test_nothing_leaves_withdrawn_or_completed():
    withdrawn = dataclasses.replace(ready(K.NORMATIVE_ORDER, S.DRAFTING), status=Status.WITHDRAWN)
    assert available_transitions(withdrawn) == []
    assert refusal(withdrawn, S.NOTICE, "x") == "Проект снят с работы: действия с ним невозможны"
    assert refusal(withdrawn, RESUME) == "Проект снят с работы: действия с ним невозможны"
    completed = ready(K.NORMATIVE_ORDER, S.IN_FORCE, status=Status.COMPLETED)
    assert refusal(completed, WITHDRAW, "x") == "Работа над проектом завершена: действия с ним невозможны"
    with pytest.raises(ActRefused, match="снят с работы"):
        new_text_version(withdrawn)


def test_blocked_transitions_say_why_in_the_list():
    state = ready(K.NORMATIVE_ORDER, S.SIGNING, signed=False)
    blocked = {t.target: t.blocked_by for t in available_transitions(state)}
    assert blocked[S.SENDING_TO_JUSTICE] == "Нельзя направить в Минюст: акт не подписан"
    assert blocked[WITHDRAW] is None


def answer_refusal(state, department, answer, reason=None) -> str:
    with pytest.raises(AnswerRefused) as error:
        check_answer(state, department, answer, reason)
    return str(error.value)


def test_answers_are_validated():
    state = ready(K.NORMATIVE_ORDER, S.INTERNAL_APPROVAL, approvals=Approvals((LEGAL, DIGITAL)))
    assert answer_refusal(state, LEGAL, Answer.NOT_APPROVED) == "Укажите причину, по которой проект не согласован"
    assert answer_refusal(state, LEGAL, Answer.NOT_APPROVED, " ") == "Укажите причину, по которой проект не согласован"
    assert answer_refusal(state, "Департамент кадров", Answer.APPROVED) == (
        "Департамент кадров не входит в число согласующих этого проекта")
    assert answer_refusal(state, LEGAL, "maybe") == (
        "Выберите ответ: согласовано, согласовано с замечаниями или не согласовано")
    assert answer_refusal(dataclasses.replace(state, stage=S.DRAFTING), LEGAL, Answer.APPROVED) == (
        "Ответить можно только на этапе «Внутреннее согласование»; проект на этапе «Разработка»")
    assert answer_refusal(dataclasses.replace(state, has_text=False), LEGAL, Answer.APPROVED) == (
        "Нет текста проекта, который можно согласовать")
    assert answer_refusal(dataclasses.replace(state, status=Status.SUSPENDED), LEGAL, Answer.APPROVED) == (
        "Работа над проектом приостановлена: сначала возобновите её")
    check_answer(state, LEGAL, "approved_with_remarks")


def test_a_new_text_version_resets_approvals_and_signature():
    state = ready(K.NORMATIVE_ORDER, S.SIGNING)
    assert state.signed and state.approvals.complete
    renewed = new_text_version(state)
    assert not renewed.signed and renewed.approvals.answers == {} and renewed.approvals.required == (LEGAL, DIGITAL)


def test_events_signature_and_registration_extension():
    with pytest.raises(TransitionRefused, match="только на этапе «Подписание»"):
        mark_signed(ready(K.NORMATIVE_ORDER, S.REVISION))
    state = extend_registration(ready(K.NORMATIVE_ORDER, S.REGISTRATION))
    assert state.registration_extended and state.stage is S.REGISTRATION
    with pytest.raises(TransitionRefused, match="уже продлён"):
        extend_registration(state)
    with pytest.raises(TransitionRefused, match="только на этапе «Государственная регистрация»"):
        extend_registration(ready(K.NORMATIVE_ORDER, S.SIGNING))


# ---- property tests: random sequences of actions never reach a stage without its prerequisites ----

DEPARTMENTS = (LEGAL, DIGITAL)
EVERY_TARGET = [*Stage, WITHDRAW, SUSPEND, RESUME]


@st.composite
def initial_states(draw):
    return ActState(
        draw(st.sampled_from(list(ActKind))),
        needs_notice=draw(st.booleans()), needs_ria=draw(st.booleans()), needs_interagency=draw(st.booleans()),
        ria_degree=draw(st.sampled_from([None, *RiaDegree])), restricted=draw(st.booleans()),
        approvals=Approvals(DEPARTMENTS),
    )


def _progress(state: ActState, answers: dict[str, Answer]) -> str:
    if not state.has_text:
        return "version"
    if state.stage is S.INTERNAL_APPROVAL and any(answers.get(d) is not Answer.APPROVED for d in DEPARTMENTS):
        return "approve" if Answer.NOT_APPROVED not in answers.values() else "version"
    if state.stage is S.SIGNING and not state.signed:
        return "sign"
    return "forward"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=initial_states(), data=st.data())
def test_no_sequence_reaches_a_stage_without_its_prerequisites(start, data):
    state, path = start, PATHS[start.kind]
    left_forward: set[Stage] = set()  # our own record, independent of state.passed
    answers: dict[str, Answer] = {}
    log: list[str] = []
    for _ in range(120):
        action = data.draw(st.sampled_from(["progress"] * 4 + ["move", "any", "answer", "version", "sign", "extend"]))
        if action == "progress":  # what a diligent executor would do next, so walks get deep into the graph
            action = _progress(state, answers)
        before = state
        try:
            if action in ("move", "any", "forward"):
                options = available_transitions(state)
                if action == "forward":
                    options = [t for t in options if t.kind in (EdgeKind.FORWARD, EdgeKind.SKIP) and not t.blocked_by]
                if action in ("move", "forward") and options:
                    choice = data.draw(st.sampled_from(options))
                    target, outcome = choice.target, choice.outcome or None
                else:
                    target, outcome = data.draw(st.sampled_from(EVERY_TARGET)), None
                reason = data.draw(st.sampled_from([None, "", "Причина"]))
                state = apply_transition(state, target, reason, outcome=outcome)
            elif action in ("answer", "approve"):
                department = data.draw(st.sampled_from(DEPARTMENTS))
                answer = Answer.APPROVED if action == "approve" else data.draw(st.sampled_from(list(Answer)))
                state = apply_answer(state, department, answer, data.draw(st.sampled_from([None, "Замечания"])))
                answers[department] = answer
            elif action == "version":
                state = new_text_version(state)
                answers.clear()
                log.append("version")
            elif action == "sign":
                state = mark_signed(state)
                log.append("signed")
            else:
                state = extend_registration(state)
        except ActRefused:
            assert state == before
            continue
        if state.stage == before.stage:
            continue
        log.append(f"at:{state.stage}")
        moved_forward = path.index(state.stage) > path.index(before.stage)
        if not moved_forward:
            continue
        left_forward.add(before.stage)
        # every required stage before the new one was left forward at least once
        for stage in path.stages[:path.index(state.stage)]:
            if stage in path.optional or (stage is S.PUBLICATION and state.restricted):
                continue
            assert stage in left_forward, f"{state.stage} reached before {stage} was done"
        # leaving internal approval forward: every department answered positively on the current text
        if before.stage is S.INTERNAL_APPROVAL:
            positive = (Answer.APPROVED, Answer.APPROVED_WITH_REMARKS)
            assert all(answers.get(d) in positive for d in DEPARTMENTS), f"internal approval left with {answers}"
        # after signing (to Минюст, registration, …): signed after the last text version and the last arrival at signing
        if S.SIGNING in path.stages and path.index(state.stage) > path.index(S.SIGNING):
            last_signed = max((i for i, e in enumerate(log) if e == "signed"), default=-1)
            last_reset = max((i for i, e in enumerate(log) if e in ("version", f"at:{S.SIGNING}")), default=-1)
            assert last_signed > last_reset, f"{state.stage} reached without a signature on the current text"
        if state.stage in (S.LEGAL_REVIEW, S.SENDING_TO_JUSTICE, S.REGISTRATION):
            assert state.has_text
    if state.status is Status.COMPLETED:
        assert state.stage is path.final
