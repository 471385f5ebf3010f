"""The stage catalogue page: coordinators save numbered versions (validated, audited); others read or get 403."""

from __future__ import annotations

import json

from tests.conftest import csrf_token
from tests.integration.test_acts_plan import call, make_act, signed_in, world  # noqa: F401  (fixture)


def _form(client, **fields) -> dict:
    return {"_csrf_token": csrf_token(client), "based_on": "0", "note": "", **fields}


async def _audit(action: str) -> list[dict]:
    from app.audit.tables import AuditRecord

    return await AuditRecord.select().where(AuditRecord.action == action).order_by(AuditRecord.id)


def test_coordinator_saves_a_version_that_plans_use(client, world, call):  # noqa: F811
    from app.acts import catalogue_store

    signed_in(client, "coordinator")
    page = client.get("/acts/catalogue")
    assert page.status_code == 200 and "действуют значения по умолчанию" in page.text
    assert 'name="duration_drafting"' in page.text and 'name="duration_publication"' not in page.text  # by law
    saved = client.post("/acts/catalogue", data=_form(client, duration_drafting="25", unit_drafting="calendar",
                                                      note="Ускорение разработки"), follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/acts/catalogue?saved=1"
    number, catalogue = call(catalogue_store.current)
    assert number == 1 and catalogue["drafting"].duration == 25 and catalogue["drafting"].unit.value == "calendar"
    assert catalogue["legal_review"].duration == 10  # untouched rows keep their values
    [record] = call(_audit, "acts.catalogue_saved")
    assert json.loads(record["before"]) == {"version": 0, "drafting": {"duration": 20, "unit": "working"}}
    assert json.loads(record["after"]) == {"version": 1, "drafting": {"duration": 25, "unit": "calendar"}}
    page = client.get("/acts/catalogue?saved=1")
    assert "Сохранена версия 1" in page.text and "Ускорение разработки" in page.text

    stale = client.post("/acts/catalogue", data=_form(client, duration_drafting="30"))
    assert stale.status_code == 422 and "изменил другой пользователь" in stale.text
    same = client.post("/acts/catalogue", data=_form(client, based_on="1"))
    assert same.status_code == 422 and "Изменений нет" in same.text


def test_invalid_values_are_refused_in_russian(client, world, call):  # noqa: F811
    from app.acts import catalogue_store

    signed_in(client, "coordinator")
    for value, message in (("-1", "целое число дней"), ("abc", "целое число дней"), ("1000", "от 0 до 730"),
                           ("٣", "целое число дней"), ("5\x00", "целое число дней")):
        response = client.post("/acts/catalogue", data=_form(client, duration_drafting=value))
        assert response.status_code == 422 and message in response.text, value
    response = client.post("/acts/catalogue", data=_form(client, unit_drafting="hours"))
    assert response.status_code == 422 and "рабочие или календарные" in response.text
    response = client.post("/acts/catalogue", data=_form(client, duration_drafting="21", based_on="x"))
    assert response.status_code == 422 and "Обновите страницу" in response.text
    assert call(catalogue_store.current)[0] == 0


def test_only_coordinators_edit(client, world, call):  # noqa: F811
    signed_in(client, "head")
    assert client.get("/acts/catalogue").status_code == 403
    assert client.post("/acts/catalogue", data=_form(client, duration_drafting="21")).status_code == 403
    client.cookies.clear()
    signed_in(client, "admin")
    page = client.get("/acts/catalogue")
    assert page.status_code == 200 and 'name="duration_drafting"' not in page.text  # read-only for admins
    assert client.post("/acts/catalogue", data=_form(client, duration_drafting="21")).status_code == 403


def test_encode_decode_round_trip():
    from app.acts.catalogue import default_catalogue
    from app.acts.catalogue_store import decode, encode

    catalogue = default_catalogue()
    assert decode(encode(catalogue)) == catalogue
