"""An employee sees the unread badge in the header, opens the inbox and marks messages read (htmx)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sample_directory import PASSWORD

from tests.conftest import run_async
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_sign_in import sign_in


async def _notify_ivanov() -> None:
    from app.notifications.service import notify
    from app.people.tables import Employee

    person = await Employee.select(Employee.id).where(Employee.ldap_uid == "ivanov").first()
    await notify(
        person["id"],
        "system",
        "Плановые работы на портале в субботу с 10:00 до 12:00 (мск)",
        "В это время портал может быть недоступен. Сохраните изменения заранее.",
    )
    await notify(
        person["id"],
        "system",
        "Срок этапа «Правовая экспертиза» истекает через 2 рабочих дня",
        "Проект приказа «Об утверждении регламента внутреннего согласования».\n"
        "Плановое окончание этапа — 01.12.2026.",
        "/",
    )


def test_badge_counts_unread_and_marking_read_updates_it(page: Page, live_server: str):
    sign_in(page, live_server, "ivanov", PASSWORD)
    expect(page.get_by_role("heading", name="Здравствуйте, Иванов Иван Иванович")).to_be_visible()
    expect(page.get_by_role("link", name="Уведомления", exact=True)).to_be_visible()
    run_async(_notify_ivanov)

    page.set_viewport_size({"width": 1366, "height": 768})
    page.reload()
    badge = page.get_by_role("link", name="2 непрочитанных уведомления")
    expect(badge).to_contain_text("2")
    badge.click()
    expect(page.get_by_role("heading", name="Уведомления", exact=True)).to_be_visible()
    expect(page.get_by_text("Всего 2 уведомления, из них 2 непрочитанных.")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "notifications-inbox.png"), full_page=True)

    page.get_by_role("button", name="Отметить прочитанным").first.click()
    expect(page.get_by_role("link", name="1 непрочитанное уведомление")).to_be_visible()
    expect(page.get_by_role("button", name="Отметить прочитанным")).to_have_count(1)
    expect(page.get_by_text("Всего 2 уведомления, из них 1 непрочитанное.")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "notifications-one-read.png"), full_page=True)

    page.get_by_role("button", name="Отметить все прочитанными").click()
    expect(page.get_by_role("button", name="Отметить прочитанным")).to_have_count(0)
    expect(page.locator("#notifications-badge .badge")).to_have_count(0)
    expect(page.get_by_role("button", name="Отметить все прочитанными")).to_have_count(0)
    expect(page.get_by_text("Всего 2 уведомления.")).to_be_visible()

    page.get_by_role("link", name="Настройки почты").click()
    expect(page.get_by_role("checkbox", name="Сообщения системы")).to_be_checked()
    page.screenshot(path=str(ARTIFACTS / "notifications-settings.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
