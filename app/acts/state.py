"""Between the act's database rows and the pure ``ActState``: the one place that maps the two.

Approvals are keyed by department *name* in the pure model (its refusal messages quote them), so the
loader joins the department names; answers count only when given on the current text version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.acts.stages import ActKind, RiaDegree, Stage
from app.acts.tables import Act, ActApproval, ActApprover
from app.acts.workflow import ActState, Answer, Approvals, Status


def state_from(row: Mapping[str, Any], required: list[str], answers: Mapping[str, Answer]) -> ActState:
    """The pure state of an act row, given its approving departments' names and their current answers."""
    return ActState(
        kind=ActKind(row["kind"]),
        stage=Stage(row["stage"]),
        status=Status(row["status"]),
        needs_notice=row["needs_notice"],
        needs_ria=row["needs_ria"],
        ria_degree=RiaDegree(row["ria_degree"]) if row["ria_degree"] else None,
        needs_interagency=row["needs_interagency"],
        approvals=Approvals(required=tuple(required), answers=dict(answers)),
        has_text=row["text_version"] > 0,
        signed=row["signed"],
        restricted=row["restricted"],
        mandatory_requirements=row["mandatory_requirements"],
        registration_extended=row["registration_extended"],
        passed=frozenset(Stage(s) for s in row["passed"].split(",") if s),
    )


def row_values(state: ActState) -> dict:
    """The act columns that hold ``state`` (approvals live in their own tables)."""
    return {
        Act.stage: state.stage.value,
        Act.status: state.status.value,
        Act.needs_notice: state.needs_notice,
        Act.needs_ria: state.needs_ria,
        Act.ria_degree: state.ria_degree.value if state.ria_degree else "",
        Act.needs_interagency: state.needs_interagency,
        Act.signed: state.signed,
        Act.registration_extended: state.registration_extended,
        Act.passed: ",".join(sorted(s.value for s in state.passed)),
    }


async def approvals_of(act_id: int, text_version: int) -> tuple[list[str], dict[str, Answer]]:
    """Names of the departments that must approve, and the answers they gave on ``text_version``.

    When a department answered more than once on one version, the latest answer counts.
    """
    approvers = await ActApprover.select(ActApprover.department.name.as_alias("name")).where(
        ActApprover.act == act_id
    ).order_by(ActApprover.department.name)
    answers = await ActApproval.select(
        ActApproval.department.name.as_alias("name"), ActApproval.answer
    ).where((ActApproval.act == act_id) & (ActApproval.text_version == text_version)).order_by(ActApproval.id)
    return [a["name"] for a in approvers], {a["name"]: Answer(a["answer"]) for a in answers}


async def load_state(act_id: int) -> tuple[dict, ActState] | None:
    """The act row and its pure state, or None when there is no such act."""
    row = await Act.select().where(Act.id == act_id).first()
    if row is None:
        return None
    required, answers = await approvals_of(act_id, row["text_version"])
    return row, state_from(row, required, answers)
