"""Reading every person from the directory for ``trajectory sync-ldap``.

A subclass of the sign-in ``Directory`` so that the connection, TLS, time-outs, the service account
and the group → role lookup are exactly those of sign-in. Searches are paged (Active Directory returns
at most 1000 entries per page); the disabled filter is a second paged search that only returns DNs,
because a filter cannot be evaluated on the client. ldap3 blocks, so the whole read runs in a thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import anyio.to_thread
from ldap3 import SUBTREE, Connection
from ldap3.core.exceptions import LDAPException

from app.auth.directory import Directory, DirectoryPerson, DirectoryUnavailable, _first
from app.settings import normalise_dn

PAGE_SIZE = 500


@dataclass(frozen=True)
class DirectorySnapshot:
    """Everyone the people filter finds, and the normalised DNs of those the disabled filter finds."""

    people: list[DirectoryPerson]
    disabled_dns: frozenset[str]


class StaffDirectory(Directory):
    def _paged(self, conn: Connection, search_filter: str, attributes: list[str]) -> list[dict]:
        entries = [
            entry
            for entry in conn.extend.standard.paged_search(
                self.settings.ldap_user_base, search_filter, SUBTREE, attributes=attributes,
                paged_size=PAGE_SIZE, generator=False,
            )
            if entry.get("type") == "searchResEntry"
        ]
        if (conn.result or {}).get("result", 0) != 0:
            raise DirectoryUnavailable(f"search {search_filter} failed: {conn.result.get('description')}")
        return entries

    def _person(self, conn: Connection, entry: dict) -> DirectoryPerson | None:
        s = self.settings
        attrs = entry.get("attributes", {})
        uid = _first(attrs, s.ldap_attr_uid)
        if not uid or not entry.get("dn"):
            return None
        return DirectoryPerson(
            uid=uid,
            dn=entry["dn"],
            full_name=_first(attrs, s.ldap_attr_name) or uid,
            position=_first(attrs, s.ldap_attr_title),
            department=_first(attrs, s.ldap_attr_department),
            division=_first(attrs, s.ldap_attr_division),
            email=_first(attrs, s.ldap_attr_mail),
            manager_dn=_first(attrs, s.ldap_attr_manager),
            roles=frozenset(self._roles_of(conn, entry["dn"]) | {"employee"}),
        )

    def snapshot_blocking(self) -> DirectorySnapshot:
        s = self.settings
        attributes = [
            a for a in (s.ldap_attr_uid, s.ldap_attr_name, s.ldap_attr_title, s.ldap_attr_department,
                        s.ldap_attr_division, s.ldap_attr_manager, s.ldap_attr_mail) if a
        ]
        try:
            conn = self._service_connection(self._server())
        except LDAPException as exc:
            raise DirectoryUnavailable(str(exc)) from exc
        try:
            entries = self._paged(conn, s.ldap_people_filter, attributes)
            people = [p for p in (self._person(conn, e) for e in entries) if p is not None]
            disabled: set[str] = set()
            if s.ldap_disabled_filter:
                both = f"(&{s.ldap_people_filter}{s.ldap_disabled_filter})"
                disabled = {normalise_dn(e["dn"]) for e in self._paged(conn, both, ["1.1"])}
        except LDAPException as exc:
            raise DirectoryUnavailable(str(exc)) from exc
        finally:
            conn.unbind()
        return DirectorySnapshot(people=people, disabled_dns=frozenset(disabled))

    async def snapshot(self) -> DirectorySnapshot:
        return await anyio.to_thread.run_sync(self.snapshot_blocking)
