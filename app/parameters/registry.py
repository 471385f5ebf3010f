"""The registry of domain parameters and the rule that turns typed text into a value — pure.

Each domain package calls ``define(...)`` at import with the default from DOMAIN.md; the database keeps
only the values an administrator changed (as text). ``parse`` is the one validation of a typed value,
with Russian messages, used by the edit form and by anyone reading a stored value back.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("int", "bool", "text", "choice")
_KIND_ALIASES = {int: "int", bool: "bool", str: "text"}
TRUE_WORDS = {"true", "1", "да", "on", "yes"}
FALSE_WORDS = {"false", "0", "нет", "off", "no", ""}
MAX_TEXT = 1000
Value = int | bool | str


class ParameterInvalid(ValueError):
    """A typed value the parameter does not accept; ``str(exc)`` is the Russian message for the form."""


@dataclass(frozen=True)
class Definition:
    key: str
    label: str
    kind: str
    default: Value
    min: int | None = None
    max: int | None = None
    unit: tuple[str, str, str] | None = None
    """Russian forms for 1, 2 and 5 (``("час", "часа", "часов")``)."""
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    """``(value, Russian label)`` pairs for ``kind="choice"``."""
    coordinator_editable: bool = False
    section: str = ""


REGISTRY: dict[str, Definition] = {}


def define(
    key: str,
    label: str,
    kind: str | type = "int",
    default: Value = 0,
    *,
    min: int | None = None,
    max: int | None = None,
    unit: tuple[str, str, str] | None = None,
    help: str = "",
    choices: tuple[tuple[str, str], ...] = (),
    coordinator_editable: bool = False,
    section: str = "",
) -> Definition:
    """Register a parameter; defining the same key twice with different content is a programming error."""
    kind = _KIND_ALIASES.get(kind, kind)  # type: ignore[arg-type]
    if kind not in KINDS:
        raise ValueError(f"{key}: unknown kind {kind!r}")
    definition = Definition(
        key, label, kind, default, min, max, unit, help, tuple(choices), coordinator_editable, section
    )
    parse(definition, serialise(definition, default))  # the default itself must be acceptable
    if key in REGISTRY and REGISTRY[key] != definition:
        raise ValueError(f"parameter {key!r} defined twice")
    REGISTRY[key] = definition
    return definition


def serialise(definition: Definition, value: Value) -> str:
    if definition.kind == "bool":
        return "true" if value else "false"
    return str(value)


def parse(definition: Definition, raw: str) -> Value:
    """The value of ``raw`` (as typed or as stored), or ParameterInvalid with a Russian message."""
    text = raw.strip()
    if "\x00" in text or any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
        raise ParameterInvalid("Значение содержит недопустимые символы.")
    if definition.kind == "int":
        if not text:
            raise ParameterInvalid("Введите целое число.")
        if len(text) > 12 or not text.lstrip("-").isdigit() or not text.lstrip("-").isascii():
            raise ParameterInvalid("Введите целое число цифрами, без пробелов и дробной части.")
        value = int(text)
        if definition.min is not None and value < definition.min:
            raise ParameterInvalid(f"Значение не может быть меньше {definition.min}.")
        if definition.max is not None and value > definition.max:
            raise ParameterInvalid(f"Значение не может быть больше {definition.max}.")
        return value
    if definition.kind == "bool":
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
        raise ParameterInvalid("Выберите «да» или «нет».")
    if definition.kind == "choice":
        allowed = {value for value, _label in definition.choices}
        if text not in allowed:
            raise ParameterInvalid("Выберите одно из предложенных значений.")
        return text
    if len(text) > MAX_TEXT:
        raise ParameterInvalid(f"Значение длиннее {MAX_TEXT} символов.")
    return text


def display(definition: Definition, value: Value) -> str:
    """The value as a Russian reader sees it: "24 часа", "да", the choice's label."""
    from app.web.formatting import count  # formatting is pure too; imported late to keep this module light

    if definition.kind == "bool":
        return "да" if value else "нет"
    if definition.kind == "choice":
        return dict(definition.choices).get(str(value), str(value))
    if definition.kind == "int" and definition.unit:
        return count(int(value), *definition.unit)
    return str(value)
