"""The pure hash-chain rule: how a record's hash is computed and where a chain breaks.

No database here: ``verify`` takes records as dicts in id order, so the rule is unit tested alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "created_at", "actor_id", "actor_name", "on_behalf_of_id", "on_behalf_of_name", "action",
    "object_type", "object_id", "summary", "before", "after", "client_address",
)


def _canonical_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def record_hash(prev_hash: str, record: Mapping[str, Any]) -> str:
    content = {name: _canonical_value(record.get(name)) for name in HASHED_FIELDS}
    payload = prev_hash + json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    record_id: int
    reason: str


def verify(records: Iterable[Mapping[str, Any]], head_hash: str | None = None) -> Break | None:
    """The first record whose link or content does not match, or None when the chain is whole.

    ``head_hash`` (the head row's value) also catches deletion of the newest records.
    """
    expected_prev = GENESIS
    last_id = 0
    for record in records:
        if record["prev_hash"] != expected_prev:
            return Break(record["id"], "ссылка на предыдущую запись не совпадает (запись удалена или вставлена)")
        if record_hash(record["prev_hash"], record) != record["hash"]:
            return Break(record["id"], "содержимое записи изменено")
        expected_prev = record["hash"]
        last_id = record["id"]
    if head_hash is not None and head_hash != expected_prev:
        return Break(last_id, "последние записи журнала удалены")
    return None
