"""Local accounts: list, create, edit name and roles, set a new password, disable or enable.

Thin routes: read the form, check the fields (422 with Russian messages), call ``app.admin.accounts``,
redirect with a fixed confirmation code (Post/Redirect/Get).
"""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from app.admin import accounts
from app.admin.common import acting_user, page
from app.admin.filters import parse_int
from app.auth.access import require_roles
from app.web.client import client_address
from app.web.forms import FormErrors, read_form
from app.web.params import ObjectId

DONE = {
    "created": "Учётная запись создана.",
    "saved": "Изменения сохранены.",
    "password": "Новый пароль задан. Сообщите его владельцу учётной записи.",
    "disabled": "Учётная запись отключена: войти под ней нельзя.",
    "enabled": "Учётная запись снова включена.",
}


async def _account(account_id: int) -> dict:
    account = await accounts.get_account(account_id)
    if account is None:
        raise NotFoundException("Учётная запись не найдена.")
    return account


class AccountsController(Controller):
    path = "/admin/accounts"
    guards = [require_roles("admin")]

    @get("")
    async def list_page(self, request: Request) -> Template:
        return page(request, "admin/accounts.html", {"accounts": await accounts.list_accounts()})

    @get("/new")
    async def new_page(self, request: Request) -> Template:
        return page(
            request,
            "admin/account_new.html",
            {"values": {}, "errors": {}, "checked": set(), "roles": accounts.ASSIGNABLE_ROLES},
        )

    @post("")
    async def create(self, request: Request) -> Template | Redirect:
        values = await read_form(request)
        errors = FormErrors()
        username = accounts.check_username(errors, values)
        full_name = accounts.check_full_name(errors, values)
        password = accounts.check_password(errors, values)
        roles = accounts.check_roles(values)
        if not errors:
            try:
                account_id = await accounts.create(
                    username, password, full_name, roles, acting_user(request), client_address(request)
                )
            except accounts.AccountRefused as refused:
                errors["username"] = str(refused)
            else:
                return Redirect(f"/admin/accounts/{account_id}?done=created")
        safe_values = {k: v for k, v in values.items() if not k.startswith("password")}
        return page(
            request,
            "admin/account_new.html",
            {"values": safe_values, "errors": errors, "roles": accounts.ASSIGNABLE_ROLES, "checked": roles},
            status_code=422,
        )

    @get("/{account_id:int}")
    async def detail(self, request: Request, account_id: ObjectId) -> Template:
        account = await _account(account_id)
        done = DONE.get(request.query_params.get("done", ""))
        return page(request, "admin/account.html", self._context(account, done=done))

    def _context(self, account: dict, **extra) -> dict:
        return {
            "account": account,
            "roles": accounts.ASSIGNABLE_ROLES,
            "errors": {},
            "form": "",
            "values": {"full_name": account["full_name"]},
            "checked": account["role_set"],
            **extra,
        }

    async def _refuse(
        self, request: Request, account: dict, form: str, errors: dict, values: dict
    ) -> Template:
        context = self._context(account, errors=errors, form=form)
        if form == "profile":
            context["values"], context["checked"] = values, accounts.check_roles(values)
        return page(request, "admin/account.html", context, status_code=422)

    @post("/{account_id:int}")
    async def update(self, request: Request, account_id: ObjectId) -> Template | Redirect:
        account = await _account(account_id)
        values = await read_form(request)
        errors = FormErrors()
        version = parse_int(errors, values, "version", "Версия")
        full_name = accounts.check_full_name(errors, values)
        if errors:
            return await self._refuse(request, account, "profile", errors, values)
        await accounts.update_profile(
            account, version, full_name, accounts.check_roles(values), acting_user(request), client_address(request)
        )
        return Redirect(f"/admin/accounts/{account['id']}?done=saved")

    @post("/{account_id:int}/password")
    async def password(self, request: Request, account_id: ObjectId) -> Template | Redirect:
        account = await _account(account_id)
        values = await read_form(request)
        errors = FormErrors()
        version = parse_int(errors, values, "version", "Версия")
        password = accounts.check_password(errors, values)
        if errors:
            return await self._refuse(request, account, "password", errors, {})
        await accounts.reset_password(account, version, password, acting_user(request), client_address(request))
        return Redirect(f"/admin/accounts/{account['id']}?done=password")

    @post("/{account_id:int}/active")
    async def active(self, request: Request, account_id: ObjectId) -> Template | Redirect:
        account = await _account(account_id)
        values = await read_form(request)
        errors = FormErrors()
        version = parse_int(errors, values, "version", "Версия")
        if values.get("active") not in ("0", "1"):
            errors["active"] = "Неизвестное действие. Обновите страницу и повторите."
        if not errors:
            try:
                await accounts.set_active(
                    account, version, values["active"] == "1", acting_user(request), client_address(request)
                )
            except accounts.AccountRefused as refused:
                errors["active"] = str(refused)
            else:
                return Redirect(
                    f"/admin/accounts/{account['id']}?done={'enabled' if values['active'] == '1' else 'disabled'}"
                )
        return await self._refuse(request, account, "active", errors, {})
