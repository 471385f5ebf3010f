"""The ``trajectory`` command as an operator runs it: migrate, serve, demo, create-user."""

from __future__ import annotations

import httpx
import pytest
from sample_directory import free_port

from tests.conftest import login, main_text
from tests.servers import start, stop, trajectory


def test_migrate_is_idempotent(fresh_database_url):
    first = trajectory("migrate", database_url=fresh_database_url)
    assert first.returncode == 0, first.stderr
    second = trajectory("migrate", database_url=fresh_database_url)
    assert second.returncode == 0, second.stderr
    assert "Миграции применены" in second.stdout
    assert "Running" not in second.stdout


def test_serve_refuses_an_unmigrated_database(fresh_database_url):
    result = trajectory("serve", database_url=fresh_database_url, TRAJECTORY_PORT=str(free_port()))
    assert result.returncode == 1
    assert "trajectory migrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_clear_line():
    result = trajectory("migrate", database_url="mysql://nope")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Ошибка: TRAJECTORY_DATABASE_URL")
    assert "Traceback" not in result.stderr


def test_demo_seeds_once_and_every_demo_account_signs_in(fresh_database_url):
    from app.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    process, base = start("demo", database_url=fresh_database_url, TRAJECTORY_SECRET_KEY="")
    try:
        for username, (full_name, *_rest) in DEMO_ACCOUNTS.items():
            with httpx.Client(base_url=base) as browser:
                response = login(browser, username, DEMO_PASSWORD)
                assert response.status_code == 302, (username, response.text[-500:])
                assert full_name in main_text(browser.get("/").text)
    finally:
        output = stop(process)
    assert "Демонстрационные данные созданы" in output
    assert "demo-admin" in output and "http://127.0.0.1:" in output

    process, base = start("demo", database_url=fresh_database_url, TRAJECTORY_SECRET_KEY="")
    output = stop(process)
    assert "База уже заполнена" in output


def test_demo_accounts_do_not_work_outside_demo_mode(fresh_database_url):
    assert trajectory("migrate", database_url=fresh_database_url).returncode == 0
    seeded = trajectory("seed", database_url=fresh_database_url, TRAJECTORY_DEMO="true")
    assert seeded.returncode == 0, seeded.stderr
    refused = trajectory("seed", database_url=fresh_database_url)
    assert refused.returncode == 2 and "демо-режиме" in refused.stderr
    process, base = start("serve", database_url=fresh_database_url)
    try:
        with httpx.Client(base_url=base) as browser:
            assert login(browser, "demo-admin", "demo").status_code == 401
    finally:
        stop(process)


def test_create_user_makes_a_break_glass_administrator(fresh_database_url):
    assert trajectory("migrate", database_url=fresh_database_url).returncode == 0
    args = ("create-user", "breakglass", "--name", "Аварийный Администратор", "--role", "admin", "--password-stdin")
    created = trajectory(*args, database_url=fresh_database_url, stdin="long-enough-password\n")
    assert created.returncode == 0, created.stderr
    again = trajectory(*args, database_url=fresh_database_url, stdin="long-enough-password\n")
    assert again.returncode == 2 and "уже существует" in again.stderr
    process, base = start("serve", database_url=fresh_database_url)
    try:
        with httpx.Client(base_url=base) as browser:
            assert login(browser, "breakglass", "long-enough-password").status_code == 302
            page = main_text(browser.get("/").text)
            assert "Аварийный Администратор" in page and "Администратор" in page
    finally:
        stop(process)


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [("x", "long-enough-password", "имя пользователя"), ("bad name!", "long-enough-password", "имя пользователя"),
     ("goodname", "short", "не короче 12")],
)
def test_create_user_validates_its_input(fresh_database_url, username, password, message):
    assert trajectory("migrate", database_url=fresh_database_url).returncode == 0
    result = trajectory("create-user", username, "--name", "Имя", "--password-stdin",
                        database_url=fresh_database_url, stdin=password + "\n")
    assert result.returncode == 2
    assert message in result.stderr
