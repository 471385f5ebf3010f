"""The application factory: plugins, middleware, routers and lifespan in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.logging import LoggingConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.htmx import HTMXPlugin
from litestar.static_files import create_static_files_router
from litestar.stores.file import FileStore
from piccolo.engine.postgres import PostgresEngine

from app import db
from app.acts.api import ActsApiController
from app.acts.plan_routes import ActsPlanController
from app.acts.routes import ActsController, my_work_page
from app.acts.routes_actions import ActActionsController
from app.admin.pages import ADMIN_HANDLERS
from app.auth.access import signed_in_guard
from app.auth.directory import Directory
from app.auth.directory_status import DirectoryStatus
from app.auth.routes import AuthController
from app.auth.service import SignInService
from app.auth.sessions import SESSION_STORE, CurrentUserMiddleware, session_config
from app.home.routes import health, home, ready
from app.notifications.badge import UnreadCountMiddleware
from app.notifications.routes import NotificationsController
from app.people.routes import PeopleController
from app.settings import Settings
from app.web.assets import PLOTLY_VERSION, STATIC_DIR, plotly_dir
from app.web.errors import EXCEPTION_HANDLERS
from app.web.security import add_security_headers
from app.web.templating import template_config

CSRF_HEADER = "x-csrftoken"


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    directory = Directory(settings) if settings.ldap_enabled else None
    sign_in_service = SignInService(settings, directory)
    directory_status = DirectoryStatus(directory)
    sessions = session_config(settings)

    @asynccontextmanager
    async def lifespan(_app: Litestar) -> AsyncIterator[None]:
        engine = db.engine()
        if isinstance(engine, PostgresEngine):
            await engine.start_connection_pool(min_size=1, max_size=10)
        try:
            await db.ensure_migrated()
            yield
        finally:
            if isinstance(engine, PostgresEngine):
                await engine.close_connection_pool()

    return Litestar(
        route_handlers=[
            AuthController,
            *ADMIN_HANDLERS,
            ActsController,
            ActActionsController,
            ActsApiController,
            my_work_page,
            ActsPlanController,
            NotificationsController,
            PeopleController,
            home,
            health,
            ready,
            create_static_files_router(
                path="/static", directories=[STATIC_DIR], opt={"public": True}, include_in_schema=False
            ),
            create_static_files_router(
                path=f"/static/plotly-{PLOTLY_VERSION}",
                directories=[plotly_dir()],
                opt={"public": True},
                include_in_schema=False,
                name="plotly",
            ),
        ],
        dependencies={
            "settings": Provide(lambda: settings, use_cache=True, sync_to_thread=False),
            "sign_in_service": Provide(lambda: sign_in_service, use_cache=True, sync_to_thread=False),
            "directory_status": Provide(lambda: directory_status, use_cache=True, sync_to_thread=False),
        },
        guards=[signed_in_guard],
        before_send=[add_security_headers],
        middleware=[sessions.middleware, CurrentUserMiddleware(settings), UnreadCountMiddleware()],
        stores={SESSION_STORE: FileStore(settings.data_path / "sessions", create_directories=True)},
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_name="trajectory_csrf",
            header_name=CSRF_HEADER,
            cookie_secure=settings.secure_cookies,
            cookie_samesite="lax",
        ),
        plugins=[HTMXPlugin()],
        template_config=template_config(),
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=OpenAPIConfig(
            title="Траектория API",
            version="1",
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        lifespan=[lifespan],
        state=State({"session_config": sessions, "settings": settings}),
        logging_config=LoggingConfig(log_exceptions="debug", disable_stack_trace={404, 401, 403, 405}),
        debug=False,
    )
