"""The personal iCalendar feed: a valid .ics of the user's deadlines behind a secret token stored as a hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import icalendar

from tests.conftest import csrf_token
from tests.integration.test_acts_plan import TODAY, call, make_act, signed_in, world  # noqa: F401  (fixture)


async def _tokens() -> list[dict]:
    from app.acts.tables import CalendarFeedToken

    return await CalendarFeedToken.select().order_by(CalendarFeedToken.id)


def test_feed_lists_my_deadlines_and_dies_when_revoked(client, world, call):  # noqa: F811
    from app.acts import plans

    mine = call(make_act, world["policy"], world["executor"], target=TODAY + dt.timedelta(days=200),
                   title="Об утверждении порядка")
    call(make_act, world["policy"], world["employee"], number="НП-2026/0002", title="Чужой проект")
    call(plans.recompute_all)
    signed_in(client, "executor")
    assert client.get("/acts/calendar").status_code == 200
    created = client.post("/acts/calendar/token", data={"_csrf_token": csrf_token(client)})
    assert created.status_code == 200
    url = re.search(r"https?://[^<\s]+/acts/calendar/([A-Za-z0-9_-]+)\.ics", created.text)
    assert url, created.text
    token = url.group(1)
    [stored] = call(_tokens)
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest() and token not in str(stored)

    client.cookies.clear()  # the feed needs no session
    feed = client.get(f"/acts/calendar/{token}.ics")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = [c for c in calendar.walk("VEVENT")]
    summaries = sorted(str(e["summary"]) for e in events)
    assert summaries == ["НП-2026/0001: срок этапа «Разработка»", "НП-2026/0001: целевой срок"]
    deadline = next(e for e in events if "этапа" in str(e["summary"]))
    assert deadline.decoded("dtstart") == call(plans.plan_for, mine).stage_deadline
    assert "Чужой проект" not in feed.text

    assert client.get("/acts/calendar/unknown-token.ics").status_code == 404
    assert client.get(f"/acts/calendar/{token}").status_code == 404
    assert client.get("/acts/calendar/" + "x" * 150 + ".ics").status_code == 404
    signed_in(client, "executor")
    revoked = client.post("/acts/calendar/revoke", data={"_csrf_token": csrf_token(client)}, follow_redirects=False)
    assert revoked.status_code == 303
    assert client.get(f"/acts/calendar/{token}.ics").status_code == 404
    assert "Действующей ссылки нет" in client.get("/acts/calendar").text


def test_a_new_token_replaces_the_old_one(client, world, call):  # noqa: F811
    signed_in(client, "executor")
    first = re.search(r"/acts/calendar/([A-Za-z0-9_-]+)\.ics",
                      client.post("/acts/calendar/token", data={"_csrf_token": csrf_token(client)}).text).group(1)
    second = re.search(r"/acts/calendar/([A-Za-z0-9_-]+)\.ics",
                       client.post("/acts/calendar/token", data={"_csrf_token": csrf_token(client)}).text).group(1)
    assert first != second
    assert client.get(f"/acts/calendar/{first}.ics").status_code == 404
    assert client.get(f"/acts/calendar/{second}.ics").status_code == 200
    client.cookies.clear()
    assert client.get("/acts/calendar", follow_redirects=False).status_code in (302, 303, 401)
