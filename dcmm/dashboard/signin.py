"""Logging in and out, and the language switch."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from dcmm.dashboard.accounts import authenticate
from dcmm.dashboard.guard import check_csrf, sign_in
from dcmm.dashboard.params import language_param
from dcmm.dashboard.web import dashboard, page
from dcmm.tracker.audit import audit

MAX_FIELD = 200


def _back(request: Request, fallback: str = "/") -> str:
    """Where to go back to: a path of this site only (never another host)."""
    target = request.query_params.get("next") or fallback
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else fallback


async def login(request: Request) -> Response:
    if request.method == "GET":
        return page(request, "dashboard/login.html.j2", {"failed": False, "blocked": False})
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    username, password = str(form.get("username") or "")[:MAX_FIELD], str(form.get("password") or "")[:MAX_FIELD]
    board = dashboard(request)
    address = request.client.host if request.client else "?"
    keys = (f"address:{address}", f"user:{username.lower()}")
    if board.limiter.blocked(*keys):
        return page(request, "dashboard/login.html.j2", {"failed": False, "blocked": True}, 429)
    from starlette.concurrency import run_in_threadpool

    found = await run_in_threadpool(authenticate, board.engine, username, password)
    if found is None:
        board.limiter.failed(*keys)
        await run_in_threadpool(audit, board.engine, username or "?", "login_failed", address)
        return page(request, "dashboard/login.html.j2", {"failed": True, "blocked": False}, 401)
    board.limiter.succeeded(*keys)
    sign_in(request, found)
    await run_in_threadpool(audit, board.engine, found.username, "login", address)
    return RedirectResponse(_back(request), status_code=303)


async def logout(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    language = request.session.get("lang")
    request.session.clear()
    if language:
        request.session["lang"] = language
    return RedirectResponse("/", status_code=303)


def switch_language(request: Request) -> Response:
    """``/lang?to=en&next=/path``: the session's language (a link, as changing it changes nothing stored)."""
    chosen = language_param(request.query_params.get("to"))
    if chosen is not None:
        request.session["lang"] = chosen
    return RedirectResponse(_back(request), status_code=303)


def routes() -> list[Route]:
    return [
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/lang", switch_language),
    ]
