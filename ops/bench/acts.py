#!/usr/bin/env python3
"""Benchmark of draft acts on PostgreSQL (not a test): 10,000 demo acts, page latencies, full plan recompute.

Why its own database: the figures must come from a known volume, and nothing of a real or test database
may be touched. The script creates ``trajectory_bench_<random>`` through the admin URL, migrates it, seeds
the demo structure and ``--acts`` walked demo acts (app.acts.demo, so histories are valid), then:
- times ``recompute_all`` (first run writes every plan; the second finds nothing changed);
- drives the real application in-process (Litestar's TestClient, signed in as demo-coordinator) and prints
  p50/p95 of the act list page, the act page, a transition (suspend / resume in turn) and the department
  plan-schedule page;
and drops the database (``--keep`` leaves it).

    .venv/bin/python ops/bench/acts.py [--acts 10000] [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


async def _admin(url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _prepare(count: int) -> dict:
    from piccolo.engine.postgres import PostgresEngine

    from app import db
    from app.acts.demo import seed_demo_acts
    from app.auth.service import create_local_account
    from app.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
    from app.people.demo import seed_structure

    await db.migrate()
    engine = db.engine()
    assert isinstance(engine, PostgresEngine)
    await engine.start_connection_pool(min_size=1, max_size=4)
    try:
        started = time.perf_counter()
        async with db.write_transaction():
            departments = await seed_structure()
            accounts = {}
            for username, (full_name, position, department, roles) in DEMO_ACCOUNTS.items():
                accounts[username] = await create_local_account(
                    username, DEMO_PASSWORD, full_name, roles | {"employee"}, demo=True,
                    department=departments.get(department), position=position)
        ids = await seed_demo_acts(accounts, count=count)
        seeded = time.perf_counter() - started
        return {"ids": ids, "seeded": seeded, "department": departments["Департамент государственной политики"]}
    finally:
        await engine.close_connection_pool()


async def _recompute() -> tuple[float, int, float, int]:
    from piccolo.engine.postgres import PostgresEngine

    from app import db
    from app.acts import plans

    engine = db.engine()
    assert isinstance(engine, PostgresEngine)
    await engine.start_connection_pool(min_size=1, max_size=4)
    try:
        plans.forget_statistics()
        t0 = time.perf_counter()
        first = await plans.recompute_all()
        t1 = time.perf_counter()
        plans.forget_statistics()
        second = await plans.recompute_all()
        t2 = time.perf_counter()
        return t1 - t0, first, t2 - t1, second
    finally:
        await engine.close_connection_pool()


async def _open_acts(limit: int) -> list[int]:
    from piccolo.engine.postgres import PostgresEngine

    from app import db
    from app.acts.tables import Act

    engine = db.engine()
    assert isinstance(engine, PostgresEngine)
    await engine.start_connection_pool(min_size=1, max_size=2)
    try:
        rows = await Act.select(Act.id).where(Act.status == "active").order_by(Act.id).limit(limit)
        return [r["id"] for r in rows]
    finally:
        await engine.close_connection_pool()


def _timed(samples: list[float], fn) -> None:
    started = time.perf_counter()
    response = fn()
    samples.append((time.perf_counter() - started) * 1000)
    if response.status_code >= 400 and response.status_code != 404:
        raise SystemExit(f"{response.request.method} {response.request.url}: {response.status_code}")


def _line(name: str, samples: list[float]) -> str:
    if not samples:
        return f"{name:<34} нет замеров"
    ordered = sorted(samples)
    p95 = ordered[max(round(0.95 * len(ordered)) - 1, 0)]
    return f"{name:<34} p50 {statistics.median(ordered):7.1f} мс   p95 {p95:7.1f} мс   (n={len(ordered)})"


def _pages(act_ids: list[int], department: int, rounds: int) -> list[str]:
    from litestar.testing import TestClient

    from app.main import create_app

    lines = []
    with TestClient(create_app(), base_url="http://bench.local") as client:
        client.get("/login")
        token = client.cookies["trajectory_csrf"]
        signed = client.post("/login", data={"username": "demo-coordinator", "password": "demo", "next": "/",
                                             "_csrf_token": token}, follow_redirects=False)
        assert signed.status_code in (302, 303), signed.text[:500]
        headers = {"x-csrftoken": client.cookies["trajectory_csrf"]}
        for _ in range(3):  # warm up caches and connections
            client.get("/acts/")
            client.get(f"/acts/{act_ids[0]}")
        listing, page, moves, plan = [], [], [], []
        for i in range(rounds):
            _timed(listing, functools.partial(client.get, "/acts/", params={"page": str(1 + i % 5)}))
            _timed(page, functools.partial(client.get, f"/acts/{act_ids[i % len(act_ids)]}"))
        for i in range(rounds):
            act = act_ids[i % len(act_ids)]
            for target, reason in (("suspend", "Замер производительности"), ("resume", "")):
                _timed(moves, functools.partial(client.post, f"/acts/{act}/transition", headers=headers,
                                                data={"target": target, "reason": reason}, follow_redirects=False))
        for _ in range(max(rounds // 5, 5)):
            _timed(plan, lambda: client.get("/acts/plan", params={"department": str(department)}))
        lines += [_line("Список проектов (/acts/)", listing), _line("Страница проекта (/acts/{id})", page),
                  _line("Переход (приостановить/возобновить)", moves),
                  _line("План-график департамента (/acts/plan)", plan)]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--admin-url", default=os.environ.get("TRAJECTORY_BENCH_POSTGRES_URL",
                                                              "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--keep", action="store_true", help="не удалять базу после замера")
    args = parser.parse_args()

    name = f"trajectory_bench_{secrets.token_hex(4)}"
    url = urlparse(args.admin_url)._replace(path=f"/{name}").geturl()
    for key in [k for k in os.environ if k.startswith("TRAJECTORY_")]:
        del os.environ[key]
    os.environ.update({"TRAJECTORY_DATABASE_URL": url, "TRAJECTORY_DEMO": "true",
                       "TRAJECTORY_SECRET_KEY": secrets.token_hex(32),
                       "TRAJECTORY_DATA_DIR": tempfile.mkdtemp(prefix="trajectory-bench-"),
                       "PICCOLO_CONF": "app.piccolo_conf"})
    asyncio.run(_admin(args.admin_url, f'CREATE DATABASE "{name}"'))
    print(f"База {name}: {args.acts} проектов…", flush=True)
    try:
        prepared = asyncio.run(_prepare(args.acts))
        print(f"Заполнение: {prepared['seeded']:.1f} с", flush=True)
        first, changed, second, unchanged = asyncio.run(_recompute())
        print(f"Пересчёт всех планов: {first:.2f} с (изменено {changed}); повторно: {second:.2f} с "
              f"(изменено {unchanged})", flush=True)
        act_ids = asyncio.run(_open_acts(200))
        for line in _pages(act_ids, prepared["department"], args.rounds):
            print(line, flush=True)
    finally:
        if not args.keep:
            asyncio.run(_admin(args.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
