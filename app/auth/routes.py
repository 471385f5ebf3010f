"""Sign-in and sign-out pages."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from app.auth.access import current_user
from app.auth.directory_status import DirectoryStatus
from app.auth.service import SignInRefused, SignInService
from app.auth.sessions import new_session_data, rotate_session
from app.web.client import client_address
from app.web.forms import read_form
from app.web.templating import render


def safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no //host) may be a redirect target after sign-in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(ch) < 32 for ch in target):
        return "/"
    return target


class AuthController(Controller):
    path = "/"
    opt = {"public": True}

    @get("/login", name="login")
    async def login_page(
        self, request: Request, directory_status: NamedDependency[DirectoryStatus], next: FromQuery[str] = "/"
    ) -> Template | Redirect:
        if current_user(request) is not None:
            return Redirect(safe_next(next))
        return render(request, "auth/login.html", {"next": safe_next(next), "directory": await directory_status.check()})

    @post("/login")
    async def login(
        self,
        request: Request,
        sign_in_service: NamedDependency[SignInService],
        directory_status: NamedDependency[DirectoryStatus],
    ) -> Template | Redirect:
        form = await read_form(request)
        username, target = form.get("username", ""), safe_next(form.get("next"))
        try:
            employee_id = await sign_in_service.sign_in(username, form.get("password", ""), client_address(request))
        except SignInRefused as refused:
            if refused.status_code == 503:
                directory_status.mark_down()
            context = {"next": target, "error": refused.message, "username": username[:150],
                       "directory": await directory_status.check()}
            return render(request, "auth/login.html", context, status_code=refused.status_code)
        await rotate_session(request, new_session_data(employee_id))
        return Redirect(target)

    @post("/logout")
    async def logout(self, request: Request) -> Redirect:
        request.clear_session()
        return Redirect("/login")

    @get("/session-expired")
    async def session_expired_page(self, request: Request) -> Template:
        return render(request, "auth/expired.html")
