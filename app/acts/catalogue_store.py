"""The stage catalogue in the database: numbered versions, the highest one is current.

Why versions and not an editable table: a plan records which catalogue it was computed with
(``Act.plan_catalogue``), and a coordinator's change must be visible as a whole (before -> after) in the
audit trail. Until somebody saves a version, the defaults of DOMAIN.md (``default_catalogue()``) apply —
they are version 0. A save is checked with ``catalogue_problems`` and refused with Russian messages; a save
based on a version that is no longer current is refused too (two coordinators at once).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping

from piccolo.query.functions.aggregate import Max

from app import db
from app.acts.catalogue import Catalogue, StageSpec, catalogue_problems, default_catalogue
from app.acts.stages import ActKind, DayUnit, RiaDegree, Stage
from app.acts.tables import StageCatalogueVersion
from app.audit import service as audit
from app.auth.roles import CurrentUser

MAX_DAYS = 730
MAX_NOTE = 500


class CatalogueRefused(ValueError):
    """A catalogue that cannot be saved; ``problems`` are Russian messages (field name -> message)."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = dict(problems)


def encode(catalogue: Catalogue) -> str:
    rows = []
    for stage in Stage:
        spec = catalogue[stage]
        row = dataclasses.asdict(spec)
        row["code"], row["unit"] = spec.code.value, spec.unit.value
        row["by_ria_degree"] = {k.value: v for k, v in spec.by_ria_degree.items()}
        row["by_kind"] = {k.value: v for k, v in spec.by_kind.items()}
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, sort_keys=True)


def decode(content: str) -> dict[Stage, StageSpec]:
    """A stored version; stages missing from an old version keep their defaults (a new stage in code)."""
    catalogue = default_catalogue()
    for row in json.loads(content):
        try:
            stage = Stage(row["code"])
        except (KeyError, ValueError):
            continue  # a stage removed from the code since: nothing plans with it any more
        catalogue[stage] = StageSpec(
            code=stage, label=row.get("label", stage.label), actor=row.get("actor", ""),
            duration=int(row["duration"]), unit=DayUnit(row["unit"]), basis=row.get("basis", ""),
            external=bool(row.get("external")), setting=bool(row.get("setting", True)),
            minimum=bool(row.get("minimum")), extension=int(row.get("extension", 0)),
            by_ria_degree={RiaDegree(k): int(v) for k, v in row.get("by_ria_degree", {}).items()},
            by_kind={ActKind(k): int(v) for k, v in row.get("by_kind", {}).items()},
            loop_rate=float(row.get("loop_rate", 0.0)), note=row.get("note", ""),
        )
    return catalogue


async def current() -> tuple[int, dict[Stage, StageSpec]]:
    """(number, catalogue) of the current version; (0, defaults) while none is stored."""
    row = await StageCatalogueVersion.select(StageCatalogueVersion.number, StageCatalogueVersion.content).order_by(
        StageCatalogueVersion.number, ascending=False
    ).first()
    if row is None:
        return 0, default_catalogue()
    return row["number"], decode(row["content"])


async def current_catalogue() -> dict[Stage, StageSpec]:
    return (await current())[1]


async def versions() -> list[dict]:
    """The stored versions, newest first, with who saved them."""
    return await StageCatalogueVersion.select(
        StageCatalogueVersion.number, StageCatalogueVersion.note, StageCatalogueVersion.created_at,
        StageCatalogueVersion.created_by.full_name.as_alias("created_by_name"),
    ).order_by(StageCatalogueVersion.number, ascending=False)


def _summary(spec: StageSpec) -> dict:
    return {"duration": spec.duration, "unit": spec.unit.value}


def edit_from_form(catalogue: Catalogue, values: Mapping[str, str]) -> tuple[dict[Stage, StageSpec], dict[str, str]]:
    """The catalogue with the durations and units typed into the form, and the field errors (Russian).

    Stages whose term a law fixes (``setting=False``) are not editable here: the form does not offer them
    and any submitted value for them is ignored.
    """
    edited, errors = dict(catalogue), {}
    for stage in Stage:
        spec = catalogue[stage]
        if not spec.setting:
            continue
        raw = values.get(f"duration_{stage.value}", str(spec.duration)).strip()
        unit_raw = values.get(f"unit_{stage.value}", spec.unit.value).strip()
        duration = spec.duration
        if not raw.isascii() or not raw.isdigit():
            errors[f"duration_{stage.value}"] = f"Срок этапа «{spec.label}»: целое число дней от 0 до {MAX_DAYS}."
        elif not 0 <= int(raw) <= MAX_DAYS:
            errors[f"duration_{stage.value}"] = f"Срок этапа «{spec.label}»: от 0 до {MAX_DAYS} дней."
        else:
            duration = int(raw)
        try:
            unit = DayUnit(unit_raw)
        except ValueError:
            errors[f"unit_{stage.value}"] = f"Этап «{spec.label}»: выберите рабочие или календарные дни."
            unit = spec.unit
        edited[stage] = dataclasses.replace(spec, duration=duration, unit=unit)
    return edited, errors


async def save(catalogue: Catalogue, note: str, based_on: int, user: CurrentUser, address: str = "") -> int:
    """Store ``catalogue`` as the next version (audited before -> after) and return its number.

    ``based_on`` is the version the coordinator edited; if another version was saved meanwhile, refuse.
    """
    problems = {f"problem_{i}": p for i, p in enumerate(catalogue_problems(catalogue))}
    if len(note) > MAX_NOTE or "\x00" in note:
        problems["note"] = f"Комментарий — не длиннее {MAX_NOTE} символов, без служебных символов."
    if problems:
        raise CatalogueRefused(problems)
    async with db.write_transaction():
        number, before = await current()
        if number != based_on:
            raise CatalogueRefused({"version": "Каталог уже изменил другой пользователь: обновите страницу "
                                               "и внесите изменения заново."})
        changed = {s.value: (_summary(before[s]), _summary(catalogue[s])) for s in Stage
                   if _summary(before[s]) != _summary(catalogue[s])}
        if not changed:
            raise CatalogueRefused({"version": "Изменений нет: сроки и единицы совпадают с текущей версией."})
        top = await StageCatalogueVersion.select(Max(StageCatalogueVersion.number).as_alias("top")).first()
        new_number = ((top or {}).get("top") or 0) + 1
        await StageCatalogueVersion.insert(StageCatalogueVersion(
            number=new_number, content=encode(catalogue), note=note, created_by=user.id))
        await audit.record(
            "acts.catalogue_saved", actor_id=user.id, actor_name=user.full_name, object_type="stage_catalogue",
            object_id=new_number, summary=f"Каталог этапов: версия {new_number}" + (f" ({note})" if note else ""),
            before={"version": number, **{k: v[0] for k, v in changed.items()}},
            after={"version": new_number, **{k: v[1] for k, v in changed.items()}},
            client_address=address,
        )
    return new_number
