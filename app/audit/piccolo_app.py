from piccolo.conf.apps import AppConfig

from app.audit.tables import AuditHead, AuditRecord
from app.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="audit",
    migrations_folder_path=PROJECT_ROOT / "migrations" / "audit",
    table_classes=[AuditRecord, AuditHead],
    migration_dependencies=[],
    commands=[],
)
