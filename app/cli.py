"""The ``trajectory`` command: serve, demo, migrate, seed, create-user, sync-ldap, remind.

Settings are read from the environment once the command line is parsed (``demo`` turns demo mode
on first), so a bad variable is reported as a one-line message, not a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys

from app.settings import ROLES, Settings, SettingsError


def _fail(message: str, code: int = 2) -> None:
    print(f"Ошибка: {message}", file=sys.stderr)
    raise SystemExit(code)


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        _fail(str(exc))
        raise  # unreachable


async def _with_engine(coro_factory):
    """Run a database coroutine with the PostgreSQL pool open around it (no-op on SQLite)."""
    from piccolo.engine.postgres import PostgresEngine

    from app import db

    engine = db.engine()
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=4)
    try:
        return await coro_factory()
    finally:
        if isinstance(engine, PostgresEngine):
            await engine.close_connection_pool()


def cmd_migrate(_args: argparse.Namespace) -> None:
    _settings()
    from app import db

    asyncio.run(_with_engine(db.migrate))
    print("Миграции применены.")


def cmd_seed(_args: argparse.Namespace) -> None:
    settings = _settings()
    if not settings.demo:
        _fail("демонстрационные данные создаются только в демо-режиме (TRAJECTORY_DEMO=true)")
    from app.demo import seed_demo

    seeded = asyncio.run(_with_engine(seed_demo))
    print("Демонстрационные данные созданы." if seeded else "База не пуста: демонстрационные данные не добавлены.")


def _serve(settings: Settings) -> None:
    import uvicorn

    from app import db
    from app.main import create_app

    try:
        asyncio.run(_with_engine(db.ensure_migrated))
    except db.DatabaseNotMigrated as exc:
        _fail(str(exc), 1)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info",
                proxy_headers=False, server_header=False)


def cmd_serve(_args: argparse.Namespace) -> None:
    _serve(_settings())


def cmd_demo(_args: argparse.Namespace) -> None:
    os.environ["TRAJECTORY_DEMO"] = "true"
    settings = _settings()
    from app import db
    from app.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_demo

    async def prepare() -> bool:
        await db.migrate()
        return await seed_demo()

    seeded = asyncio.run(_with_engine(prepare))
    print("Демонстрационные данные созданы." if seeded else "База уже заполнена: данные сохранены с прошлого запуска.")
    print(f"\nТраектория (демо): http://{settings.host}:{settings.port}/")
    print(f"Учётные записи (пароль «{DEMO_PASSWORD}»): {', '.join(DEMO_ACCOUNTS)}\n", flush=True)
    _serve(settings)


def cmd_create_user(args: argparse.Namespace) -> None:
    _settings()
    from app.auth.service import LOCAL_USERNAME_RE, MIN_LOCAL_PASSWORD, create_local_account
    from app.auth.tables import LocalAccount

    if not LOCAL_USERNAME_RE.match(args.username):
        _fail("имя пользователя: 2–64 латинских буквы, цифры, точка, дефис или подчёркивание")
    roles = set(args.role or []) | {"employee"}
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Пароль: ")
        if password != getpass.getpass("Повторите пароль: "):
            _fail("пароли не совпадают")
    if len(password.strip()) < MIN_LOCAL_PASSWORD:
        _fail(f"пароль должен быть не короче {MIN_LOCAL_PASSWORD} символов")

    async def create() -> int:
        if await LocalAccount.exists().where(LocalAccount.username == args.username):
            _fail(f"учётная запись «{args.username}» уже существует")
        return await create_local_account(args.username, password, args.name, roles)

    asyncio.run(_with_engine(create))
    print(f"Локальная учётная запись «{args.username}» создана; роли: {', '.join(sorted(roles))}.")


def cmd_sync_ldap(_args: argparse.Namespace) -> None:
    settings = _settings()
    if not settings.ldap_enabled:
        _fail("каталог LDAP не настроен: задайте TRAJECTORY_LDAP_URL и TRAJECTORY_LDAP_USER_BASE")
    from app.auth.directory import DirectoryUnavailable
    from app.people.sync import sync_directory
    from app.people.sync_plan import EmptyDirectory, summary

    try:
        plan = asyncio.run(_with_engine(lambda: sync_directory(settings)))
    except DirectoryUnavailable as exc:
        _fail(f"каталог LDAP недоступен ({exc}); ничего не изменено", 1)
    except EmptyDirectory:
        _fail("каталог не вернул ни одного сотрудника: проверьте TRAJECTORY_LDAP_USER_BASE и "
              "TRAJECTORY_LDAP_PEOPLE_FILTER; ничего не изменено", 1)
    print(summary(plan))


def cmd_audit_verify(_args: argparse.Namespace) -> None:
    _settings()
    from app.audit.service import verify_chain

    broken = asyncio.run(_with_engine(verify_chain))
    if broken is None:
        print("Журнал аудита цел: цепочка хешей не нарушена.")
        return
    print(f"Журнал аудита нарушен: запись №{broken.record_id} — {broken.reason}.", file=sys.stderr)
    raise SystemExit(1)


def cmd_remind(_args: argparse.Namespace) -> None:
    """Run by a timer: due reminders from every source, delivered once; then the waiting e-mail."""
    settings = _settings()
    from app.notifications.delivery import run_reminders
    from app.notifications.report import summary_lines

    summary = asyncio.run(_with_engine(lambda: run_reminders(settings)))
    lines, problems = summary_lines(summary)
    print("\n".join(lines))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit(1)


def cmd_recompute_plans(_args: argparse.Namespace) -> None:
    """Nightly (statuses change with the date alone) and after bulk changes: every open act's plan cache."""
    _settings()
    from app.acts.plans import recompute_all

    changed = asyncio.run(_with_engine(recompute_all))
    print(f"Планы-графики пересчитаны; изменилось проектов: {changed}.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trajectory", description="Траектория — внутренний портал министерства")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="запустить веб-приложение").set_defaults(func=cmd_serve)
    sub.add_parser("demo", help="миграции, демо-данные (если база пуста) и запуск").set_defaults(func=cmd_demo)
    sub.add_parser("migrate", help="применить миграции базы данных").set_defaults(func=cmd_migrate)
    sub.add_parser("seed", help="заполнить пустую базу демо-данными").set_defaults(func=cmd_seed)
    sub.add_parser("audit-verify", help="проверить цепочку хешей журнала аудита").set_defaults(func=cmd_audit_verify)
    sub.add_parser("remind", help="разослать напоминания и письма (запускается по таймеру)").set_defaults(func=cmd_remind)
    sub.add_parser("recompute-plans", help="пересчитать планы-графики всех проектов НПА").set_defaults(
        func=cmd_recompute_plans)
    sub.add_parser("sync-ldap", help="обновить сотрудников и подразделения из каталога LDAP").set_defaults(
        func=cmd_sync_ldap)
    create = sub.add_parser("create-user", help="создать локальную учётную запись (аварийный администратор)")
    create.add_argument("username")
    create.add_argument("--name", required=True, help="ФИО")
    create.add_argument("--role", action="append", choices=ROLES, help="роль; можно указать несколько раз")
    create.add_argument("--password-stdin", action="store_true", help="прочитать пароль из стандартного ввода")
    create.set_defaults(func=cmd_create_user)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
