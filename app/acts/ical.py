"""A personal iCalendar feed of the deadlines of the acts a user holds, behind a revocable secret token.

Why a token in the URL: calendar programs cannot sign in, so the URL itself is the credential. Only the
token's SHA-256 is stored (a leaked database does not leak feeds); a person has at most one live token —
making a new one revokes the old, and revoking makes the URL answer 404 like any unknown one.
Events are all-day: the current stage's deadline and the act's target date, read from the plan cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import icalendar

from app import db
from app.acts.stages import quoted
from app.acts.tables import Act, CalendarFeedToken
from app.audit import service as audit
from app.auth.roles import CurrentUser
from app.people.tables import Employee

TOKEN_BYTES = 32
MAX_TOKEN = 100


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def active_token(employee_id: int) -> dict | None:
    return await CalendarFeedToken.select().where(
        (CalendarFeedToken.employee == employee_id) & CalendarFeedToken.revoked_at.is_null()
    ).first()


async def _revoke_all(employee_id: int, now: dt.datetime) -> int:
    revoked = await CalendarFeedToken.update({CalendarFeedToken.revoked_at: now}).where(
        (CalendarFeedToken.employee == employee_id) & CalendarFeedToken.revoked_at.is_null()
    ).returning(CalendarFeedToken.id)
    return len(revoked)


async def create_token(user: CurrentUser, address: str = "") -> str:
    """A new secret (shown once); any earlier token of the user stops working."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = dt.datetime.now(dt.UTC)
    async with db.write_transaction():
        await _revoke_all(user.id, now)
        await CalendarFeedToken.insert(CalendarFeedToken(employee=user.id, token_hash=token_hash(token)))
        await audit.record("acts.calendar_token_created", actor_id=user.id, actor_name=user.full_name,
                           object_type="calendar_feed", object_id=user.id,
                           summary="Создана ссылка на личный календарь сроков", client_address=address)
    return token


async def revoke_tokens(user: CurrentUser, address: str = "") -> int:
    async with db.write_transaction():
        revoked = await _revoke_all(user.id, dt.datetime.now(dt.UTC))
        if revoked:
            await audit.record("acts.calendar_token_revoked", actor_id=user.id, actor_name=user.full_name,
                               object_type="calendar_feed", object_id=user.id,
                               summary="Ссылка на личный календарь сроков отозвана", client_address=address)
    return revoked


async def employee_for_token(token: str) -> int | None:
    """The active employee whose live token this is, or None (unknown, revoked, malformed, left)."""
    if not token or len(token) > MAX_TOKEN or not token.isascii():
        return None
    row = await CalendarFeedToken.select(CalendarFeedToken.employee).where(
        (CalendarFeedToken.token_hash == token_hash(token)) & CalendarFeedToken.revoked_at.is_null()
        & CalendarFeedToken.employee.active.eq(True)
    ).first()
    return row["employee"] if row else None


def _event(uid: str, day: dt.date, summary: str, description: str, url: str, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


async def feed(employee_id: int, base_url: str) -> bytes:
    """The .ics body: deadlines of the open acts the employee holds."""
    person = await Employee.select(Employee.full_name).where(Employee.id == employee_id).first()
    rows = await Act.select(
        Act.id, Act.number, Act.title, Act.stage, Act.stage_started, Act.stage_deadline, Act.target_date,
    ).where((Act.executor == employee_id) & (Act.status == "active")).order_by(Act.number)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Траектория//Сроки проектов НПА//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Сроки проектов НПА — {person['full_name'] if person else ''}".strip(" —"))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    host = base_url.rstrip("/")
    for row in rows:
        url = f"{host}/acts/{row['id']}"
        if row["stage_deadline"]:
            cal.add_component(_event(
                f"act-{row['id']}-{row['stage']}-{row['stage_started']}@trajectory", row["stage_deadline"],
                f"{row['number']}: срок этапа {quoted(row['stage'])}",
                f"{row['title']}\nЭтап {quoted(row['stage'])} начат {row['stage_started']:%d.%m.%Y}.", url, stamp))
        if row["target_date"]:
            cal.add_component(_event(
                f"act-{row['id']}-target@trajectory", row["target_date"], f"{row['number']}: целевой срок",
                f"{row['title']}\nЦелевой срок проекта.", url, stamp))
    return cal.to_ical()
