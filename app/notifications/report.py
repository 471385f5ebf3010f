"""The Russian summary that ``trajectory remind`` prints (pure, so its plurals are unit-tested)."""

from __future__ import annotations

from app.notifications.delivery import RemindSummary
from app.web.formatting import count


def summary_lines(summary: RemindSummary) -> tuple[list[str], list[str]]:
    """(lines for stdout, problems for stderr); any problem makes the command exit with 1."""
    out = [
        f"Напоминания: {count(summary.sources, 'источник', 'источника', 'источников')}; "
        f"доставлено {count(summary.delivered, 'напоминание', 'напоминания', 'напоминаний')}, "
        f"уже были доставлены раньше — {summary.repeated}, пропущено — {summary.skipped}."
    ]
    mail = summary.email
    if mail.disabled:
        out.append(
            "Почта: отправка выключена (не задан TRAJECTORY_SMTP_HOST), уведомления только в приложении."
        )
    else:
        out.append(
            f"Почта: отправлено {count(mail.sent, 'письмо', 'письма', 'писем')}, "
            f"отклонено сервером — {mail.failed}, ждут отправки — {mail.waiting}, устарели — {mail.expired}."
        )
    problems = [
        f"Источник напоминаний «{name}» завершился с ошибкой (подробности в журнале)."
        for name in summary.failed_sources
    ]
    if mail.unavailable:
        problems.append(
            f"Почтовый сервер недоступен: {mail.unavailable}. "
            "Письма будут отправлены при следующем запуске."
        )
    return out, problems
