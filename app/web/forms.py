"""Reading and checking submitted forms: one path for every form, Russian messages, no 500.

``read_form`` gives the first value of each field as text; files and undecodable input are refused.
A route checks its fields with ``FormErrors`` and re-renders the form with status 422.
"""

from __future__ import annotations

from litestar import Request
from litestar.datastructures import UploadFile
from litestar.exceptions import HTTPException

MAX_FIELD = 10_000


class BadForm(HTTPException):
    status_code = 400


async def read_form(request: Request) -> dict[str, str]:
    try:
        form = await request.form()
    except Exception as exc:  # malformed body or encoding: the client's fault, never ours
        raise BadForm("Не удалось прочитать данные формы. Обновите страницу и отправьте её снова.") from exc
    values: dict[str, str] = {}
    for key, value in form.multi_items():
        if key in values:
            continue
        if isinstance(value, UploadFile):
            raise BadForm(f"Поле «{key}» должно быть текстом, а не файлом.")
        values[key] = str(value)
    return values


class FormErrors(dict[str, str]):
    """Field name -> Russian message."""

    def text(
        self, values: dict[str, str], name: str, label: str, *, required: bool = True, max_length: int = 300
    ) -> str:
        """The field's value, stripped; records an error and returns "" when it is not acceptable."""
        value = values.get(name, "").strip()
        if "\x00" in value or any(ord(ch) < 32 and ch not in "\t\r\n" for ch in value):
            self[name] = f"Поле «{label}» содержит недопустимые символы."
            return ""
        if required and not value:
            self[name] = f"Заполните поле «{label}»."
            return ""
        if len(value) > min(max_length, MAX_FIELD):
            self[name] = f"Поле «{label}» длиннее {max_length} символов."
            return ""
        return value

    def choice_id(self, values: dict[str, str], name: str, label: str, allowed: set[int]) -> int | None:
        """An optional id that must be one of ``allowed`` (a select list); None when left empty."""
        raw = self.text(values, name, label, required=False, max_length=12)
        if not raw:
            return None
        if raw.isascii() and raw.isdigit() and int(raw) in allowed:
            return int(raw)
        self[name] = f"Поле «{label}»: выберите значение из списка."
        return None

    def page_number(self, values: dict[str, str], name: str = "page") -> int:
        """The requested page of a list: a positive whole number, 1 when absent."""
        raw = self.text(values, name, "Страница", required=False, max_length=6)
        if not raw:
            return 1
        if raw.isascii() and raw.isdigit() and int(raw) >= 1:
            return int(raw)
        self[name] = "Номер страницы — целое положительное число."
        return 1
