"""Who sees and changes an act (DOMAIN.md §2): every relation, 404 for those who may not see it."""

from __future__ import annotations

import pytest

from tests.conftest import main_text
from tests.integration.test_acts_support import build_people, move, post, register, sign_in


@pytest.fixture
def act(client):
    ids = build_people(client)
    sign_in(client, "coord")
    ids["act"] = register(client, ids)
    return ids


@pytest.mark.parametrize(("who", "sees", "manages"), [
    ("coord", True, True),
    ("head_owner", True, True),
    ("executor", True, True),
    ("head_legal", True, False),   # head of an approving department
    ("leader", True, False),       # leadership reads only
    ("head_other", False, False),  # head of another department
    ("employee", False, False),    # an employee without a relation
])
def test_each_relation_sees_and_manages_as_the_policy_says(client, act, who, sees, manages):
    act_id = act["act"]
    sign_in(client, who)
    page = client.get(f"/acts/{act_id}")
    assert page.status_code == (200 if sees else 404)
    listed = main_text(client.get("/acts").text)
    assert ("О порядке ведения реестра приказов" in listed) is sees
    api = client.get(f"/api/v1/acts/{act_id}")
    assert api.status_code == (200 if sees else 404)
    moved = move(client, act_id, "drafting")
    assert moved.status_code == (303 if manages else 403 if sees else 404)
    if not sees:
        assert client.get(f"/acts/{act_id}/export.xlsx").status_code == 404
        assert post(client, f"/acts/{act_id}/remarks", body="Проверка").status_code == 404
        assert client.get(f"/acts/{act_id}/edit").status_code == 404


def test_a_follower_keeps_seeing_the_act(client, act):
    sign_in(client, "head_legal")
    assert post(client, f"/acts/{act['act']}/follow", on="1").status_code == 303

    async def drop_approver():
        from app.acts.tables import ActApprover
        await ActApprover.delete().where(ActApprover.department == act["legal"])

    client.blocking_portal.call(drop_approver)
    assert client.get(f"/acts/{act['act']}").status_code == 200


def test_leadership_cannot_write_remarks(client, act):
    sign_in(client, "leader")
    response = post(client, f"/acts/{act['act']}/remarks", body="Замечание")
    assert response.status_code == 403 and "руководство министерства только читает" in response.text


def test_search_by_russian_word_forms_and_filters(client, act):
    sign_in(client, "coord")
    register(client, act, title="Об утверждении Положения о ёлочных игрушках", kind="normative_order")
    def titles(query: str) -> str:
        return main_text(client.get(f"/acts?{query}").text)
    assert "О порядке ведения реестра приказов" in titles("q=приказ")
    assert "О порядке ведения реестра приказов" in titles("q=реестру приказа")
    assert "ёлочных" in titles("q=елочные")
    assert "реестра" not in titles("q=елочные")
    assert "ёлочных" in titles("kind=normative_order") and "реестра" not in titles("kind=normative_order")
    assert "реестра" in titles("number=пр-")
    assert "Проектов не нашли" in titles("stage=registration")
    bad = client.get("/acts?stage=nonsense&department=abc&page=-1")
    assert bad.status_code == 422 and "Выберите значение поля «Этап» из списка." in bad.text
    fragment = client.get("/acts?q=приказ", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text and "acts-results" in fragment.text


def test_list_and_card_export_to_excel(client, act):
    import io

    from openpyxl import load_workbook

    sign_in(client, "coord")
    listing = client.get("/acts/export.xlsx")
    assert listing.status_code == 200
    book = load_workbook(io.BytesIO(listing.content))
    assert book.active["B2"].value == "О порядке ведения реестра приказов"
    card = client.get(f"/acts/{act['act']}/export.xlsx")
    sheet = load_workbook(io.BytesIO(card.content))["Карточка"]
    assert sheet["A2"].value == "Номер" and sheet["B3"].value == "О порядке ведения реестра приказов"
