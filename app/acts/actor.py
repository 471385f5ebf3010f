"""The acting user of an act use case, the policy applied to a loaded act, and the audit line it leaves.

Every act service function takes an ``Actor`` (the signed-in user, the principals they stand in for today
and the client address), loads the act's facts and asks ``app.acts.access``; an act the user may not see
is 404, an act they see but may not change is 403 with a Russian message. The audit record names the
person whose right was used, so a deputy is recorded as "X за Y".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException

from app.acts import access
from app.acts.access import ActFacts, Person
from app.acts.tables import Act, ActApprover, ActConsultation, ActFollower
from app.audit import service as audit
from app.auth.roles import CurrentUser, parse_roles
from app.people.deputies import acting_for
from app.people.tables import Department, Employee
from app.web.formatting import MOSCOW


class ActionRefused(HTTPException):
    """A refused act action (workflow rule or invalid input); the detail is the Russian message."""

    status_code = 422


def today() -> dt.date:
    return dt.datetime.now(MOSCOW).date()


@dataclass(frozen=True)
class Actor:
    user: CurrentUser
    people: tuple[Person, ...]
    """The user first, then the principals they act for today."""
    address: str = ""

    @property
    def ids(self) -> list[int]:
        return [p.id for p in self.people]


def person_of(user: CurrentUser) -> Person:
    return Person(user.id, user.full_name, user.department_id, frozenset(user.roles))


async def actor_for(user: CurrentUser, address: str = "") -> Actor:
    principals = await acting_for(user.id, today())
    people = [person_of(user)]
    if principals:
        rows = await Employee.select(Employee.id, Employee.full_name, Employee.department, Employee.roles).where(
            Employee.id.is_in(principals) & Employee.active.eq(True))
        people += [Person(r["id"], r["full_name"], r["department"], parse_roles(r["roles"])) for r in rows]
    return Actor(user, tuple(people), address)


async def owner_departments(department_id: int) -> frozenset[int]:
    row = await Department.select(Department.parent).where(Department.id == department_id).first()
    parent = row["parent"] if row else None
    return frozenset({department_id} | ({parent} if parent else set()))


async def facts_of(row: dict) -> ActFacts:
    act_id = row["id"]
    approvers = await ActApprover.select(ActApprover.department).where(ActApprover.act == act_id)
    consulted = await ActConsultation.select(ActConsultation.department).where(ActConsultation.act == act_id)
    followers = await ActFollower.select(ActFollower.employee).where(ActFollower.act == act_id)
    return ActFacts(
        owner_departments=await owner_departments(row["department"]),
        executor_id=row["executor"],
        approver_departments=frozenset(a["department"] for a in approvers),
        consulted_departments=frozenset(c["department"] for c in consulted),
        follower_ids=frozenset(f["employee"] for f in followers),
    )


async def visible_act(actor: Actor, act_id: int) -> tuple[dict, ActFacts]:
    """The act row and its facts, or 404 when there is no such act or nobody the actor stands for sees it."""
    row = await Act.select().where(Act.id == act_id).first()
    if row is None:
        raise NotFoundException("Не найдено")
    facts = await facts_of(row)
    if access.first_allowed(list(actor.people), lambda p: access.may_see(p, facts)) is None:
        raise NotFoundException("Не найдено")
    return row, facts


def allowed_as(actor: Actor, allowed: Callable[[Person], bool], message: str) -> Person:
    """The person whose right the actor uses, or 403 with ``message``."""
    person = access.first_allowed(list(actor.people), allowed)
    if person is None:
        raise PermissionDeniedException(message)
    return person


async def managed_act(actor: Actor, act_id: int) -> tuple[dict, ActFacts, Person]:
    row, facts = await visible_act(actor, act_id)
    via = allowed_as(actor, lambda p: access.may_manage(p, facts),
                     "Менять проект могут исполнитель, руководитель ответственного департамента и координатор.")
    return row, facts, via


async def record(actor: Actor, via: Person, action: str, act_id: int, summary: str,
                 before: dict | None = None, after: dict | None = None) -> None:
    """One audit record of an act change, inside the caller's transaction."""
    deputy = via.id != actor.user.id
    await audit.record(
        action, actor_id=actor.user.id, actor_name=actor.user.full_name,
        on_behalf_of_id=via.id if deputy else None, on_behalf_of_name=via.full_name if deputy else "",
        object_type="act", object_id=act_id,
        summary=f"{actor.user.full_name} за {via.full_name}: {summary}" if deputy else f"{actor.user.full_name}: {summary}",
        before=before, after=after, client_address=actor.address,
    )
