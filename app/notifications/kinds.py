"""The registry of message kinds: a stable code, and the Russian label people see in the inbox and
on the opt-out page. Pure: no framework, no database.

Each feature registers its kinds at import time (``register_kind("acts.deadline", "Сроки по
проектам НПА")``), in its ``reminders.py`` module so that ``discover()`` finds them (see sources.py).
Registering the same code again with the same label is harmless; a different label is a programming
error and fails loudly, because two features would then share one opt-out switch by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
MAX_CODE = 100


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    description: str = ""


_KINDS: dict[str, Kind] = {}


def register_kind(code: str, label: str, description: str = "") -> Kind:
    if not CODE_RE.match(code) or len(code) > MAX_CODE:
        raise ValueError(f"код вида уведомлений «{code}»: латиница, цифры и точки, например acts.deadline")
    if not label.strip():
        raise ValueError(f"вид уведомлений «{code}»: нужно название")
    kind = Kind(code, label.strip(), description.strip())
    existing = _KINDS.get(code)
    if existing is not None and existing.label != kind.label:
        raise ValueError(f"вид уведомлений «{code}» уже зарегистрирован как «{existing.label}»")
    _KINDS.setdefault(code, kind)
    return _KINDS[code]


def get_kind(code: str) -> Kind | None:
    return _KINDS.get(code)


def is_registered(code: str) -> bool:
    return code in _KINDS


def label_for(code: str) -> str:
    """The label, or a neutral one for a kind whose feature has been removed since."""
    kind = _KINDS.get(code)
    return kind.label if kind else "Прочие уведомления"


def all_kinds() -> list[Kind]:
    """Every registered kind, in alphabetical order of the label (the order of the opt-out page)."""
    return sorted(_KINDS.values(), key=lambda k: k.label.lower())


def unregister_kind(code: str) -> None:
    """For tests that register throw-away kinds."""
    _KINDS.pop(code, None)


SYSTEM = register_kind(
    "system", "Сообщения системы", "Новости портала, плановые работы, изменения в правилах работы"
)
