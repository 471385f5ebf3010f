"""JSON API of draft acts under ``/api/v1/acts``: list with filters and paging, detail, transitions, approvals.

The same services and the same policy as the pages: invisible acts are 404, refusals 422 with the Russian
message, stale versions 409 — all through the one error path (JSON for /api). CSRF applies: clients send
the token in the ``x-csrftoken`` header.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, ClassVar

from litestar import Controller, Request, get, post
from litestar.params import FromQuery, JSONBody, QueryParameter

from app.acts import listing, service, view
from app.acts.actor import ActionRefused, actor_for
from app.web.client import client_address
from app.web.params import MAX_SERIAL, ObjectId


@dataclass
class ActSummary:
    id: int
    number: str
    title: str
    kind: str
    kind_label: str
    stage: str
    stage_label: str
    status: str
    department_id: int
    department: str
    executor_id: int | None
    executor: str | None
    target_date: dt.date | None
    stage_deadline: dt.date | None
    plan_status: str
    version: int


@dataclass
class ActPage:
    items: list[ActSummary]
    total: int
    page: int
    pages: int


@dataclass
class ApprovalRow:
    department_id: int
    department: str
    answer: str | None
    reason: str


@dataclass
class TransitionOption:
    target: str
    label: str
    outcome: str
    reason_required: bool
    blocked_by: str | None


@dataclass
class ActDetail:
    act: ActSummary
    holder: str
    text_version: int
    signed: bool
    approvals: list[ApprovalRow]
    transitions: list[TransitionOption]


@dataclass
class TransitionRequest:
    target: str
    reason: str = ""
    outcome: str = ""
    version: int | None = None


@dataclass
class ApprovalRequest:
    department_id: int
    answer: str
    reason: str = ""


def _summary(row: dict) -> ActSummary:
    return ActSummary(row["id"], row["number"], row["title"], row["kind"], row["kind_label"], row["stage"],
                      row["stage_label"], row["status"], row["department"], row["department_name"], row["executor"],
                      row["executor_name"], row["target_date"], row["stage_deadline"], row["plan_status"],
                      row["version"])


def _key(value: int | None, label: str) -> int | None:
    """An id or version from a JSON body: a serial key, or a Russian refusal (never a database overflow)."""
    if value is not None and not 1 <= value <= MAX_SERIAL:
        raise ActionRefused(f"Неверное значение поля «{label}».")
    return value


def _short(value: str, limit: int) -> str:
    return value.replace("\x00", "")[:limit]


class ActsApiController(Controller):
    path = "/api/v1/acts"
    tags: ClassVar[list[str]] = ["Проекты НПА"]

    @get("/", summary="Проекты НПА, доступные пользователю")
    async def list_acts(
        self, request: Request, q: FromQuery[str] = "", number: FromQuery[str] = "", stage: FromQuery[str] = "",
        kind: FromQuery[str] = "", department: FromQuery[str] = "", status: FromQuery[str] = "",
        plan: FromQuery[str] = "",
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=100)] = 25,
    ) -> ActPage:
        departments = await service.department_choices()
        values = {"q": q, "number": number, "stage": stage, "kind": kind, "department": department,
                  "status": status, "plan": plan, "page": str(page)}
        filters, errors = listing.read_filters(values, {d["id"] for d in departments})
        if errors:
            raise ActionRefused(" ".join(errors.values()))
        result = await listing.search(await actor_for(request.user, client_address(request)), filters, page_size)
        return ActPage([_summary(r) for r in result.rows], result.total, result.page, result.pages)

    async def _detail(self, request: Request, act_id: int) -> ActDetail:
        page = await view.act_page(await actor_for(request.user, client_address(request)), act_id)
        act = page["act"]
        return ActDetail(
            _summary(act), page["holder"], act["text_version"], act["signed"],
            [ApprovalRow(a["department"], a["name"], a["answer"], a["reason"]) for a in page["approvals"]],
            [TransitionOption(t.target, t.label, t.outcome, t.reason_required, t.blocked_by) for t in page["transitions"]],
        )

    @get("/{act_id:int}", summary="Карточка проекта")
    async def detail(self, request: Request, act_id: ObjectId) -> ActDetail:
        return await self._detail(request, act_id)

    @post("/{act_id:int}/transitions", summary="Перевести проект на другой этап", status_code=200)
    async def transition(self, request: Request, act_id: ObjectId, data: JSONBody[TransitionRequest]) -> ActDetail:
        actor = await actor_for(request.user, client_address(request))
        await service.transition(actor, act_id, _short(data.target, 40), _short(data.reason, 5000),
                                 _short(data.outcome, 40), _key(data.version, "version"))
        return await self._detail(request, act_id)

    @post("/{act_id:int}/approvals", summary="Ответ департамента на внутреннем согласовании", status_code=200)
    async def approval(self, request: Request, act_id: ObjectId, data: JSONBody[ApprovalRequest]) -> ActDetail:
        actor = await actor_for(request.user, client_address(request))
        await service.answer(actor, act_id, _key(data.department_id, "department_id"), _short(data.answer, 40), _short(data.reason, 5000))
        return await self._detail(request, act_id)
