"""The hash-chain rule alone: a whole chain verifies; an edit, deletion or insertion is located."""

from __future__ import annotations

import datetime as dt

from app.audit.chain import GENESIS, record_hash, verify


def make_chain(n: int) -> list[dict]:
    records, prev = [], GENESIS
    for i in range(1, n + 1):
        row = {"id": i, "created_at": dt.datetime(2026, 1, 1, 12, 0, i, tzinfo=dt.UTC), "actor_id": i,
               "actor_name": "Иванов", "action": "test", "object_type": "x", "object_id": str(i),
               "summary": "", "before": "", "after": "{\"a\": 1}", "client_address": "127.0.0.1",
               "on_behalf_of_id": None, "on_behalf_of_name": ""}
        row["prev_hash"], row["hash"] = prev, record_hash(prev, row)
        prev = row["hash"]
        records.append(row)
    return records


def test_whole_chain_verifies():
    chain = make_chain(5)
    assert verify(chain, chain[-1]["hash"]) is None
    assert verify([], None) is None


def test_edited_content_is_reported_at_that_record():
    chain = make_chain(5)
    chain[2]["after"] = "{\"a\": 2}"
    broken = verify(chain)
    assert broken is not None and broken.record_id == 3 and "изменено" in broken.reason


def test_deleted_record_breaks_the_next_link():
    chain = make_chain(5)
    del chain[1]
    broken = verify(chain)
    assert broken is not None and broken.record_id == 3


def test_deleting_the_newest_records_is_caught_by_the_head():
    chain = make_chain(5)
    head = chain[-1]["hash"]
    broken = verify(chain[:3], head)
    assert broken is not None and "последние" in broken.reason


def test_naive_and_aware_timestamps_hash_alike():
    row = make_chain(1)[0]
    naive = dict(row, created_at=row["created_at"].replace(tzinfo=None))
    assert record_hash(GENESIS, naive) == record_hash(GENESIS, row)
