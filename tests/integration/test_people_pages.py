"""The staff directory, person cards and the leavers page: search, filters, paging, who may see what."""

from __future__ import annotations

import re

import pytest

from tests.conftest import login, main_text

PASSWORD = "correct-horse-battery"


@pytest.fixture
def world(client):
    """Two departments, heads of both, an employee, HR, a colleague to find, and a leaver in each."""
    from app.auth.service import create_local_account
    from app.people.tables import Department, Employee

    async def build() -> dict:
        a = (await Department.insert(Department(name="Правовой департамент")).returning(Department.id))[0]["id"]
        b = (await Department.insert(Department(name="Департамент цифрового развития")).returning(Department.id))[0]["id"]
        div = (await Department.insert(Department(name="Отдел правовой экспертизы", parent=a)).returning(Department.id))[0]["id"]
        ids = {"a": a, "b": b}
        ids["head_a"] = await create_local_account("head-a", PASSWORD, "Петрова Мария Сергеевна", {"head"}, department=a,
                                                   position="Директор департамента")
        ids["head_b"] = await create_local_account("head-b", PASSWORD, "Кузнецов Пётр Андреевич", {"head"}, department=b)
        ids["emp"] = await create_local_account("emp", PASSWORD, "Иванов Иван Иванович", {"employee"}, department=a)
        ids["hr"] = await create_local_account("hr-user", PASSWORD, "Сидоров Алексей Павлович", {"hr"})

        async def person(name: str, **fields) -> int:
            return (await Employee.insert(Employee(full_name=name, **fields)).returning(Employee.id))[0]["id"]

        ids["fedorova"] = await person("Фёдорова Наталья Игоревна", position="Ведущий консультант", department=a,
                                       division=div, manager=ids["head_a"], email="fedorova.ni@ministry.example")
        ids["leaver_a"] = await person("Уходов Глеб Романович", position="Консультант", department=a, active=False)
        ids["leaver_b"] = await person("Прощалов Ян Ильич", position="Консультант", department=b, active=False)
        return ids

    return client.blocking_portal.call(build)


def sign_in_as(client, username: str) -> None:
    client.cookies.clear()
    assert login(client, username, PASSWORD).status_code == 302


def test_search_finds_an_inflected_name_with_yo_and_hides_leavers(client, world):
    sign_in_as(client, "emp")
    page = main_text(client.get("/people?q=федорову").text)
    assert "Фёдорова Наталья Игоревна" in page and "Иванов Иван" not in page
    assert "Показаны 1–1 из 1 сотрудника" in page
    everyone = main_text(client.get("/people").text)
    assert "Уходов" not in everyone and "Прощалов" not in everyone
    assert "Никого не нашли" in main_text(client.get("/people?q=уходов").text)


def test_active_search_answers_htmx_with_the_results_fragment(client, world):
    sign_in_as(client, "emp")
    full = client.get("/people?q=Фёдорову")
    assert 'hx-trigger="keyup changed delay:300ms, input changed delay:300ms, search"' in full.text
    fragment = client.get("/people?q=Фёдорову", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and fragment.text.lstrip().startswith('<section id="people-results"')
    assert "Фёдорова Наталья Игоревна" in fragment.text


def test_filters_by_department_and_position(client, world):
    sign_in_as(client, "emp")
    by_dept = main_text(client.get(f"/people?department={world['b']}").text)
    assert "Кузнецов Пётр" in by_dept and "Фёдорова" not in by_dept
    by_position = main_text(client.get("/people", params={"position": "Ведущий консультант"}).text)
    assert "Фёдорова" in by_position and "Петрова" not in by_position


def test_paging(client, world):
    from app.people.tables import Employee

    client.blocking_portal.call(lambda: Employee.insert(*[
        Employee(full_name=f"Сотрудников Номер {n:02d}", department=world["b"]) for n in range(30)]).run())
    sign_in_as(client, "emp")
    first = main_text(client.get("/people?q=сотрудников").text)
    assert "Показаны 1–25 из 30 сотрудников" in first and "Страница 1 из 2" in first
    second = client.get("/people?q=сотрудников&page=2")
    assert "Показаны 26–30 из 30 сотрудников" in main_text(second.text)
    assert "Показаны 26–30" in main_text(client.get("/people?q=сотрудников&page=99").text)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("department=abc", "Поле «Департамент»: выберите значение из списка."),
        ("department=999999", "Поле «Департамент»: выберите значение из списка."),
        ("position=Космонавт", "Выберите должность из списка."),
        ("page=0", "Номер страницы — целое положительное число."),
        ("page=abc", "Номер страницы — целое положительное число."),
        ("q=%00abc", "Поле «ФИО» содержит недопустимые символы."),
        ("q=" + "я" * 101, "Поле «ФИО» длиннее 100 символов."),
    ],
)
def test_bad_search_input_is_a_russian_422(client, world, query, message):
    sign_in_as(client, "emp")
    response = client.get(f"/people?{query}")
    assert response.status_code == 422
    assert message in main_text(response.text)


def test_card_shows_contacts_structure_manager_and_deputy(client, world):
    import datetime as dt

    from app.people.tables import Deputy

    today = dt.date.today()
    client.blocking_portal.call(lambda: Deputy.insert(Deputy(
        principal=world["fedorova"], deputy=world["emp"], starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=3))).run())
    sign_in_as(client, "emp")
    response = client.get(f"/people/{world['fedorova']}")
    page = main_text(response.text)
    for text in ("Фёдорова Наталья Игоревна", "Ведущий консультант", "Правовой департамент",
                 "Отдел правовой экспертизы", "fedorova.ni@ministry.example", "Петрова Мария Сергеевна",
                 "Заместитель сейчас Иванов Иван Иванович"):
        assert text in page
    assert f'href="/people/{world["head_a"]}"' in response.text
    own = main_text(client.get(f"/people/{world['emp']}").text)
    assert "Замещает Фёдорова Наталья Игоревна" in own


def test_leavers_cards_are_404_for_employees_and_visible_to_hr(client, world):
    sign_in_as(client, "emp")
    assert client.get(f"/people/{world['leaver_a']}").status_code == 404
    for bad in ("999999", "0", "-1", "99999999999999999999"):
        assert client.get(f"/people/{bad}").status_code == 404
    sign_in_as(client, "hr-user")
    response = client.get(f"/people/{world['leaver_b']}")
    assert response.status_code == 200 and "Учётная запись сотрудника отключена в каталоге" in main_text(response.text)


def test_employee_may_not_open_the_leavers_page(client, world):
    sign_in_as(client, "emp")
    assert client.get("/people/leavers").status_code == 403
    assert client.get(f"/people/leavers/{world['leaver_a']}").status_code == 403


def test_head_sees_own_department_leavers_only(client, world):
    sign_in_as(client, "head-a")
    page = main_text(client.get("/people/leavers").text)
    assert "Уходов Глеб Романович" in page and "Прощалов" not in page
    assert "Источников незавершённой работы пока нет" in page
    assert client.get(f"/people/leavers/{world['leaver_a']}").status_code == 200
    assert client.get(f"/people/leavers/{world['leaver_b']}").status_code == 404
    assert client.get(f"/people/leavers/{world['fedorova']}").status_code == 404  # active: not a leaver
    sign_in_as(client, "head-b")
    assert client.get(f"/people/leavers/{world['leaver_a']}").status_code == 404


def test_open_work_sources_fill_the_leavers_page(client, world):
    from app.people.leavers import OpenWorkItem, register_open_work_source, unregister_open_work_source

    async def acts(employee_ids):
        return [OpenWorkItem(i, "Проект приказа о порядке согласования", "/acts/7", "этап: согласование")
                for i in employee_ids]

    async def broken(employee_ids):
        raise RuntimeError("feature bug")

    register_open_work_source("Проекты актов", acts)
    register_open_work_source("Предложения", broken)
    try:
        sign_in_as(client, "head-a")
        response = client.get(f"/people/leavers/{world['leaver_a']}")
        page = main_text(response.text)
        assert response.status_code == 200
        assert "Проекты актов (1)" in page and "Проект приказа о порядке согласования" in page
        assert "Раздел «Предложения» не ответил" in page
        assert "Источников незавершённой работы пока нет" not in page
    finally:
        unregister_open_work_source("Проекты актов")
        unregister_open_work_source("Предложения")


def test_menu_has_the_staff_directory(client, world):
    sign_in_as(client, "emp")
    assert re.search(r'<a href="/people"[^>]*>Сотрудники</a>', client.get("/").text)


def test_leaver_acts_are_listed_for_the_head_to_reassign():
    from app.acts.open_work import acts_held_by
    from app.acts.tables import Act
    from app.people.tables import Department, Employee
    from tests.conftest import run_async

    async def scenario():
        dept = (await Department.insert(Department(name="Департамент проверки")).returning(Department.id))[0]["id"]
        leaver = (await Employee.insert(Employee(full_name="Уходов Глеб Романович", department=dept,
                                                 active=False)).returning(Employee.id))[0]["id"]
        common = dict(kind="normative_order", year=2026, department=dept, executor=leaver,
                      stage_started=__import__("datetime").date(2026, 11, 2))
        await Act.insert(
            Act(title="О порядке", number="НП-2026/0001", sequence=1, stage="drafting", status="active", **common),
            Act(title="Завершённый", number="НП-2026/0002", sequence=2, stage="in_force", status="completed",
                **common),
        )
        return leaver, await acts_held_by([leaver])

    leaver, items = run_async(scenario)
    assert [(i.employee_id, i.title) for i in items] == [(leaver, "Проект НПА НП-2026/0001: О порядке")]
    assert items[0].url.startswith("/acts/") and "этап: разработка" in items[0].detail
