"""The start page: who you are, where you work, what you may do."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.response import Template
from piccolo.querystring import QueryString

from app import db
from app.auth.directory_status import DirectoryStatus
from app.web.templating import render


@get("/", name="home")
async def home(request: Request) -> Template:
    return render(request, "home/index.html")


@get("/health", opt={"public": True}, include_in_schema=False)
async def health() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@get("/ready", opt={"public": True}, include_in_schema=False)
async def ready(directory_status: NamedDependency[DirectoryStatus]) -> Response[dict[str, str]]:
    """Readiness: 200 when the database answers; the directory's state is reported but does not fail it."""
    try:
        await db.engine().run_querystring(QueryString("SELECT 1"))
        database = "ok"
    except Exception:  # any failure to reach the database means "not ready", never a 500
        database = "unavailable"
    body = {"status": "ready" if database == "ok" else "not ready", "database": database,
            "directory": await directory_status.check()}
    return Response(body, status_code=200 if database == "ok" else 503)
