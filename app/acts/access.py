"""Who sees and does what with a draft act (DOMAIN.md §2): one pure policy, applied by the service.

Relations give rights on one act only: the executor, the heads of the owning department (a division's act
belongs to its department too) and of approving departments, the department a consultation was sent to,
and followers who could see the act when they followed it. Coordinators see and manage every act;
leadership sees every act and changes nothing. Anyone else gets 404, so an act's existence is not
disclosed. A deputy acts for their principal: the policy is asked for the user and for each principal,
and the first person who may act is named in the audit ("X за Y").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.acts.graph import EdgeKind
from app.acts.stages import Stage

COORDINATOR_STAGES = frozenset({
    Stage.NOTICE, Stage.PUBLIC_DISCUSSION, Stage.SENDING_TO_JUSTICE, Stage.JUSTICE_EXPERTISE, Stage.REGISTRATION,
    Stage.PUBLICATION,
})
"""Stages the coordinator runs (DOMAIN.md §2: regulation.gov.ru, Минюст, publication): only a coordinator
records their outcome. Withdrawal, suspension and resumption stay with whoever manages the act."""


@dataclass(frozen=True)
class Person:
    """Somebody on whose rights a request may rest: the signed-in user or a principal they stand in for."""

    id: int
    full_name: str
    department_id: int | None
    roles: frozenset[str]

    def is_head_of(self, department_ids: frozenset[int]) -> bool:
        return "head" in self.roles and self.department_id is not None and self.department_id in department_ids


@dataclass(frozen=True)
class ActFacts:
    """What the policy needs to know about one act."""

    owner_departments: frozenset[int]
    """The responsible department and, when it is a division, its parent department."""
    executor_id: int | None = None
    approver_departments: frozenset[int] = frozenset()
    consulted_departments: frozenset[int] = frozenset()
    follower_ids: frozenset[int] = field(default_factory=frozenset)


def may_see(person: Person, act: ActFacts) -> bool:
    if "coordinator" in person.roles or "leadership" in person.roles:
        return True
    if person.id == act.executor_id or person.id in act.follower_ids:
        return True
    if person.is_head_of(act.owner_departments | act.approver_departments):
        return True
    return person.department_id is not None and person.department_id in act.consulted_departments


def may_manage(person: Person, act: ActFacts) -> bool:
    """Edit attributes, upload versions, move along the graph: coordinator, owning head, executor."""
    if "coordinator" in person.roles:
        return True
    return person.id == act.executor_id or person.is_head_of(act.owner_departments)


def may_move_from(person: Person, stage: Stage, edge: EdgeKind) -> bool:
    """Leaving a coordinator's stage (forward, skip or return) is the coordinator's decision."""
    if stage not in COORDINATOR_STAGES or edge in (EdgeKind.WITHDRAW, EdgeKind.SUSPEND, EdgeKind.RESUME):
        return True
    return "coordinator" in person.roles


def may_answer_for(person: Person, department_id: int, act: ActFacts) -> bool:
    """Give the internal-approval answer of ``department_id``: a head of that approving department."""
    return department_id in act.approver_departments and person.is_head_of(frozenset({department_id}))


def may_answer_consultation(person: Person, department_id: int) -> bool:
    return person.department_id == department_id


def may_discuss(person: Person, act: ActFacts) -> bool:
    """Write remarks, disagreements and consultations: anyone who sees the act except read-only leadership."""
    if not may_see(person, act):
        return False
    only_reads = "leadership" in person.roles and not (
        may_manage(person, act) or person.is_head_of(act.approver_departments))
    return not only_reads


def may_register(person: Person, department_id: int, department_parent: int | None) -> bool:
    """Coordinator: any department; head: own department and its divisions."""
    if "coordinator" in person.roles:
        return True
    return person.is_head_of(frozenset({department_id} | ({department_parent} if department_parent else set())))


def first_allowed(people: list[Person], allowed) -> Person | None:
    """The first of ``people`` (the user first, then principals) for whom ``allowed(person)`` holds."""
    for person in people:
        if allowed(person):
            return person
    return None
