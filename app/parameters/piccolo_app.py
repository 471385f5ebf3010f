from piccolo.conf.apps import AppConfig

from app.parameters.tables import Parameter
from app.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="parameters",
    migrations_folder_path=PROJECT_ROOT / "migrations" / "parameters",
    table_classes=[Parameter],
    migration_dependencies=["app.people.piccolo_app"],
    commands=[],
)
