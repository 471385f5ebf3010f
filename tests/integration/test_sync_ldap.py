"""`trajectory sync-ldap` against the real sample slapd: people, structure, managers, leavers, audit."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from ldap3 import MODIFY_ADD, MODIFY_DELETE, Connection, Server
from sample_directory import BASE, PASSWORD, ROOT_DN

from tests.conftest import DATABASE_URL, login, make_settings
from tests.servers import trajectory

TEMP_DN = f"uid=temp-sync,ou=people,{BASE}"
HEADS = f"cn=trajectory-heads,ou=groups,{BASE}"


@contextmanager
def directory_admin(slapd):
    conn = Connection(Server(slapd.url), ROOT_DN, "root-secret", auto_bind=True)
    try:
        yield conn
    finally:
        conn.unbind()


@pytest.fixture
def temp_person(slapd):
    """A directory entry that the test may disable, move into a group or delete; removed afterwards."""
    with directory_admin(slapd) as conn:
        assert conn.add(TEMP_DN, ["top", "person", "organizationalPerson", "inetOrgPerson"], {
            "uid": "temp-sync", "cn": "Временнов Тимур Ильич", "sn": "Временнов", "displayName": "Временнов Тимур Ильич",
            "title": "Консультант", "ou": "Правовой департамент", "userPassword": PASSWORD,
            "mail": "temp@ministry.example",
        }), conn.result
    yield TEMP_DN
    with directory_admin(slapd) as conn:
        conn.modify(HEADS, {"member": [(MODIFY_DELETE, [TEMP_DN])]})
        conn.delete(TEMP_DN)


def sync(client, slapd):
    from app.people.sync import sync_directory

    return client.blocking_portal.call(sync_directory, make_settings(**slapd.env()))


def employee(client, uid: str) -> dict | None:
    from app.people.tables import Employee

    return client.blocking_portal.call(lambda: Employee.select(
        Employee.id, Employee.full_name, Employee.position, Employee.email, Employee.active, Employee.roles,
        Employee.manager.ldap_uid.as_alias("manager_uid"), Employee.department.name.as_alias("department_name"),
        Employee.division.name.as_alias("division_name"), Employee.deactivated_at,
    ).where(Employee.ldap_uid == uid).first().run())


def audit_actions(client) -> list[tuple[str, str]]:
    from app.audit.tables import AuditRecord

    rows = client.blocking_portal.call(lambda: AuditRecord.select(AuditRecord.action, AuditRecord.object_id).run())
    return [(r["action"], r["object_id"]) for r in rows]


def test_sync_creates_people_structure_and_managers_and_a_second_run_changes_nothing(ldap_client, slapd):
    plan = sync(ldap_client, slapd)
    assert len(plan.create) >= 15 and plan.ambiguous == ["twin"] and plan.skipped_disabled == 1
    fedorova = employee(ldap_client, "fedorova")
    assert fedorova["full_name"] == "Фёдорова Наталья Игоревна"
    assert fedorova["position"] == "Ведущий консультант"
    assert (fedorova["department_name"], fedorova["division_name"]) == ("Правовой департамент",
                                                                        "Отдел нормативного регулирования")
    assert fedorova["manager_uid"] == "petrova" and fedorova["email"].endswith("@ministry.example")
    assert employee(ldap_client, "petrova")["roles"] == "employee,head"
    assert employee(ldap_client, "leaver") is None  # disabled and never known: not created
    assert employee(ldap_client, "twin") is None

    again = sync(ldap_client, slapd)
    assert again.empty and again.unchanged == len(plan.create)


def test_disabled_account_is_deactivated_its_session_ends_and_it_cannot_sign_in(ldap_client, slapd, temp_person):
    sync(ldap_client, slapd)
    assert login(ldap_client, "temp-sync", PASSWORD).status_code == 302
    assert ldap_client.get("/", follow_redirects=False).status_code == 200

    with directory_admin(slapd) as conn:
        assert conn.modify(temp_person, {"employeeType": [(MODIFY_ADD, ["disabled"])]})
    plan = sync(ldap_client, slapd)
    row = employee(ldap_client, "temp-sync")
    assert plan.deactivate == [(row["id"], "disabled")]
    assert not row["active"] and row["deactivated_at"] is not None
    assert ("people.deactivated", str(row["id"])) in audit_actions(ldap_client)

    response = ldap_client.get("/", follow_redirects=False)  # the open session ends at the next request
    assert response.status_code == 302 and response.headers["location"] == "/login"
    refused = login(ldap_client, "temp-sync", PASSWORD)
    assert refused.status_code == 403 and "Учётная запись отключена" in refused.text


def test_removed_account_is_deactivated_and_reactivated_when_it_returns(ldap_client, slapd, temp_person):
    sync(ldap_client, slapd)
    row = employee(ldap_client, "temp-sync")
    with directory_admin(slapd) as conn:
        entry_attrs = {"uid": "temp-sync", "cn": "Временнов Тимур Ильич", "sn": "Временнов",
                       "displayName": "Временнов Тимур Ильич", "title": "Консультант", "ou": "Правовой департамент",
                       "userPassword": PASSWORD, "mail": "temp@ministry.example"}
        assert conn.delete(temp_person)
    plan = sync(ldap_client, slapd)
    assert plan.deactivate == [(row["id"], "gone")]
    assert not employee(ldap_client, "temp-sync")["active"]

    with directory_admin(slapd) as conn:
        assert conn.add(temp_person, ["top", "person", "organizationalPerson", "inetOrgPerson"], entry_attrs)
    plan = sync(ldap_client, slapd)
    assert plan.reactivate == [row["id"]]
    assert employee(ldap_client, "temp-sync")["active"]
    assert ("people.reactivated", str(row["id"])) in audit_actions(ldap_client)


def test_role_change_from_a_group_is_applied_and_audited(ldap_client, slapd, temp_person):
    sync(ldap_client, slapd)
    with directory_admin(slapd) as conn:
        assert conn.modify(HEADS, {"member": [(MODIFY_ADD, [temp_person])]})
    plan = sync(ldap_client, slapd)
    row = employee(ldap_client, "temp-sync")
    assert [u.changes for u in plan.update] == [{"roles": ("employee", "employee,head")}]
    assert row["roles"] == "employee,head"
    assert ("people.roles_changed", str(row["id"])) in audit_actions(ldap_client)


def test_unreachable_directory_changes_nothing(client):
    from app.auth.directory import DirectoryUnavailable
    from app.people.sync import sync_directory

    settings = make_settings(TRAJECTORY_LDAP_URL="ldap://127.0.0.1:1", TRAJECTORY_LDAP_USER_BASE=BASE,
                             TRAJECTORY_LDAP_TIMEOUT_SECONDS="1")
    with pytest.raises(DirectoryUnavailable):
        client.blocking_portal.call(sync_directory, settings)


def test_cli_prints_a_russian_summary(slapd):
    first = trajectory("sync-ldap", database_url=DATABASE_URL, **slapd.env())
    assert first.returncode == 0, first.stderr
    assert "Синхронизация с каталогом завершена: создано —" in first.stdout
    second = trajectory("sync-ldap", database_url=DATABASE_URL, **slapd.env())
    assert "создано — 0, обновлено — 0, отключено — 0, восстановлено — 0" in second.stdout

    off = trajectory("sync-ldap", database_url=DATABASE_URL)
    assert off.returncode == 2 and off.stderr.startswith("Ошибка: каталог LDAP не настроен")
    empty = trajectory("sync-ldap", database_url=DATABASE_URL,
                       **{**slapd.env(), "TRAJECTORY_LDAP_PEOPLE_FILTER": "(objectClass=nothingLikeThis)"})
    assert empty.returncode == 1 and "ничего не изменено" in empty.stderr and "Traceback" not in empty.stderr
