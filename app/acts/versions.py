"""Text versions of an act: upload (.docx or .pdf, checked by content, at most 20 MB) and download.

The file bytes go into ``ActTextVersion`` in the same transaction as the act's new version number and the
audit record, so a failed request leaves nothing behind. A new version resets the approvals (answers are
per version) and the signature (``workflow.new_text_version``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

from litestar.exceptions import NotFoundException

from app import db
from app.acts.actor import ActionRefused, Actor, managed_act, record, visible_act
from app.acts.events import ActChange, act_changed
from app.acts.state import approvals_of, row_values, state_from
from app.acts.tables import Act, ActTextVersion
from app.acts.workflow import ActRefused, new_text_version

MAX_BYTES = 20 * 1024 * 1024
MAX_NAME = 200
TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".pdf": "application/pdf"}


def check_file(filename: str, content: bytes) -> str:
    """The content type of an acceptable file, or ``ActionRefused`` saying what is wrong."""
    name = filename.strip()
    if not name:
        raise ActionRefused("Выберите файл текста проекта.")
    if len(name) > MAX_NAME or "\x00" in name:
        raise ActionRefused("Слишком длинное или недопустимое имя файла.")
    if not content:
        raise ActionRefused("Файл пустой.")
    if len(content) > MAX_BYTES:
        raise ActionRefused("Файл больше 20 МБ: загрузите файл меньшего размера.")
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    if suffix not in TYPES:
        raise ActionRefused("Можно загрузить только файлы .docx и .pdf.")
    if suffix == ".pdf" and not content.startswith(b"%PDF-"):
        raise ActionRefused("Файл не похож на PDF: проверьте, что загружаете нужный документ.")
    if suffix == ".docx":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise zipfile.BadZipFile
        except (zipfile.BadZipFile, ValueError, OSError):
            raise ActionRefused("Файл не похож на документ Word (.docx): проверьте, что загружаете нужный документ.") from None
    return TYPES[suffix]


async def upload(actor: Actor, act_id: int, filename: str, content: bytes, note: str = "") -> int:
    """Store a new text version; returns its number."""
    content_type = check_file(filename, content)
    async with db.write_transaction():
        row, _facts, via = await managed_act(actor, act_id)
        required, answers = await approvals_of(act_id, row["text_version"])
        state = state_from(row, required, answers)
        try:
            new = new_text_version(state)
        except ActRefused as error:
            raise ActionRefused(str(error)) from None
        number = row["text_version"] + 1
        digest = hashlib.sha256(content).hexdigest()
        await ActTextVersion.insert(ActTextVersion(
            act=act_id, number=number, filename=filename.strip()[:MAX_NAME], content_type=content_type,
            size=len(content), sha256=digest, content=content, note=note, uploaded_by=actor.user.id))
        await db.update_versioned(Act, act_id, row["version"], {
            **row_values(new), Act.text_version: number, Act.updated_at: dt.datetime.now(dt.UTC)})
        await record(actor, via, "acts.version_uploaded", act_id,
                     f"{row['number']}: загружена версия {number} текста ({filename.strip()[:MAX_NAME]})",
                     {"text_version": row["text_version"], "signed": row["signed"]},
                     {"text_version": number, "sha256": digest, "size": len(content), "signed": False})
    await act_changed(ActChange(act_id, "acts.version_uploaded", actor.user.id, str(number)))
    return number


async def versions_of(act_id: int) -> list[dict]:
    return await ActTextVersion.select(
        ActTextVersion.number, ActTextVersion.filename, ActTextVersion.size, ActTextVersion.note,
        ActTextVersion.uploaded_at, ActTextVersion.uploaded_by.full_name.as_alias("uploaded_by_name"),
    ).where(ActTextVersion.act == act_id).order_by(ActTextVersion.number, ascending=False)


async def download(actor: Actor, act_id: int, number: int) -> dict:
    """The stored file, for whoever may see the act."""
    await visible_act(actor, act_id)
    row = await ActTextVersion.select().where((ActTextVersion.act == act_id) & (ActTextVersion.number == number)).first()
    if row is None:
        raise NotFoundException("Не найдено")
    return row
