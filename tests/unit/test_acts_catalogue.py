"""The stage catalogue and the kinds' stage orders against tables transcribed by hand from DOMAIN.md §3."""

from __future__ import annotations

import pytest

from app.acts.catalogue import catalogue_problems, default_catalogue, with_changes
from app.acts.graph import PATHS
from app.acts.stages import ActKind, DayUnit, RiaDegree, Stage

# DOMAIN.md §3 "Kinds of act", copied by hand (optional stages in brackets). The federal law reads
# "as the Government resolution, then: submission to the State Duma"; our interpretation: the
# Government path up to adoption, then submission to the State Duma as the one final external stage.
KINDS_BY_HAND = {
    ActKind.NORMATIVE_ORDER: "planned → drafting → [notice] → internal_approval → legal_review → public_discussion "
    "→ [ria] → revision → [interagency] → signing → sending_to_justice → registration → publication → in_force",
    ActKind.ORDER_WITHOUT_REGISTRATION: "planned → drafting → internal_approval → legal_review → signing → in_force",
    ActKind.GOVERNMENT_RESOLUTION: "planned → drafting → [notice] → internal_approval → legal_review "
    "→ public_discussion → [ria] → revision → interagency → justice_expertise → government_submission → adoption "
    "→ publication → in_force",
    ActKind.FEDERAL_LAW: "planned → drafting → [notice] → internal_approval → legal_review → public_discussion "
    "→ [ria] → revision → interagency → justice_expertise → government_submission → adoption → duma_submission",
}

# DOMAIN.md §3 "Stage catalogue", copied by hand: default duration, unit, a word of the basis, whether
# DOMAIN.md marks it *(setting)*.
W, C = DayUnit.WORKING, DayUnit.CALENDAR
CATALOGUE_BY_HAND = {
    Stage.DRAFTING: (20, W, "Внутренний план", True),
    Stage.NOTICE: (15, C, "851", False),
    Stage.INTERNAL_APPROVAL: (5, W, "регламент", True),
    Stage.LEGAL_REVIEW: (10, W, "96", True),
    Stage.PUBLIC_DISCUSSION: (15, C, "851", True),  # ≥ 15 by law; the degrees of ОРВ are settings
    Stage.REVISION: (10, W, "", True),
    Stage.INTERAGENCY: (10, W, "260", True),
    Stage.SIGNING: (5, W, "", True),
    Stage.SENDING_TO_JUSTICE: (10, W, "1009", True),
    Stage.REGISTRATION: (15, W, "1009", True),
    Stage.PUBLICATION: (10, C, "763", False),
    Stage.IN_FORCE: (10, C, "763", False),
}
# Our choices where DOMAIN.md gives no figure (all settings).
ORV_PUBLIC_DISCUSSION = {RiaDegree.HIGH: 30, RiaDegree.MEDIUM: 20, RiaDegree.LOW: 15}
GOVERNMENT_AND_LAW_STAGES = {
    Stage.JUSTICE_EXPERTISE: (10, W), Stage.GOVERNMENT_SUBMISSION: (5, W), Stage.ADOPTION: (30, C),
    Stage.DUMA_SUBMISSION: (30, C),
}


def parse(order: str) -> tuple[tuple[Stage, ...], frozenset[Stage]]:
    names = [name.strip() for name in order.split("→")]
    stages = tuple(Stage(name.strip("[]")) for name in names)
    optional = frozenset(Stage(name.strip("[]")) for name in names if name.startswith("["))
    return stages, optional


@pytest.mark.parametrize("kind", list(ActKind))
def test_stage_order_and_optional_stages_match_domain(kind):
    stages, optional = parse(KINDS_BY_HAND[kind])
    assert PATHS[kind].stages == stages
    assert PATHS[kind].optional == optional


def test_every_kind_is_described():
    assert set(PATHS) == set(ActKind) == set(KINDS_BY_HAND)


@pytest.mark.parametrize("stage", list(CATALOGUE_BY_HAND))
def test_catalogue_defaults_match_domain(stage):
    duration, unit, basis_word, setting = CATALOGUE_BY_HAND[stage]
    spec = default_catalogue()[stage]
    assert (spec.duration, spec.unit, spec.setting) == (duration, unit, setting)
    assert basis_word.lower() in spec.basis.lower()
    assert spec.label == stage.label and spec.actor


def test_internal_approval_is_per_department_in_parallel():
    assert "параллельно" in default_catalogue()[Stage.INTERNAL_APPROVAL].actor


def test_public_discussion_and_ria_depend_on_the_degree():
    catalogue = default_catalogue()
    discussion, ria = catalogue[Stage.PUBLIC_DISCUSSION], catalogue[Stage.RIA]
    for degree, days in ORV_PUBLIC_DISCUSSION.items():
        assert discussion.duration_for(ActKind.NORMATIVE_ORDER, degree) == days
    assert discussion.duration_for(ActKind.NORMATIVE_ORDER, None) == 15
    assert discussion.minimum and catalogue[Stage.NOTICE].minimum
    assert "1318" in discussion.basis and "1318" in ria.basis and ria.setting
    assert [ria.duration_for(ActKind.NORMATIVE_ORDER, d) for d in RiaDegree] == [20, 15, 10]


def test_entry_into_force_of_government_acts_is_seven_days():
    in_force = default_catalogue()[Stage.IN_FORCE]
    assert in_force.duration_for(ActKind.GOVERNMENT_RESOLUTION) == 7
    assert in_force.duration_for(ActKind.NORMATIVE_ORDER) == 10
    assert in_force.duration_for(ActKind.ORDER_WITHOUT_REGISTRATION) == 0


def test_registration_is_extendable():
    registration = default_catalogue()[Stage.REGISTRATION]
    assert registration.extension > 0 and registration.external


@pytest.mark.parametrize(("stage", "figures"), list(GOVERNMENT_AND_LAW_STAGES.items()))
def test_government_and_law_stages_have_settings(stage, figures):
    spec = default_catalogue()[stage]
    assert (spec.duration, spec.unit) == figures
    assert spec.setting and "260" in spec.basis


def test_external_stages():
    external = {code for code, spec in default_catalogue().items() if spec.external}
    assert external == {Stage.NOTICE, Stage.PUBLIC_DISCUSSION, Stage.RIA, Stage.INTERAGENCY, Stage.REGISTRATION,
                        Stage.PUBLICATION, Stage.JUSTICE_EXPERTISE, Stage.ADOPTION, Stage.DUMA_SUBMISSION}


def test_default_catalogue_is_complete_and_a_fresh_copy():
    first, second = default_catalogue(), default_catalogue()
    assert catalogue_problems(first) == []
    assert set(first) == set(Stage)
    first.pop(Stage.DRAFTING)
    assert Stage.DRAFTING in second


def test_problems_of_an_edited_catalogue_are_named_in_russian():
    catalogue = with_changes(default_catalogue(), Stage.SIGNING, duration=-1, loop_rate=2.0)
    del catalogue[Stage.ADOPTION]
    assert catalogue_problems(catalogue) == [
        "В каталоге нет этапа «Принятие Правительством»",
        "Срок этапа «Подписание» не может быть отрицательным",
        "Доля возвратов с этапа «Подписание» должна быть от 0 до 1",
    ]
