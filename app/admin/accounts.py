"""Local accounts as administrators manage them: validation of the forms and the audited changes.

A local account owns its employee row (they never share one with a directory person), so disabling
the account also deactivates that employee: open sessions end at their next request. Every change
checks the account's ``version`` (optimistic locking: a stale form gets 409) and is audited in the
same transaction; passwords never reach the audit trail.
"""

from __future__ import annotations

from app import db
from app.audit import service as audit
from app.auth.passwords import hash_password
from app.auth.roles import ROLE_LABELS, CurrentUser, format_roles, parse_roles
from app.auth.service import LOCAL_USERNAME_RE, MAX_PASSWORD, MIN_LOCAL_PASSWORD, create_local_account
from app.auth.tables import LocalAccount
from app.people.tables import Employee
from app.settings import ROLES
from app.web.forms import FormErrors

ASSIGNABLE_ROLES = [(role, ROLE_LABELS[role]) for role in ROLES if role != "employee"]


class AccountRefused(ValueError):
    """An action that the account's state does not allow; Russian message, answered 422."""


def check_username(errors: FormErrors, values: dict[str, str]) -> str:
    username = errors.text(values, "username", "Имя пользователя", max_length=64)
    if username and not LOCAL_USERNAME_RE.match(username):
        errors["username"] = "Имя пользователя: 2–64 латинских буквы, цифры, точка, дефис или подчёркивание."
        return ""
    return username


def check_password(errors: FormErrors, values: dict[str, str]) -> str:
    password, repeat = values.get("password", ""), values.get("password2", "")
    if "\x00" in password or any(ord(ch) < 32 for ch in password):
        errors["password"] = "Пароль содержит недопустимые символы."
    elif len(password.strip()) < MIN_LOCAL_PASSWORD:
        errors["password"] = (
            f"Пароль должен быть не короче {MIN_LOCAL_PASSWORD} символов (пробелы по краям не считаются)."
        )
    elif len(password) > MAX_PASSWORD:
        errors["password"] = f"Пароль длиннее {MAX_PASSWORD} символов."
    elif password != repeat:
        errors["password2"] = "Пароли не совпадают."
    return password if "password" not in errors and "password2" not in errors else ""


def check_roles(values: dict[str, str]) -> set[str]:
    """Checked boxes ``role_<name>``; unknown names are ignored, ``employee`` is always there."""
    return {role for role in ROLES if values.get(f"role_{role}")} | {"employee"}


def check_full_name(errors: FormErrors, values: dict[str, str]) -> str:
    return errors.text(values, "full_name", "ФИО", max_length=300)


async def list_accounts() -> list[dict]:
    rows = await LocalAccount.select(
        LocalAccount.all_columns(),
        LocalAccount.employee.full_name.as_alias("full_name"),
        LocalAccount.employee.roles.as_alias("roles"),
        LocalAccount.employee.last_sign_in.as_alias("last_sign_in"),
    ).order_by(LocalAccount.username)
    for row in rows:
        row["role_labels"] = [ROLE_LABELS[r] for r in ROLES if r in parse_roles(row["roles"] or "")]
    return rows


async def get_account(account_id: int) -> dict | None:
    row = (
        await LocalAccount.select(
            LocalAccount.all_columns(),
            LocalAccount.employee.full_name.as_alias("full_name"),
            LocalAccount.employee.roles.as_alias("roles"),
            LocalAccount.employee.last_sign_in.as_alias("last_sign_in"),
        )
        .where(LocalAccount.id == account_id)
        .first()
    )
    if row:
        row["role_set"] = parse_roles(row["roles"] or "")
    return row


def _audit(action: str, user: CurrentUser, address: str, username: str, summary: str, **changes) -> object:
    return audit.record(
        action,
        actor_id=user.id,
        actor_name=user.full_name,
        object_type="account",
        object_id=username,
        summary=summary,
        client_address=address,
        **changes,
    )


async def create(
    username: str, password: str, full_name: str, roles: set[str], user: CurrentUser, address: str
) -> int:
    """Create through the one helper, which records the creation with the acting admin, atomically."""
    async with db.write_transaction():
        if await LocalAccount.exists().where(LocalAccount.username == username):
            raise AccountRefused(f"Учётная запись «{username}» уже существует.")
        await create_local_account(username, password, full_name, roles, actor=user, client_address=address)
        account = await LocalAccount.select(LocalAccount.id).where(LocalAccount.username == username).first()
    return account["id"]


async def update_profile(
    account: dict, version: int, full_name: str, roles: set[str], user: CurrentUser, address: str
) -> None:
    new_roles = format_roles(roles)
    async with db.write_transaction():
        await db.update_versioned(LocalAccount, account["id"], version, {})
        await Employee.update({Employee.full_name: full_name, Employee.roles: new_roles}).where(
            Employee.id == account["employee"]
        )
        await _audit(
            "admin.local_account_updated",
            user,
            address,
            account["username"],
            f"Изменены ФИО и роли учётной записи {account['username']}",
            before={"full_name": account["full_name"], "roles": account["roles"]},
            after={"full_name": full_name, "roles": new_roles},
        )


async def reset_password(account: dict, version: int, password: str, user: CurrentUser, address: str) -> None:
    async with db.write_transaction():
        await db.update_versioned(
            LocalAccount, account["id"], version, {LocalAccount.password_hash: hash_password(password)}
        )
        await _audit(
            "admin.local_account_password_reset",
            user,
            address,
            account["username"],
            f"Пароль учётной записи {account['username']} задан заново",
        )


async def set_active(account: dict, version: int, active: bool, user: CurrentUser, address: str) -> None:
    if not active and account["employee"] == user.id:
        raise AccountRefused("Нельзя отключить учётную запись, под которой вы сейчас работаете.")
    async with db.write_transaction():
        await db.update_versioned(LocalAccount, account["id"], version, {LocalAccount.active: active})
        await Employee.update({Employee.active: active}).where(Employee.id == account["employee"])
        await _audit(
            "admin.local_account_enabled" if active else "admin.local_account_disabled",
            user,
            address,
            account["username"],
            f"Учётная запись {account['username']} {'включена' if active else 'отключена'}",
            before={"active": account["active"]},
            after={"active": active},
        )
