"""Checking the act registration and edit form (also used by the API, so there is one set of rules).

Input is a ``{name: text}`` mapping as ``app.web.forms.read_form`` gives it; approving departments come
as ``approver_<id>`` checkboxes or an ``approvers`` list of ids. Every refusal is a Russian message on
its field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.acts.stages import ActKind, RiaDegree
from app.people.deputies import parse_date
from app.web.forms import FormErrors

TRUE = {"on", "true", "1", "yes", "да"}
MAX_ID = 2_147_483_647


def parse_id(raw: str) -> int | None:
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) < 11 and 0 < int(raw) <= MAX_ID:
        return int(raw)
    return None


def flag(values: dict[str, str], name: str) -> bool:
    return values.get(name, "").strip().lower() in TRUE


@dataclass(frozen=True)
class ActInput:
    title: str
    kind: ActKind
    department_id: int
    executor_id: int | None
    target_date: dt.date | None
    basis: str
    needs_notice: bool
    needs_ria: bool
    ria_degree: RiaDegree | None
    needs_interagency: bool
    mandatory_requirements: bool
    restricted: bool
    approvers: tuple[int, ...]
    justice_number: str = ""
    justice_date: dt.date | None = None


def _approvers(values: dict[str, str], errors: FormErrors, known: set[int]) -> tuple[int, ...]:
    raw = [k.removeprefix("approver_") for k, v in values.items() if k.startswith("approver_") and v]
    raw += [p for p in values.get("approvers", "").replace(";", ",").split(",") if p.strip()]
    ids: list[int] = []
    for item in raw[:50]:
        parsed = parse_id(item)
        if parsed is None or parsed not in known:
            errors["approvers"] = "Выберите согласующие департаменты из списка."
            return ()
        if parsed not in ids:
            ids.append(parsed)
    return tuple(sorted(ids))


def _date(values: dict[str, str], errors: FormErrors, name: str, label: str) -> dt.date | None:
    raw = errors.text(values, name, label, required=False, max_length=20)
    if not raw:
        return None
    parsed = parse_date(raw)
    if parsed is None or not 2000 <= parsed.year <= 2100:
        errors[name] = f"«{label}» — дата в формате дд.мм.гггг."
        return None
    return parsed


def read_act(values: dict[str, str], departments: set[int], employees: set[int]) -> tuple[ActInput | None, FormErrors]:
    """The act fields, checked; ``departments``/``employees`` are the ids that may be chosen."""
    errors = FormErrors()
    title = errors.text(values, "title", "Название", max_length=500)
    raw_kind = errors.text(values, "kind", "Вид акта", max_length=40)
    kind = ActKind(raw_kind) if raw_kind in {k.value for k in ActKind} else None
    if raw_kind and kind is None:
        errors["kind"] = "Выберите вид акта из списка."
    raw_department = errors.text(values, "department", "Ответственный департамент", max_length=20)
    department = parse_id(raw_department) if raw_department else None
    if raw_department and department not in departments:
        errors["department"] = "Выберите ответственный департамент из списка."
    raw_executor = errors.text(values, "executor", "Исполнитель", required=False, max_length=20)
    executor = parse_id(raw_executor) if raw_executor else None
    if raw_executor and executor not in employees:
        errors["executor"] = "Выберите исполнителя из списка работающих сотрудников."
    target = _date(values, errors, "target_date", "Целевой срок")
    basis = errors.text(values, "basis", "Основание", required=False, max_length=2000)
    needs_ria = flag(values, "needs_ria")
    raw_degree = errors.text(values, "ria_degree", "Степень регулирующего воздействия", required=False, max_length=10)
    degree = RiaDegree(raw_degree) if raw_degree in {d.value for d in RiaDegree} else None
    if raw_degree and degree is None:
        errors["ria_degree"] = "Выберите степень регулирующего воздействия из списка."
    if needs_ria and degree is None and "ria_degree" not in errors:
        errors["ria_degree"] = "Для ОРВ укажите степень регулирующего воздействия."
    approvers = _approvers(values, errors, departments)
    justice_number = errors.text(values, "justice_number", "Регистрационный номер Минюста", required=False,
                                 max_length=50)
    justice_date = _date(values, errors, "justice_date", "Дата регистрации в Минюсте")
    if errors or kind is None or department is None:
        return None, errors
    return ActInput(title, kind, department, executor, target, basis, flag(values, "needs_notice"), needs_ria,
                    degree if needs_ria else None, flag(values, "needs_interagency"),
                    flag(values, "mandatory_requirements"), flag(values, "restricted"), approvers,
                    justice_number, justice_date), errors
