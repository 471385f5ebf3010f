"""Pure sign-in rules: redirect targets, user-name and password shape, roles, password hashes."""

from __future__ import annotations

import pytest

from app.auth.directory import is_blank
from app.auth.passwords import hash_password, verify_password
from app.auth.roles import format_roles, parse_roles
from app.auth.routes import safe_next
from app.auth.service import SignInRefused, check_password_shape, clean_username


@pytest.mark.parametrize(
    ("target", "expected"),
    [("/acts/1?x=2", "/acts/1?x=2"), ("", "/"), (None, "/"), ("//evil.example", "/"), ("https://evil", "/"),
     ("/\\evil", "/"), ("javascript:alert(1)", "/"), ("/a\nb", "/")],
)
def test_safe_next(target, expected):
    assert safe_next(target) == expected


def test_user_name_is_trimmed_and_checked():
    assert clean_username("  ivanov ") == "ivanov"
    assert clean_username("иванова") == "иванова"
    for bad in ("", "   ", "x" * 151, "iva\x00nov", "a\tb"):
        with pytest.raises(SignInRefused):
            clean_username(bad)


@pytest.mark.parametrize("password", ["", " ", "\t\n", "x" * 1025, "pass\x00word"])
def test_password_shape(password):
    with pytest.raises(SignInRefused):
        check_password_shape(password)


def test_blank():
    assert is_blank(None) and is_blank("") and is_blank("  ") and not is_blank(" a ")


def test_roles_round_trip_and_always_include_employee():
    assert parse_roles("head,unknown, admin") == {"employee", "head", "admin"}
    assert format_roles({"admin", "employee", "head"}) == "employee,head,admin"
    assert parse_roles("") == {"employee"}


def test_password_hashes():
    stored = hash_password("correct horse")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "correct horse")
    assert not verify_password(stored, "wrong")
    assert not verify_password(None, "correct horse")
    assert not verify_password("not-a-hash", "x")
