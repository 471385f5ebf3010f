from piccolo.conf.apps import AppConfig

from app.acts.tables import (
    Act,
    ActApproval,
    ActApprover,
    ActConsultation,
    ActDisagreement,
    ActFollower,
    ActRemark,
    ActStageRun,
    ActTextVersion,
    StageCatalogueVersion,
)
from app.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="acts",
    migrations_folder_path=PROJECT_ROOT / "migrations" / "acts",
    table_classes=[Act, ActApprover, ActApproval, ActTextVersion, ActStageRun, ActRemark, ActDisagreement,
                   ActConsultation, ActFollower, StageCatalogueVersion],
    migration_dependencies=["app.people.piccolo_app"],
    commands=[],
)
