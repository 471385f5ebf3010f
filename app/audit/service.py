"""Appending to and checking the audit trail.

Appends are serialised: the head row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the
immediate write transaction already holds the database's write lock), so two writers never fork the
chain. Call ``record`` inside the transaction of the change it describes: both land or neither does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from app import db
from app.audit.chain import GENESIS, Break, record_hash, verify
from app.audit.tables import AuditHead, AuditRecord

VERIFY_BATCH = 2000


def _json(value: Mapping[str, Any] | None) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


async def _locked_head() -> dict:
    """The head row, created on first use, locked until the surrounding transaction ends."""
    await AuditHead.raw(
        "INSERT INTO audit_head (id, last_hash, last_id) VALUES (1, {}, 0) ON CONFLICT (id) DO NOTHING", GENESIS
    )
    lock = " FOR UPDATE" if db.is_postgres() else ""
    rows = await AuditHead.raw(f"SELECT id, last_hash, last_id FROM audit_head WHERE id = 1{lock}")
    return rows[0]


async def record(
    action: str,
    *,
    actor_id: int | None = None,
    actor_name: str = "",
    on_behalf_of_id: int | None = None,
    on_behalf_of_name: str = "",
    object_type: str = "",
    object_id: str | int | None = None,
    summary: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    client_address: str = "",
) -> str:
    """Append one record and return its hash."""
    async with db.write_transaction():
        head = await _locked_head()
        row = {
            "created_at": dt.datetime.now(dt.UTC),
            "actor_id": actor_id,
            "actor_name": actor_name[:300],
            "on_behalf_of_id": on_behalf_of_id,
            "on_behalf_of_name": on_behalf_of_name[:300],
            "action": action[:100],
            "object_type": object_type[:100],
            "object_id": "" if object_id is None else str(object_id)[:100],
            "summary": summary,
            "before": _json(before),
            "after": _json(after),
            "client_address": client_address[:64],
        }
        # Round-trip the timestamp to what the database keeps (microseconds), so verify sees the same value.
        row["created_at"] = row["created_at"].replace(microsecond=row["created_at"].microsecond)
        digest = record_hash(head["last_hash"], row)
        created = await AuditRecord.insert(AuditRecord(**row, prev_hash=head["last_hash"], hash=digest)).returning(
            AuditRecord.id
        )
        await AuditHead.update({AuditHead.last_hash: digest, AuditHead.last_id: created[0]["id"]}).where(
            AuditHead.id == 1
        )
    return digest


async def verify_chain() -> Break | None:
    """Walk the whole trail in id order; the first broken link, or None."""
    head = await AuditHead.select().where(AuditHead.id == 1).first()

    async def rows():
        last_id = 0
        while True:
            batch = (
                await AuditRecord.select()
                .where(AuditRecord.id > last_id)
                .order_by(AuditRecord.id)
                .limit(VERIFY_BATCH)
            )
            if not batch:
                return
            for row in batch:
                yield row
            last_id = batch[-1]["id"]

    collected = [row async for row in rows()]
    return verify(collected, head["last_hash"] if head else None)
