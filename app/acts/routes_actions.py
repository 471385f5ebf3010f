"""Form posts on one act page: edit, move, sign, answer, upload, remarks, disagreements, consultations, follow.

Each answers with a redirect back to the act page (303) on success; a refused action (a workflow rule,
an invalid field) re-renders the act page with the Russian reason and status 422, so nothing is lost
and nothing is written. Invisible acts are 404, stale versions 409 — through the one error path.
"""

from __future__ import annotations

from urllib.parse import quote

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import PermissionDeniedException
from litestar.response import Redirect, Response, Template

from app.acts import discussion, service, versions, view
from app.acts.actor import ActionRefused, actor_for
from app.acts.forms import flag, parse_id, read_act
from app.acts.routes import act_context, form_page
from app.people.deputies import parse_date
from app.web.client import client_address
from app.web.forms import BadForm, read_form
from app.web.params import ObjectId
from app.web.templating import render

UPLOAD_BODY_LIMIT = versions.MAX_BYTES + 1024 * 1024


def _id(values: dict[str, str], name: str, label: str) -> int:
    parsed = parse_id(values.get(name, ""))
    if parsed is None:
        raise ActionRefused(f"Не указано или неверно поле «{label}».")
    return parsed


def _optional_id(values: dict[str, str], name: str, label: str) -> int | None:
    return _id(values, name, label) if values.get(name, "").strip() else None


def _text(values: dict[str, str], name: str, limit: int = 5000) -> str:
    value = values.get(name, "").strip()
    if len(value) > limit or "\x00" in value:
        raise ActionRefused("Текст слишком длинный или содержит недопустимые символы.")
    return value


class ActActionsController(Controller):
    path = "/acts/{act_id:int}"

    async def _do(self, request: Request, act_id: int, action, anchor: str = "") -> Template | Redirect:
        actor = await actor_for(request.user, client_address(request))
        try:
            values = await read_form(request)
            await action(actor, values)
        except ActionRefused as refused:
            context = await act_context(actor, act_id, refused.detail)
            return render(request, "acts/act.html", context, status_code=422)
        return Redirect(f"/acts/{act_id}{anchor}", status_code=303)

    @get("/edit")
    async def edit_page(self, request: Request, act_id: ObjectId) -> Template:
        actor = await actor_for(request.user, client_address(request))
        page = await view.act_page(actor, act_id)
        act = page["act"]
        if not page["can_manage"]:
            raise PermissionDeniedException("Менять проект могут исполнитель, руководитель ответственного "
                                            "департамента и координатор.")
        values = {k: act[k] for k in ("title", "kind", "basis", "ria_degree", "justice_number")}
        values.update({k: "on" if act[k] else "" for k in ("needs_notice", "needs_ria", "needs_interagency",
                                                            "mandatory_requirements", "restricted")})
        values.update(department=str(act["department"]), executor=str(act["executor"] or ""), version=str(act["version"]),
                      target_date=act["target_date"].isoformat() if act["target_date"] else "",
                      justice_date=act["justice_date"].isoformat() if act["justice_date"] else "")
        values.update({f"approver_{a['department']}": "on" for a in page["approvals"]})
        return await form_page(request, "acts/edit.html", values, {}, extra={"act": act})

    @post("/edit")
    async def edit(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        values = await read_form(request)
        departments, employees = await service.choice_ids()
        data, errors = read_act(values, departments, employees)
        version = parse_id(values.get("version", ""))
        if version is None:
            errors["version"] = "Обновите страницу: не указана версия записи."
        if data is None or version is None:
            actor = await actor_for(request.user, client_address(request))
            page = await act_context(actor, act_id)  # 404 for an invisible act before showing any form
            return await form_page(request, "acts/edit.html", values, errors, 422, {"act": page["act"]})
        await service.edit(await actor_for(request.user, client_address(request)), act_id, version, data)
        return Redirect(f"/acts/{act_id}", status_code=303)

    @post("/transition")
    async def transition(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        async def act(actor, values):
            version = parse_id(values.get("version", ""))
            await service.transition(actor, act_id, _text(values, "target", 40), _text(values, "reason"),
                                     _text(values, "outcome", 40), version)
        return await self._do(request, act_id, act)

    @post("/sign")
    async def sign(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        return await self._do(request, act_id, lambda actor, values: service.sign(
            actor, act_id, parse_id(values.get("version", ""))))

    @post("/extend")
    async def extend(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        return await self._do(request, act_id, lambda actor, values: service.extend(
            actor, act_id, parse_id(values.get("version", ""))))

    @post("/approvals")
    async def approval(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        return await self._do(request, act_id, lambda actor, values: service.answer(
            actor, act_id, _id(values, "department", "Департамент"), _text(values, "answer", 40),
            _text(values, "reason")), "#approvals")

    @post("/versions", request_max_body_size=UPLOAD_BODY_LIMIT)
    async def upload(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        async def act(actor, _values):
            try:
                form = await request.form()
            except Exception as exc:
                raise BadForm("Не удалось прочитать данные формы. Обновите страницу и отправьте её снова.") from exc
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ActionRefused("Выберите файл текста проекта.")
            note = form.get("note")
            content = await upload.read()
            await versions.upload(actor, act_id, upload.filename or "", content,
                                  _text({"note": note if isinstance(note, str) else ""}, "note", 500))

        actor = await actor_for(request.user, client_address(request))
        try:
            await act(actor, {})
        except ActionRefused as refused:
            return render(request, "acts/act.html", await act_context(actor, act_id, refused.detail), status_code=422)
        return Redirect(f"/acts/{act_id}#versions", status_code=303)

    @get("/versions/{number:int}")
    async def download(self, request: Request, act_id: ObjectId, number: ObjectId) -> Response:
        row = await versions.download(await actor_for(request.user, client_address(request)), act_id, number)
        return Response(row["content"], media_type=row["content_type"], headers={
            "content-disposition": f"attachment; filename=\"version-{number}\"; filename*=UTF-8''{quote(row['filename'])}",
            "x-content-type-options": "nosniff"})

    @post("/remarks")
    async def remark(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        return await self._do(request, act_id, lambda actor, values: discussion.add_remark(
            actor, act_id, _text(values, "body"), _optional_id(values, "parent", "Ответ на")), "#remarks")

    @post("/disagreements")
    async def disagreement(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        return await self._do(request, act_id, lambda actor, values: discussion.add_disagreement(
            actor, act_id, _text(values, "remark"), _text(values, "organisation", 300),
            _optional_id(values, "department", "Департамент")), "#disagreements")

    @post("/disagreements/{row_id:int}")
    async def disagreement_answer(self, request: Request, act_id: ObjectId, row_id: ObjectId) -> Template | Redirect:
        return await self._do(request, act_id, lambda actor, values: discussion.answer_disagreement(
            actor, act_id, row_id, _id(values, "version", "Версия"), _text(values, "answer"),
            flag(values, "resolved")), "#disagreements")

    @post("/consultations")
    async def consultation(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        async def act(actor, values):
            raw_due = _text(values, "due_on", 20)
            due = parse_date(raw_due) if raw_due else None
            if raw_due and due is None:
                raise ActionRefused("Срок ответа — дата в формате дд.мм.гггг.")
            await discussion.ask(actor, act_id, _id(values, "department", "Департамент"), _text(values, "question"), due)
        return await self._do(request, act_id, act, "#consultations")

    @post("/consultations/{consultation_id:int}")
    async def consultation_answer(self, request: Request, act_id: ObjectId,
                                  consultation_id: ObjectId) -> Template | Redirect:
        return await self._do(request, act_id, lambda actor, values: discussion.answer_consultation(
            actor, act_id, consultation_id, _text(values, "answer")), "#consultations")

    @post("/follow")
    async def follow(self, request: Request, act_id: ObjectId) -> Template | Redirect:
        return await self._do(request, act_id, lambda actor, values: discussion.follow(
            actor, act_id, values.get("on", "1") != "0"), "#followers")
