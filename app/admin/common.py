"""What every admin page shares: the section list, the acting user, ids from the path, the page wrapper."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.response import Template

from app.auth.access import current_user
from app.auth.roles import CurrentUser
from app.web.templating import render


@dataclass(frozen=True)
class Section:
    label: str
    path: str
    roles: frozenset[str]
    description: str


SECTIONS = (
    Section(
        "Учётные записи",
        "/admin/accounts",
        frozenset({"admin"}),
        "Локальные учётные записи: создание, смена пароля, отключение.",
    ),
    Section("Журнал входов", "/admin/sign-ins", frozenset({"admin"}), "Успешные и неудачные попытки входа."),
    Section(
        "Журнал аудита",
        "/admin/audit",
        frozenset({"admin", "coordinator"}),
        "Все изменения с проверкой целостности цепочки.",
    ),
    Section(
        "Параметры",
        "/admin/parameters",
        frozenset({"admin", "coordinator"}),
        "Сроки и пороги предметной области.",
    ),
    Section("Календарь", "/admin/calendar", frozenset({"admin"}), "Поправки к производственному календарю."),
    Section("Роли из каталога", "/admin/roles", frozenset({"admin"}), "Соответствие групп LDAP и ролей."),
)


def sections_for(user: CurrentUser) -> list[Section]:
    return [s for s in SECTIONS if user.has_role(*s.roles)]


def acting_user(request: Request) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the application-wide guard let the request in
    return user


def page(
    request: Request, template: str, context: Mapping[str, Any] | None = None, **kwargs: Any
) -> Template:
    """``render`` with the admin section tabs in the context."""
    return render(
        request, template, {"sections": sections_for(acting_user(request)), **(context or {})}, **kwargs
    )
