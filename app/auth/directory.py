"""The ministry's LDAP directory (OpenLDAP or Active Directory) through ldap3.

Sign-in is search-then-bind: search as the service account with an escaped filter, require exactly
one entry, then bind as that entry's DN on a *new* connection. ldap3 is blocking, so every call
runs in a worker thread with connect and receive timeouts.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field

import anyio.to_thread
from ldap3 import BASE, NONE, SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPBindError, LDAPException, LDAPInvalidCredentialsResult
from ldap3.utils.conv import escape_filter_chars

from app.settings import Settings, normalise_dn

DISABLED_IN_DIRECTORY = "disabled in the directory"


class DirectoryUnavailable(Exception):
    """The directory could not be reached or refused the service account."""


class DirectoryRejected(Exception):
    """The user is not allowed in: unknown, ambiguous, or the password is wrong. ``reason`` is for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DirectoryPerson:
    """What the directory says about a person at sign-in."""

    uid: str
    dn: str
    full_name: str
    position: str = ""
    department: str = ""
    division: str = ""
    email: str = ""
    manager_dn: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)


def is_blank(value: str | None) -> bool:
    """Empty or whitespace-only; such a password would be an anonymous bind, so it is refused up front."""
    return value is None or not value.strip()


class Directory:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _server(self) -> Server:
        s = self.settings
        tls = None
        if s.ldap_url.startswith("ldaps://") or s.ldap_start_tls:
            tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=s.ldap_ca_file or None)
        return Server(s.ldap_url, connect_timeout=s.ldap_timeout_seconds, get_info=NONE, tls=tls)

    def _connection(self, server: Server, user: str | None, password: str | None) -> Connection:
        conn = Connection(
            server,
            user=user,
            password=password,
            receive_timeout=self.settings.ldap_timeout_seconds,
            raise_exceptions=False,
            read_only=True,
        )
        conn.open()
        if self.settings.ldap_start_tls and not conn.start_tls():
            # Never fall back to a plain-text bind when StartTLS was asked for.
            conn.unbind()
            raise DirectoryUnavailable(f"StartTLS failed: {conn.result}")
        return conn

    def _service_connection(self, server: Server) -> Connection:
        s = self.settings
        conn = self._connection(server, s.ldap_bind_dn or None, s.ldap_bind_password or None)
        if not conn.bind():
            conn.unbind()
            raise DirectoryUnavailable(f"service bind refused: {conn.result.get('description')}")
        return conn

    def _authenticate_blocking(self, username: str, password: str) -> DirectoryPerson:
        s = self.settings
        server = self._server()
        try:
            service = self._service_connection(server)
        except LDAPException as exc:
            raise DirectoryUnavailable(str(exc)) from exc
        try:
            search_filter = s.ldap_user_filter.replace("{username}", escape_filter_chars(username))
            attributes = [
                a
                for a in (
                    s.ldap_attr_uid,
                    s.ldap_attr_name,
                    s.ldap_attr_title,
                    s.ldap_attr_department,
                    s.ldap_attr_division,
                    s.ldap_attr_manager,
                    s.ldap_attr_mail,
                )
                if a
            ]
            if not service.search(s.ldap_user_base, search_filter, SUBTREE, attributes=attributes, size_limit=2):
                if service.result.get("result") not in (0, 4):  # 0 = nothing found, 4 = size limit
                    raise DirectoryUnavailable(f"user search failed: {service.result.get('description')}")
            entries = [e for e in service.response or [] if e.get("type") == "searchResEntry"]
            if len(entries) != 1:
                # The same work as for a real user (one more bind), so timing does not tell who exists.
                self._dummy_bind(server, password)
                raise DirectoryRejected("unknown user" if not entries else "ambiguous user name")
            entry = entries[0]
            dn = entry["dn"]
            if is_blank(dn):
                raise DirectoryRejected("entry without DN")
            self._bind_as(server, dn, password)
            if self._is_disabled(service, dn):
                raise DirectoryRejected(DISABLED_IN_DIRECTORY)
            roles = self._roles_of(service, dn)
        except LDAPException as exc:
            raise DirectoryUnavailable(str(exc)) from exc
        finally:
            service.unbind()
        attrs = entry.get("attributes", {})
        return DirectoryPerson(
            # The directory's own spelling: "Ivanov" typed at sign-in is the same person as "ivanov".
            uid=_first(attrs, s.ldap_attr_uid) or username,
            dn=dn,
            full_name=_first(attrs, s.ldap_attr_name) or username,
            position=_first(attrs, s.ldap_attr_title),
            department=_first(attrs, s.ldap_attr_department),
            division=_first(attrs, s.ldap_attr_division),
            email=_first(attrs, s.ldap_attr_mail),
            manager_dn=_first(attrs, s.ldap_attr_manager),
            roles=frozenset(roles | {"employee"}),
        )

    def _bind_as(self, server: Server, dn: str, password: str) -> None:
        """Check the password with a bind as ``dn`` on a connection of its own."""
        try:
            user_conn = self._connection(server, dn, password)
        except LDAPException as exc:
            raise DirectoryUnavailable(str(exc)) from exc
        try:
            if not user_conn.bind():
                if user_conn.result.get("result") == 49:  # invalidCredentials
                    raise DirectoryRejected("wrong password")
                raise DirectoryUnavailable(f"user bind failed: {user_conn.result.get('description')}")
        except (LDAPBindError, LDAPInvalidCredentialsResult) as exc:
            raise DirectoryRejected("wrong password") from exc
        finally:
            user_conn.unbind()

    def _is_disabled(self, service: Connection, dn: str) -> bool:
        """Does the entry match the "disabled" filter? Checked at sign-in too, not only by the sync.

        A base search on the entry: on a server without the attribute (no ppolicy schema) it simply
        finds nothing, whereas folding the filter into the user search would hide every user there.
        """
        disabled = self.settings.ldap_disabled_filter
        if not disabled:
            return False
        service.search(dn, disabled, BASE, attributes=[])
        return any(e.get("type") == "searchResEntry" for e in service.response or [])

    def _dummy_bind(self, server: Server, password: str) -> None:
        try:
            self._bind_as(server, f"cn=trajectory-no-such-entry,{self.settings.ldap_user_base}", password)
        except DirectoryRejected:
            pass

    def _roles_of(self, service: Connection, dn: str) -> set[str]:
        s = self.settings
        if not s.ldap_role_map:
            return set()
        group_filter = s.ldap_group_filter.replace("{dn}", escape_filter_chars(dn))
        base = s.ldap_group_base or s.ldap_user_base
        service.search(base, group_filter, SUBTREE, attributes=[])
        roles: set[str] = set()
        for entry in service.response or []:
            if entry.get("type") != "searchResEntry":
                continue
            role = s.ldap_role_map.get(normalise_dn(entry["dn"]))
            if role:
                roles.add(role)
        return roles

    async def authenticate(self, username: str, password: str) -> DirectoryPerson:
        """Return the person, or raise DirectoryRejected / DirectoryUnavailable."""
        if is_blank(username) or is_blank(password):
            raise DirectoryRejected("blank user name or password")
        return await anyio.to_thread.run_sync(self._authenticate_blocking, username, password)

    def ping_blocking(self) -> bool:
        try:
            conn = self._service_connection(self._server())
        except (LDAPException, DirectoryUnavailable):
            return False
        conn.unbind()
        return True

    async def ping(self) -> bool:
        return await anyio.to_thread.run_sync(self.ping_blocking)


def _first(attrs: dict, name: str) -> str:
    if not name:
        return ""
    value = attrs.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "").strip()
