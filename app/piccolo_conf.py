"""Piccolo configuration: the engine chosen from the deployment settings, and the apps."""

from piccolo.conf.apps import AppRegistry

from app.db import engine_for
from app.settings import Settings

DB = engine_for(Settings.from_env())

APP_REGISTRY = AppRegistry(
    apps=[
        "app.people.piccolo_app",
        "app.auth.piccolo_app",
        "app.audit.piccolo_app",
        "app.calendar.piccolo_app",
        "app.parameters.piccolo_app",
        "app.notifications.piccolo_app",
        "app.acts.piccolo_app",
    ]
)
