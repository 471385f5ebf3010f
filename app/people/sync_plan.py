"""What a directory sync must change, decided without a database or a directory (pure).

The service reads the directory and the employee rows, hands both here as plain records, and applies
the resulting ``Plan`` inside one write transaction. Keeping the decision pure makes the rules easy to
test: who is created, updated, deactivated or reactivated, and that a second run changes nothing.

Rules:
- people are matched by user name (``uid``); a user name found twice in the directory is ambiguous
  and left alone (sign-in refuses it too);
- an account missing from the directory, or matching the disabled filter, becomes inactive;
  an inactive one that is back and enabled becomes active again;
- a disabled entry that we never knew is not created (directories keep disabled accounts for years);
- the manager is compared by normalised DN and kept only when that DN is a person of the directory;
- an empty directory answer never deactivates anyone: it is far more likely a wrong base or filter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

FIELDS = ("ldap_dn", "full_name", "position", "email", "department", "division", "manager_dn", "roles")


class EmptyDirectory(Exception):
    """The directory returned nobody: refuse to deactivate the whole ministry."""


@dataclass(frozen=True)
class DirectoryEntry:
    uid: str
    ldap_dn: str
    full_name: str
    position: str = ""
    email: str = ""
    department: str = ""
    division: str = ""
    manager_dn: str = ""
    roles: str = "employee"
    disabled: bool = False


@dataclass(frozen=True)
class ExistingEmployee:
    id: int
    uid: str
    ldap_dn: str
    full_name: str
    position: str = ""
    email: str = ""
    department: str = ""
    division: str = ""
    manager_dn: str = ""
    roles: str = "employee"
    active: bool = True


@dataclass(frozen=True)
class Update:
    employee_id: int
    entry: DirectoryEntry
    changes: dict[str, tuple[str, str]]
    """Field -> (before, after), only for fields that differ."""


@dataclass
class Plan:
    create: list[DirectoryEntry] = field(default_factory=list)
    update: list[Update] = field(default_factory=list)
    deactivate: list[tuple[int, str]] = field(default_factory=list)
    """(employee id, reason): reason is "gone" or "disabled"."""
    reactivate: list[int] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    skipped_disabled: int = 0
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.create or self.update or self.deactivate or self.reactivate)


def _identity(dn: str) -> str:
    return dn


def plan_sync(
    entries: Iterable[DirectoryEntry],
    existing: Iterable[ExistingEmployee],
    normalise_dn: Callable[[str], str] = _identity,
) -> Plan:
    entries = list(entries)
    if not entries:
        raise EmptyDirectory("каталог не вернул ни одной записи")
    counts = Counter(e.uid for e in entries)
    ambiguous = sorted(uid for uid, n in counts.items() if n > 1)
    by_uid = {e.uid: e for e in entries if counts[e.uid] == 1}
    known_dns = {normalise_dn(e.ldap_dn) for e in by_uid.values()}

    def wanted(entry: DirectoryEntry) -> DirectoryEntry:
        manager = normalise_dn(entry.manager_dn) if entry.manager_dn else ""
        return DirectoryEntry(**{**entry.__dict__, "manager_dn": manager if manager in known_dns else ""})

    plan = Plan(ambiguous=ambiguous)
    seen: set[str] = set()
    for row in existing:
        if row.uid in ambiguous:
            continue
        entry = by_uid.get(row.uid)
        if entry is None:
            if row.active:
                plan.deactivate.append((row.id, "gone"))
            else:
                plan.unchanged += 1
            continue
        seen.add(row.uid)
        entry = wanted(entry)
        current = {**row.__dict__, "manager_dn": normalise_dn(row.manager_dn) if row.manager_dn else ""}
        changes = {
            name: (current[name], getattr(entry, name)) for name in FIELDS if current[name] != getattr(entry, name)
        }
        if changes:
            plan.update.append(Update(row.id, entry, changes))
        if row.active and entry.disabled:
            plan.deactivate.append((row.id, "disabled"))
        elif not row.active and not entry.disabled:
            plan.reactivate.append(row.id)
        elif not changes:
            plan.unchanged += 1
    for uid, entry in by_uid.items():
        if uid in seen:
            continue
        if entry.disabled:
            plan.skipped_disabled += 1
        else:
            plan.create.append(wanted(entry))
    return plan


def summary(plan: Plan) -> str:
    """The Russian report that ``trajectory sync-ldap`` prints."""
    lines = [
        "Синхронизация с каталогом завершена: "
        f"создано — {len(plan.create)}, обновлено — {len(plan.update)}, "
        f"отключено — {len(plan.deactivate)}, восстановлено — {len(plan.reactivate)}, "
        f"без изменений — {plan.unchanged}."
    ]
    if plan.ambiguous:
        lines.append(
            "Пропущены имена пользователей, которые встречаются в каталоге несколько раз: "
            + ", ".join(plan.ambiguous) + "."
        )
    if plan.skipped_disabled:
        lines.append(f"Не созданы отключённые в каталоге учётные записи, которых нет в Траектории: {plan.skipped_disabled}.")
    return "\n".join(lines)
