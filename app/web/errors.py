"""The one error-handling path: JSON for /api, a toast for htmx, a Russian page for browsers.

Internal errors are logged with their traceback and shown to the user as a plain apology; no
exception text reaches the page.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, ValidationException
from litestar.response import Redirect
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from app.auth.sessions import session_expired
from app.db import StaleVersion
from app.web.templating import render

log = logging.getLogger("trajectory.errors")

MESSAGES = {
    400: "Запрос содержит неверные данные.",
    401: "Войдите в систему, чтобы продолжить.",
    403: "Недостаточно прав для этого действия.",
    404: "Страница не найдена. Возможно, она была удалена или у вас нет к ней доступа.",
    405: "Такое действие здесь не поддерживается.",
    409: "Запись уже изменил другой пользователь. Обновите страницу.",
    413: "Слишком большой запрос.",
    415: "Неподдерживаемый формат данных.",
    422: "Проверьте введённые данные.",
    429: "Слишком много попыток. Подождите и повторите.",
    500: "Внутренняя ошибка. Мы уже знаем о ней; попробуйте повторить позже.",
    503: "Сервис временно недоступен. Попробуйте позже.",
}
CSRF_MESSAGE = "Форма устарела или открыта в другой вкладке. Обновите страницу и повторите действие."
TITLES = {404: "Страница не найдена", 403: "Доступ запрещён", 500: "Внутренняя ошибка"}


def _has_cyrillic(text: str) -> bool:
    return any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text)


def user_message(exc: Exception, status: int) -> str:
    """Our own exceptions carry Russian text; Litestar's English defaults are replaced."""
    if isinstance(exc, HTTPException):
        if "CSRF" in exc.detail:
            return CSRF_MESSAGE
        if _has_cyrillic(exc.detail):
            return exc.detail
    return MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _login_url(request: Request) -> str:
    path = request.url.path
    query = f"?{request.url.query}" if request.url.query else ""
    if request.method == "GET" and path not in ("/", "/login"):
        return f"/login?next={quote(path + query)}"
    return "/login"


def _names_a_bad_path(exc: ValidationException) -> bool:
    """A path parameter out of its range (e.g. an id beyond the key type) names nothing: 404, not 400."""
    extra = exc.extra if isinstance(exc.extra, list) else []
    return any(isinstance(item, dict) and item.get("source") == "path" for item in extra)


def handle_exception(request: Request, exc: Exception) -> Response:
    if isinstance(exc, StaleVersion):
        exc = HTTPException(status_code=409, detail=MESSAGES[409])
    if isinstance(exc, ValidationException) and _names_a_bad_path(exc):
        exc = HTTPException(status_code=404, detail=MESSAGES[404])
    status = exc.status_code if isinstance(exc, HTTPException) else HTTP_500_INTERNAL_SERVER_ERROR
    if status >= 500:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    message = user_message(exc, status)
    if isinstance(exc, ValidationException) and _is_api(request):
        return Response({"error": message, "status": status, "fields": exc.extra}, status_code=status)
    if _is_api(request):
        return Response({"error": message, "status": status}, status_code=status, media_type=MediaType.JSON)
    expired = session_expired(request)
    if isinstance(exc, NotAuthorizedException):
        location = "/session-expired" if expired else _login_url(request)
        if _is_htmx(request):
            return Response("", status_code=200, headers={"HX-Redirect": location})
        return Redirect(location)
    if _is_htmx(request):
        return render(
            request,
            "_toast.html",
            {"message": message, "level": "error"},
            status_code=status,
            headers={"HX-Retarget": "#toasts", "HX-Reswap": "beforeend"},
        )
    return render(
        request,
        "error.html",
        {"status": status, "title": TITLES.get(status, "Ошибка"), "message": message},
        status_code=status,
    )


EXCEPTION_HANDLERS = {Exception: handle_exception}
