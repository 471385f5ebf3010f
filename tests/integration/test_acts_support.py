"""Shared set-up of the act workflow tests: departments, people of every relation, signing in, posting forms."""

from __future__ import annotations

import io
import zipfile

from tests.conftest import csrf_token, login

PASSWORD = "acts-password-123"


def docx_bytes(text: str = "Проект приказа") -> bytes:
    """A minimal valid .docx: a ZIP with word/document.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return buffer.getvalue()


def build_people(client) -> dict:
    """Departments (owner with a division, two approvers, an unrelated one) and one account per relation."""
    from app.auth.service import create_local_account
    from app.people.tables import Department

    async def build() -> dict:
        async def department(name, parent=None):
            return (await Department.insert(Department(name=name, parent=parent)).returning(Department.id))[0]["id"]

        ids = {"owner": await department("Департамент государственной политики"),
               "legal": await department("Правовой департамент"),
               "finance": await department("Финансовый департамент"),
               "other": await department("Административный департамент")}
        ids["division"] = await department("Отдел мониторинга", ids["owner"])
        people = {
            "coord": ("Координаторова Анна", {"coordinator"}, "legal"),
            "head_owner": ("Руководителев Олег", {"head"}, "owner"),
            "head_legal": ("Правова Мария", {"head"}, "legal"),
            "head_finance": ("Финансов Пётр", {"head"}, "finance"),
            "head_other": ("Чужов Игорь", {"head"}, "other"),
            "executor": ("Исполнителева Елена", {"employee"}, "owner"),
            "employee": ("Сотрудников Иван", {"employee"}, "other"),
            "leader": ("Руководство Ольга", {"leadership"}, None),
        }
        for login_name, (name, roles, dept) in people.items():
            ids[login_name] = await create_local_account(login_name, PASSWORD, name, roles,
                                                         department=ids[dept] if dept else None)
        return ids

    return client.blocking_portal.call(build)


def sign_in(client, who: str) -> None:
    client.cookies.clear()
    assert login(client, who, PASSWORD).status_code == 302


def post(client, path: str, **data):
    return client.post(path, data={**data, "_csrf_token": csrf_token(client)}, follow_redirects=False)


def register(client, ids: dict, **extra) -> int:
    """Register an act as the signed-in user; returns its id."""
    data = {"title": "О порядке ведения реестра приказов", "kind": "order_without_registration",
            "department": str(ids["owner"]), "executor": str(ids["executor"]), "target_date": "2027-06-30",
            f"approver_{ids['legal']}": "on", f"approver_{ids['finance']}": "on", **extra}
    response = post(client, "/acts/new", **data)
    assert response.status_code == 303, response.text[-2000:]
    return int(response.headers["location"].rsplit("/", 1)[1])


def upload(client, act_id: int, name: str = "проект.docx", content: bytes | None = None, note: str = ""):
    return client.post(f"/acts/{act_id}/versions", data={"note": note},
                       files={"file": (name, docx_bytes() if content is None else content, "application/octet-stream")},
                       headers={"x-csrftoken": csrf_token(client)}, follow_redirects=False)


def move(client, act_id: int, target: str, reason: str = "", outcome: str = ""):
    return post(client, f"/acts/{act_id}/transition", target=target, reason=reason, outcome=outcome)


def answer(client, act_id: int, department: int, value: str, reason: str = ""):
    return post(client, f"/acts/{act_id}/approvals", department=str(department), answer=value, reason=reason)


def act_row(client, act_id: int) -> dict:
    from app.acts.tables import Act

    return client.blocking_portal.call(lambda: Act.select().where(Act.id == act_id).first().run())
