"""The main menu and the start page's shortcuts: lists filtered by the user's roles.

Feature issues add their entries here: MENU for the header, SHORTCUTS for the tiles on the start page
(everything a person can do, with a line saying what it is for, so nobody has to hunt for a page).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.auth.roles import CurrentUser


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str
    roles: frozenset[str] = frozenset({"employee"})


MENU: tuple[NavItem, ...] = (NavItem("Главная", "/"), NavItem("Сотрудники", "/people"),
                              NavItem("Проекты НПА", "/acts"), NavItem("Моя работа", "/my-work"),
                              NavItem("Администрирование", "/admin", frozenset({"admin", "coordinator"})))


@dataclass(frozen=True)
class Shortcut:
    label: str
    path: str
    description: str
    roles: frozenset[str] = frozenset({"employee"})


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("Моя работа", "/my-work", "Что ждёт вашего участия: этапы проектов, согласования, вопросы, — по срочности."),
    Shortcut("Проекты НПА", "/acts", "Поиск и карточки проектов нормативных актов: этапы, согласования, тексты."),
    Shortcut("Сотрудники", "/people", "Поиск коллег по ФИО, подразделению и должности; карточки с контактами."),
    Shortcut("Уведомления", "/notifications", "Сообщения системы и напоминания о сроках; настройка писем."),
    Shortcut("Мой заместитель", "/people/deputy", "Кто замещает вас в отпуске или командировке."),
    Shortcut("Выбывшие сотрудники", "/people/leavers", "Отключённые сотрудники вашего департамента и их незавершённая работа.",
             frozenset({"head"})),
    Shortcut("План-график проектов НПА", "/acts/plan", "Сроки проектов департамента: диаграмма Ганта, таблица, Excel.",
             frozenset({"head", "coordinator", "leadership"})),
    Shortcut("Каталог этапов", "/acts/catalogue", "Сроки этапов по умолчанию, по которым строятся планы-графики.",
             frozenset({"coordinator", "admin"})),
    Shortcut("Мой календарь сроков", "/acts/calendar", "Сроки проектов, которые вы ведёте, — в вашем календаре (.ics)."),
    Shortcut("Администрирование", "/admin", "Учётные записи, журналы, параметры, календарь.",
             frozenset({"admin", "coordinator"})),
)


def shortcuts_for(user: CurrentUser | None) -> list[Shortcut]:
    if user is None:
        return []
    return [item for item in SHORTCUTS if user.has_role(*item.roles)]


def navigation_for(user: CurrentUser | None) -> list[NavItem]:
    if user is None:
        return []
    return [item for item in MENU if user.has_role(*item.roles)]
