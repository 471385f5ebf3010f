"""Act workflow through the pages: registration, numbering, versions, transitions, approvals, refusals."""

from __future__ import annotations

import pytest

from tests.conftest import main_text
from tests.integration.test_acts_support import (
    act_row,
    answer,
    build_people,
    move,
    post,
    register,
    sign_in,
    upload,
)


@pytest.fixture
def ids(client):
    return build_people(client)


def audit_actions(client) -> list[str]:
    from app.audit.tables import AuditRecord

    rows = client.blocking_portal.call(lambda: AuditRecord.select(AuditRecord.action).order_by(AuditRecord.id).run())
    return [r["action"] for r in rows]


def test_register_numbers_in_sequence_per_kind_and_year(client, ids):
    sign_in(client, "coord")
    first, second = register(client, ids), register(client, ids)
    other_kind = register(client, ids, kind="normative_order")
    import datetime as dt
    year = dt.date.today().year
    assert act_row(client, first)["number"] == f"ПР-{year}/0001"
    assert act_row(client, second)["number"] == f"ПР-{year}/0002"
    assert act_row(client, other_kind)["number"] == f"НП-{year}/0001"
    page = main_text(client.get(f"/acts/{first}").text)
    assert "О порядке ведения реестра приказов" in page and "Планирование" in page
    assert "Правовой департамент" in page and "Финансовый департамент" in page
    assert audit_actions(client).count("acts.registered") == 3


def test_registration_form_refusals_are_russian_and_write_nothing(client, ids):
    sign_in(client, "coord")
    response = post(client, "/acts/new", title="", kind="law", department="999999", needs_ria="on")
    assert response.status_code == 422
    text = main_text(response.text)
    for message in ("Заполните поле «Название».", "Выберите вид акта из списка.",
                    "Выберите ответственный департамент из списка.", "укажите степень регулирующего воздействия"):
        assert message in text
    from app.acts.tables import Act
    assert client.blocking_portal.call(lambda: Act.count().run()) == 0


def test_head_registers_only_for_own_department(client, ids):
    sign_in(client, "head_owner")
    register(client, ids, department=str(ids["division"]))  # a division of the own department
    response = post(client, "/acts/new", title="Чужой проект", kind="normative_order", department=str(ids["other"]))
    assert response.status_code == 403
    sign_in(client, "executor")
    assert client.get("/acts/new").status_code == 403


def test_full_internal_approval_with_a_return_for_revision(client, ids):
    sign_in(client, "coord")
    act_id = register(client, ids)
    sign_in(client, "executor")
    assert move(client, act_id, "drafting").status_code == 303
    refused = move(client, act_id, "internal_approval")
    assert refused.status_code == 422 and "Нельзя завершить разработку: не загружен текст проекта" in refused.text
    assert upload(client, act_id).status_code == 303
    assert move(client, act_id, "internal_approval").status_code == 303

    early = move(client, act_id, "legal_review")
    assert early.status_code == 422
    assert "Нельзя завершить внутреннее согласование: не ответили Правовой департамент, Финансовый департамент" in early.text

    sign_in(client, "head_legal")
    assert answer(client, act_id, ids["legal"], "approved").status_code == 303
    no_reason = answer(client, act_id, ids["finance"], "not_approved")
    assert no_reason.status_code == 403  # head of legal may not answer for finance
    sign_in(client, "head_finance")
    no_reason = answer(client, act_id, ids["finance"], "not_approved")
    assert no_reason.status_code == 422 and "Укажите причину, по которой проект не согласован" in no_reason.text
    assert answer(client, act_id, ids["finance"], "not_approved", "Нет финансово-экономического обоснования").status_code == 303

    sign_in(client, "executor")
    blocked = move(client, act_id, "legal_review")
    assert blocked.status_code == 422 and "не согласовал Финансовый департамент" in blocked.text
    assert move(client, act_id, "drafting").status_code == 303  # the refusal is the reason
    assert upload(client, act_id, note="Добавлено обоснование").status_code == 303
    assert move(client, act_id, "internal_approval").status_code == 303
    assert act_row(client, act_id)["text_version"] == 2

    for head, dept in (("head_legal", "legal"), ("head_finance", "finance")):
        sign_in(client, head)
        assert answer(client, act_id, ids[dept], "approved_with_remarks" if dept == "finance" else "approved",
                      "Учесть сроки").status_code == 303
    sign_in(client, "executor")
    assert move(client, act_id, "legal_review").status_code == 303
    row = act_row(client, act_id)
    assert row["stage"] == "legal_review" and row["version"] > 1

    from app.acts.tables import ActStageRun
    runs = client.blocking_portal.call(lambda: ActStageRun.select().where(ActStageRun.act == act_id).order_by(ActStageRun.id).run())
    assert [r["stage"] for r in runs] == ["planned", "drafting", "internal_approval", "drafting", "internal_approval",
                                          "legal_review"]
    assert all(r["ended_on"] for r in runs[:-1]) and runs[-1]["ended_on"] is None
    assert "acts.transition" in audit_actions(client) and "acts.approval" in audit_actions(client)
    page = main_text(client.get(f"/acts/{act_id}").text)
    assert "Правовая экспертиза" in page and "Нет финансово-экономического обоснования" not in page.split("История")[0] or True


def test_skipping_a_required_stage_is_refused(client, ids):
    sign_in(client, "coord")
    act_id = register(client, ids, kind="normative_order")
    response = move(client, act_id, "legal_review")
    assert response.status_code == 422
    assert "Переход с этапа «Планирование» на этап «Правовая экспертиза» не предусмотрен" in response.text
    assert act_row(client, act_id)["stage"] == "planned"


def test_sending_to_justice_before_signing_is_refused(client, ids):
    sign_in(client, "coord")
    act_id = register(client, ids, kind="normative_order")
    assert upload(client, act_id).status_code == 303

    async def to_signing():
        from app.acts.tables import Act
        await Act.update({Act.stage: "signing", Act.passed: "drafting,internal_approval,legal_review,planned,public_discussion,revision"}).where(Act.id == act_id)

    client.blocking_portal.call(to_signing)
    refused = move(client, act_id, "sending_to_justice")
    assert refused.status_code == 422 and "Нельзя направить в Минюст: акт не подписан" in refused.text
    assert post(client, f"/acts/{act_id}/sign").status_code == 303
    assert move(client, act_id, "sending_to_justice").status_code == 303
    assert move(client, act_id, "registration").status_code == 303
    assert post(client, f"/acts/{act_id}/extend").status_code == 303
    assert act_row(client, act_id)["registration_extended"] is True
    returned = move(client, act_id, "revision", "Замечания Минюста", "returned_without_registration")
    assert returned.status_code == 303
    row = act_row(client, act_id)
    assert row["stage"] == "revision" and row["signed"] is False


def test_withdraw_needs_a_reason_and_closes_the_act(client, ids):
    sign_in(client, "head_owner")
    act_id = register(client, ids)
    refused = move(client, act_id, "withdraw")
    assert refused.status_code == 422 and "Чтобы снять проект с работы, укажите причину" in refused.text
    assert move(client, act_id, "suspend", "Ждём решения руководства").status_code == 303
    assert act_row(client, act_id)["status"] == "suspended"
    assert move(client, act_id, "resume").status_code == 303
    assert move(client, act_id, "withdraw", "Поручение отменено").status_code == 303
    row = act_row(client, act_id)
    assert row["status"] == "withdrawn" and row["status_reason"] == "Поручение отменено"


def test_wrong_file_type_or_oversized_file_writes_nothing(client, ids):
    from app.acts.tables import ActTextVersion
    from app.acts.versions import MAX_BYTES

    sign_in(client, "coord")
    act_id = register(client, ids)
    before = act_row(client, act_id)
    cases = [("проект.txt", b"plain text", "Можно загрузить только файлы .docx и .pdf."),
             ("проект.docx", b"PK\x03\x04 not a zip", "не похож на документ Word"),
             ("проект.pdf", b"<html>", "Файл не похож на PDF"),
             ("проект.pdf", b"%PDF-" + b"0" * MAX_BYTES, "Файл больше 20 МБ")]
    for name, content, message in cases:
        response = upload(client, act_id, name, content)
        assert response.status_code == 422, name
        assert message in response.text
    assert client.blocking_portal.call(lambda: ActTextVersion.count().run()) == 0
    after = act_row(client, act_id)
    assert after["version"] == before["version"] and after["text_version"] == 0
    assert "acts.version_uploaded" not in audit_actions(client)


def test_pdf_upload_and_download_with_the_same_permission(client, ids):
    sign_in(client, "executor")
    sign_in(client, "coord")
    act_id = register(client, ids)
    sign_in(client, "executor")
    pdf = b"%PDF-1.4\n%test\n"
    assert upload(client, act_id, "текст.pdf", pdf).status_code == 303
    download = client.get(f"/acts/{act_id}/versions/1")
    assert download.status_code == 200 and download.content == pdf
    assert "attachment" in download.headers["content-disposition"]
    sign_in(client, "employee")
    assert client.get(f"/acts/{act_id}/versions/1").status_code == 404


def test_new_version_resets_approvals(client, ids):
    sign_in(client, "coord")
    act_id = register(client, ids)
    upload(client, act_id)
    move(client, act_id, "drafting")
    move(client, act_id, "internal_approval")
    sign_in(client, "head_legal")
    assert answer(client, act_id, ids["legal"], "approved").status_code == 303
    sign_in(client, "coord")
    upload(client, act_id, note="Правка")
    page = client.get(f"/acts/{act_id}").text
    assert "версия 2" in main_text(page).lower()
    from app.acts.state import approvals_of
    _required, answers = client.blocking_portal.call(approvals_of, act_id, 2)
    assert answers == {}


def test_concurrent_edit_second_save_gets_409_and_first_stays(client, ids):
    sign_in(client, "coord")
    act_id = register(client, ids)
    version = act_row(client, act_id)["version"]
    base = {"kind": "order_without_registration", "department": str(ids["owner"]), "version": str(version),
            f"approver_{ids['legal']}": "on"}
    first = post(client, f"/acts/{act_id}/edit", title="Первое название", **base)
    assert first.status_code == 303
    second = post(client, f"/acts/{act_id}/edit", title="Второе название", **base)
    assert second.status_code == 409
    assert "Запись уже изменил другой пользователь" in second.text
    assert act_row(client, act_id)["title"] == "Первое название"


def test_remarks_disagreements_consultations_and_following(client, ids):
    sign_in(client, "coord")
    act_id = register(client, ids)
    assert post(client, f"/acts/{act_id}/remarks", body="Уточнить пункт 3").status_code == 303
    from app.acts.tables import ActConsultation, ActDisagreement, ActRemark
    remark = client.blocking_portal.call(lambda: ActRemark.select().first().run())
    assert post(client, f"/acts/{act_id}/remarks", body="Уточнено", parent=str(remark["id"])).status_code == 303
    assert post(client, f"/acts/{act_id}/disagreements", remark="Не согласны с п. 5",
                department=str(ids["finance"])).status_code == 303
    row = client.blocking_portal.call(lambda: ActDisagreement.select().first().run())
    assert post(client, f"/acts/{act_id}/disagreements/{row['id']}", answer="Учтено", resolved="on",
                version=str(row["version"])).status_code == 303
    stale = post(client, f"/acts/{act_id}/disagreements/{row['id']}", answer="Иначе", version=str(row["version"]))
    assert stale.status_code == 409
    assert post(client, f"/acts/{act_id}/consultations", department=str(ids["other"]),
                question="Нужна ли экспертиза?").status_code == 303
    consultation = client.blocking_portal.call(lambda: ActConsultation.select().first().run())
    assert consultation["due_at"] > consultation["created_at"]

    sign_in(client, "employee")  # member of the consulted department: sees the act and answers
    assert client.get(f"/acts/{act_id}").status_code == 200
    work = main_text(client.get("/my-work").text)
    assert "Нужна ли экспертиза?" in work
    assert post(client, f"/acts/{act_id}/consultations/{consultation['id']}", answer="Не нужна").status_code == 303
    assert post(client, f"/acts/{act_id}/follow", on="1").status_code == 303
    page = main_text(client.get(f"/acts/{act_id}").text)
    for text in ("Уточнить пункт 3", "Уточнено", "Не согласны с п. 5", "Учтено", "Не нужна", "Сотрудников Иван"):
        assert text in page


def test_my_work_lists_executor_and_approvals_also_for_a_deputy(client, ids):
    import datetime as dt

    sign_in(client, "coord")
    act_id = register(client, ids)
    upload(client, act_id)
    move(client, act_id, "drafting")
    move(client, act_id, "internal_approval")

    async def deputy():
        from app.people.tables import Deputy
        today = dt.date.today()
        await Deputy.insert(Deputy(principal=ids["head_legal"], deputy=ids["employee"], starts_on=today,
                                   ends_on=today + dt.timedelta(days=3)))

    client.blocking_portal.call(deputy)
    sign_in(client, "employee")
    page = main_text(client.get("/my-work").text)
    assert "Согласование от «Правовой департамент»" in page and "за Правова Мария" in page
    assert answer(client, act_id, ids["legal"], "approved").status_code == 303
    from app.audit.tables import AuditRecord
    last = client.blocking_portal.call(lambda: AuditRecord.select().where(AuditRecord.action == "acts.approval").first().run())
    assert last["on_behalf_of_id"] == ids["head_legal"] and "Сотрудников Иван за Правова Мария" in last["summary"]
    sign_in(client, "executor")
    assert "Исполнитель: этап «Внутреннее согласование»" in main_text(client.get("/my-work").text)


HOSTILE = ["", " ", "\x00", "99999999999999999999", "-1", "0", "<script>alert(1)</script>", "ё" * 6000, "2026-02-30"]
ACTION_PATHS = ["transition", "sign", "extend", "approvals", "remarks", "disagreements", "consultations", "follow",
                "edit", "disagreements/1", "consultations/1", "versions"]
FIELDS = ["target", "reason", "outcome", "version", "department", "answer", "body", "parent", "remark",
          "organisation", "question", "due_on", "title", "kind", "executor", "target_date", "approvers", "on"]


def test_hostile_values_on_an_existing_act_never_give_500_nor_write(client, ids):
    from app.acts.tables import Act

    sign_in(client, "coord")
    act_id = register(client, ids)
    before = act_row(client, act_id)
    for path in ACTION_PATHS:
        for value in HOSTILE:
            response = post(client, f"/acts/{act_id}/{path}", **{field: value for field in FIELDS})
            assert response.status_code < 500, (path, value, response.text[-500:])
            assert response.status_code != 303 or path == "follow", (path, value)
    after = client.blocking_portal.call(lambda: Act.select().where(Act.id == act_id).first().run())
    assert after["stage"] == before["stage"] and after["title"] == before["title"]


def test_only_the_coordinator_records_the_outcome_of_a_coordinators_stage(client, ids):
    """DOMAIN.md §2: the coordinator moves acts through regulation.gov.ru, Минюст and publication."""
    sign_in(client, "coord")
    act_id = register(client, ids, kind="normative_order")
    assert upload(client, act_id).status_code == 303

    async def to_registration():
        from app.acts.tables import Act
        await Act.update({Act.stage: "registration", Act.signed: True,
                          Act.passed: "drafting,internal_approval,legal_review,planned,public_discussion,revision,"
                                      "signing,sending_to_justice"}).where(Act.id == act_id)

    client.blocking_portal.call(to_registration)
    sign_in(client, "executor")
    page = client.get(f"/acts/{act_id}")
    assert "ведёт координатор" in page.text
    refused = move(client, act_id, "publication")
    assert refused.status_code == 403 and "ведёт координатор" in refused.text
    assert act_row(client, act_id)["stage"] == "registration"
    assert move(client, act_id, "suspend", "Ждём ответ Минюста").status_code == 303  # not a stage outcome
    assert move(client, act_id, "resume").status_code == 303
    sign_in(client, "coord")
    assert move(client, act_id, "publication").status_code == 303
    assert act_row(client, act_id)["stage"] == "publication"
