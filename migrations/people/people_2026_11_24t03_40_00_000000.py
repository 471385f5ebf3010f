"""Data migration: fill the search column of employees created before it existed."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-24T03:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "fill employee.search_name for existing rows"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="people", description=DESCRIPTION)

    async def fill_search_names():
        from app.people.service import ensure_search_names

        await ensure_search_names()

    manager.add_raw(fill_search_names)
    return manager
