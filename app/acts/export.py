"""Excel exports of the act list and of one act card (openpyxl), with the same data the pages show.

Cells that begin with "=", "+", "-" or "@" are written as text with a leading apostrophe, so a title
cannot become a formula in someone's spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.web.formatting import format_date, format_datetime

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value
    return value


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list], widths: list[int]):
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return sheet


def _bytes(book: Workbook) -> bytes:
    del book[book.sheetnames[0]]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def act_list(rows: list[dict]) -> bytes:
    book = Workbook()
    _sheet(book, "Проекты НПА", ["Номер", "Название", "Вид", "Департамент", "Исполнитель", "Этап", "Состояние",
                                 "Срок этапа", "Целевой срок", "Статус плана"],
           [[r["number"], r["title"], r["kind_label"], r["department_name"], r["executor_name"], r["stage_label"],
             r["status_label"], r["stage_deadline"], r["target_date"], r["plan_label"]] for r in rows],
           [14, 60, 30, 30, 28, 26, 14, 12, 12, 14])
    return _bytes(book)


def act_card(page: dict) -> bytes:
    act = page["act"]
    book = Workbook()
    facts = [("Номер", act["number"]), ("Название", act["title"]), ("Вид", act["kind_label"]),
             ("Департамент", act["department_name"]), ("Исполнитель", act["executor_name"]),
             ("Этап", act["stage_label"]), ("Состояние", act["status_label"]), ("У кого сейчас", page["holder"]),
             ("Срок этапа", act["stage_deadline"]), ("Целевой срок", act["target_date"]),
             ("Статус плана", act["plan_label"]), ("Оптимистичный срок", act["optimistic_end"]),
             ("Ожидаемый срок", act["expected_end"]), ("Пессимистичный срок", act["pessimistic_end"]),
             ("Основание", act["basis"]), ("Версия текста", act["text_version"]),
             ("Рег. номер Минюста", act["justice_number"]), ("Дата регистрации", act["justice_date"])]
    _sheet(book, "Карточка", ["Поле", "Значение"], [list(f) for f in facts], [24, 80])
    _sheet(book, "Согласование", ["Департамент", "Ответ", "Причина", "Кто", "Когда"],
           [[a["name"], a["answer_label"], a["reason"], a["answered_by"], a["answered_at"]] for a in page["approvals"]],
           [36, 26, 50, 28, 18])
    _sheet(book, "История", ["Этап", "Начало", "Окончание", "Итог", "Причина", "Кто"],
           [[h["stage_label"], h["started_on"], h["ended_on"], h["outcome_label"], h["reason"], h["moved_by_name"]]
            for h in page["history"]], [30, 12, 12, 24, 50, 28])
    return _bytes(book)
