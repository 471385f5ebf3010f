"""The main menu: one list, filtered by the user's roles. Feature issues add their entries here."""

from __future__ import annotations

from dataclasses import dataclass

from app.auth.roles import CurrentUser


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str
    roles: frozenset[str] = frozenset({"employee"})


MENU: tuple[NavItem, ...] = (NavItem("Главная", "/"), NavItem("Сотрудники", "/people"),
                              NavItem("Администрирование", "/admin", frozenset({"admin", "coordinator"})))


def navigation_for(user: CurrentUser | None) -> list[NavItem]:
    if user is None:
        return []
    return [item for item in MENU if user.has_role(*item.roles)]
