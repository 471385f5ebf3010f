"""Roles (DOMAIN.md §2) and the signed-in user as the rest of the application sees them."""

from __future__ import annotations

from dataclasses import dataclass

from app.settings import ROLES

ROLE_LABELS = {
    "employee": "Сотрудник",
    "head": "Руководитель подразделения",
    "coordinator": "Координатор (правовой департамент)",
    "hr": "Кадровая служба",
    "leadership": "Руководство министерства",
    "admin": "Администратор",
}
assert set(ROLE_LABELS) == set(ROLES)


def parse_roles(raw: str) -> frozenset[str]:
    """Roles from their stored comma-separated form; unknown names are dropped, employee is always there."""
    return frozenset(r for r in (p.strip() for p in raw.split(",")) if r in ROLES) | {"employee"}


def format_roles(roles: frozenset[str] | set[str]) -> str:
    return ",".join(r for r in ROLES if r in roles)


@dataclass(frozen=True)
class CurrentUser:
    id: int
    full_name: str
    position: str
    email: str
    department_id: int | None
    department_name: str
    division_name: str
    roles: frozenset[str]
    login: str

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[r] for r in ROLES if r in self.roles]
