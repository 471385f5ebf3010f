"""The start page: who you are, where you work, what you may do."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from app.web.templating import render


@get("/", name="home")
async def home(request: Request) -> Template:
    return render(request, "home/index.html")


@get("/health", opt={"public": True}, include_in_schema=False, cache_control=None)
async def health() -> dict[str, str]:
    return {"status": "ok"}
