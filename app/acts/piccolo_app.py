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
    CalendarFeedToken,
    StageCatalogueVersion,
)
from app.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="acts",
    migrations_folder_path=PROJECT_ROOT / "migrations" / "acts",
    table_classes=[Act, ActApprover, ActApproval, ActTextVersion, ActStageRun, ActRemark, ActDisagreement,
                   ActConsultation, ActFollower, StageCatalogueVersion, CalendarFeedToken],
    migration_dependencies=["app.people.piccolo_app"],
    commands=[],
)
