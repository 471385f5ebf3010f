"""A ministry employee signs in through the real form, looks around and signs out."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sample_directory import PASSWORD

from tests.e2e.conftest import ARTIFACTS, sign_in


def test_employee_signs_in_navigates_and_signs_out(page: Page, live_server: str):
    page.goto(live_server)
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", name="Вход в Траекторию")).to_be_visible()

    sign_in(page, live_server, "ivanov", PASSWORD)
    expect(page.get_by_role("heading", name="Здравствуйте, Иванов Иван Иванович")).to_be_visible()
    expect(page.get_by_text("Правовой департамент, Отдел правовой экспертизы")).to_be_visible()
    expect(page.get_by_text("Координатор (правовой департамент)")).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=str(ARTIFACTS / "start-page.png"), full_page=True)

    page.get_by_role("link", name="Главная").click()
    expect(page.get_by_role("link", name="Главная")).to_have_attribute("aria-current", "page")

    page.get_by_role("button", name="Выйти").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto(live_server)
    expect(page).to_have_url(re.compile(r"/login$"))


def test_wrong_password_shows_a_russian_message(page: Page, live_server: str):
    sign_in(page, live_server, "ivanov", "not-the-password")
    expect(page.get_by_role("alert")).to_have_text("Неверное имя пользователя или пароль.")
    expect(page.get_by_label("Имя пользователя")).to_have_value("ivanov")
    page.screenshot(path=str(ARTIFACTS / "login-error.png"), full_page=True)


def test_return_to_the_requested_page_after_sign_in(page: Page, live_server: str):
    page.goto(f"{live_server}/?from=bookmark")
    sign_in_form_url = page.url
    assert sign_in_form_url.endswith("/login")
    sign_in(page, live_server, "petrova", PASSWORD)
    expect(page.get_by_text("Руководитель подразделения")).to_be_visible()
