"""Plan-schedules: scenarios computed by hand on the Russian calendar, learning from history, the status
rules, entry into force, and working-day arithmetic across the holiday transfers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.acts.catalogue import default_catalogue, with_changes
from app.acts.entry_into_force import after_days, mandatory_requirements_date, years_without_transfers
from app.acts.graph import PATHS
from app.acts.history import CompletedAct, learn_statistics
from app.acts.schedule import PlanSettings, PlanStatus, compute_plan, plan_status, remaining_stages
from app.acts.stages import ActKind, DayUnit, RiaDegree, Stage
from app.acts.workflow import ActState, Status
from app.calendar.workdays import WorkingCalendar

S, K = Stage, ActKind
D = dt.date
CAL = WorkingCalendar()
CATALOGUE = default_catalogue()
MONDAY = D(2025, 3, 3)  # March–April 2025 has no holidays: only weekends; May has 1–4 and 8–11 off
ORDER = ActState(K.ORDER_WITHOUT_REGISTRATION, S.DRAFTING, has_text=True)


def plan(state=ORDER, started=MONDAY, today=MONDAY, **kwargs):
    kwargs.setdefault("catalogue", CATALOGUE)
    return compute_plan(state, started, calendar=CAL, today=today, **kwargs)


def dates(scenario):
    return [(s.stage, s.days, s.repeat, s.end) for s in scenario.stages]


# ---- history fixture: orders without registration, 4 of 10 sent back once from internal approval ----

def history_act(start: dt.date, looped: bool) -> CompletedAct:
    runs, cursor = [], start

    def run(stage, days):
        nonlocal cursor
        end = CAL.add_working_days(cursor, days) if CATALOGUE[stage].unit is DayUnit.WORKING else cursor + dt.timedelta(days)
        runs.append((stage, cursor, end))
        cursor = end

    run(S.DRAFTING, 15)
    run(S.INTERNAL_APPROVAL, 4)
    if looped:
        run(S.DRAFTING, 5)
        run(S.INTERNAL_APPROVAL, 2)
    run(S.LEGAL_REVIEW, 8)
    run(S.SIGNING, 3)
    run(S.IN_FORCE, 0)
    return CompletedAct.of(K.ORDER_WITHOUT_REGISTRATION, runs)


# starts spread over 2024 so the stages cross the May holidays, the working Saturday 02.11 and the New Year
STARTS = [D(2024, 4, 15), D(2024, 10, 21), D(2024, 12, 16), D(2024, 2, 19), D(2024, 1, 9),
          D(2024, 6, 3), D(2024, 7, 1), D(2024, 8, 5), D(2024, 9, 2), D(2024, 3, 4)]
HISTORY = [history_act(start, looped=i < 4) for i, start in enumerate(STARTS)]


def test_learn_statistics_from_the_fixture_history():
    stats = learn_statistics(HISTORY, CATALOGUE, CAL)[K.ORDER_WITHOUT_REGISTRATION]
    assert stats.completed_acts == 10
    # drafting: ten passes of 15 and four repeats of 5 -> 14 values, the 7th and 8th are 15
    assert stats.median_days[S.DRAFTING] == 15
    assert stats.median_days[S.INTERNAL_APPROVAL] == 4  # ten 4s and four 2s
    assert (stats.median_days[S.LEGAL_REVIEW], stats.median_days[S.SIGNING]) == (8, 3)
    assert stats.high_days[S.DRAFTING] == 15  # nearest rank ceil(0.9 × 14) = 13th of 14
    assert stats.samples[S.DRAFTING] == 14
    assert stats.loop_rates[S.INTERNAL_APPROVAL] == pytest.approx(0.4)  # 4 of the 10 acts went back from it
    assert stats.loop_rates[S.LEGAL_REVIEW] == 0.0 and stats.loop_rates[S.DRAFTING] == 0.0


def test_expected_scenario_from_history_by_hand():
    statistics = learn_statistics(HISTORY, CATALOGUE, CAL)
    result = plan(statistics=statistics)
    assert result.history_used
    # Drafting started Mon 03.03.2025; medians 15/4/8/3 working days; loop rate 0.4 from internal approval.
    # drafting 15 wd: 04–07.03 (4), 10–14 (9), 17–21 (14), 24.03 (15)        -> 24.03
    # internal approval 4 wd: 25, 26, 27, 28.03                                -> 28.03
    # loop 0.4: drafting again 0.4 × 15 = 6 wd: 31.03, 01–04.04 (5), 07.04    -> 07.04
    #           approval again 0.4 × 4 = 1.6 -> 2 wd: 08, 09.04                 -> 09.04
    # legal review 8 wd: 10, 11, 14–18 (7), 21.04                             -> 21.04   (loop rate 0: no repeat)
    # signing 3 wd: 22, 23, 24.04                                              -> 24.04
    # in force: an order without registration is in force from signing (0 days) -> 24.04
    assert dates(result.expected) == [
        (S.DRAFTING, 15, False, D(2025, 3, 24)),
        (S.INTERNAL_APPROVAL, 4, False, D(2025, 3, 28)),
        (S.DRAFTING, 6, True, D(2025, 4, 7)),
        (S.INTERNAL_APPROVAL, 2, True, D(2025, 4, 9)),
        (S.LEGAL_REVIEW, 8, False, D(2025, 4, 21)),
        (S.SIGNING, 3, False, D(2025, 4, 24)),
        (S.IN_FORCE, 0, False, D(2025, 4, 24)),
    ]
    # optimistic: the shorter of default and median, no loops: 24.03, 28.03, LR 31.03–09.04 (8), signing 10, 11, 14.04
    assert [s.end for s in result.optimistic.stages] == [D(2025, 3, 24), D(2025, 3, 28), D(2025, 4, 9),
                                                       D(2025, 4, 14), D(2025, 4, 14)]


def test_catalogue_defaults_when_history_is_thin():
    statistics = learn_statistics(HISTORY[:9], CATALOGUE, CAL)  # 9 completed acts < N = 10
    result = plan(statistics=statistics)
    assert not result.history_used
    # Catalogue: 20/5/10/5 working days; default loop rates 0.3 (internal approval) and 0.2 (legal review).
    # drafting 20 wd: 04.03 … 31.03                                             -> 31.03
    # internal approval 5 wd: 01–04.04 (4), 07.04                               -> 07.04
    # loop 0.3: drafting 0.3 × 20 = 6 wd: 08–11.04 (4), 14, 15.04               -> 15.04
    #           approval 0.3 × 5 = 1.5 -> 2 wd: 16, 17.04                       -> 17.04
    # legal review 10 wd: 18.04, 21–25 (6), 28, 29, 30.04 (9), 01–04.05 off, 05.05 -> 05.05
    # loop 0.2: drafting 0.2 × 20 = 4 wd: 06, 07.05, 08–11.05 off, 12, 13.05    -> 13.05
    #           approval 0.2 × 5 = 1 wd: 14.05; legal review 0.2 × 10 = 2 wd: 15, 16.05 -> 16.05
    # signing 5 wd: 19–23.05                                                    -> 23.05; in force the same day
    expected = [
        (S.DRAFTING, 20, False, D(2025, 3, 31)),
        (S.INTERNAL_APPROVAL, 5, False, D(2025, 4, 7)),
        (S.DRAFTING, 6, True, D(2025, 4, 15)),
        (S.INTERNAL_APPROVAL, 2, True, D(2025, 4, 17)),
        (S.LEGAL_REVIEW, 10, False, D(2025, 5, 5)),
        (S.DRAFTING, 4, True, D(2025, 5, 13)),
        (S.INTERNAL_APPROVAL, 1, True, D(2025, 5, 14)),
        (S.LEGAL_REVIEW, 2, True, D(2025, 5, 16)),
        (S.SIGNING, 5, False, D(2025, 5, 23)),
        (S.IN_FORCE, 0, False, D(2025, 5, 23)),
    ]
    assert dates(result.expected) == expected
    assert dates(plan(statistics=None).expected) == expected
    # the same 9 acts are enough when N is 9
    assert plan(statistics=statistics, settings=PlanSettings(min_history=9)).history_used


def test_history_of_another_kind_does_not_count():
    other = [CompletedAct(K.NORMATIVE_ORDER, act.runs) for act in HISTORY]
    statistics = learn_statistics(other + HISTORY[:3], CATALOGUE, CAL)
    assert statistics[K.NORMATIVE_ORDER].completed_acts == 10
    assert not plan(statistics=statistics).history_used


def test_optimistic_scenario_by_hand():
    # 20 wd -> 31.03; 5 wd -> 07.04; 10 wd: 08–11, 14–18, 21.04 -> 21.04; 5 wd: 22–25, 28.04 -> 28.04
    assert dates(plan().optimistic) == [
        (S.DRAFTING, 20, False, D(2025, 3, 31)), (S.INTERNAL_APPROVAL, 5, False, D(2025, 4, 7)),
        (S.LEGAL_REVIEW, 10, False, D(2025, 4, 21)), (S.SIGNING, 5, False, D(2025, 4, 28)),
        (S.IN_FORCE, 0, False, D(2025, 4, 28)),
    ]


def test_pessimistic_takes_every_loop_once_with_longer_terms():
    # default × 1.5 rounded up: drafting 30, approval 8, legal review 15, signing 8; both loops in full
    assert [(s.stage, s.days, s.repeat) for s in plan().pessimistic.stages] == [
        (S.DRAFTING, 30, False), (S.INTERNAL_APPROVAL, 8, False),
        (S.DRAFTING, 30, True), (S.INTERNAL_APPROVAL, 8, True),
        (S.LEGAL_REVIEW, 15, False),
        (S.DRAFTING, 30, True), (S.INTERNAL_APPROVAL, 8, True), (S.LEGAL_REVIEW, 15, True),
        (S.SIGNING, 8, False), (S.IN_FORCE, 0, False),
    ]


def test_registration_extension_and_minjust_loop_in_pessimistic():
    state = ActState(K.NORMATIVE_ORDER, S.SIGNING, has_text=True, signed=True)
    stages = [(s.stage, s.days, s.repeat) for s in plan(state).pessimistic.stages]
    # registration: max(15 × 1.5 = 23, 15 + 15 extension) = 30; the Минюст return repeats the required stages
    assert stages[:7] == [
        (S.SIGNING, 8, False), (S.SENDING_TO_JUSTICE, 15, False), (S.REGISTRATION, 30, False),
        (S.REVISION, 15, True), (S.SIGNING, 8, True), (S.SENDING_TO_JUSTICE, 15, True), (S.REGISTRATION, 30, True),
    ]
    extended = ActState(K.NORMATIVE_ORDER, S.REGISTRATION, has_text=True, signed=True, registration_extended=True)
    result = plan(extended)
    assert result.optimistic.stages[0].days == 30
    assert result.stage_deadline == CAL.add_working_days(MONDAY, 30)


def test_remaining_stages_follow_the_flags_and_what_was_done():
    state = ActState(K.NORMATIVE_ORDER, S.DRAFTING, needs_notice=True, needs_ria=False, needs_interagency=True,
                     passed=frozenset({S.NOTICE}), restricted=True)
    assert remaining_stages(state) == [
        S.DRAFTING, S.INTERNAL_APPROVAL, S.LEGAL_REVIEW, S.PUBLIC_DISCUSSION, S.REVISION, S.INTERAGENCY,
        S.SIGNING, S.SENDING_TO_JUSTICE, S.REGISTRATION, S.IN_FORCE]


def test_public_discussion_lasts_by_the_degree_of_ria():
    state = ActState(K.NORMATIVE_ORDER, S.PUBLIC_DISCUSSION, has_text=True, needs_ria=True, ria_degree=RiaDegree.HIGH)
    result = plan(state)
    assert result.optimistic.stages[0].days == 30 and result.optimistic.stages[0].end == MONDAY + dt.timedelta(30)
    unknown = plan(ActState(K.NORMATIVE_ORDER, S.PUBLIC_DISCUSSION, has_text=True, needs_ria=True))
    assert unknown.optimistic.stages[0].days == 30  # degree not known yet: the longest
    plain = plan(ActState(K.NORMATIVE_ORDER, S.PUBLIC_DISCUSSION, has_text=True))
    assert plain.optimistic.stages[0].days == 15


def test_the_catalogue_is_an_argument():
    edited = with_changes(CATALOGUE, S.DRAFTING, duration=3)
    assert plan(catalogue=edited).optimistic.stages[0].end == D(2025, 3, 6)


def test_a_late_current_stage_moves_the_rest_and_is_overdue():
    today = D(2025, 4, 14)
    result = plan(started=MONDAY, today=today, target=D(2026, 1, 1))
    assert result.stage_deadline == D(2025, 3, 31)
    assert result.status is PlanStatus.OVERDUE
    for scenario in result.scenarios:
        assert scenario.stages[0].end == today and scenario.stages[1].start == today


# ---- status, first match wins ----

@pytest.mark.parametrize(("today", "target", "deadline", "expected"), [
    (D(2025, 6, 2), D(2025, 6, 1), None, PlanStatus.OVERDUE),  # target passed
    (D(2025, 3, 10), D(2026, 1, 1), D(2025, 3, 7), PlanStatus.OVERDUE),  # current stage past its end
    (D(2025, 3, 1), D(2025, 4, 30), None, PlanStatus.OFF_TRACK),  # expected 15.05 > target
    (D(2025, 3, 1), D(2025, 5, 20), None, PlanStatus.AT_RISK),  # expected ≤ target < pessimistic 01.07
    (D(2025, 3, 1), D(2025, 7, 1), None, PlanStatus.ON_TRACK),
    (D(2025, 3, 1), None, None, PlanStatus.ON_TRACK),
    (D(2025, 3, 1), D(2025, 3, 1), D(2025, 3, 1), PlanStatus.OFF_TRACK),  # the day itself is not late
])
def test_status_rules(today, target, deadline, expected):
    assert plan_status(today=today, target=target, deadline=deadline, expected_end=D(2025, 5, 15),
                       pessimistic_end=D(2025, 7, 1)) is expected


def test_status_of_a_computed_plan():
    result = plan()
    opt, exp, pess = (s.end for s in result.scenarios)
    assert plan(target=pess).status is PlanStatus.ON_TRACK
    assert plan(target=exp).status is PlanStatus.AT_RISK
    assert plan(target=exp - dt.timedelta(1)).status is PlanStatus.OFF_TRACK
    assert plan(target=MONDAY - dt.timedelta(1)).status is PlanStatus.OVERDUE


def test_no_plan_for_closed_acts_and_no_deadline_while_suspended():
    with pytest.raises(ValueError, match="только для проектов в работе"):
        plan(ActState(K.NORMATIVE_ORDER, S.DRAFTING, status=Status.WITHDRAWN))
    suspended = plan(ActState(K.NORMATIVE_ORDER, S.DRAFTING, status=Status.SUSPENDED), today=D(2025, 12, 1))
    assert suspended.stage_deadline is None and suspended.status is PlanStatus.ON_TRACK
    assert plan(ActState(K.NORMATIVE_ORDER, S.PLANNED)).stage_deadline is None


# ---- entry into force ----

@pytest.mark.parametrize(("published", "in_force"), [
    (D(2025, 11, 30), D(2026, 3, 1)),  # day 91 after publication is 01.03.2026 itself
    (D(2025, 12, 1), D(2026, 9, 1)),  # day 91 is 02.03.2026: too late for March, so September
    (D(2026, 6, 2), D(2026, 9, 1)),
    (D(2026, 6, 3), D(2027, 3, 1)),
    (D(2025, 1, 10), D(2025, 9, 1)),
])
def test_mandatory_requirements_enter_into_force_on_1_march_or_1_september(published, in_force):
    assert mandatory_requirements_date(published) == in_force


def test_after_days_counts_from_the_day_after_publication():
    assert after_days(D(2025, 7, 1), 10) == D(2025, 7, 12)
    assert after_days(D(2025, 7, 1), 7) == D(2025, 7, 9)
    assert after_days(D(2025, 7, 1), 0) == D(2025, 7, 1)


def test_entry_into_force_in_plans():
    at_publication = ActState(K.NORMATIVE_ORDER, S.PUBLICATION, has_text=True, signed=True)
    started = D(2025, 11, 20)  # published by 30.11.2025 (10 calendar days)
    assert plan(at_publication, started=started, today=started).optimistic.end == D(2025, 12, 11)
    mandatory = ActState(K.NORMATIVE_ORDER, S.PUBLICATION, has_text=True, signed=True, mandatory_requirements=True)
    assert plan(mandatory, started=started, today=started).expected.end == D(2026, 3, 1)
    government = ActState(K.GOVERNMENT_RESOLUTION, S.PUBLICATION, has_text=True)
    assert plan(government, started=D(2025, 7, 1), today=D(2025, 7, 1)).optimistic.end == D(2025, 7, 19)
    restricted = ActState(K.NORMATIVE_ORDER, S.REGISTRATION, has_text=True, signed=True, restricted=True)
    result = plan(restricted)
    assert [s.stage for s in result.optimistic.stages] == [S.REGISTRATION, S.IN_FORCE]
    assert result.optimistic.end == CAL.add_working_days(MONDAY, 15)  # in force from registration
    fixed = plan(ORDER, in_force_date=D(2025, 9, 1))
    assert fixed.optimistic.end == fixed.expected.end == D(2025, 9, 1)
    # the pessimistic signing ends in October: a date set by the act cannot come before the act is signed
    assert fixed.pessimistic.end == fixed.pessimistic.stages[-2].end > D(2025, 9, 1)


# ---- calendar coverage ----

def test_years_without_published_transfers_are_reported():
    assert years_without_transfers([2024, 2025]) == []
    assert 2045 in years_without_transfers([2025, 2045])
    assert years_without_transfers([2045], corrected_years={2045}) == []
    far = plan(in_force_date=D(2045, 1, 1))
    assert any("2045" in warning and "поправки" in warning for warning in far.warnings)
    assert not any("2045" in warning for warning in plan(in_force_date=D(2045, 1, 1), corrected_years={2045}).warnings)
    assert plan().warnings == ()


# ---- working-day arithmetic across the Russian transfers ----

def test_known_transfers():
    assert CAL.add_working_days(D(2024, 11, 1), 1) == D(2024, 11, 2)  # a working Saturday
    assert CAL.add_working_days(D(2025, 4, 30), 1) == D(2025, 5, 5)  # 01–04.05.2025 off
    assert CAL.add_working_days(D(2025, 5, 7), 1) == D(2025, 5, 12)  # 08.05 moved from 23.02
    assert CAL.working_days_between(D(2024, 12, 27), D(2025, 1, 9)) == 2  # 28.12.2024 (Saturday) and 09.01


dates_2019_2027 = st.dates(D(2019, 1, 1), D(2027, 12, 31))


@settings(max_examples=300, deadline=None)
@given(start=dates_2019_2027, n=st.integers(-250, 250).filter(bool))
def test_adding_then_counting_back_gives_n(start, n):
    end = CAL.add_working_days(start, n)
    assert CAL.is_working_day(end)
    assert CAL.working_days_between(start, end) == n


@settings(max_examples=150, deadline=None)
@given(start=dates_2019_2027, kind=st.sampled_from(list(ActKind)), flags=st.tuples(*[st.booleans()] * 4),
       degree=st.sampled_from([None, *RiaDegree]), data=st.data())
def test_plans_are_consistent(start, kind, flags, degree, data):
    stage = data.draw(st.sampled_from(PATHS[kind].stages[:-1]))
    state = ActState(kind, stage, needs_notice=flags[0], needs_ria=flags[1], needs_interagency=flags[2],
                     restricted=flags[3], ria_degree=degree, has_text=True)
    result = plan(state, started=start, today=start)
    for scenario in result.scenarios:
        previous = start
        for planned in scenario.stages:
            assert planned.start == previous and planned.end >= planned.start
            if planned.unit is DayUnit.WORKING and planned.stage is not S.IN_FORCE:
                assert CAL.is_working_day(planned.end)
                assert CAL.working_days_between(planned.start, planned.end) == planned.days or planned.days == 0
            previous = planned.end
    assert result.optimistic.end <= result.expected.end <= result.pessimistic.end
