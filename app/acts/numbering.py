"""Internal numbers of acts: «НП-2026/0007» — a prefix per kind, the year, a sequence per year and kind.

The next sequence is read inside the registering write transaction (SQLite's immediate transaction
serialises writers); on PostgreSQL two concurrent registrations may read the same maximum, and the unique
``Act.number`` column refuses the second, which the service retries.
"""

from __future__ import annotations

from piccolo.query.functions.aggregate import Max

from app.acts.stages import ActKind
from app.acts.tables import Act

PREFIXES = {
    ActKind.NORMATIVE_ORDER: "НП",
    ActKind.ORDER_WITHOUT_REGISTRATION: "ПР",
    ActKind.GOVERNMENT_RESOLUTION: "ПП",
    ActKind.FEDERAL_LAW: "ФЗ",
}


def format_number(kind: ActKind, year: int, sequence: int) -> str:
    return f"{PREFIXES[kind]}-{year}/{sequence:04d}"


async def next_sequence(kind: ActKind, year: int) -> int:
    row = await Act.select(Max(Act.sequence).as_alias("top")).where((Act.kind == kind.value) & (Act.year == year)).first()
    return ((row or {}).get("top") or 0) + 1
