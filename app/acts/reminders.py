"""Deadline control of draft acts through the platform's reminders (``trajectory remind``).

Why a source reading the plan cache: the act's stage deadline and status are already on the Act row
(``app.acts.plans`` keeps them fresh), so finding what is due is one indexed query, not a plan per act.
Each reminder's key names the act, the stage pass (stage and its start date) and the occasion, so it is
delivered once per pass: a new stage or a return gives new keys, a repeated run gives none.

- the holder (executor) ``acts.reminder_lead_days`` working days before the stage deadline;
- the holder again once the deadline has passed;
- each head of the owning department once when the act is off track (expected end after the target,
  also when the act is overdue as well).
"""

from __future__ import annotations

import datetime as dt

from app.acts.stages import quoted
from app.acts.tables import Act
from app.calendar.service import calendar_for
from app.notifications.kinds import register_kind
from app.notifications.sources import Reminder, register_source
from app.parameters.registry import define
from app.parameters.service import get as get_parameter
from app.people.tables import Employee
from app.web.formatting import MOSCOW, count

DEADLINE_KIND = register_kind("acts.deadline", "Сроки по проектам НПА",
                              "Срок этапа проекта подходит к концу или истёк")
OFF_TRACK_KIND = register_kind("acts.off_track", "Отставание проектов НПА от плана",
                               "Проект вашего департамента не успевает к целевому сроку")
LEAD_DAYS = define(
    "acts.reminder_lead_days", "За сколько рабочих дней напоминать об окончании этапа", "int", 2,
    min=0, max=20, unit=("рабочий день", "рабочих дня", "рабочих дней"), coordinator_editable=True,
    section="Проекты НПА",
    help="Исполнитель получает напоминание за это число рабочих дней до окончания срока этапа "
         "и ещё одно — когда срок истёк.",
)


def _act_line(row: dict) -> str:
    return f"{row['number']} «{row['title']}»"


def _behind(row: dict) -> bool:
    """Off track: the expected end is after the target (an overdue act may be behind too — status takes the
    first match, so "overdue" hides "off track")."""
    if row["plan_status"] == "off_track":
        return True
    return (row["plan_status"] == "overdue" and row["target_date"] is not None and row["expected_end"] is not None
            and row["expected_end"] > row["target_date"])


async def due_reminders(now: dt.datetime) -> list[Reminder]:
    """What is due at ``now`` (a Moscow date is what counts)."""
    today = now.astimezone(MOSCOW).date()
    lead = int(await get_parameter(LEAD_DAYS.key))
    calendar = await calendar_for(today - dt.timedelta(days=60), today + dt.timedelta(days=60))
    horizon = calendar.add_working_days(today, lead) if lead > 0 else today
    rows = await Act.select(
        Act.id, Act.number, Act.title, Act.stage, Act.stage_started, Act.stage_deadline, Act.executor,
        Act.department, Act.plan_status, Act.target_date, Act.expected_end,
    ).where((Act.status == "active") & (
        (Act.stage_deadline.is_not_null() & (Act.stage_deadline <= horizon))
        | Act.plan_status.is_in(["off_track", "overdue"])
    ))
    reminders: list[Reminder] = []
    heads_by_department: dict[int, list[int]] = {}
    for row in rows:
        link, stage = f"/acts/{row['id']}", quoted(row["stage"])
        base_key = f"acts:{row['id']}:{row['stage']}:{row['stage_started']}"
        deadline = row["stage_deadline"]
        if deadline is not None and row["executor"] is not None:
            if today > deadline:
                reminders.append(Reminder(
                    f"{base_key}:overdue", row["executor"], DEADLINE_KIND.code,
                    f"Срок этапа {stage} истёк {deadline:%d.%m.%Y}",
                    f"Проект {_act_line(row)}: срок этапа {stage} истёк {deadline:%d.%m.%Y}. "
                    "Завершите этап или сообщите координатору о причине задержки.", link))
            elif deadline <= horizon:
                left = calendar.working_days_between(today, deadline)
                reminders.append(Reminder(
                    f"{base_key}:before", row["executor"], DEADLINE_KIND.code,
                    f"Срок этапа {stage} истекает {deadline:%d.%m.%Y}",
                    f"Проект {_act_line(row)}: срок этапа {stage} истекает {deadline:%d.%m.%Y}"
                    + (f" (осталось {count(left, 'рабочий день', 'рабочих дня', 'рабочих дней')})." if left > 0
                       else " — сегодня."), link))
        if _behind(row) and row["department"] is not None:
            if row["department"] not in heads_by_department:
                heads = await Employee.select(Employee.id).where(
                    (Employee.department == row["department"]) & Employee.active.eq(True)
                    & Employee.roles.like("%head%"))
                heads_by_department[row["department"]] = [h["id"] for h in heads]
            expected = row["expected_end"]
            for head in heads_by_department[row["department"]]:
                reminders.append(Reminder(
                    f"{base_key}:off_track:{head}", head, OFF_TRACK_KIND.code,
                    f"Проект {row['number']} отстаёт от плана",
                    f"Проект {_act_line(row)} на этапе {stage} не успевает к целевому сроку "
                    f"{row['target_date']:%d.%m.%Y}" + (f": ожидаемое окончание {expected:%d.%m.%Y}." if expected
                                                       else "."), link))
    return reminders


register_source("acts.deadlines", due_reminders)
