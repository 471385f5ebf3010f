"""Demo data: a couple of unread messages for each demo account, so the badge and the inbox are not empty."""

from __future__ import annotations

from collections.abc import Iterable

from app.notifications import kinds
from app.notifications.service import notify

DEMO_MESSAGES = (
    (
        "Плановые работы на портале в субботу с 10:00 до 12:00 (мск)",
        "В это время портал может быть недоступен. Сохраните изменения в документах заранее; "
        "напоминания о сроках за эти часы придут после окончания работ.",
        "",
    ),
    (
        "Добро пожаловать в «Траекторию»",
        "Здесь собраны проекты нормативных правовых актов с планами-графиками, предложения по улучшению "
        "работы, пульс-опросы и ваша карьерная траектория. Напоминания о сроках приходят в этот раздел; "
        "какие из них дублировать письмом, можно выбрать в настройках.",
        "/notifications/settings",
    ),
)


async def seed_demo_notifications(employee_ids: Iterable[int]) -> None:
    """Call inside the demo seeding transaction."""
    for employee_id in employee_ids:
        for title, body, link in DEMO_MESSAGES:
            await notify(employee_id, kinds.SYSTEM.code, title, body, link)
