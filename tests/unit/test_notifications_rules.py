"""Pure pieces of notifications: kind registry, the e-mail as people read it, links, summary, settings."""

from __future__ import annotations

import email
import email.policy

import pytest

from app.notifications import kinds
from app.notifications.delivery import EmailSummary, RemindSummary
from app.notifications.mailer import Letter, build_message, greeting, letter_text, one_line
from app.notifications.report import summary_lines
from app.notifications.service import NotificationError, clean_link
from app.settings import Settings, SettingsError

BASE = {"TRAJECTORY_SECRET_KEY": "k" * 40}


@pytest.fixture
def scratch_kind():
    yield "unit.kind"
    kinds.unregister_kind("unit.kind")


def test_register_kind_is_idempotent_and_refuses_a_second_label(scratch_kind):
    first = kinds.register_kind(scratch_kind, "Проверочный вид")
    assert kinds.register_kind(scratch_kind, "Проверочный вид") is first
    with pytest.raises(ValueError, match="уже зарегистрирован"):
        kinds.register_kind(scratch_kind, "Другое название")
    assert kinds.label_for(scratch_kind) == "Проверочный вид"
    assert scratch_kind in [k.code for k in kinds.all_kinds()]


@pytest.mark.parametrize("code", ["", "Acts.deadline", "acts..deadline", "acts deadline", "1acts", "a" * 101])
def test_kind_codes_are_dotted_lowercase_names(code):
    with pytest.raises(ValueError):
        kinds.register_kind(code, "Название")


def test_unknown_kind_has_a_neutral_label_and_system_is_built_in():
    assert kinds.label_for("removed.feature") == "Прочие уведомления"
    assert kinds.get_kind("system").label == "Сообщения системы"


def test_kinds_are_listed_in_alphabetical_order_of_labels(scratch_kind):
    kinds.register_kind(scratch_kind, "Аааа первый")
    labels = [k.label for k in kinds.all_kinds()]
    assert labels == sorted(labels, key=str.lower) and labels[0] == "Аааа первый"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Соколова Анна Сергеевна", "Здравствуйте, Анна Сергеевна!"),
        ("Администратор системы", "Здравствуйте, Администратор системы!"),
        ("", "Здравствуйте!"),
    ],
)
def test_greeting_uses_name_and_patronymic(name, expected):
    assert greeting(name) == expected


def test_one_line_removes_line_breaks_and_bounds_length():
    assert one_line("Срок\r\nBcc: evil@example.com\tистёк") == "Срок Bcc: evil@example.com истёк"
    assert one_line("я" * 300, 10) == "я" * 9 + "…"


def test_letter_has_greeting_text_absolute_link_and_how_to_opt_out():
    letter = Letter(
        "a@minfin.test",
        "Соколова Анна Сергеевна",
        "Сроки по проектам НПА",
        "Срок истекает",
        "Осталось 2 дня.",
        "/acts/7",
    )
    text = letter_text(letter, "https://trajectory.minfin.test/")
    assert text.splitlines()[:3] == ["Здравствуйте, Анна Сергеевна!", "", "Срок истекает"]
    assert "Открыть: https://trajectory.minfin.test/acts/7" in text
    assert "(Сроки по проектам НПА)" in text
    assert "Отключить письма этого вида: https://trajectory.minfin.test/notifications/settings" in text


def test_message_is_utf8_with_encoded_russian_subject_and_no_header_injection():
    letter = Letter(
        "a@minfin.test", "Соколова Анна", "Сообщения системы", "Срок\nBcc: x@example.com", "Текст"
    )
    message = build_message(letter, sender="trajectory@minfin.test", base_url="http://127.0.0.1:8000")
    raw = message.as_bytes()
    assert b"\nBcc:" not in raw and "Срок".encode() not in raw
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == "Траектория: Срок Bcc: x@example.com"
    assert parsed["From"].addresses[0].display_name == "Траектория"
    assert parsed.get_content_charset() == "utf-8" and "Текст" in parsed.get_content()
    assert parsed["Message-ID"].endswith("@minfin.test>")


@pytest.mark.parametrize(
    "link", ["https://evil.example/", "//evil.example", "/a b", "/\\evil", "javascript:x", "/x\ny"]
)
def test_links_must_be_paths_on_this_site(link):
    with pytest.raises(NotificationError):
        clean_link(link)


def test_good_links_pass():
    assert clean_link(" /acts/7?tab=plan ") == "/acts/7?tab=plan" and clean_link("") == ""


def test_summary_speaks_russian_with_plurals():
    summary = RemindSummary(sources=1, delivered=2, repeated=5, email=EmailSummary(sent=21, waiting=0))
    out, problems = summary_lines(summary)
    assert out == [
        "Напоминания: 1 источник; доставлено 2 напоминания, уже были доставлены раньше — 5, пропущено — 0.",
        "Почта: отправлено 21 письмо, отклонено сервером — 0, ждут отправки — 0, устарели — 0.",
    ]
    assert problems == []
    broken = RemindSummary(
        failed_sources=["acts.deadlines"], email=EmailSummary(unavailable="отказ в соединении")
    )
    _out, problems = summary_lines(broken)
    assert len(problems) == 2 and "«acts.deadlines»" in problems[0] and "следующем запуске" in problems[1]
    off, _ = summary_lines(RemindSummary(email=EmailSummary(disabled=True)))
    assert "выключена" in off[1]


def test_smtp_settings_defaults_and_validation():
    settings = Settings.from_env(BASE)
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_tls, settings.base_url) == (
        "",
        25,
        "none",
        "http://127.0.0.1:8000",
    )
    mail = {
        **BASE,
        "TRAJECTORY_SMTP_HOST": "mail.minfin.test",
        "TRAJECTORY_SMTP_SENDER": "trajectory@minfin.test",
        "TRAJECTORY_SMTP_TLS": "starttls",
        "TRAJECTORY_SMTP_PORT": "587",
    }
    assert Settings.from_env(mail).smtp_port == 587


@pytest.mark.parametrize(
    "extra, variable",
    [
        ({"TRAJECTORY_SMTP_TLS": "tls"}, "TRAJECTORY_SMTP_TLS"),
        ({"TRAJECTORY_SMTP_PORT": "0"}, "TRAJECTORY_SMTP_PORT"),
        ({"TRAJECTORY_SMTP_PORT": "порт"}, "TRAJECTORY_SMTP_PORT"),
        ({"TRAJECTORY_SMTP_HOST": "mail.minfin.test"}, "TRAJECTORY_SMTP_SENDER"),
        (
            {"TRAJECTORY_SMTP_HOST": "mail.minfin.test", "TRAJECTORY_SMTP_SENDER": "not an address"},
            "TRAJECTORY_SMTP_SENDER",
        ),
        (
            {
                "TRAJECTORY_SMTP_HOST": "mail.minfin.test",
                "TRAJECTORY_SMTP_SENDER": "t@minfin.test",
                "TRAJECTORY_SMTP_USER": "robot",
            },
            "TRAJECTORY_SMTP_PASSWORD",
        ),
        ({"TRAJECTORY_BASE_URL": "trajectory.minfin.test"}, "TRAJECTORY_BASE_URL"),
        ({"TRAJECTORY_SMTP_TIMEOUT_SECONDS": "0"}, "TRAJECTORY_SMTP_TIMEOUT_SECONDS"),
    ],
)
def test_bad_smtp_settings_name_the_variable(extra, variable):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({**BASE, **extra})
