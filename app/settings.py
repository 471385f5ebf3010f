"""Deployment settings: one object, read once from the environment and validated at start-up.

Domain parameters (stage durations, thresholds, ...) are not here: they live in the database
and are edited in the application (see ../shared/DOMAIN.md). Everything here is an environment
variable named ``TRAJECTORY_<FIELD>``; README.md has the table.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from ldap3.core.exceptions import LDAPInvalidDnError
from ldap3.utils.dn import parse_dn

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ROLES = ("employee", "head", "coordinator", "hr", "leadership", "admin")


class SettingsError(ValueError):
    """A deployment setting is missing or malformed; the message names the variable."""


def normalise_dn(dn: str) -> str:
    """A DN in a canonical form so that two spellings of one DN compare equal."""
    parts = parse_dn(dn, escape=False, strip=True)
    return ",".join(f"{attr.lower()}={value.lower()}" for attr, value, _sep in parts)


def _parse_role_map(raw: str) -> dict[str, str]:
    """``role=group DN;role=group DN`` -> {normalised group DN: role}."""
    mapping: dict[str, str] = {}
    for item in filter(None, (chunk.strip() for chunk in raw.split(";"))):
        role, sep, dn = item.partition("=")
        role, dn = role.strip(), dn.strip()
        if not sep or not dn:
            raise SettingsError(f"TRAJECTORY_LDAP_ROLE_MAP: ожидается «роль=DN группы», получено «{item}»")
        if role not in ROLES:
            raise SettingsError(
                f"TRAJECTORY_LDAP_ROLE_MAP: неизвестная роль «{role}»; допустимы: {', '.join(ROLES)}"
            )
        try:
            mapping[normalise_dn(dn)] = role
        except LDAPInvalidDnError as exc:
            raise SettingsError(f"TRAJECTORY_LDAP_ROLE_MAP: неверный DN «{dn}»") from exc
    return mapping


_BOOL = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False, "": False}


@dataclass(frozen=True)
class Settings:
    """Every deployment setting. Field docs are the README's configuration table."""

    database_url: str = "sqlite:///data/trajectory.db"
    """``sqlite:///relative/or/absolute/path.db`` or ``postgresql://user@host:port/db``."""
    secret_key: str = ""
    """Signs CSRF tokens; required outside demo mode (32+ characters)."""
    demo: bool = False
    """Demo mode: demo accounts may exist and a random secret key is allowed. Set by ``trajectory demo``."""
    data_dir: str = "data"
    """Directory for server-side session files and the default SQLite file."""
    host: str = "127.0.0.1"
    port: int = 8000
    secure_cookies: bool = False
    """Set the Secure flag on cookies (behind HTTPS)."""
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    signin_max_failures: int = 5
    """Failed sign-ins of one (user name, address) pair before it is locked."""
    signin_lockout_minutes: int = 15
    trusted_proxies: str = ""
    """Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For is believed."""
    ldap_url: str = ""
    """``ldap://host:389`` or ``ldaps://host:636``; empty turns LDAP sign-in off."""
    ldap_start_tls: bool = False
    ldap_ca_file: str = ""
    """CA bundle that signs the directory's certificate (ldaps or StartTLS); empty = system store."""
    ldap_bind_dn: str = ""
    ldap_bind_password: str = ""
    ldap_user_base: str = ""
    ldap_user_filter: str = "(&(objectClass=inetOrgPerson)(uid={username}))"
    ldap_group_base: str = ""
    ldap_group_filter: str = "(member={dn})"
    ldap_role_map: dict[str, str] = field(default_factory=dict)
    """Normalised group DN -> role, from ``role=DN;role=DN``."""
    ldap_attr_name: str = "displayName"
    ldap_attr_title: str = "title"
    ldap_attr_department: str = "ou"
    ldap_attr_division: str = "departmentNumber"
    ldap_attr_manager: str = "manager"
    ldap_attr_mail: str = "mail"
    ldap_attr_uid: str = "uid"
    """The user-name attribute that ``trajectory sync-ldap`` reads (AD: ``sAMAccountName``)."""
    ldap_people_filter: str = "(objectClass=inetOrgPerson)"
    """Which entries under the user base are people, for ``trajectory sync-ldap`` (AD: ``(objectCategory=person)``)."""
    ldap_disabled_filter: str = "(pwdAccountLockedTime=*)"
    """People matching this are made inactive by the sync (AD: ``(userAccountControl:1.2.840.113556.1.4.803:=2)``)."""
    ldap_timeout_seconds: int = 5
    smtp_host: str = ""
    """Mail server for notifications; empty = e-mail off, the in-app inbox only."""
    smtp_port: int = 25
    smtp_tls: str = "none"
    """``none``, ``starttls`` (upgrade on the plain port, usually 587) or ``ssl`` (TLS from the start, 465)."""
    smtp_user: str = ""
    """Empty = no SMTP authentication."""
    smtp_password: str = ""
    smtp_sender: str = ""
    """From address of notification e-mails, e.g. ``trajectory@ministry.example``; required with a host."""
    smtp_timeout_seconds: int = 10
    base_url: str = "http://127.0.0.1:8000"
    """The application's address as users open it; makes the links in e-mails absolute."""

    @property
    def trusted_proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in self.trusted_proxies.split(",") if p.strip())

    @property
    def ldap_enabled(self) -> bool:
        return bool(self.ldap_url)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")

    @property
    def sqlite_path(self) -> Path:
        raw = self.database_url.removeprefix("sqlite:///")
        path = Path(raw)
        return path if path.is_absolute() else PROJECT_ROOT / path

    @property
    def data_path(self) -> Path:
        path = Path(self.data_dir)
        return path if path.is_absolute() else PROJECT_ROOT / path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and validate ``TRAJECTORY_*`` variables; raise SettingsError naming the bad one."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            name = f"TRAJECTORY_{f.name.upper()}"
            if name not in env:
                continue
            raw = env[name].strip()
            if f.name == "ldap_role_map":
                values[f.name] = _parse_role_map(raw)
            elif f.type == "bool":
                if raw.lower() not in _BOOL:
                    raise SettingsError(f"{name}: ожидается true/false, получено «{raw}»")
                values[f.name] = _BOOL[raw.lower()]
            elif f.type == "int":
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise SettingsError(f"{name}: ожидается целое число, получено «{raw}»") from None
            else:
                values[f.name] = raw
        settings = cls(**values)  # type: ignore[arg-type]
        if settings.demo and not settings.secret_key:
            settings = dataclasses.replace(settings, secret_key=secrets.token_urlsafe(48))
        settings.validate()
        return settings

    def _validate_mail(self) -> None:
        """SMTP and the public address (notifications); called from ``validate``."""
        if self.smtp_tls not in ("none", "starttls", "ssl"):
            raise SettingsError(f"TRAJECTORY_SMTP_TLS: ожидается none, starttls или ssl, получено «{self.smtp_tls}»")
        if not 1 <= self.smtp_port <= 65535:
            raise SettingsError("TRAJECTORY_SMTP_PORT: порт от 1 до 65535")
        if not 1 <= self.smtp_timeout_seconds <= 300:
            raise SettingsError("TRAJECTORY_SMTP_TIMEOUT_SECONDS: от 1 до 300 секунд")
        if self.smtp_host:
            local, _at, domain = self.smtp_sender.rpartition("@")
            if not local or "." not in domain or any(ch.isspace() or ch in "<>," for ch in self.smtp_sender):
                raise SettingsError("TRAJECTORY_SMTP_SENDER: укажите адрес отправителя, например trajectory@ministry.example")
            if self.smtp_user and not self.smtp_password:
                raise SettingsError("TRAJECTORY_SMTP_PASSWORD: задан TRAJECTORY_SMTP_USER, но не задан пароль")
        base = urlparse(self.base_url)
        if base.scheme not in ("http", "https") or not base.netloc or base.query or base.fragment:
            raise SettingsError("TRAJECTORY_BASE_URL: ожидается адрес вида https://trajectory.ministry.example")

    def validate(self) -> None:
        self._validate_mail()
        scheme = urlparse(self.database_url).scheme
        if scheme not in ("sqlite", "postgresql", "postgres"):
            raise SettingsError(
                "TRAJECTORY_DATABASE_URL: ожидается sqlite:///путь.db или postgresql://пользователь@хост:порт/база"
            )
        if self.is_sqlite and not self.database_url.startswith("sqlite:///"):
            raise SettingsError("TRAJECTORY_DATABASE_URL: для SQLite укажите путь: sqlite:///data/trajectory.db")
        if len(self.secret_key) < 32:
            raise SettingsError(
                "TRAJECTORY_SECRET_KEY: задайте случайную строку не короче 32 символов "
                "(например, python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        if not 1 <= self.port <= 65535:
            raise SettingsError("TRAJECTORY_PORT: порт от 1 до 65535")
        if self.session_idle_minutes < 1 or self.session_absolute_hours < 1:
            raise SettingsError("TRAJECTORY_SESSION_*: значения должны быть положительными")
        if self.signin_max_failures < 1 or self.signin_lockout_minutes < 1:
            raise SettingsError("TRAJECTORY_SIGNIN_*: значения должны быть положительными")
        try:
            self.trusted_proxy_networks
        except ValueError as exc:
            raise SettingsError(f"TRAJECTORY_TRUSTED_PROXIES: неверный адрес или сеть ({exc})") from None
        if self.ldap_enabled:
            ldap_scheme = urlparse(self.ldap_url).scheme
            if ldap_scheme not in ("ldap", "ldaps"):
                raise SettingsError("TRAJECTORY_LDAP_URL: ожидается ldap://хост:порт или ldaps://хост:порт")
            if "{username}" not in self.ldap_user_filter:
                raise SettingsError("TRAJECTORY_LDAP_USER_FILTER: фильтр должен содержать {username}")
            if "{dn}" not in self.ldap_group_filter:
                raise SettingsError("TRAJECTORY_LDAP_GROUP_FILTER: фильтр должен содержать {dn}")
            for name, value in (("PEOPLE_FILTER", self.ldap_people_filter), ("DISABLED_FILTER", self.ldap_disabled_filter)):
                if value and not (value.startswith("(") and value.endswith(")")):
                    raise SettingsError(f"TRAJECTORY_LDAP_{name}: фильтр LDAP должен быть в скобках, например (objectClass=*)")
            if not self.ldap_user_base:
                raise SettingsError("TRAJECTORY_LDAP_USER_BASE: укажите базу поиска пользователей")
            if self.ldap_ca_file and not Path(self.ldap_ca_file).is_file():
                raise SettingsError(f"TRAJECTORY_LDAP_CA_FILE: файл «{self.ldap_ca_file}» не найден")
