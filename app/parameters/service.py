"""Reading and changing domain parameters.

``get`` returns the stored value or the default; a stored value that no longer fits the definition
(a bound tightened in code) falls back to the default rather than breaking every page that reads it.
``update`` validates, locks optimistically on ``version`` (0 = "never stored", the first save inserts)
and writes the audit record (before -> after) in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import db
from app.audit import service as audit
from app.auth.roles import CurrentUser
from app.parameters import catalogue  # noqa: F401  (registers the platform parameters)
from app.parameters.registry import REGISTRY, Definition, ParameterInvalid, Value, parse, serialise
from app.parameters.tables import Parameter


@dataclass(frozen=True)
class Current:
    definition: Definition
    value: Value
    version: int
    """0 while the default is in force (no row)."""
    updated_at: object = None
    updated_by_name: str = ""

    @property
    def is_default(self) -> bool:
        return self.version == 0


def may_edit(user: CurrentUser, definition: Definition) -> bool:
    return user.has_role("admin") or (definition.coordinator_editable and user.has_role("coordinator"))


def _value(definition: Definition, stored: str | None) -> Value:
    if stored is None:
        return definition.default
    try:
        return parse(definition, stored)
    except ParameterInvalid:
        return definition.default


async def get(key: str) -> Value:
    """The value in force; ``KeyError`` for a key nobody defined (a programming error)."""
    definition = REGISTRY[key]
    row = await Parameter.select(Parameter.value).where(Parameter.key == key).first()
    return _value(definition, row["value"] if row else None)


async def current(key: str) -> Current | None:
    definition = REGISTRY.get(key)
    if definition is None:
        return None
    row = (
        await Parameter.select(
            Parameter.all_columns(), Parameter.updated_by.full_name.as_alias("updated_by_name")
        )
        .where(Parameter.key == key)
        .first()
    )
    if row is None:
        return Current(definition, definition.default, 0)
    return Current(
        definition,
        _value(definition, row["value"]),
        row["version"],
        row["updated_at"],
        row["updated_by_name"] or "",
    )


async def all_current() -> list[Current]:
    rows = {
        row["key"]: row
        for row in await Parameter.select(
            Parameter.all_columns(), Parameter.updated_by.full_name.as_alias("updated_by_name")
        )
    }
    result = []
    for key, definition in REGISTRY.items():
        row = rows.get(key)
        if row is None:
            result.append(Current(definition, definition.default, 0))
        else:
            result.append(
                Current(
                    definition,
                    _value(definition, row["value"]),
                    row["version"],
                    row["updated_at"],
                    row["updated_by_name"] or "",
                )
            )
    return sorted(result, key=lambda c: (c.definition.section, c.definition.label))


async def update(key: str, raw: str, expected_version: int, user: CurrentUser, address: str) -> Value:
    """Store a new value; raises ParameterInvalid (422) or db.StaleVersion (409)."""
    import datetime as dt

    definition = REGISTRY[key]
    value = parse(definition, raw)
    text = serialise(definition, value)
    now = dt.datetime.now(dt.UTC)
    async with db.write_transaction():
        row = await Parameter.select(Parameter.id, Parameter.value).where(Parameter.key == key).first()
        before = _value(definition, row["value"] if row else None)
        if expected_version == 0:
            inserted = (
                await Parameter.insert(
                    Parameter(key=key, value=text, version=1, updated_at=now, updated_by=user.id)
                )
                .on_conflict(action="DO NOTHING")
                .returning(Parameter.id)
            )
            if not inserted:
                raise db.StaleVersion(f"parameter {key}: already stored")
        elif row is None:
            raise db.StaleVersion(f"parameter {key}: row gone")
        else:
            await db.update_versioned(
                Parameter,
                row["id"],
                expected_version,
                {Parameter.value: text, Parameter.updated_at: now, Parameter.updated_by: user.id},
            )
        await audit.record(
            "parameters.changed",
            actor_id=user.id,
            actor_name=user.full_name,
            object_type="parameter",
            object_id=key,
            summary=f"{definition.label}: {serialise(definition, before)} → {text}",
            before={"value": serialise(definition, before)},
            after={"value": text},
            client_address=address,
        )
    return value
