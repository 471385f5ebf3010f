"""The Jinja template engine, its filters, and the one way to answer with a page or an htmx fragment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import Request
from litestar.plugins.htmx import HTMXRequest
from litestar.plugins.jinja import JinjaTemplateEngine as Engine
from litestar.response import Template
from litestar.template import TemplateConfig

from app.settings import PROJECT_ROOT
from app.web import formatting
from app.web.assets import static_url
from app.web.navigation import navigation_for, shortcuts_for

TEMPLATES_DIR = PROJECT_ROOT / "templates"


def _configure(engine: Engine) -> None:
    env = engine.engine
    env.filters["date"] = formatting.format_date
    env.filters["datetime"] = formatting.format_datetime
    env.globals["plural"] = formatting.plural
    env.globals["count"] = formatting.count
    env.globals["static_url"] = static_url
    env.globals["navigation_for"] = navigation_for
    env.globals["shortcuts_for"] = shortcuts_for
    env.trim_blocks = True
    env.lstrip_blocks = True


def template_config() -> TemplateConfig[Engine]:
    return TemplateConfig(directory=TEMPLATES_DIR, engine=Engine, engine_callback=_configure)


def is_fragment_request(request: Request) -> bool:
    """An htmx request that swaps part of a page (a boosted navigation wants the whole page)."""
    htmx = request.htmx if isinstance(request, HTMXRequest) else None
    return bool(htmx) and not htmx.boosted


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    fragment: str | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Template:
    """The page ``template``, or ``fragment`` when htmx asks for a part of the page."""
    name = fragment if fragment and is_fragment_request(request) else template
    ctx = {"user": request.scope.get("user"), **(context or {})}
    return Template(template_name=name, context=ctx, status_code=status_code, headers=dict(headers or {}))
