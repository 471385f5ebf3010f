"""The pure throttling rule for failed sign-ins.

Counted per (user name, client address) pair, not per user name alone: otherwise anyone could lock
the minister out by typing wrong passwords under the minister's name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    locked: bool
    retry_after: dt.timedelta = dt.timedelta(0)


def throttle_key(username: str) -> str:
    """The user-name half of the key: case and surrounding spaces do not make a new pair."""
    return username.strip().casefold()


def verdict(
    failures: Iterable[dt.datetime],
    last_success: dt.datetime | None,
    now: dt.datetime,
    max_failures: int,
    lockout: dt.timedelta,
) -> Verdict:
    """Locked when ``max_failures`` failures since the last success fall within ``lockout`` of now.

    The lock lasts ``lockout`` from the newest counted failure.
    """
    since = now - lockout
    if last_success is not None and last_success > since:
        since = last_success
    recent = sorted(t for t in failures if t > since)
    if len(recent) < max_failures:
        return Verdict(False)
    return Verdict(True, recent[-1] + lockout - now)
