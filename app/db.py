"""The Piccolo engine for a database URL, and the migration state of the database.

Piccolo's engine is global (chosen by ``app.piccolo_conf``), so one process talks to one database;
the test suite runs once per engine in separate processes.
"""

from __future__ import annotations

from urllib.parse import urlparse

from piccolo.apps.migrations.commands.check import CheckMigrationManager
from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.engine.base import Engine
from piccolo.engine.finder import engine_finder
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from app.settings import Settings

SQLITE_BUSY_TIMEOUT_SECONDS = 30


class DatabaseNotMigrated(RuntimeError):
    """The schema is behind the code: run ``trajectory migrate``."""


def engine_for(settings: Settings) -> Engine:
    if settings.is_sqlite:
        path = settings.sqlite_path
        path.parent.mkdir(parents=True, exist_ok=True)
        return SQLiteEngine(path=str(path), timeout=SQLITE_BUSY_TIMEOUT_SECONDS)
    url = urlparse(settings.database_url)
    dsn = url._replace(scheme="postgresql").geturl()
    return PostgresEngine(config={"dsn": dsn})


def engine() -> Engine:
    found = engine_finder()
    if found is None:  # pragma: no cover - app.piccolo_conf always defines DB
        raise RuntimeError("Piccolo engine not configured")
    return found


def is_postgres() -> bool:
    return isinstance(engine(), PostgresEngine)


async def migrate() -> None:
    """Apply every pending migration; running it again changes nothing."""
    if not is_postgres():
        # WAL lets readers go on while one writer writes; the setting is stored in the file.
        await engine().run_ddl("PRAGMA journal_mode=WAL")
    result = await run_forwards("all")
    if not result.success:
        raise RuntimeError(f"Миграция не выполнена: {result.message}")


async def pending_migrations() -> int:
    """How many migrations have not run yet, over every app."""
    return await CheckMigrationManager(app_name="all").havent_ran_count()


async def ensure_migrated() -> None:
    try:
        pending = await pending_migrations()
    except Exception as exc:  # the migration table itself is missing or the database is unreachable
        raise DatabaseNotMigrated(
            f"База данных не готова ({type(exc).__name__}: {exc}). Выполните: trajectory migrate"
        ) from exc
    if pending:
        raise DatabaseNotMigrated(
            f"В базе данных не применено миграций: {pending}. Выполните: trajectory migrate"
        )


def write_transaction():
    """The one way to open a transaction that writes.

    SQLite: ``BEGIN IMMEDIATE`` takes the write lock up front, so two writers queue instead of failing
    halfway; PostgreSQL: an ordinary transaction (row locks are taken where needed, e.g. the audit head).
    Nested calls join the outer transaction.
    """
    current = engine()
    if isinstance(current, SQLiteEngine):
        from piccolo.engine.sqlite import TransactionType

        return current.transaction(transaction_type=TransactionType.immediate)
    return current.transaction()


class StaleVersion(Exception):
    """Someone else saved the record since it was loaded (optimistic locking); the web layer answers 409."""


async def update_versioned(table, row_id: int, expected_version: int, values: dict) -> int:
    """``UPDATE ... SET ..., version = version + 1 WHERE id = ? AND version = ?``; raise StaleVersion if no row.

    ``table`` must have an integer ``version`` column. Returns the new version.
    """
    changes = {**values, table.version: table.version + 1}
    updated = await table.update(changes).where((table.id == row_id) & (table.version == expected_version)).returning(
        table.version
    )
    if not updated:
        raise StaleVersion(f"{table._meta.tablename} {row_id}: ожидалась версия {expected_version}")
    return updated[0]["version"]
