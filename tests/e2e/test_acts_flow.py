"""The act workflow in Chromium: coordinator ivanov registers an act with two approving departments, uploads a
.docx, sends it to internal approval; two heads answer in their own browser contexts (petrova from LDAP, a
local head of «Финансовый департамент»), one returns it once for revision, and the act is taken forward to
state registration. Screenshots of the act page at 1366×768 go to test-results/ for review."""

from __future__ import annotations

import io
import re
import zipfile

from playwright.sync_api import Browser, Page, expect
from sample_directory import PASSWORD

from tests.conftest import run_async
from tests.e2e.conftest import ARTIFACTS, CSP_WATCH
from tests.e2e.test_admin import assert_no_horizontal_scroll
from tests.e2e.test_sign_in import sign_in

VIEWPORT = {"width": 1366, "height": 768}
FINANCE_HEAD = ("findirector", "finance-head-password")


def docx(text: str) -> dict:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org'
                         f'/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return {"name": "проект-приказа.docx", "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}


async def finance_head() -> None:
    from app.auth.service import create_local_account
    from app.people.tables import Department

    created = await Department.insert(Department(name="Финансовый департамент")).returning(Department.id)
    await create_local_account(FINANCE_HEAD[0], FINANCE_HEAD[1], "Финансова Светлана Игоревна", {"head"},
                               department=created[0]["id"], position="Директор департамента")


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=VIEWPORT, locale="ru-RU")
    page = context.new_page()
    page.add_init_script(CSP_WATCH)
    page.set_default_timeout(10_000)
    return page


def take(page: Page, label: str, reason: str = "") -> None:
    """Press the move button ``label``; fill its reason first when one is asked for."""
    form = page.locator("form.move", has=page.get_by_role("button", name=label, exact=True))
    if reason:
        form.locator("textarea").fill(reason)
    form.get_by_role("button", name=label, exact=True).click()
    expect(page.locator("#act-error")).to_have_count(0)


def answer(page: Page, url: str, department: str, value: str, reason: str = "") -> None:
    page.goto(url)
    row = page.locator("#approvals tr", has_text=department)
    row.get_by_label("Ответ департамента").select_option(label=value)
    if reason:
        row.get_by_label("Замечания или причина отказа").fill(reason)
    row.get_by_role("button", name="Ответить").click()
    expect(page.locator("#approvals tr", has_text=department)).to_contain_text(value.lower() if value != "Согласовано" else "согласовано")


def test_act_from_registration_to_state_registration(page: Page, browser: Browser, live_server: str):
    page.set_viewport_size(VIEWPORT)
    sign_in(page, live_server, "ivanov", PASSWORD)  # creates «Правовой департамент» from the directory
    run_async(finance_head)
    page.get_by_role("link", name="Проекты НПА", exact=True).click()
    page.get_by_role("link", name="Зарегистрировать проект").click()
    page.get_by_label("Название проекта").fill("О порядке согласования проектов нормативных правовых актов")
    page.get_by_label("Вид акта").select_option(label="Нормативный приказ министерства")
    page.get_by_label("Ответственный департамент").select_option(label="Правовой департамент")
    page.get_by_label("Исполнитель").select_option(label="Иванов Иван Иванович")
    page.get_by_label("Целевой срок").fill("2027-12-30")
    approvers = page.locator("fieldset.approvers")
    approvers.get_by_label("Правовой департамент").check()
    approvers.get_by_label("Финансовый департамент").check()
    page.get_by_role("button", name="Зарегистрировать").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"НП-\d{4}/0001"))
    act_url = page.url.split("#")[0]

    take(page, "Перейти к этапу «Разработка»")
    page.get_by_label("Новая версия (.docx или .pdf, до 20 МБ)").set_input_files(docx("Первая редакция"))
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#versions")).to_contain_text("Версия 1")
    take(page, "Пропустить этап «Уведомление о подготовке»", "Уведомление не требуется: акт процедурный")
    expect(page.locator(".act-facts")).to_contain_text("Внутреннее согласование")
    blocked = page.locator("form.move.blocked", has_text="Перейти к этапу «Правовая экспертиза»")
    expect(blocked).to_contain_text("не ответили Правовой департамент, Финансовый департамент")
    page.screenshot(path=str(ARTIFACTS / "act-internal-approval-1366x768.png"), full_page=True)

    petrova = new_page(browser)
    sign_in(petrova, live_server, "petrova", PASSWORD)
    answer(petrova, act_url, "Правовой департамент", "Согласовано")
    finance = new_page(browser)
    sign_in(finance, live_server, *FINANCE_HEAD)
    answer(finance, act_url, "Финансовый департамент", "Не согласовано", "Нет финансово-экономического обоснования")

    page.reload()
    take(page, "Вернуть на разработку по замечаниям согласования")
    page.get_by_label("Новая версия (.docx или .pdf, до 20 МБ)").set_input_files(docx("Вторая редакция"))
    page.get_by_label("Что изменилось").fill("Добавлено обоснование")
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#versions")).to_contain_text("Версия 2")
    take(page, "Пропустить этап «Уведомление о подготовке»", "Уведомление не требуется: акт процедурный")

    answer(petrova, act_url, "Правовой департамент", "Согласовано")
    answer(finance, act_url, "Финансовый департамент", "Согласовано с замечаниями", "Уточнить сроки")
    for context_page in (petrova, finance):
        assert context_page.evaluate("window.__cspViolations") == []
        context_page.context.close()

    page.reload()
    take(page, "Перейти к этапу «Правовая экспертиза»")
    take(page, "Перейти к этапу «Общественное обсуждение»")
    take(page, "Пропустить этап «ОРВ»", "ОРВ не требуется")
    take(page, "Пропустить этап «Межведомственное согласование»", "Не затрагивает другие ведомства")
    blocked = page.locator("form.move.blocked", has_text="Перейти к этапу «Направление в Минюст»")
    expect(blocked).to_contain_text("Нельзя направить в Минюст: акт не подписан")
    page.get_by_role("button", name="Отметить подписание").click()
    take(page, "Перейти к этапу «Направление в Минюст»")
    take(page, "Перейти к этапу «Государственная регистрация»")
    expect(page.locator(".act-facts")).to_contain_text("Государственная регистрация")
    expect(page.locator("#history")).to_contain_text("возвращён: Финансовый департамент: Нет финансово-экономического обоснования")
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "act-registration-1366x768.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / "act-registration-top-1366x768.png"))
    page.goto(f"{live_server}/my-work")
    expect(page.get_by_role("heading", level=1)).to_have_text("Моя работа")
    expect(page.locator("main")).to_contain_text("Государственная регистрация")
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "my-work-1366x768.png"), full_page=True)
    page.goto(f"{live_server}/acts")
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "acts-list-1366x768.png"), full_page=True)
