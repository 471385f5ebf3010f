"""Plan-schedules on the real database: the plan cache, learnt statistics, the Gantt page and its access rules.

The helpers here (a small world of departments and people, acts inserted as rows) are shared with the other
plan-side test modules (catalogue, iCalendar, reminders).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import login, run_async

PASSWORD = "plan-password-12"
TODAY = dt.datetime.now(ZoneInfo("Europe/Moscow")).date()


async def _world() -> dict[str, int]:
    from app.auth.service import create_local_account
    from app.people.tables import Department, Employee

    ids: dict[str, int] = {}
    for key, name in (("policy", "Департамент государственной политики"), ("legal", "Правовой департамент")):
        ids[key] = (await Department.insert(Department(name=name)).returning(Department.id))[0]["id"]
    people = {
        "head": ("Орлов Дмитрий Петрович", {"head"}, "policy"),
        "other_head": ("Петрова Мария Ивановна", {"head"}, "legal"),
        "executor": ("Соколова Анна Сергеевна", set(), "policy"),
        "employee": ("Кузнецов Иван Павлович", set(), "policy"),
        "coordinator": ("Лебедева Ирина Викторовна", {"coordinator"}, "legal"),
        "leadership": ("Волков Сергей Николаевич", {"leadership"}, None),
        "admin": ("Администратор Системы Тестовый", {"admin"}, None),
    }
    for username, (name, roles, dept) in people.items():
        ids[username] = await create_local_account(username, PASSWORD, name, roles | {"employee"},
                                                   department=ids[dept] if dept else None)
        await Employee.update({Employee.email: f"{username}@minfin.test"}).where(Employee.id == ids[username])
    return ids


@pytest.fixture
def call(request):
    """``call(coro_fn, *args, **kwargs)``: through the running app's portal when the test has a client (its
    PostgreSQL pool lives on that loop), else in a thread of its own."""
    if "client" in request.fixturenames:
        client = request.getfixturevalue("client")
        return lambda fn, *a, **k: client.blocking_portal.call(functools.partial(fn, *a, **k))
    return lambda fn, *a, **k: run_async(lambda: fn(*a, **k))


@pytest.fixture
def world(call) -> dict[str, int]:
    return call(_world)


async def make_act(department: int, executor: int | None, *, number: str = "НП-2026/0001",
                   kind: str = "normative_order", stage: str = "drafting", started: dt.date = TODAY,
                   target: dt.date | None = None, status: str = "active", title: str = "Об утверждении порядка",
                   passed: str = "planned") -> int:
    from app.acts.tables import Act, ActStageRun

    year, seq = int(number.split("-")[1][:4]), int(number.split("/")[1])
    act_id = (await Act.insert(Act(
        title=title, kind=kind, number=number, year=year, sequence=seq, department=department, executor=executor,
        target_date=target, stage=stage, status=status, stage_started=started, passed=passed, text_version=1,
    )).returning(Act.id))[0]["id"]
    await ActStageRun.insert(ActStageRun(act=act_id, stage=stage, started_on=started))
    return act_id


async def act_row(act_id: int) -> dict:
    from app.acts.tables import Act

    return await Act.select().where(Act.id == act_id).first()


def signed_in(client, username: str):
    response = login(client, username, PASSWORD)
    assert response.status_code in (302, 303), response.text[:300]
    return client


# --- the plan cache ----------------------------------------------------------------------------------------


def test_recompute_writes_the_cache_and_follows_the_act(world, call):
    from app.acts import plans
    from app.acts.events import ActChange, act_changed
    from app.acts.tables import Act

    act_id = call(make_act, world["policy"], world["executor"], target=TODAY + dt.timedelta(days=900))
    plan = call(plans.recompute, act_id, TODAY)
    row = call(act_row, act_id)
    assert row["plan_status"] == plan.status.value == "on_track"
    from app.calendar.workdays import WorkingCalendar

    calendar = WorkingCalendar()
    assert row["stage_deadline"] == plan.stage_deadline == calendar.add_working_days(TODAY, 20)
    assert (row["optimistic_end"], row["expected_end"], row["pessimistic_end"]) == (
        plan.optimistic.end, plan.expected.end, plan.pessimistic.end)
    assert row["optimistic_end"] <= row["expected_end"] <= row["pessimistic_end"]

    async def move():  # as the act service does: new stage, then the change hook
        await Act.update({Act.stage: "internal_approval", Act.stage_started: TODAY - dt.timedelta(days=30),
                          Act.passed: "drafting,planned"}).where(Act.id == act_id)
        await act_changed(ActChange(act_id, "acts.transition"))

    call(move)
    moved = call(act_row, act_id)
    assert moved["stage_deadline"] == calendar.add_working_days(TODAY - dt.timedelta(days=30), 5)
    assert moved["plan_status"] == "overdue"
    assert moved["expected_end"] != row["expected_end"]


def test_closed_acts_have_no_plan_and_recompute_all_is_idempotent(world, call):
    from app.acts import plans

    open_id = call(make_act, world["policy"], world["executor"], target=TODAY + dt.timedelta(days=30))
    closed = call(make_act, world["policy"], world["executor"], number="НП-2026/0002", stage="in_force",
                       status="completed")
    assert call(plans.plan_for, closed) is None
    assert call(plans.plan_for, 999_999) is None
    assert call(plans.recompute_all, TODAY) == 1
    assert call(plans.recompute_all, TODAY) == 0
    row = call(act_row, open_id)
    assert row["plan_status"] in ("off_track", "at_risk") and row["expected_end"] > row["target_date"] or \
        row["pessimistic_end"] > row["target_date"]
    assert call(act_row, closed)["stage_deadline"] is None


# --- statistics from completed acts -------------------------------------------------------------------------


async def _completed_history(department: int, executor: int, acts: int, drafting_days: int, first: int = 1) -> None:
    """``acts`` completed orders without registration: drafting took ``drafting_days`` calendar days (a
    whole number of weeks, so ``drafting_days * 5 / 7`` working days in a stretch without holidays), and
    every second act was returned once from legal review."""
    from app.acts.tables import ActStageRun

    for n in range(acts):
        start = dt.date(2025, 2, 3) + dt.timedelta(days=n)  # Mondays… any day: lengths below are in weeks
        start = start - dt.timedelta(days=start.weekday())  # a Monday
        act_id = await make_act(department, executor, number=f"ПР-2025/{n + first:04d}",
                                kind="order_without_registration", stage="in_force", status="completed",
                                started=start)
        await ActStageRun.delete().where(ActStageRun.act == act_id)
        runs, cursor = [], start
        path = ["drafting", "internal_approval", "legal_review"]
        if n % 2:
            path += ["drafting", "internal_approval", "legal_review"]
        for stage in [*path, "signing"]:
            length = drafting_days if stage == "drafting" else 7
            runs.append(ActStageRun(act=act_id, stage=stage, started_on=cursor,
                                    ended_on=cursor + dt.timedelta(days=length)))
            cursor += dt.timedelta(days=length)
        runs.append(ActStageRun(act=act_id, stage="in_force", started_on=cursor, ended_on=cursor))
        await ActStageRun.insert(*runs)


def test_statistics_learnt_from_history_and_defaults_when_thin(world, call):
    from app.acts import plans
    from app.acts.history import stage_length  # noqa: F401  (the counting rule the expectations follow)

    call(_completed_history, world["policy"], world["executor"], 4, 14)
    plans.forget_statistics()
    act_id = call(make_act, world["policy"], world["executor"], number="ПР-2026/0001",
                       kind="order_without_registration", stage="drafting", target=TODAY + dt.timedelta(days=300))
    thin = call(plans.plan_for, act_id, TODAY)
    assert not thin.history_used  # 4 < 10 completed acts: catalogue defaults
    assert thin.expected.stages[0].days == 20

    call(_completed_history, world["legal"], world["executor"], 12, 28, 100)
    plans.forget_statistics()
    ctx = call(plans.context, TODAY)
    stats = ctx.statistics["order_without_registration"]
    assert stats.completed_acts == 16
    assert stats.loop_rates["legal_review"] == pytest.approx(8 / 16)
    learnt = call(plans.plan_for, act_id, TODAY)
    assert learnt.history_used
    assert learnt.expected.stages[0].days == round(stats.median_days["drafting"] + 1e-9)
    assert learnt.expected.stages[0].days == 20  # median of 10 and 20 working days over the 16 acts: 20 (12 x 20)
    legal_repeat = [s for s in learnt.expected.stages if s.repeat]
    assert legal_repeat and legal_repeat[0].stage.value == "drafting"  # the loop laid out with rate 0.5
    assert legal_repeat[0].days == 10


# --- the Gantt page -----------------------------------------------------------------------------------------


def _figure(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="plan-gantt-data">(.*?)</script>', html, re.DOTALL)
    assert match, "no figure JSON on the page"
    return json.loads(match.group(1))


def test_head_sees_own_department_plan_with_the_gantt(client, world, call):
    from app.acts import plans

    for n in range(3):
        call(make_act, world["policy"], world["executor"], number=f"НП-2026/{n + 1:04d}",
                  target=TODAY + dt.timedelta(days=100 * n + 5), title=f"Проект </script> номер {n}")
    call(make_act, world["legal"], world["executor"], number="НП-2026/0010")
    call(plans.recompute_all)
    signed_in(client, "head")
    page = client.get("/acts/plan")
    assert page.status_code == 200
    assert "plotly" in page.text and 'data-plotly="plan-gantt-data"' in page.text
    figure = _figure(page.text)
    scenarios = [t for t in figure["data"] if t["type"] == "bar"]
    assert [t["name"] for t in scenarios] == ["Оптимистичный", "Ожидаемый", "Пессимистичный"]
    assert set(scenarios[1]["y"]) == {"НП-2026/0001", "НП-2026/0002", "НП-2026/0003"}
    names = {t["name"] for t in figure["data"]}
    assert {"В срок", "Под угрозой", "Отстаёт от плана", "Просрочен", "Целевой срок"} <= names
    assert figure["layout"]["shapes"][0]["x0"] == plans.today().isoformat()
    assert "НП-2026/0010" not in page.text
    assert client.get(f"/acts/plan?department={world['legal']}").status_code == 404
    assert client.get("/acts/plan?department=abc").status_code == 404
    assert client.get("/acts/plan?department=99999999999").status_code == 404
    excel = client.get("/acts/plan.xlsx")
    assert excel.status_code == 200 and excel.headers["content-type"].startswith("application/vnd.openxml")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(excel.content)).active
    assert sheet["A2"].value == "Номер" and sheet["A3"].value == "НП-2026/0001"
    assert client.get(f"/acts/plan.xlsx?department={world['legal']}").status_code == 404


def test_plan_page_access_by_role(client, world, call):
    call(make_act, world["legal"], world["executor"], number="НП-2026/0010")
    signed_in(client, "employee")
    assert client.get("/acts/plan").status_code == 403
    assert client.get("/acts/plan.xlsx").status_code == 403
    client.cookies.clear()
    signed_in(client, "coordinator")
    page = client.get(f"/acts/plan?department={world['legal']}")
    assert page.status_code == 200 and "НП-2026/0010" in page.text and 'name="department"' in page.text
    assert client.get(f"/acts/plan?department={world['policy']}").status_code == 200
    client.cookies.clear()
    signed_in(client, "leadership")
    assert client.get("/acts/plan").status_code == 200  # no department of their own: the first one
    assert client.get(f"/acts/plan?department={world['legal']}").status_code == 200
    client.cookies.clear()
    assert client.get("/acts/plan", follow_redirects=False).status_code in (302, 303, 401)


def test_empty_department_plan_says_so(client, world, call):
    signed_in(client, "head")
    page = client.get("/acts/plan")
    assert page.status_code == 200 and "нет проектов в работе" in page.text
    assert "plotly.min.js" not in page.text
