"""When an act enters into force, and which years the production calendar does not know yet.

Entry into force (DOMAIN.md §3; Указ Президента РФ № 763; 247-ФЗ art. 3):
- "по истечении N дней после дня официального опубликования" — the N days are counted from the day after
  publication, so the act is in force on day N + 1: published 01.07, ten days → in force 12.07;
- N = 0 means "from that day" (an order without registration from signing; a restricted act from
  registration);
- an act with mandatory requirements: only on 1 March or 1 September, and not before the 90 days after
  publication have run out (day 91 at the earliest);
- a date set by the act itself wins (never before the base date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from functools import cache

from app.calendar.workdays import official_holidays, official_working_weekends

MANDATORY_REQUIREMENTS_DELAY_DAYS = 90
MANDATORY_REQUIREMENTS_DATES = ((3, 1), (9, 1))


def after_days(base: dt.date, days: int) -> dt.date:
    """In force "по истечении ``days`` дней после дня" ``base``; ``days == 0`` means from ``base`` itself."""
    return base if days <= 0 else base + dt.timedelta(days=days + 1)


def mandatory_requirements_date(published: dt.date) -> dt.date:
    """The first 1 March or 1 September on or after day 91 after publication (247-ФЗ)."""
    earliest = after_days(published, MANDATORY_REQUIREMENTS_DELAY_DAYS)
    for year in (earliest.year, earliest.year + 1):
        for month, day in MANDATORY_REQUIREMENTS_DATES:
            if (candidate := dt.date(year, month, day)) >= earliest:
                return candidate
    raise AssertionError("unreachable: 1 March of the next year is always later")


def entry_into_force(
    base: dt.date, days: int, *, mandatory_requirements: bool = False, fixed: dt.date | None = None
) -> dt.date:
    """The day of entry into force counted from ``base`` (publication, or registration / signing)."""
    if fixed is not None:
        return max(fixed, base)
    if mandatory_requirements:
        return mandatory_requirements_date(base)
    return after_days(base, days)


@cache
def _transfers_published(year: int) -> bool:
    names = official_holidays(year).values()
    return bool(official_working_weekends(year)) or any("(выходной)" in n or "перенесено" in n for n in names)


def years_without_transfers(years: Iterable[int], corrected_years: Collection[int] = ()) -> list[int]:
    """Years after the last one for which ``holidays.RU`` knows the transfers, minus those an administrator
    has corrected. Every year since the 1990s had some transfer, so "no transfer known" means "not yet
    published" rather than "none"."""
    wanted = sorted(set(years))
    if not wanted:
        return []
    latest = next((y for y in range(wanted[-1], wanted[-1] - 30, -1) if _transfers_published(y)), None)
    return [y for y in wanted if (latest is None or y > latest) and y not in corrected_years]
