"""«Мой заместитель»: naming and cancelling a deputy, every refusal in Russian, and acting_for."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import csrf_token, login, main_text

PASSWORD = "correct-horse-battery"
TODAY = dt.date.today()


@pytest.fixture
def people(client):
    from app.auth.service import create_local_account
    from app.people.tables import Employee

    async def build() -> dict:
        ids = {"me": await create_local_account("me", PASSWORD, "Орлов Дмитрий Петрович", {"head"}),
               "other": await create_local_account("other", PASSWORD, "Соколова Анна Сергеевна", {"employee"})}
        ids["colleague"] = (await Employee.insert(Employee(full_name="Лебедева Ирина Викторовна")).returning(Employee.id))[0]["id"]
        ids["gone"] = (await Employee.insert(Employee(full_name="Ушедшев Олег", active=False)).returning(Employee.id))[0]["id"]
        return ids

    ids = client.blocking_portal.call(build)
    assert login(client, "me", PASSWORD).status_code == 302
    return ids


def deputy_rows(client) -> list[dict]:
    from app.people.tables import Deputy

    return client.blocking_portal.call(lambda: Deputy.select().run())


def post(client, **data):
    return client.post("/people/deputy", data={**data, "_csrf_token": csrf_token(client)}, follow_redirects=False)


def iso(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def test_name_a_deputy_see_it_and_cancel_it(client, people):
    from app.audit.tables import AuditRecord

    response = post(client, deputy=str(people["colleague"]), starts_on=iso(0), ends_on=iso(7))
    assert response.status_code == 303 and response.headers["location"] == "/people/deputy"
    rows = deputy_rows(client)
    assert [(r["principal"], r["deputy"]) for r in rows] == [(people["me"], people["colleague"])]
    page = main_text(client.get("/people/deputy").text)
    assert "Лебедева Ирина Викторовна" in page and "действует" in page
    card = main_text(client.get(f"/people/{people['me']}").text)
    assert "Заместитель сейчас Лебедева Ирина Викторовна" in card

    cancelled = client.post(f"/people/deputy/{rows[0]['id']}/cancel", data={"_csrf_token": csrf_token(client)},
                            follow_redirects=False)
    assert cancelled.status_code == 303 and deputy_rows(client) == []
    actions = client.blocking_portal.call(lambda: AuditRecord.select(AuditRecord.action).run())
    assert {"people.deputy_named", "people.deputy_cancelled"} <= {a["action"] for a in actions}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"starts_on": iso(0), "ends_on": iso(3)}, "Заполните поле «Заместитель»."),
        ({"deputy": "abc", "starts_on": iso(0), "ends_on": iso(3)}, "Выберите заместителя из списка."),
        ({"deputy": "99999999999999999999", "starts_on": iso(0), "ends_on": iso(3)}, "Выберите заместителя из списка."),
        ({"deputy": "SELF", "starts_on": iso(0), "ends_on": iso(3)}, "Нельзя назначить заместителем самого себя."),
        ({"deputy": "GONE", "starts_on": iso(0), "ends_on": iso(3)}, "не работает в министерстве или отключён"),
        ({"deputy": "999999", "starts_on": iso(0), "ends_on": iso(3)}, "не работает в министерстве или отключён"),
        ({"deputy": "COLLEAGUE", "starts_on": iso(5), "ends_on": iso(2)}, "Дата окончания не может быть раньше даты начала."),
        ({"deputy": "COLLEAGUE", "starts_on": iso(-9), "ends_on": iso(-2)}, "Период замещения уже закончился"),
        ({"deputy": "COLLEAGUE", "starts_on": "31.02.2026", "ends_on": iso(2)}, "Дата начала — в формате дд.мм.гггг."),
        ({"deputy": "COLLEAGUE", "starts_on": iso(0), "ends_on": "завтра"}, "Дата окончания — в формате дд.мм.гггг."),
        ({"deputy": "COLLEAGUE", "starts_on": iso(0)}, "Заполните поле «По какое число»."),
        ({"deputy": "COLLEAGUE\x00", "starts_on": iso(0), "ends_on": iso(1)}, "содержит недопустимые символы"),
        ({"deputy": "COLLEAGUE", "starts_on": iso(0), "ends_on": iso(400)}, "не больше чем на год"),
    ],
)
def test_bad_input_is_refused_in_russian_and_nothing_is_written(client, people, data, message):
    names = {"SELF": people["me"], "GONE": people["gone"], "COLLEAGUE": people["colleague"]}
    for key, value in data.items():
        for name, employee_id in names.items():
            value = value.replace(name, str(employee_id))
        data[key] = value
    response = post(client, **data)
    assert response.status_code == 422
    assert message in main_text(response.text)
    assert deputy_rows(client) == []


def test_overlapping_periods_are_refused(client, people):
    assert post(client, deputy=str(people["colleague"]), starts_on=iso(0), ends_on=iso(7)).status_code == 303
    response = post(client, deputy=str(people["other"]), starts_on=iso(5), ends_on=iso(9))
    assert response.status_code == 422
    assert "На эти даты заместитель уже назначен" in main_text(response.text)
    assert len(deputy_rows(client)) == 1
    assert post(client, deputy=str(people["other"]), starts_on=iso(8), ends_on=iso(9)).status_code == 303


def test_someone_elses_deputy_cannot_be_cancelled(client, people):
    from app.people.tables import Deputy

    client.blocking_portal.call(lambda: Deputy.insert(Deputy(
        principal=people["other"], deputy=people["colleague"], starts_on=TODAY, ends_on=TODAY)).run())
    row = deputy_rows(client)[0]
    token = csrf_token(client)
    assert client.post(f"/people/deputy/{row['id']}/cancel", data={"_csrf_token": token}).status_code == 404
    assert client.post("/people/deputy/99999999999/cancel", data={"_csrf_token": token}).status_code == 404
    assert len(deputy_rows(client)) == 1


def test_acting_for_follows_the_period(client, people):
    from app.people.deputies import acting_for
    from app.people.tables import Deputy

    async def scenario():
        await Deputy.insert(
            Deputy(principal=people["me"], deputy=people["colleague"], starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=4)),
            Deputy(principal=people["other"], deputy=people["colleague"], starts_on=TODAY + dt.timedelta(days=2),
                   ends_on=TODAY + dt.timedelta(days=10)),
        )
        return [await acting_for(people["colleague"], TODAY + dt.timedelta(days=d)) for d in (-1, 0, 3, 4, 5, 11)] + [
            await acting_for(people["me"], TODAY)]

    before, first, both, last_day, second_only, after, nobody = client.blocking_portal.call(scenario)
    assert before == [] and first == [people["me"]]
    assert both == sorted([people["me"], people["other"]]) and last_day == both
    assert second_only == [people["other"]] and after == [] and nobody == []
