from piccolo.conf.apps import AppConfig

from app.people.tables import Department, Deputy, Employee
from app.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="people",
    migrations_folder_path=PROJECT_ROOT / "migrations" / "people",
    table_classes=[Department, Employee, Deputy],
    migration_dependencies=[],
    commands=[],
)
