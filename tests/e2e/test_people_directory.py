"""The staff directory in Chromium: active search with an inflected name, a card, a deputy, the leavers page.

People come from the sample slapd through the real sync; screenshots at 1366×768 go to test-results/.
"""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sample_directory import PASSWORD

from tests.conftest import make_settings, run_async
from tests.e2e.conftest import ARTIFACTS, sign_in


def sync(slapd, **env: str) -> None:
    from app.people.sync import sync_directory

    run_async(sync_directory, make_settings(**(slapd.env() | env)))


def check_page(page: Page, name: str) -> None:
    """No horizontal scroll, no serious accessibility violation, and a screenshot to look at."""
    page.set_viewport_size({"width": 1366, "height": 768})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{name}: горизонтальная прокрутка"
    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], f"{name}: {violations}"
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_with_an_inflected_name_and_open_the_card(page: Page, live_server: str, slapd):
    sync(slapd)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "ivanov", PASSWORD)
    page.get_by_role("link", name="Сотрудники", exact=True).click()
    expect(page.get_by_role("heading", name="Сотрудники министерства")).to_be_visible()
    expect(page.get_by_role("link", name="Сотрудники", exact=True)).to_have_attribute("aria-current", "page")

    page.get_by_label("ФИО").press_sequentially("федорову", delay=30)
    results = page.locator("#people-results")
    expect(results.get_by_role("link", name="Фёдорова Наталья Игоревна")).to_be_visible()
    expect(results).to_contain_text("Показаны 1–1 из 1 сотрудника")
    expect(results.get_by_role("link", name="Иванов Иван Иванович")).to_have_count(0)
    assert page.url.endswith("/people")  # the fragment was swapped in place, no page load
    check_page(page, "people-search")

    results.get_by_role("link", name="Фёдорова Наталья Игоревна").click()
    expect(page.get_by_role("heading", name="Фёдорова Наталья Игоревна")).to_be_visible()
    expect(page.get_by_text("Отдел нормативного регулирования")).to_be_visible()
    expect(page.get_by_role("link", name="Петрова Мария Сергеевна")).to_be_visible()
    check_page(page, "people-card")


def test_head_names_a_deputy_and_sees_a_leaver(page: Page, live_server: str, slapd):
    sync(slapd, TRAJECTORY_LDAP_DISABLED_FILTER="(employeeType=nobody)")  # the leaver worked here…
    sync(slapd)  # …and then was disabled in the directory
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "petrova", PASSWORD)
    page.wait_for_url(f"{live_server}/")

    page.goto(f"{live_server}/people/deputy")
    page.get_by_label("Заместитель").select_option(label="Иванов Иван Иванович — Главный специалист-эксперт")
    page.get_by_label("По какое число").fill("01.01.2099")
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("alert")).to_have_text("Проверьте поля формы.")
    expect(page.get_by_text("Замещение назначается не больше чем на год.")).to_be_visible()
    check_page(page, "people-deputy-error")
    page.get_by_label("Заместитель").select_option(label="Иванов Иван Иванович — Главный специалист-эксперт")
    page.get_by_label("По какое число").fill(page.get_by_label("С какого числа").input_value())
    page.get_by_role("button", name="Назначить").click()
    expect(page).to_have_url(re.compile(r"/people/deputy$"))
    expect(page.get_by_text("действует")).to_be_visible()
    check_page(page, "people-deputy")

    page.goto(f"{live_server}/people/leavers")
    expect(page.get_by_role("link", name="Уходов Глеб Романович")).to_be_visible()
    expect(page.get_by_text("Источников незавершённой работы пока нет")).to_be_visible()
    check_page(page, "people-leavers")
