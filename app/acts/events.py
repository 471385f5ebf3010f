"""After an act changes: the hook through which plans are recomputed and followers are told.

The act service calls ``act_changed`` after its transaction commits; the plan and notification modules
register what they do with ``on_act_changed``. A failing handler is logged and does not undo the change.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActChange:
    act_id: int
    action: str
    """What happened, as in the audit trail (e.g. "acts.transition", "acts.version_uploaded")."""
    actor_id: int | None = None
    summary: str = ""


Handler = Callable[[ActChange], Awaitable[None]]
_handlers: dict[str, Handler] = {}


def on_act_changed(name: str, handler: Handler) -> None:
    """Register ``handler`` under ``name`` (registering a name again replaces it)."""
    _handlers[name] = handler


async def act_changed(change: ActChange) -> None:
    for name, handler in list(_handlers.items()):
        try:
            await handler(change)
        except Exception:  # a plan or a notification must never undo a committed change
            log.exception("act change handler %s failed for act %s", name, change.act_id)
