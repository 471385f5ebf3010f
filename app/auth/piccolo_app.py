from piccolo.conf.apps import AppConfig

from app.auth.tables import LocalAccount, SignInAttempt
from app.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="auth",
    migrations_folder_path=PROJECT_ROOT / "migrations" / "auth",
    table_classes=[LocalAccount, SignInAttempt],
    migration_dependencies=["app.people.piccolo_app"],
    commands=[],
)
