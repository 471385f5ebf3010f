"""Demo acts: deterministic, every kind and trajectory, valid histories, and plans the demo users can see."""

from __future__ import annotations

import itertools
import time
from collections import Counter

from tests.conftest import run_async


async def _seeded() -> dict:
    from app.acts.graph import edges_of
    from app.acts.tables import Act, ActStageRun
    from app.demo import seed_demo

    started = time.perf_counter()
    assert await seed_demo()
    elapsed = time.perf_counter() - started
    acts = await Act.select(Act.id, Act.kind, Act.status, Act.stage, Act.plan_status, Act.department.name.as_alias(
        "department"), Act.executor)
    runs = await ActStageRun.select(ActStageRun.act, ActStageRun.stage, ActStageRun.outcome, ActStageRun.started_on,
                                    ActStageRun.ended_on).order_by(ActStageRun.act).order_by(ActStageRun.id)
    by_act: dict[int, list[dict]] = {}
    for run in runs:
        by_act.setdefault(run["act"], []).append(run)
    bad = []
    for act in acts:
        edges = {(e.source.value, e.target) for e in edges_of(act["kind"])}
        history = by_act[act["id"]]
        for before, after in itertools.pairwise(history):
            if (before["stage"], after["stage"]) not in edges or before["ended_on"] != after["started_on"]:
                bad.append((act["id"], before["stage"], after["stage"]))
        if history[-1]["stage"] != act["stage"]:
            bad.append((act["id"], "last run", act["stage"]))
        open_runs = [r for r in history if r["ended_on"] is None]
        if (act["status"] in ("active", "suspended")) != (len(open_runs) == 1):
            bad.append((act["id"], "open runs", len(open_runs)))
    return {"acts": acts, "outcomes": Counter(r["outcome"] for r in runs), "bad": bad, "elapsed": elapsed}


def test_demo_acts_cover_the_trajectories_with_valid_histories():
    from app.acts import plans

    seeded = run_async(_seeded)
    acts = seeded["acts"]
    assert 550 <= len(acts) <= 650 and seeded["bad"] == []
    assert {a["kind"] for a in acts} == {"normative_order", "order_without_registration", "government_resolution",
                                         "federal_law"}
    assert {"active", "completed", "withdrawn", "suspended"} <= {a["status"] for a in acts}
    outcomes = seeded["outcomes"]
    for outcome in ("forward", "skip", "return", "withdraw", "completed", "returned_without_registration",
                    "registration_refused"):
        assert outcomes[outcome] > 0, outcome
    open_acts = [a for a in acts if a["status"] in ("active", "suspended")]
    statuses = Counter(a["plan_status"] for a in open_acts)
    assert statuses["overdue"] and statuses["at_risk"] and statuses["on_track"] and statuses["off_track"]
    policy = [a for a in open_acts if a["department"] == "Департамент государственной политики"]
    assert len(policy) >= 15
    plans.forget_statistics()
    ctx = run_async(plans.context)
    assert ctx.statistics["normative_order"].completed_acts >= 10  # forecasts learn from the history
    assert seeded["elapsed"] < 30
