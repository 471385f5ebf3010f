"""The administrator (LDAP user kuznetsov) opens every admin page in Chromium at 1366×768: Russian, no
horizontal scroll, the integrity check answers in place; screenshots go to test-results/ for review."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sample_directory import PASSWORD

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_sign_in import sign_in

PAGES = [
    ("/admin", "Администрирование", "admin-index"),
    ("/admin/accounts", "Локальные учётные записи", "admin-accounts"),
    ("/admin/accounts/new", "Новая локальная учётная запись", "admin-account-new"),
    ("/admin/sign-ins", "Журнал входов", "admin-sign-ins"),
    ("/admin/audit", "Журнал аудита", "admin-audit"),
    ("/admin/parameters", "Параметры предметной области", "admin-parameters"),
    (
        "/admin/parameters/service.acknowledgement_hours",
        "Срок подтверждения получения обращения",
        "admin-parameter",
    ),
    ("/admin/calendar?year=2025", "Производственный календарь 2025", "admin-calendar"),
    ("/admin/roles", "Роли из каталога LDAP", "admin-roles"),
]


def assert_no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url}: горизонтальная прокрутка на {overflow}px"


def test_admin_opens_every_admin_page(page: Page, live_server: str):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "kuznetsov", PASSWORD)
    page.get_by_role("link", name="Администрирование", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin$"))
    for path, heading, shot in PAGES:
        page.goto(f"{live_server}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_horizontal_scroll(page)
        page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)


def test_admin_creates_an_account_and_checks_the_audit(page: Page, live_server: str):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "kuznetsov", PASSWORD)
    page.goto(f"{live_server}/admin/accounts/new")
    page.get_by_label("Имя пользователя").fill("e2e.operator")
    page.get_by_label("ФИО").fill("Операторова Ольга Олеговна")
    page.get_by_label("Кадровая служба").check()
    page.get_by_label("Пароль", exact=True).fill("short")
    page.get_by_label("Повторите пароль").fill("short")
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_text("Пароль должен быть не короче 12 символов")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "admin-account-new-error.png"), full_page=True)
    page.get_by_label("Пароль", exact=True).fill("long-enough-password")
    page.get_by_label("Повторите пароль").fill("long-enough-password")
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_text("Учётная запись создана.")).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "admin-account.png"), full_page=True)

    page.goto(f"{live_server}/admin/audit")
    expect(page.get_by_role("cell", name=re.compile("Локальная учётная запись"))).to_be_visible()
    page.get_by_role("link", name="Проверить целостность").click()
    expect(page.locator("#verify-result")).to_contain_text("Журнал цел")
    expect(page).to_have_url(re.compile(r"/admin/audit$"))  # answered in place by htmx
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "admin-audit-verified.png"), full_page=True)
