"""``trajectory sync-ldap``: bring people and departments in line with the directory, in one transaction.

Reading happens first (in a thread, see ``listing``), the decision is pure (``sync_plan``), and the
changes land together with their audit records in one write transaction: a failed run changes nothing,
and a second run right after the first finds nothing to do. A deactivated person cannot sign in and
their open sessions end at their next request (``CurrentUserMiddleware`` drops inactive employees).
"""

from __future__ import annotations

import datetime as dt

from app import db
from app.audit import service as audit
from app.auth.roles import format_roles
from app.auth.service import department_id
from app.people.listing import DirectorySnapshot, StaffDirectory
from app.people.search import search_column
from app.people.sync_plan import DirectoryEntry, ExistingEmployee, Plan, plan_sync
from app.people.tables import Employee
from app.settings import Settings
from app.settings import normalise_dn as _strict_normalise_dn

ACTOR = "каталог LDAP"


def normalise_dn(dn: str) -> str:
    """A canonical DN; a malformed value (say, a hand-typed manager) is compared as lowercase text."""
    try:
        return _strict_normalise_dn(dn)
    except Exception:  # ldap3 raises several kinds for malformed DNs; none of them may stop the sync
        return dn.strip().lower()


REASONS = {"gone": "учётной записи больше нет в каталоге", "disabled": "учётная запись отключена в каталоге"}


def entries_from(snapshot: DirectorySnapshot) -> list[DirectoryEntry]:
    return [
        DirectoryEntry(
            uid=p.uid, ldap_dn=p.dn, full_name=p.full_name, position=p.position, email=p.email,
            department=p.department, division=p.division if p.department else "", manager_dn=p.manager_dn,
            roles=format_roles(p.roles), disabled=normalise_dn(p.dn) in snapshot.disabled_dns,
        )
        for p in snapshot.people
    ]


async def existing_employees() -> list[ExistingEmployee]:
    rows = await Employee.select(
        Employee.id, Employee.ldap_uid, Employee.ldap_dn, Employee.full_name, Employee.position, Employee.email,
        Employee.department.name.as_alias("department_name"), Employee.division.name.as_alias("division_name"),
        Employee.manager.ldap_dn.as_alias("manager_dn"), Employee.roles, Employee.active,
    ).where(Employee.ldap_uid.is_not_null())
    return [
        ExistingEmployee(
            id=r["id"], uid=r["ldap_uid"], ldap_dn=r["ldap_dn"] or "", full_name=r["full_name"],
            position=r["position"], email=r["email"], department=r["department_name"] or "",
            division=r["division_name"] or "", manager_dn=r["manager_dn"] or "", roles=r["roles"], active=r["active"],
        )
        for r in rows
    ]


async def _structure(entry: DirectoryEntry) -> tuple[int | None, int | None]:
    dept = await department_id(entry.department)
    return dept, (await department_id(entry.division, dept) if dept else None)


async def apply_plan(plan: Plan) -> None:
    """Write the plan and its audit records; managers are resolved after everyone exists."""
    now = dt.datetime.now(dt.UTC)
    managers: dict[int, str] = {}
    async with db.write_transaction():
        for entry in plan.create:
            dept, division = await _structure(entry)
            created = await Employee.insert(Employee(
                ldap_uid=entry.uid, ldap_dn=entry.ldap_dn, full_name=entry.full_name, position=entry.position,
                email=entry.email, department=dept, division=division, roles=entry.roles, active=True,
            )).returning(Employee.id)
            employee_id = created[0]["id"]
            managers[employee_id] = entry.manager_dn
            await audit.record("people.created", actor_name=ACTOR, object_type="employee", object_id=employee_id,
                               summary=f"Сотрудник {entry.full_name} добавлен из каталога",
                               after={"uid": entry.uid, "roles": entry.roles})
        for update in plan.update:
            entry, changes = update.entry, update.changes
            values: dict = {Employee.ldap_dn: entry.ldap_dn, Employee.full_name: entry.full_name,
                            Employee.position: entry.position, Employee.email: entry.email,
                            Employee.roles: entry.roles, Employee.search_name: search_column(entry.full_name)}
            if "department" in changes or "division" in changes:
                values[Employee.department], values[Employee.division] = await _structure(entry)
            await Employee.update(values).where(Employee.id == update.employee_id)
            if "manager_dn" in changes:
                managers[update.employee_id] = entry.manager_dn
            if "roles" in changes:
                before, after = changes["roles"]
                await audit.record("people.roles_changed", actor_name=ACTOR, object_type="employee",
                                   object_id=update.employee_id, summary=f"Роли {entry.full_name} по группам каталога",
                                   before={"roles": before}, after={"roles": after})
        for employee_id, reason in plan.deactivate:
            await Employee.update({Employee.active: False, Employee.deactivated_at: now}).where(
                Employee.id == employee_id)
            await audit.record("people.deactivated", actor_name=ACTOR, object_type="employee", object_id=employee_id,
                               summary=f"Сотрудник отключён: {REASONS[reason]}", before={"active": True},
                               after={"active": False})
        for employee_id in plan.reactivate:
            await Employee.update({Employee.active: True, Employee.deactivated_at: None}).where(
                Employee.id == employee_id)
            await audit.record("people.reactivated", actor_name=ACTOR, object_type="employee", object_id=employee_id,
                               summary="Сотрудник снова активен в каталоге", before={"active": False},
                               after={"active": True})
        await _resolve_managers(managers)


async def _resolve_managers(managers: dict[int, str]) -> None:
    """Second pass: manager DN -> employee id, now that every person of this run has a row."""
    wanted = {dn for dn in managers.values() if dn}
    by_dn: dict[str, int] = {}
    if wanted:
        rows = await Employee.select(Employee.id, Employee.ldap_dn).where(Employee.ldap_dn.is_not_null())
        by_dn = {normalise_dn(r["ldap_dn"]): r["id"] for r in rows if r["ldap_dn"]}
    for employee_id, dn in managers.items():
        await Employee.update({Employee.manager: by_dn.get(dn) if dn else None}).where(Employee.id == employee_id)


async def sync_directory(settings: Settings) -> Plan:
    """Read the directory, decide, apply; returns the plan that was applied (for the summary)."""
    snapshot = await StaffDirectory(settings).snapshot()
    plan = plan_sync(entries_from(snapshot), await existing_employees(), normalise_dn)
    if not plan.empty:
        await apply_plan(plan)
    return plan
