"""Whether the directory answers, remembered for a short while so the sign-in page stays fast."""

from __future__ import annotations

import time

from app.auth.directory import Directory

CACHE_SECONDS = 30


class DirectoryStatus:
    """``check()`` -> "off" (LDAP not configured), "up" or "down"."""

    def __init__(self, directory: Directory | None) -> None:
        self.directory = directory
        self._state: str | None = None
        self._checked_at = 0.0

    def mark_down(self) -> None:
        self._state, self._checked_at = "down", time.monotonic()

    async def check(self) -> str:
        if self.directory is None:
            return "off"
        if self._state is None or time.monotonic() - self._checked_at > CACHE_SECONDS:
            self._state = "up" if await self.directory.ping() else "down"
            self._checked_at = time.monotonic()
        return self._state
