"""Notifications end to end: a real SMTP server (aiosmtpd) on a free port, the real database, the real app.

Covers what the issue promises: e-mail arrives in UTF-8 with a Russian subject, opt-out silences one
kind only, the inbox and its marks are private (404 for others), unsafe requests need the CSRF token,
and reminders are delivered once — also when ``remind`` runs twice or the mail server was down.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from sample_directory import free_port

from tests.conftest import ROOT, csrf_token, login, main_text, make_settings, run_async

PASSWORD = "notify-password-1"
HTMX = {"HX-Request": "true"}


class SmtpServer:
    """aiosmtpd in its own thread; ``messages`` holds (recipients, parsed message, raw bytes)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.messages: list[tuple[list[str], email.message.EmailMessage, bytes]] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd handler hook
        raw = envelope.original_content or envelope.content
        self.messages.append(
            (list(envelope.rcpt_tos), email.message_from_bytes(raw, policy=email.policy.default), raw)
        )
        return "250 Принято"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def env(self) -> dict[str, str]:
        return {
            "TRAJECTORY_SMTP_HOST": "127.0.0.1",
            "TRAJECTORY_SMTP_PORT": str(self.port),
            "TRAJECTORY_SMTP_SENDER": "trajectory@minfin.test",
            "TRAJECTORY_SMTP_TIMEOUT_SECONDS": "5",
            "TRAJECTORY_BASE_URL": "https://trajectory.minfin.test",
        }

    def settings(self):
        return make_settings(**self.env())


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down() -> Iterator[SmtpServer]:
    """A server object on a free port that is not started yet: connections are refused until ``start()``."""
    server = SmtpServer(free_port())
    yield server
    server.stop()


@pytest.fixture
def test_kinds() -> Iterator[tuple[str, str]]:
    from app.notifications import kinds

    kinds.register_kind("test.deadline", "Сроки (проверка)")
    kinds.register_kind("test.survey", "Опросы (проверка)")
    yield "test.deadline", "test.survey"
    kinds.unregister_kind("test.deadline")
    kinds.unregister_kind("test.survey")


async def _employee(name: str, mail: str = "", username: str | None = None, active: bool = True) -> int:
    from app.auth.service import create_local_account
    from app.people.tables import Employee

    if username:
        employee_id = await create_local_account(username, PASSWORD, name, {"employee"})
    else:
        rows = await Employee.insert(Employee(full_name=name)).returning(Employee.id)
        employee_id = rows[0]["id"]
    await Employee.update({Employee.email: mail, Employee.active: active}).where(Employee.id == employee_id)
    return employee_id


async def _notifications(recipient_id: int | None = None) -> list[dict]:
    from app.notifications.tables import Notification

    query = Notification.select().order_by(Notification.id)
    if recipient_id is not None:
        query = query.where(Notification.recipient == recipient_id)
    return await query


def _notify(*args, **kwargs):
    from app.notifications.service import notify

    return run_async(lambda: notify(*args, **kwargs))


# --- e-mail ----------------------------------------------------------------------------------------------


def test_email_arrives_in_utf8_with_a_russian_subject(smtp):
    from app.notifications.delivery import send_pending_email

    anna = run_async(_employee, "Соколова Анна Сергеевна", "sokolova@minfin.test")
    _notify(
        anna,
        "system",
        "Срок этапа «Внутреннее согласование» истекает 01.12.2026",
        "Осталось 2 рабочих дня.\nПроект приказа № 15.",
        "/acts/15",
    )
    summary = run_async(send_pending_email, smtp.settings())

    assert (summary.sent, summary.failed, summary.waiting) == (1, 0, 0)
    [(recipients, message, raw)] = smtp.messages
    assert recipients == ["sokolova@minfin.test"]
    assert message["Subject"] == "Траектория: Срок этапа «Внутреннее согласование» истекает 01.12.2026"
    assert message["To"].addresses[0].display_name == "Соколова Анна Сергеевна"
    assert message["From"].addresses[0].addr_spec == "trajectory@minfin.test"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_charset() == "utf-8"
    text = message.get_content().replace("\r\n", "\n")
    assert "Здравствуйте, Анна Сергеевна!" in text
    assert "Осталось 2 рабочих дня.\nПроект приказа № 15." in text
    assert "Открыть: https://trajectory.minfin.test/acts/15" in text
    assert "https://trajectory.minfin.test/notifications/settings" in text
    assert "Траектория".encode() not in raw  # encoded for 7-bit transport, decoded above
    [row] = run_async(_notifications)
    assert row["email_status"] == "sent" and row["email_attempts"] == 1 and row["email_sent_at"] is not None

    again = run_async(send_pending_email, smtp.settings())
    assert again.sent == 0 and len(smtp.messages) == 1


def test_no_address_or_smtp_off_means_inbox_only(smtp):
    from app.notifications.delivery import send_pending_email

    no_mail = run_async(_employee, "Без Почты Сотрудник")
    assert _notify(no_mail, "system", "Сообщение без письма") is not None
    off = run_async(send_pending_email, make_settings())
    assert off.disabled and off.sent == 0
    assert [r["email_status"] for r in run_async(_notifications)] == ["none"]
    run_async(send_pending_email, smtp.settings())
    assert smtp.messages == []


def test_inactive_recipient_gets_nothing():
    leaver = run_async(_employee, "Ушедший Сотрудник Петрович", "left@minfin.test", None, False)
    assert _notify(leaver, "system", "Не дойдёт") is None
    assert run_async(_notifications) == []


def test_old_pending_mail_expires_and_a_dead_claim_is_retried(smtp):
    from app.notifications.delivery import send_pending_email
    from app.notifications.tables import Notification

    person = run_async(_employee, "Орлов Дмитрий Петрович", "orlov@minfin.test")
    old = _notify(person, "system", "Старое письмо")
    stuck = _notify(person, "system", "Застрявшее письмо")
    now = dt.datetime.now(dt.UTC)

    async def age():
        await Notification.update({Notification.created_at: now - dt.timedelta(days=4)}).where(
            Notification.id == old
        )
        await Notification.update(
            {Notification.email_status: "sending", Notification.email_claimed_at: now - dt.timedelta(hours=1)}
        ).where(Notification.id == stuck)

    run_async(age)
    summary = run_async(send_pending_email, smtp.settings())
    assert (summary.sent, summary.expired) == (1, 1)
    assert [m["Subject"] for _r, m, _raw in smtp.messages] == ["Траектория: Застрявшее письмо"]


# --- opt-out -------------------------------------------------------------------------------------------


def test_opt_out_silences_email_of_that_kind_only_and_is_audited(client, smtp, test_kinds):
    from app.audit.tables import AuditRecord
    from app.notifications.delivery import send_pending_email

    deadline, survey = test_kinds
    me = client.blocking_portal.call(_employee, "Соколова Анна Сергеевна", "sokolova@minfin.test", "sokolova")
    assert login(client, "sokolova", PASSWORD).status_code in (302, 303)

    page = client.get("/notifications/settings")
    assert page.status_code == 200
    assert "Сроки (проверка)" in page.text and "Опросы (проверка)" in page.text
    assert 'name="email__test.deadline" value="on" checked' in page.text

    saved = client.post(
        "/notifications/settings",
        data={
            "_csrf_token": csrf_token(client),
            "email__system": "on",
            f"email__{survey}": "on",
        },
        follow_redirects=False,
    )
    assert saved.status_code in (302, 303) and saved.headers["location"] == "/notifications/settings?saved=1"
    page = client.get(saved.headers["location"])
    assert "Настройки сохранены." in page.text
    assert 'name="email__test.deadline" value="on" checked' not in page.text
    assert 'name="email__test.survey" value="on" checked' in page.text

    for kind in (deadline, survey):
        client.blocking_portal.call(
            lambda k=kind: __import__("app.notifications.service", fromlist=["notify"]).notify(
                me, k, f"Сообщение вида {k}"
            )
        )
    client.blocking_portal.call(send_pending_email, smtp.settings())
    assert [m["Subject"] for _r, m, _raw in smtp.messages] == [f"Траектория: Сообщение вида {survey}"]
    inbox = client.get("/notifications")
    assert f"Сообщение вида {deadline}" in inbox.text and f"Сообщение вида {survey}" in inbox.text

    records = client.blocking_portal.call(
        lambda: AuditRecord.select().where(AuditRecord.action == "notifications.email_opt_out_changed")
    )
    assert len(records) == 1
    email_off = __import__("json").loads(records[0]["after"])["email_off"]
    assert records[0]["actor_id"] == me and "test.deadline" in email_off
    assert "test.survey" not in email_off and "system" not in email_off

    # Saving the same choice again changes nothing and writes no audit record.
    client.post(
        "/notifications/settings",
        data={"_csrf_token": csrf_token(client), "email__system": "on", f"email__{survey}": "on"},
    )
    assert (
        len(
            client.blocking_portal.call(
                lambda: AuditRecord.select().where(
                    AuditRecord.action == "notifications.email_opt_out_changed"
                )
            )
        )
        == 1
    )


def test_opting_out_drops_mail_already_waiting(client, smtp, test_kinds):
    from app.notifications.delivery import send_pending_email
    from app.notifications.service import notify

    me = client.blocking_portal.call(_employee, "Волкова Мария Игоревна", "volkova@minfin.test", "volkova")
    login(client, "volkova", PASSWORD)
    client.blocking_portal.call(lambda: notify(me, "test.deadline", "Ждёт отправки"))
    client.post(
        "/notifications/settings",
        data={"_csrf_token": csrf_token(client), "email__system": "on", "email__test.survey": "on"},
    )
    client.blocking_portal.call(send_pending_email, smtp.settings())
    assert smtp.messages == []


@pytest.mark.parametrize("value", ["maybe", "on\x00", "x" * 50])
def test_settings_form_refuses_odd_values_with_a_russian_message(client, value):
    client.blocking_portal.call(_employee, "Кузнецов Павел Андреевич", "", "kuznetsov")
    login(client, "kuznetsov", PASSWORD)
    response = client.post(
        "/notifications/settings",
        data={"_csrf_token": csrf_token(client), "email__system": value, "unknown": "zzz"},
    )
    assert response.status_code == 422
    assert "Сообщения системы" in main_text(response.text)
    assert "Проверьте отмеченные поля." in response.text


# --- inbox -----------------------------------------------------------------------------------------------


def test_inbox_shows_own_messages_and_marks_them_read(client):
    me = client.blocking_portal.call(_employee, "Соколова Анна Сергеевна", "", "sokolova")
    other = client.blocking_portal.call(_employee, "Орлов Дмитрий Петрович", "", "orlov")
    from app.notifications.service import notify

    first = client.blocking_portal.call(lambda: notify(me, "system", "Первое <b>сообщение</b>", "Текст", "/"))
    second = client.blocking_portal.call(lambda: notify(me, "system", "Второе сообщение"))
    third = client.blocking_portal.call(lambda: notify(me, "system", "Третье сообщение"))
    foreign = client.blocking_portal.call(lambda: notify(other, "system", "Чужое сообщение"))
    login(client, "sokolova", PASSWORD)

    home = client.get("/")
    assert 'aria-label="3 непрочитанных уведомления"' in home.text
    page = client.get("/notifications")
    text = main_text(page.text)
    assert "Первое <b>сообщение</b>" not in page.text and "Первое &lt;b&gt;сообщение&lt;/b&gt;" in page.text
    assert "Второе сообщение" in text and "Чужое сообщение" not in text
    assert "Всего 3 уведомления" in text and "из них 3 непрочитанных" in text
    assert "Сообщения системы" in text

    marked = client.post(f"/notifications/{first}/read", headers={**HTMX, "x-csrftoken": csrf_token(client)})
    assert marked.status_code == 200
    assert f'id="notification-{first}"' in marked.text and "Отметить прочитанным" not in marked.text
    assert 'hx-swap-oob="true"' in marked.text and 'aria-label="2 непрочитанных уведомления"' in marked.text

    plain = client.post(
        f"/notifications/{second}/read", data={"_csrf_token": csrf_token(client)}, follow_redirects=False
    )
    assert plain.status_code in (302, 303) and plain.headers["location"] == "/notifications"
    assert 'aria-label="1 непрочитанное уведомление"' in client.get("/notifications").text

    for target, status in ((foreign, 404), (999_999, 404), (10**30, 404)):
        refused = client.post(f"/notifications/{target}/read", headers={"x-csrftoken": csrf_token(client)})
        assert refused.status_code == status
    assert client.blocking_portal.call(_notifications, other)[0]["read_at"] is None

    everything = client.post("/notifications/read-all", headers={**HTMX, "x-csrftoken": csrf_token(client)})
    assert everything.status_code == 200 and "Отметить прочитанным" not in everything.text
    assert all(r["read_at"] is not None for r in client.blocking_portal.call(_notifications, me))
    assert third and client.blocking_portal.call(_notifications, other)[0]["read_at"] is None
    assert "непрочитанн" not in client.get("/").text


def test_unsafe_requests_without_csrf_token_are_refused(client):
    me = client.blocking_portal.call(_employee, "Соколова Анна Сергеевна", "", "sokolova")
    from app.notifications.service import notify

    nid = client.blocking_portal.call(lambda: notify(me, "system", "Сообщение"))
    login(client, "sokolova", PASSWORD)
    assert client.post(f"/notifications/{nid}/read").status_code == 403
    assert client.post("/notifications/read-all", headers=HTMX).status_code == 403
    assert client.post("/notifications/settings", data={"email__system": "on"}).status_code == 403
    assert client.blocking_portal.call(_notifications, me)[0]["read_at"] is None


def test_pages_need_sign_in_and_bad_page_numbers_are_not_errors(client):
    assert client.get("/notifications", follow_redirects=False).status_code in (302, 303)
    client.blocking_portal.call(_employee, "Соколова Анна Сергеевна", "", "sokolova")
    login(client, "sokolova", PASSWORD)
    assert client.get("/notifications?page=0").status_code == 400
    assert client.get("/notifications?page=abc").status_code == 400
    far = client.get("/notifications?page=500")
    assert far.status_code == 200 and "Уведомлений пока нет" in far.text


# --- reminders -------------------------------------------------------------------------------------------


@pytest.fixture
def reminder_source():
    """A source that says the same two reminders every time it is asked (as a real one would)."""
    from app.notifications.sources import Reminder, register_source, unregister_source

    state: dict = {"recipients": [], "calls": 0}

    async def due(now: dt.datetime) -> list[Reminder]:
        state["calls"] += 1
        return [
            Reminder(
                key=f"test.stage_due:{r}:2026-12-01",
                recipient_id=r,
                kind="system",
                title="Срок этапа истекает через 2 дня",
                body="Проект приказа № 7",
                link="/acts/7",
            )
            for r in state["recipients"]
        ]

    register_source("test.due", due)
    yield state
    unregister_source("test.due")


def test_remind_twice_delivers_each_reminder_once(smtp, reminder_source):
    from app.notifications.delivery import run_reminders

    reminder_source["recipients"] = [
        run_async(_employee, "Соколова Анна Сергеевна", "sokolova@minfin.test"),
        run_async(_employee, "Орлов Дмитрий Петрович", "orlov@minfin.test"),
    ]
    first = run_async(run_reminders, smtp.settings())
    second = run_async(run_reminders, smtp.settings())

    assert (first.delivered, first.repeated, first.email.sent) == (2, 0, 2)
    assert (second.delivered, second.repeated, second.email.sent) == (0, 2, 0)
    assert reminder_source["calls"] == 2
    assert len(run_async(_notifications)) == 2
    assert sorted(r[0][0] for r in smtp.messages) == ["orlov@minfin.test", "sokolova@minfin.test"]


def test_interrupted_run_sends_the_mail_later_exactly_once(smtp_down, reminder_source):
    from app.notifications.delivery import run_reminders

    reminder_source["recipients"] = [run_async(_employee, "Соколова Анна Сергеевна", "sokolova@minfin.test")]
    down = run_async(run_reminders, smtp_down.settings())
    assert down.delivered == 1 and down.email.sent == 0 and down.email.waiting == 1
    assert "недоступен" in down.email.unavailable
    [row] = run_async(_notifications)
    assert row["email_status"] == "pending" and row["email_attempts"] == 1

    smtp_down.start()
    later = run_async(run_reminders, smtp_down.settings())
    assert (later.delivered, later.repeated, later.email.sent, later.email.waiting) == (0, 1, 1, 0)
    run_async(run_reminders, smtp_down.settings())
    assert len(smtp_down.messages) == 1 and len(run_async(_notifications)) == 1


def test_a_failing_source_does_not_stop_the_others(smtp, reminder_source):
    from app.notifications.delivery import run_reminders
    from app.notifications.sources import register_source, unregister_source

    async def broken(now):
        raise RuntimeError("сломано")

    register_source("test.broken", broken)
    try:
        reminder_source["recipients"] = [
            run_async(_employee, "Соколова Анна Сергеевна", "sokolova@minfin.test")
        ]
        summary = run_async(run_reminders, smtp.settings())
    finally:
        unregister_source("test.broken")
    assert summary.failed_sources == ["test.broken"] and summary.delivered == 1


def _remind(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "remind"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_remind_command_sends_waiting_mail_and_reports_in_russian(smtp_down):
    person = run_async(_employee, "Соколова Анна Сергеевна", "sokolova@minfin.test")
    _notify(person, "system", "Письмо из очереди")

    failed = _remind(**smtp_down.env())
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Почтовый сервер недоступен" in failed.stderr and "Traceback" not in failed.stderr

    smtp_down.start()
    ok = _remind(**smtp_down.env())
    assert ok.returncode == 0, ok.stderr
    assert "Почта: отправлено 1 письмо" in ok.stdout
    assert [m["Subject"] for _r, m, _raw in smtp_down.messages] == ["Траектория: Письмо из очереди"]
