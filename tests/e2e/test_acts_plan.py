"""The department plan-schedule in Chromium: the Plotly Gantt draws (SVG), no CSP violation, readable with
~50 acts; the screenshot goes to test-results/ to be looked at."""

from __future__ import annotations

import random

from playwright.sync_api import Page, expect
from sample_directory import PASSWORD

from tests.conftest import run_async
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_sign_in import sign_in


async def _acts_for_petrova(count: int = 50) -> int:
    """Walked demo acts in Petrova's department until ``count`` are open; returns how many are open."""
    from app.acts import demo, plans
    from app.acts.tables import Act
    from app.people.tables import Department, Employee

    petrova = await Employee.select(Employee.id, Employee.department).where(Employee.ldap_uid == "petrova").first()
    department = await Department.select(Department.id, Department.name).where(
        Department.id == petrova["department"]).first()
    other = (await Department.insert(Department(name="Департамент экономики и финансов")).returning(Department.id))[0]
    departments = {department["id"]: department["name"], other["id"]: "Департамент экономики и финансов"}
    acts = demo.generate(random.Random(7), 400, departments, {department["id"]: [petrova["id"]]}, plans.today())
    mine = [a for a in acts if a.department == department["id"]]
    open_acts = [a for a in mine if a.state.status.value in ("active", "suspended")][:count]
    history = [a for a in mine if a.state.status.value == "completed"]
    await demo.store(sorted(open_acts + history, key=lambda a: a.started), petrova["id"])
    plans.forget_statistics()
    await plans.recompute_all()
    return await Act.count().where((Act.department == department["id"]) & Act.status.is_in(["active", "suspended"]))


def test_gantt_renders_readably_with_many_acts(page: Page, live_server: str):
    sign_in(page, live_server, "petrova", PASSWORD)
    expect(page.get_by_role("heading", name="Здравствуйте, Петрова Мария Сергеевна")).to_be_visible()
    shown = run_async(_acts_for_petrova)
    assert shown >= 45

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/acts/plan")
    expect(page.get_by_role("heading", name="План-график проектов НПА")).to_be_visible()
    chart = page.locator("#plan-gantt")
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    expect(chart.locator("g.ytick").first).to_be_visible()
    assert chart.locator("g.ytick").count() == shown  # one labelled row per act
    expect(chart.get_by_text("Сегодня")).to_be_visible()
    expect(chart.get_by_text("Целевой срок")).to_be_visible()
    expect(chart.get_by_text("Отстаёт от плана")).to_be_visible()
    box = chart.bounding_box()
    assert box and box["height"] >= 30 * shown  # the height grows with the rows
    page.screenshot(path=str(ARTIFACTS / "acts-plan-gantt.png"))
    page.screenshot(path=str(ARTIFACTS / "acts-plan-gantt-full.png"), full_page=True)
    legend = chart.locator("g.legend")
    legend.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "acts-plan-gantt-legend.png"))
    expect(page.get_by_role("table").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Выгрузить в Excel")).to_be_hidden()
