"""The pure decision of a directory sync: create, update, deactivate, reactivate, nothing twice."""

import pytest

from app.people.sync_plan import DirectoryEntry, EmptyDirectory, ExistingEmployee, plan_sync, summary
from app.settings import normalise_dn

BOSS = DirectoryEntry("boss", "uid=boss,ou=people,dc=x", "Петрова Мария Сергеевна", "Директор", department="Правовой")
STAFF = DirectoryEntry("staff", "uid=staff,ou=people,dc=x", "Иванов Иван Иванович", "Консультант", department="Правовой",
                       division="Отдел", manager_dn="UID=Boss, OU=people, DC=x", email="i@x")


def existing_from(entry: DirectoryEntry, employee_id: int, active: bool = True, **override) -> ExistingEmployee:
    fields = {k: v for k, v in entry.__dict__.items() if k not in ("uid", "disabled")}
    fields["manager_dn"] = normalise_dn(entry.manager_dn) if entry.manager_dn else ""
    return ExistingEmployee(id=employee_id, uid=entry.uid, active=active, **{**fields, **override})


def test_new_people_are_created_with_their_manager_dn():
    plan = plan_sync([BOSS, STAFF], [], normalise_dn)
    assert [e.uid for e in plan.create] == ["boss", "staff"]
    assert plan.create[1].manager_dn == "uid=boss,ou=people,dc=x"
    assert not plan.update and not plan.deactivate


def test_second_run_changes_nothing():
    existing = [existing_from(BOSS, 1), existing_from(STAFF, 2)]
    plan = plan_sync([BOSS, STAFF], existing, normalise_dn)
    assert plan.empty and plan.unchanged == 2
    assert "создано — 0, обновлено — 0, отключено — 0" in summary(plan)


def test_changed_fields_are_listed_with_before_and_after():
    existing = [existing_from(BOSS, 1), existing_from(STAFF, 2, position="Специалист", roles="employee,head")]
    plan = plan_sync([BOSS, STAFF], existing, normalise_dn)
    assert len(plan.update) == 1
    assert plan.update[0].changes == {"position": ("Специалист", "Консультант"), "roles": ("employee,head", "employee")}


def test_gone_and_disabled_accounts_are_deactivated_and_returning_ones_reactivated():
    disabled = DirectoryEntry(**{**STAFF.__dict__, "disabled": True})
    other = DirectoryEntry("back", "uid=back,dc=x", "Возвращенцев Пётр")
    existing = [existing_from(BOSS, 1), existing_from(STAFF, 2), existing_from(other, 3, active=False),
                ExistingEmployee(id=4, uid="gone", ldap_dn="uid=gone,dc=x", full_name="Ушедший")]
    plan = plan_sync([BOSS, disabled, other], existing, normalise_dn)
    assert sorted(plan.deactivate) == [(2, "disabled"), (4, "gone")]
    assert plan.reactivate == [3]
    assert "отключено — 2, восстановлено — 1" in summary(plan)


def test_manager_outside_the_directory_is_dropped_and_unknown_disabled_entries_not_created():
    orphan = DirectoryEntry(**{**STAFF.__dict__, "manager_dn": "uid=nobody,dc=x"})
    ghost = DirectoryEntry("ghost", "uid=ghost,dc=x", "Призраков", disabled=True)
    plan = plan_sync([orphan, ghost], [], normalise_dn)
    assert [e.manager_dn for e in plan.create] == [""]
    assert plan.skipped_disabled == 1


def test_ambiguous_user_names_are_left_alone():
    twin_a = DirectoryEntry("twin", "uid=twin,ou=people,dc=x", "Двойников Первый")
    twin_b = DirectoryEntry("twin", "uid=twin,ou=contractors,dc=x", "Двойников Второй")
    plan = plan_sync([BOSS, twin_a, twin_b], [existing_from(twin_a, 7)], normalise_dn)
    assert plan.ambiguous == ["twin"]
    assert [e.uid for e in plan.create] == ["boss"] and not plan.deactivate
    assert "twin" in summary(plan)


def test_an_empty_directory_never_deactivates_everyone():
    with pytest.raises(EmptyDirectory):
        plan_sync([], [existing_from(BOSS, 1)], normalise_dn)
