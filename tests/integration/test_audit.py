"""The audit trail in the real database: sign-ins are recorded, tampering is found, appends never fork."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from piccolo.engine.postgres import PostgresEngine

from tests.conftest import ROOT, login, run_async


async def _records() -> list[dict]:
    from app.audit.tables import AuditRecord

    return await AuditRecord.select().order_by(AuditRecord.id)


def audit_verify() -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.cli", "audit-verify"], cwd=ROOT, env=dict(os.environ),
                          capture_output=True, text=True, timeout=60)


def test_sign_in_success_and_failure_are_audited_without_password(client):
    from app.auth.service import create_local_account

    client.blocking_portal.call(
        lambda: create_local_account("auditee", "audited-password-1", "Проверяемый Сотрудник", {"employee"})
    )
    login(client, "auditee", "wrong-password-zz")
    login(client, "auditee", "audited-password-1")
    records = client.blocking_portal.call(_records)
    actions = [r["action"] for r in records]
    assert actions == ["auth.local_account_created", "auth.sign_in_failed", "auth.sign_in"]
    assert records[2]["actor_name"] == "auditee" and records[2]["actor_id"] is not None
    assert all("wrong-password-zz" not in str(r) and "audited-password-1" not in str(r) for r in records)


def test_audit_verify_reports_the_first_edited_row():
    from app.audit import service

    async def fill():
        for i in range(5):
            await service.record("test.event", actor_name="Тест", object_type="thing", object_id=i,
                                 before={"n": i}, after={"n": i + 1})

    run_async(fill)
    ok = audit_verify()
    assert ok.returncode == 0, ok.stderr
    assert "цел" in ok.stdout

    async def tamper():
        from app.audit.tables import AuditRecord

        rows = await _records()
        await AuditRecord.raw("UPDATE audit_record SET after = {} WHERE id = {}", '{"n": 100}', rows[2]["id"])
        return rows[2]["id"]

    edited_id = run_async(tamper)
    broken = audit_verify()
    assert broken.returncode == 1
    assert f"№{edited_id}" in broken.stderr and "изменено" in broken.stderr


def test_deleting_a_row_is_reported():
    from app.audit import service

    async def fill_and_delete():
        from app.audit.tables import AuditRecord

        for i in range(3):
            await service.record("test.event", object_id=i)
        rows = await _records()
        await AuditRecord.delete().where(AuditRecord.id == rows[1]["id"])
        return rows[2]["id"]

    next_id = run_async(fill_and_delete)
    result = audit_verify()
    assert result.returncode == 1 and f"№{next_id}" in result.stderr


def test_concurrent_appends_keep_one_chain():
    """Many writers at once (separate connections on PostgreSQL): every record links to the one before."""
    from app import db
    from app.audit import service
    from app.audit.chain import verify

    async def hammer():
        engine = db.engine()
        if isinstance(engine, PostgresEngine):
            await engine.start_connection_pool(min_size=4, max_size=8)
        try:
            await asyncio.gather(*(service.record("test.concurrent", object_id=i) for i in range(40)))
            return await _records()
        finally:
            if isinstance(engine, PostgresEngine):
                await engine.close_connection_pool()

    records = run_async(hammer)
    assert len(records) == 40
    assert len({r["prev_hash"] for r in records}) == 40
    assert verify(records) is None
