"""Sign-in use case: local accounts first, then the directory; every attempt is logged.

Returns the employee id for the session. The caller (the route) turns ``SignInRefused`` into the
Russian message and status it carries.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from app import db
from app.audit import service as audit
from app.auth.directory import (
    DISABLED_IN_DIRECTORY,
    Directory,
    DirectoryPerson,
    DirectoryRejected,
    DirectoryUnavailable,
    is_blank,
)
from app.auth.passwords import hash_password, verify_password
from app.auth.roles import CurrentUser, format_roles
from app.auth.tables import LocalAccount, SignInAttempt
from app.auth.throttle import throttle_key, verdict
from app.people.search import search_column
from app.people.tables import Department, Employee
from app.settings import Settings
from app.web.formatting import count

log = logging.getLogger(__name__)

MAX_USERNAME = 150
LOCAL_USERNAME_RE = re.compile(r"^[A-Za-z0-9._-]{2,64}$")
"""Local account names: Latin letters, digits, dot, dash, underscore (never a directory-style name)."""
MIN_LOCAL_PASSWORD = 12
THROTTLED = "throttled"
MAX_PASSWORD = 1024
INVALID_CREDENTIALS = "Неверное имя пользователя или пароль."
ACCOUNT_DISABLED = "Учётная запись отключена. Обратитесь к администратору."
DIRECTORY_DOWN = (
    "Каталог LDAP министерства сейчас недоступен, вход по учётной записи домена невозможен. "
    "Попробуйте через несколько минут; если не получится — обратитесь в службу поддержки."
)


@dataclass
class SignInRefused(Exception):
    message: str
    status_code: int = 401
    reason: str = "invalid credentials"


def clean_username(raw: str) -> str:
    """The user name as typed, minus surrounding spaces; control characters are refused."""
    name = raw.strip()
    if not name:
        raise SignInRefused("Введите имя пользователя.", 422, "blank user name")
    if len(name) > MAX_USERNAME:
        raise SignInRefused(f"Имя пользователя длиннее {MAX_USERNAME} символов.", 422, "user name too long")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise SignInRefused("Имя пользователя содержит недопустимые символы.", 422, "control characters")
    return name


def check_password_shape(password: str) -> None:
    if is_blank(password):
        raise SignInRefused("Введите пароль.", 422, "blank password")
    if len(password) > MAX_PASSWORD or "\x00" in password:
        raise SignInRefused(INVALID_CREDENTIALS, 401, "malformed password")


def _loggable(value: str) -> str:
    """The user name as the log keeps it: the throttling key, without NUL (PostgreSQL refuses it), bounded."""
    return throttle_key("".join(ch if ord(ch) >= 32 else "?" for ch in value))[:MAX_USERNAME]


async def record_attempt(
    username: str, address: str, success: bool, method: str, reason: str, employee_id: int | None = None
) -> None:
    """The sign-in log row (for throttling and the admin page) and the audit record, together."""
    name = _loggable(username)
    async with db.write_transaction():
        await SignInAttempt.insert(
            SignInAttempt(username=name, client_address=address[:64], success=success, method=method,
                          reason=reason[:100])
        )
        await audit.record(
            "auth.sign_in" if success else "auth.sign_in_failed",
            actor_id=employee_id,
            actor_name=name,
            object_type="account",
            object_id=name,
            summary=f"Вход ({method or 'не начат'})" + ("" if success else f": отказ — {reason}"),
            client_address=address,
        )


class SignInService:
    def __init__(self, settings: Settings, directory: Directory | None) -> None:
        self.settings = settings
        self.directory = directory

    async def sign_in(self, raw_username: str, password: str, address: str) -> int:
        """Return the employee id, or raise SignInRefused. Logs the attempt either way."""
        method = ""
        try:
            username = clean_username(raw_username)
            await self._check_throttle(username, address)
            check_password_shape(password)
            employee_id = await self._local(username, password)
            method = "local"
            if employee_id is None:
                method = "ldap"
                employee_id = await self._directory(username, password)
        except SignInRefused as refused:
            await record_attempt(raw_username, address, False, method, refused.reason)
            raise
        await record_attempt(username, address, True, method, "", employee_id)
        await Employee.update({Employee.last_sign_in: dt.datetime.now(dt.UTC)}).where(Employee.id == employee_id)
        return employee_id

    async def _check_throttle(self, username: str, address: str) -> None:
        """Refuse without checking the password while the (user name, address) pair is locked."""
        now = dt.datetime.now(dt.UTC)
        lockout = dt.timedelta(minutes=self.settings.signin_lockout_minutes)
        pair = (SignInAttempt.username == _loggable(username)) & (SignInAttempt.client_address == address[:64])
        failures = await SignInAttempt.select(SignInAttempt.created_at).where(
            pair & (SignInAttempt.success.eq(False)) & (SignInAttempt.reason != THROTTLED)
            & (SignInAttempt.created_at > now - lockout)
        )
        last_success = await SignInAttempt.select(SignInAttempt.created_at).where(
            pair & SignInAttempt.success.eq(True)
        ).order_by(SignInAttempt.created_at, ascending=False).first()
        result = verdict(
            [row["created_at"] for row in failures],
            last_success["created_at"] if last_success else None,
            now,
            self.settings.signin_max_failures,
            lockout,
        )
        if result.locked:
            minutes = max(1, -(-int(result.retry_after.total_seconds()) // 60))
            raise SignInRefused(
                f"Слишком много неудачных попыток входа. Повторите через {count(minutes, 'минуту', 'минуты', 'минут')}.",
                429,
                THROTTLED,
            )

    async def _local(self, username: str, password: str) -> int | None:
        account = await LocalAccount.objects().where(LocalAccount.username == username).first()
        if not verify_password(account.password_hash if account else None, password):
            return None
        assert account is not None
        if account.demo and not self.settings.demo:
            raise SignInRefused(INVALID_CREDENTIALS, 401, "demo account outside demo mode")
        employee = await Employee.objects().where(Employee.id == account.employee).first()
        if not account.active or employee is None or not employee.active:
            raise SignInRefused(ACCOUNT_DISABLED, 403, "disabled")
        return employee.id

    async def _directory(self, username: str, password: str) -> int:
        if self.directory is None:
            raise SignInRefused(INVALID_CREDENTIALS, 401, "unknown local user, LDAP off")
        try:
            person = await self.directory.authenticate(username, password)
        except DirectoryRejected as rejected:
            if rejected.reason == DISABLED_IN_DIRECTORY:  # the password was right: say why it is refused
                raise SignInRefused(ACCOUNT_DISABLED, 403, rejected.reason) from None
            raise SignInRefused(INVALID_CREDENTIALS, 401, rejected.reason) from None
        except DirectoryUnavailable as exc:
            log.warning("directory unavailable at sign-in: %s", exc)
            raise SignInRefused(DIRECTORY_DOWN, 503, "directory unavailable") from None
        return await upsert_directory_person(person)


async def department_id(name: str, parent_id: int | None = None) -> int | None:
    """Find or create a department (or, with ``parent_id``, a division) by its name."""
    name = name.strip()
    if not name:
        return None
    query = Department.select(Department.id).where(Department.name == name)
    query = query.where(Department.parent == parent_id) if parent_id else query.where(Department.parent.is_null())
    row = await query.first()
    if row:
        return row["id"]
    created = await Department.insert(Department(name=name, parent=parent_id)).returning(Department.id)
    return created[0]["id"]


async def upsert_directory_person(person: DirectoryPerson) -> int:
    """Create or refresh the employee from what the directory says now; refuse one disabled by sync."""
    dept = await department_id(person.department)
    division = await department_id(person.division, dept) if dept else None
    fields = {
        Employee.ldap_dn: person.dn,
        Employee.full_name: person.full_name,
        Employee.position: person.position,
        Employee.email: person.email,
        Employee.department: dept,
        Employee.division: division,
        Employee.roles: format_roles(person.roles),
        Employee.search_name: search_column(person.full_name),
    }
    new_roles = format_roles(person.roles)
    async with db.write_transaction():
        existing = await Employee.select(Employee.id, Employee.active, Employee.roles).where(
            Employee.ldap_uid == person.uid
        ).first()
        if existing is None:
            row = Employee(ldap_uid=person.uid, **{col._meta.name: value for col, value in fields.items()})
            employee_id = (await Employee.insert(row).returning(Employee.id))[0]["id"]
            old_roles = None
        else:
            if not existing["active"]:
                raise SignInRefused(ACCOUNT_DISABLED, 403, "disabled")
            employee_id, old_roles = existing["id"], existing["roles"]
            await Employee.update(fields).where(Employee.id == employee_id)
        if old_roles != new_roles:
            await audit.record(
                "people.roles_changed", actor_name="каталог LDAP", object_type="employee", object_id=employee_id,
                summary=f"Роли {person.full_name} по группам каталога",
                before=None if old_roles is None else {"roles": old_roles}, after={"roles": new_roles},
            )
    return employee_id


async def create_local_account(
    username: str, password: str, full_name: str, roles: set[str], *, demo: bool = False,
    department: int | None = None, position: str = "", actor: CurrentUser | None = None, client_address: str = "",
) -> int:
    """Create a local account with its employee record, audited as done by ``actor`` (None: the CLI or seeding).

    The caller validates the inputs (``LOCAL_USERNAME_RE``, ``MIN_LOCAL_PASSWORD``).
    """
    async with db.write_transaction():
        created = await Employee.insert(
            Employee(full_name=full_name, position=position, department=department, roles=format_roles(roles))
        ).returning(Employee.id)
        employee_id = created[0]["id"]
        await LocalAccount.insert(
            LocalAccount(username=username, password_hash=hash_password(password), employee=employee_id, demo=demo)
        )
        await audit.record(
            "auth.local_account_created", object_type="account", object_id=username,
            actor_id=actor.id if actor else None, actor_name=actor.full_name if actor else "",
            client_address=client_address,
            summary=f"Локальная учётная запись {username} ({full_name})",
            after={"full_name": full_name, "roles": format_roles(roles)},
        )
    return employee_id
