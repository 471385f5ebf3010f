from piccolo.conf.apps import AppConfig

from app.notifications.tables import Notification, NotificationOptOut, ReminderDelivery
from app.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="notifications",
    migrations_folder_path=PROJECT_ROOT / "migrations" / "notifications",
    table_classes=[Notification, NotificationOptOut, ReminderDelivery],
    migration_dependencies=["app.people.piccolo_app"],
    commands=[],
)
