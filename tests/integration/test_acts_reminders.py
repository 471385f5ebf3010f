"""Deadline reminders end to end: the acts source, the real delivery, a real SMTP server (aiosmtpd); each once."""

from __future__ import annotations

import datetime as dt

from tests.integration.test_acts_plan import TODAY, call, make_act, world  # noqa: F401  (fixture)
from tests.integration.test_notifications import smtp  # noqa: F401  (fixture)


async def _notifications() -> list[dict]:
    from app.notifications.tables import Notification

    return await Notification.select(Notification.recipient, Notification.kind, Notification.title).order_by(
        Notification.id)


def test_holder_and_heads_are_reminded_once(smtp, world, call):  # noqa: F811
    from app.acts import plans
    from app.calendar.workdays import WorkingCalendar
    from app.notifications.delivery import run_reminders

    calendar = WorkingCalendar()
    # drafting (20 working days) started so that it ends in 1 working day: a "before" reminder
    started_soon = calendar.add_working_days(TODAY, -19)
    soon = call(make_act, world["policy"], world["executor"], started=started_soon, target=TODAY + dt.timedelta(days=900))
    # started long ago: overdue; the target is near, so it is also off track
    late = call(make_act, world["policy"], world["executor"], number="НП-2026/0002",
                   started=TODAY - dt.timedelta(days=60), target=TODAY + dt.timedelta(days=20))
    # far from its deadline and on track: nothing
    call(make_act, world["policy"], world["executor"], number="НП-2026/0003", target=TODAY + dt.timedelta(days=900))
    # off track only (deadline far, target near): the head is told
    off = call(make_act, world["policy"], world["employee"], number="НП-2026/0004", target=TODAY + dt.timedelta(days=60))
    call(plans.recompute_all)

    first = call(run_reminders, smtp.settings())
    second = call(run_reminders, smtp.settings())
    sent = call(_notifications)
    titles = sorted((n["recipient"], n["title"]) for n in sent)
    deadline_soon = call(plans.plan_for, soon).stage_deadline
    deadline_late = call(plans.plan_for, late).stage_deadline
    assert (world["executor"], f"Срок этапа «Разработка» истекает {deadline_soon:%d.%m.%Y}") in titles
    assert (world["executor"], f"Срок этапа «Разработка» истёк {deadline_late:%d.%m.%Y}") in titles
    assert (world["head"], "Проект НП-2026/0004 отстаёт от плана") in titles
    assert (world["head"], "Проект НП-2026/0002 отстаёт от плана") in titles
    assert all(n["recipient"] != world["other_head"] for n in sent)
    assert len(sent) == 4 and off
    assert first.delivered == 4 and second.delivered == 0 and second.repeated == 4
    assert len(smtp.messages) == 4
    subjects = sorted(str(m["Subject"]) for _r, m, _raw in smtp.messages)
    assert any("истёк" in s for s in subjects)
    recipients = sorted(r[0][0] for r in smtp.messages)
    assert recipients.count("executor@minfin.test") == 2 and recipients.count("head@minfin.test") == 2


def test_lead_time_is_a_domain_parameter(world, call):  # noqa: F811
    from app.acts import plans, reminders
    from app.calendar.workdays import WorkingCalendar
    from app.parameters.tables import Parameter

    started = WorkingCalendar().add_working_days(TODAY, -15)  # ends in 5 working days
    call(make_act, world["policy"], world["executor"], started=started, target=TODAY + dt.timedelta(days=900))
    call(plans.recompute_all)
    now = dt.datetime.now(dt.UTC)
    assert call(reminders.due_reminders, now) == []

    async def longer():
        await Parameter.insert(Parameter(key="acts.reminder_lead_days", value="5"))

    call(longer)
    [reminder] = call(reminders.due_reminders, now)
    assert reminder.key.endswith(":before") and reminder.kind == "acts.deadline"
