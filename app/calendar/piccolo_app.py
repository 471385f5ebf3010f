from piccolo.conf.apps import AppConfig

from app.calendar.tables import CalendarCorrection
from app.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="calendar",
    migrations_folder_path=PROJECT_ROOT / "migrations" / "calendar",
    table_classes=[CalendarCorrection],
    migration_dependencies=["app.people.piccolo_app"],
    commands=[],
)
