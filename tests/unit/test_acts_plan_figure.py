"""The Gantt figure (a plain dict) and the indexed working calendar the plan batch uses — pure checks."""

from __future__ import annotations

import datetime as dt
import json
import random

from app.acts.catalogue import default_catalogue
from app.acts.gantt import ROW_HEIGHT, gantt_figure
from app.acts.schedule import compute_plan
from app.acts.stages import ActKind, Stage
from app.acts.workflow import ActState
from app.calendar.workdays import WorkingCalendar

TODAY = dt.date(2026, 11, 24)


def _acts(n: int):
    catalogue, calendar = default_catalogue(), WorkingCalendar()
    acts = []
    for i in range(n):
        state = ActState(kind=ActKind.NORMATIVE_ORDER, stage=Stage.DRAFTING, has_text=True)
        row = {"number": f"НП-2026/{i + 1:04d}", "title": f"Проект {i} </script>",
               "target_date": TODAY + dt.timedelta(days=100 + 10 * i)}
        acts.append((row, compute_plan(state, TODAY - dt.timedelta(days=i), catalogue=catalogue, calendar=calendar,
                                       today=TODAY, target=row["target_date"])))
    return acts


def test_three_scenarios_target_today_and_status_legend():
    figure = gantt_figure(_acts(3), TODAY)
    json.dumps(figure)  # plain data only
    bars = [t for t in figure["data"] if t["type"] == "bar"]
    assert [t["offsetgroup"] for t in bars] == ["optimistic", "expected", "pessimistic"]
    assert all(len(t["y"]) == len(t["x"]) == len(t["base"]) == len(t["marker"]["color"]) for t in bars)
    assert all(x > 0 for t in bars for x in t["x"])
    target = next(t for t in figure["data"] if t["name"] == "Целевой срок")
    assert target["x"][0] == (TODAY + dt.timedelta(days=100)).isoformat()
    assert figure["layout"]["shapes"][0]["x0"] == TODAY.isoformat()
    assert figure["layout"]["yaxis"]["categoryarray"] == ["НП-2026/0001", "НП-2026/0002", "НП-2026/0003"]
    legend = {t["name"] for t in figure["data"] if t.get("x") == [None]}
    assert legend >= {"В срок", "Под угрозой", "Отстаёт от плана", "Просрочен", "Ожидаемый сценарий"}


def test_height_grows_with_rows():
    small, large = gantt_figure(_acts(5), TODAY), gantt_figure(_acts(50), TODAY)
    assert large["layout"]["height"] - small["layout"]["height"] == 45 * ROW_HEIGHT


def test_indexed_calendar_gives_the_same_answers():
    from app.calendar.workdays import IndexedCalendar

    corrections = {dt.date(2026, 12, 31): False, dt.date(2027, 1, 9): True}
    plain = WorkingCalendar(corrections)
    fast = IndexedCalendar(corrections, dt.date(2024, 1, 1), dt.date(2030, 12, 31))
    rng = random.Random(5)
    for _ in range(3000):
        day = dt.date(2023, 6, 1) + dt.timedelta(days=rng.randint(0, 3000))
        n = rng.randint(-30, 30)
        other = day + dt.timedelta(days=rng.randint(-200, 200))
        assert fast.add_working_days(day, n) == plain.add_working_days(day, n)
        assert fast.working_days_between(day, other) == plain.working_days_between(day, other)
        assert fast.is_working_day(day) == plain.is_working_day(day)
