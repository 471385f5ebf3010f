"""JSON API of acts: list, detail, transitions, approvals — same rules, Russian errors, CSRF, OpenAPI."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token
from tests.integration.test_acts_support import build_people, register, sign_in, upload


@pytest.fixture
def act(client):
    ids = build_people(client)
    sign_in(client, "coord")
    ids["act"] = register(client, ids)
    return ids


def api_post(client, path: str, body: dict):
    return client.post(path, json=body, headers={"x-csrftoken": csrf_token(client)})


def test_list_detail_and_paging(client, act):
    register(client, act, title="Второй проект")
    page = client.get("/api/v1/acts?page_size=1&page=2").json()
    assert page["total"] == 2 and page["pages"] == 2 and len(page["items"]) == 1
    found = client.get("/api/v1/acts", params={"q": "приказов"}).json()
    assert [i["title"] for i in found["items"]] == ["О порядке ведения реестра приказов"]
    detail = client.get(f"/api/v1/acts/{act['act']}").json()
    assert detail["act"]["stage"] == "planned"
    assert {a["department"] for a in detail["approvals"]} == {"Правовой департамент", "Финансовый департамент"}
    assert any(t["target"] == "drafting" and t["blocked_by"] is None for t in detail["transitions"])
    bad = client.get("/api/v1/acts?stage=nonsense")
    assert bad.status_code == 422 and "Этап" in bad.json()["error"]


def test_transitions_and_approvals(client, act):
    act_id = act["act"]
    upload(client, act_id)
    assert api_post(client, f"/api/v1/acts/{act_id}/transitions", {"target": "drafting"}).status_code == 200
    skip = api_post(client, f"/api/v1/acts/{act_id}/transitions", {"target": "in_force"})
    assert skip.status_code == 422 and "не предусмотрен" in skip.json()["error"]
    assert api_post(client, f"/api/v1/acts/{act_id}/transitions", {"target": "internal_approval"}).status_code == 200
    stale = api_post(client, f"/api/v1/acts/{act_id}/transitions", {"target": "drafting", "reason": "x", "version": 1})
    assert stale.status_code == 409 and "другой пользователь" in stale.json()["error"]
    sign_in(client, "head_legal")
    answered = api_post(client, f"/api/v1/acts/{act_id}/approvals",
                        {"department_id": act["legal"], "answer": "approved"})
    assert answered.status_code == 200
    assert {a["department"]: a["answer"] for a in answered.json()["approvals"]}["Правовой департамент"] == "approved"
    refused = api_post(client, f"/api/v1/acts/{act_id}/approvals", {"department_id": act["legal"], "answer": "maybe"})
    assert refused.status_code == 422 and "Выберите ответ" in refused.json()["error"]
    huge = api_post(client, f"/api/v1/acts/{act_id}/approvals", {"department_id": 2**40, "answer": "approved"})
    assert huge.status_code == 422


def test_invisible_act_is_404_and_csrf_is_required(client, act):
    sign_in(client, "employee")
    assert client.get(f"/api/v1/acts/{act['act']}").status_code == 404
    response = api_post(client, f"/api/v1/acts/{act['act']}/transitions", {"target": "drafting"})
    assert response.status_code == 404 and response.json()["error"]
    assert client.get("/api/v1/acts").json()["total"] == 0
    no_token = client.post(f"/api/v1/acts/{act['act']}/transitions", json={"target": "drafting"})
    assert no_token.status_code == 403


def test_openapi_lists_the_acts_api(client, act):
    schema = client.get("/schema/openapi.json").json()
    for path in ("/api/v1/acts", "/api/v1/acts/{act_id}", "/api/v1/acts/{act_id}/transitions",
                 "/api/v1/acts/{act_id}/approvals"):
        assert path in schema["paths"], path
