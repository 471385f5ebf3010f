"""Sign-in through a real OpenLDAP slapd: search as the service account, bind as the found DN."""

from __future__ import annotations

import pytest
from sample_directory import PASSWORD, free_port

from tests.conftest import login, main_text


def sign_in_attempts(client) -> list[dict]:
    from app.auth.tables import SignInAttempt

    return client.blocking_portal.call(
        lambda: SignInAttempt.select().order_by(SignInAttempt.id).run()
    )


def test_directory_user_signs_in_and_sees_name_department_roles(ldap_client):
    response = login(ldap_client, "ivanov", PASSWORD)
    assert response.status_code == 302
    assert response.headers["location"] == "/"
    page = main_text(ldap_client.get("/").text)
    assert "Иванов Иван Иванович" in page
    assert "Правовой департамент, Отдел правовой экспертизы" in page
    assert "Главный специалист-эксперт" in page
    assert "Координатор (правовой департамент)" in page
    assert "Руководитель подразделения" not in page


@pytest.mark.parametrize(
    ("username", "role_label"),
    [
        ("petrova", "Руководитель подразделения"),
        ("sidorov", "Кадровая служба"),
        ("volkova", "Руководство министерства"),
        ("kuznetsov", "Администратор"),
    ],
)
def test_roles_come_from_group_membership_through_the_role_map(ldap_client, username, role_label):
    assert login(ldap_client, username, PASSWORD).status_code == 302
    page = main_text(ldap_client.get("/").text)
    assert role_label in page


def test_user_outside_every_group_is_an_employee_only(ldap_client):
    assert login(ldap_client, "nogroup", PASSWORD).status_code == 302
    page = main_text(ldap_client.get("/").text)
    assert "Сотрудник" in page
    for other in ("Руководитель подразделения", "Кадровая служба", "Администратор", "Координатор"):
        assert other not in page


def test_role_map_is_configuration(app_client, slapd):
    env = slapd.env() | {"TRAJECTORY_LDAP_ROLE_MAP": "admin=cn=trajectory-hr,ou=groups,dc=ministry,dc=local"}
    client = app_client(**env)
    assert login(client, "sidorov", PASSWORD).status_code == 302
    page = main_text(client.get("/").text)
    assert "Администратор" in page
    assert "Кадровая служба" not in page


def test_profile_is_refreshed_from_the_directory_at_each_sign_in(ldap_client):
    from app.people.tables import Employee

    assert login(ldap_client, "smirnova", PASSWORD).status_code == 302

    async def tamper():
        await Employee.update({Employee.full_name: "Устаревшее Имя", Employee.roles: "employee,admin"}).where(
            Employee.ldap_uid == "smirnova"
        )

    ldap_client.blocking_portal.call(tamper)
    ldap_client.post("/logout", headers={"x-csrftoken": ldap_client.cookies["trajectory_csrf"]})
    assert login(ldap_client, "smirnova", PASSWORD).status_code == 302
    page = main_text(ldap_client.get("/").text)
    assert "Смирнова Елена Викторовна" in page
    assert "Администратор" not in page


def test_wrong_password_is_refused_and_logged_without_the_password(ldap_client):
    response = login(ldap_client, "ivanov", "wrong-password")
    assert response.status_code == 401
    assert "Неверное имя пользователя или пароль" in response.text
    assert "trajectory_session" not in response.cookies
    attempts = sign_in_attempts(ldap_client)
    assert [(a["username"], a["success"], a["reason"]) for a in attempts] == [("ivanov", False, "wrong password")]
    assert all("wrong-password" not in str(a) for a in attempts)


@pytest.mark.parametrize("password", ["", " ", "   \t "])
def test_empty_and_blank_passwords_are_refused_before_the_directory(ldap_client, password):
    response = login(ldap_client, "ivanov", password)
    assert response.status_code == 422
    assert "Введите пароль" in response.text
    assert ldap_client.get("/", follow_redirects=False).status_code == 302
    assert sign_in_attempts(ldap_client)[-1]["reason"] == "blank password"


@pytest.mark.parametrize("username", ["", "   "])
def test_empty_user_name_is_refused(ldap_client, username):
    response = login(ldap_client, username, PASSWORD)
    assert response.status_code == 422
    assert "Введите имя пользователя" in response.text


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(ldap_client):
    unknown = login(ldap_client, "nobody-here", PASSWORD)
    wrong = login(ldap_client, "ivanov", "wrong")
    assert unknown.status_code == wrong.status_code == 401
    assert main_text(unknown.text).replace("nobody-here", "X") == main_text(wrong.text).replace("ivanov", "X")


@pytest.mark.parametrize(
    "username",
    ["iv*", "*", "ivanov)(uid=*", "ivanov)(|(uid=*)", "*)(objectClass=*", "\\2a", "ivanov\x00"],
)
def test_filter_metacharacters_never_widen_the_search(ldap_client, username):
    response = login(ldap_client, username, PASSWORD)
    assert response.status_code in (401, 422)
    assert ldap_client.get("/", follow_redirects=False).status_code == 302


@pytest.mark.parametrize(
    ("username", "full_name"),
    [
        ("иванова", "Иванова Анна Ильинична"),
        ("o'neil", "О'Нил Патрик Иванович"),
        ("star*", "Звёздный Семён Семёнович"),
        ("paren(s)", "Скобкин Роман Олегович"),
        ("back\\slash", "Слэшев Борис Игоревич"),
        ("comma,user", "Запятая Вера Павловна"),
    ],
)
def test_user_names_with_special_characters_sign_in_as_themselves(ldap_client, username, full_name):
    assert login(ldap_client, username, PASSWORD).status_code == 302
    page = ldap_client.get("/").text
    assert full_name in main_text(page).replace("&#39;", "'")


def test_user_name_matching_two_entries_is_refused(ldap_client):
    response = login(ldap_client, "twin", PASSWORD)
    assert response.status_code == 401
    assert sign_in_attempts(ldap_client)[-1]["reason"] == "ambiguous user name"


def test_a_dn_typed_as_user_name_is_not_a_bind_dn(ldap_client):
    response = login(ldap_client, "uid=ivanov,ou=people,dc=ministry,dc=local", PASSWORD)
    assert response.status_code == 401
    assert sign_in_attempts(ldap_client)[-1]["reason"] == "unknown user"


def test_directory_down_tells_ldap_users_and_local_accounts_still_work(app_client, slapd):
    from app.auth.service import create_local_account

    env = slapd.env() | {"TRAJECTORY_LDAP_URL": f"ldap://127.0.0.1:{free_port()}"}
    client = app_client(**env)
    page = client.get("/login")
    assert "Каталог LDAP министерства сейчас недоступен" in page.text
    response = login(client, "ivanov", PASSWORD)
    assert response.status_code == 503
    assert "недоступен" in response.text

    client.blocking_portal.call(
        lambda: create_local_account("breakglass", "a-long-local-password", "Аварийный Администратор", {"admin"})
    )
    assert login(client, "breakglass", "a-long-local-password").status_code == 302
    assert "Аварийный Администратор" in client.get("/").text


def test_service_account_refused_counts_as_directory_down(app_client, slapd):
    client = app_client(**(slapd.env() | {"TRAJECTORY_LDAP_BIND_PASSWORD": "wrong"}))
    assert login(client, "ivanov", PASSWORD).status_code == 503


def test_local_and_directory_users_of_one_name_stay_distinct(ldap_client):
    from app.auth.service import create_local_account

    ldap_client.blocking_portal.call(
        lambda: create_local_account("ivanov", "local-password-123", "Локальный Иванов", {"employee"})
    )
    assert login(ldap_client, "ivanov", PASSWORD).status_code == 302
    assert "Иванов Иван Иванович" in ldap_client.get("/").text
    ldap_client.cookies.clear()
    assert login(ldap_client, "ivanov", "local-password-123").status_code == 302
    assert "Локальный Иванов" in ldap_client.get("/").text


def test_account_disabled_in_the_directory_cannot_sign_in_before_any_sync(ldap_client):
    response = login(ldap_client, "leaver", PASSWORD)
    assert response.status_code == 403
    assert "Учётная запись отключена" in response.text
    wrong = login(ldap_client, "leaver", "not-the-password")
    assert wrong.status_code == 401  # without the right password nothing about the account is told
    assert sign_in_attempts(ldap_client)[-2]["reason"] == "disabled in the directory"
    assert sign_in_attempts(ldap_client)[-1]["reason"] == "wrong password"


def test_disabled_filter_on_an_attribute_the_server_lacks_hides_nobody(app_client, slapd):
    client = app_client(**(slapd.env() | {"TRAJECTORY_LDAP_DISABLED_FILTER": "(pwdAccountLockedTime=*)"}))
    assert login(client, "ivanov", PASSWORD).status_code == 302


def test_user_name_case_typed_at_sign_in_is_the_same_person(ldap_client):
    from app.people.tables import Employee

    assert login(ldap_client, "IVANOV", PASSWORD).status_code == 302
    ldap_client.cookies.clear()
    assert login(ldap_client, "ivanov", PASSWORD).status_code == 302
    rows = ldap_client.blocking_portal.call(lambda: Employee.select(Employee.ldap_uid).run())
    assert [r["ldap_uid"] for r in rows] == ["ivanov"]
