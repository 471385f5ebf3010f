"""Domain parameter definitions and the validation of typed values (Russian messages, no surprises)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.parameters import catalogue  # noqa: F401
from app.parameters.registry import REGISTRY, Definition, ParameterInvalid, define, display, parse, serialise

HOURS = ("час", "часа", "часов")
INT = Definition("t.int", "Число", "int", 5, min=3, max=100, unit=HOURS)
BOOL = Definition("t.bool", "Флаг", "bool", True)
CHOICE = Definition("t.choice", "Выбор", "choice", "a", choices=(("a", "Первый"), ("b", "Второй")))
TEXT = Definition("t.text", "Текст", "text", "")


def test_the_domain_defaults_are_registered():
    assert REGISTRY["service.acknowledgement_hours"].default == 24
    assert REGISTRY["service.acknowledgement_hours"].coordinator_editable
    assert REGISTRY["proposals.answer_deadline_days"].default == 15
    assert REGISTRY["proposals.max_handoffs"].default == 2
    assert REGISTRY["surveys.min_group_size"].default == 5
    assert REGISTRY["surveys.min_group_size"].min == 3  # "never below 3"
    assert REGISTRY["surveys.min_comment_group_size"].default == 10


@pytest.mark.parametrize("raw, value", [("7", 7), (" 3 ", 3), ("100", 100)])
def test_integers_within_bounds(raw, value):
    assert parse(INT, raw) == value


@pytest.mark.parametrize(
    "raw, message",
    [
        ("", "Введите целое число."),
        ("2", "меньше 3"),
        ("101", "больше 100"),
        ("1.5", "без пробелов"),
        ("5 часов", "целое число"),
        ("٣", "целое число"),
        ("9" * 40, "целое число"),
        ("5\x00", "недопустимые"),
    ],
)
def test_bad_integers_have_russian_messages(raw, message):
    with pytest.raises(ParameterInvalid, match=message):
        parse(INT, raw)


def test_booleans_choices_and_text():
    assert parse(BOOL, "да") is True and parse(BOOL, "false") is False
    with pytest.raises(ParameterInvalid, match="«да» или «нет»"):
        parse(BOOL, "может быть")
    assert parse(CHOICE, "b") == "b"
    with pytest.raises(ParameterInvalid, match="предложенных"):
        parse(CHOICE, "c")
    with pytest.raises(ParameterInvalid, match="длиннее"):
        parse(TEXT, "я" * 1001)


def test_display_uses_russian_plurals():
    assert display(INT, 1) == "1 час"
    assert display(INT, 24) == "24 часа"
    assert display(INT, 5) == "5 часов"
    assert display(BOOL, False) == "нет"
    assert display(CHOICE, "b") == "Второй"


def test_a_default_outside_its_bounds_is_refused_at_definition():
    with pytest.raises(ParameterInvalid):
        define("t.broken", "Сломанный", "int", 1, min=3)
    assert "t.broken" not in REGISTRY


def test_a_key_defined_twice_differently_is_an_error():
    define("t.twice", "Дважды", "int", 1)
    define("t.twice", "Дважды", "int", 1)  # re-import is harmless
    with pytest.raises(ValueError):
        define("t.twice", "Дважды", "int", 2)
    del REGISTRY["t.twice"]


@given(st.text(max_size=30))
def test_parse_never_fails_other_than_with_a_message(raw):
    for definition in (INT, BOOL, CHOICE, TEXT):
        try:
            value = parse(definition, raw)
        except ParameterInvalid as exc:
            assert str(exc)
        else:
            assert parse(definition, serialise(definition, value)) == value
