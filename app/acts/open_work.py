"""Acts as open work of leavers: what a disabled executor still holds, for their head to reassign."""

from __future__ import annotations

from app.acts.stages import Stage
from app.acts.tables import Act
from app.people.leavers import OpenWorkItem, register_open_work_source
from app.web.formatting import format_date

OPEN_STATUSES = ("active", "suspended")


async def acts_held_by(employee_ids: list[int]) -> list[OpenWorkItem]:
    if not employee_ids:
        return []
    rows = await Act.select(Act.id, Act.number, Act.title, Act.executor, Act.stage, Act.stage_deadline,
                            Act.status).where(
        Act.executor.is_in(employee_ids) & Act.status.is_in(list(OPEN_STATUSES))
    ).order_by(Act.stage_deadline)
    return [
        OpenWorkItem(
            employee_id=row["executor"],
            title=f"Проект НПА {row['number']}: {row['title']}",
            url=f"/acts/{row['id']}",
            detail=f"этап: {Stage(row['stage']).label.lower()}, срок этапа {format_date(row['stage_deadline'])}"
            + (" (приостановлен)" if row["status"] == "suspended" else ""),
        )
        for row in rows
    ]


register_open_work_source("acts", acts_held_by)
