"""The registry of reminder sources that ``trajectory remind`` asks for due reminders.

A source is ``async fn(now) -> list[Reminder]``: it looks at its own tables and says what is due at
``now``. It need not remember what it has already sent: each reminder carries a stable ``key`` (say
``acts.stage_due:42:drafting:2026-12-01``) and the service delivers a key at most once.

Features put their ``register_kind`` and ``register_source`` calls in ``app/<feature>/reminders.py``;
``discover()`` imports every such module, so neither the web app nor the command has to list them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import app

MAX_KEY = 300


@dataclass(frozen=True)
class Reminder:
    key: str
    recipient_id: int
    kind: str
    title: str
    body: str = ""
    link: str = ""


ReminderSource = Callable[[dt.datetime], Awaitable[list[Reminder]]]

_SOURCES: dict[str, ReminderSource] = {}
_discovered = False


def register_source(name: str, fn: ReminderSource | None = None):
    """``register_source("acts.deadlines", fn)``, or as a decorator ``@register_source("acts.deadlines")``."""

    def add(source: ReminderSource) -> ReminderSource:
        existing = _SOURCES.get(name)
        if existing is not None and existing is not source:
            raise ValueError(f"источник напоминаний «{name}» уже зарегистрирован")
        _SOURCES[name] = source
        return source

    return add(fn) if fn is not None else add


def unregister_source(name: str) -> None:
    """For tests that register throw-away sources."""
    _SOURCES.pop(name, None)


def registered_sources() -> dict[str, ReminderSource]:
    return dict(_SOURCES)


def discover() -> None:
    """Import ``app.<package>.reminders`` for every package that has one (once per process)."""
    global _discovered
    if _discovered:
        return
    for module in pkgutil.iter_modules(app.__path__):
        if module.ispkg and importlib.util.find_spec(f"app.{module.name}.reminders") is not None:
            importlib.import_module(f"app.{module.name}.reminders")
    _discovered = True
