"""The dashboard as a Starlette application over one open tracker service: routes, middleware, error pages.

Every page is rendered on the server through the project's one jinja2 environment (autoescaping,
strict undefined names); the stylesheet is served by the application itself, and charts are inline SVG,
so nothing is fetched from another host.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dcmm.core.errors import UserError
from dcmm.dashboard.accounts import Account
from dcmm.dashboard.figures import FigureCache
from dcmm.dashboard.guard import SESSION_SECONDS, LoginLimiter, csrf_token, current_account, role_of
from dcmm.dashboard.params import BadQuery, language_param
from dcmm.files import data_dir
from dcmm.i18n import Language, vocabulary
from dcmm.render import render_html
from dcmm.tracker.service import TrackerService

SESSION_COOKIE = "dcmm_session"
UPLOAD_BYTES = 16 << 20  # one uploaded list: the largest real lists are a few MB


@dataclass
class Settings:
    """How the dashboard runs: its signing key (a new one each start unless given), HTTPS, upload limit."""

    secret: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    https: bool = False  # behind HTTPS: the session cookie is marked Secure
    session_seconds: int = SESSION_SECONDS
    upload_bytes: int = UPLOAD_BYTES


@dataclass
class Dashboard:
    """What every request works with: the tracker service, the figure cache and the login limiter."""

    service: TrackerService
    settings: Settings
    cache: FigureCache = field(default_factory=FigureCache)
    limiter: LoginLimiter = field(default_factory=LoginLimiter)

    @property
    def engine(self) -> Any:
        return self.service.repository.engine


def dashboard(request: Request) -> Dashboard:
    found: Dashboard = request.app.state.dashboard
    return found


def page_language(request: Request) -> Language:
    return language_param(request.session.get("lang")) or "zh"


def who(request: Request) -> Account | None:
    return current_account(request, dashboard(request).engine)


class FormToken:
    """The session's CSRF token, made when a form is rendered: a page without forms starts no session."""

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)


def render_page(request: Request, template: str, values: dict[str, Any]) -> str:
    """A page in the session's language, with the account, its role and the CSRF token every form carries."""
    lang = page_language(request)
    account = values.pop("account") if "account" in values else who(request)
    context = {
        "lang": lang,
        "t": vocabulary(lang),
        "account": account,
        "role": role_of(account),
        "csrf": FormToken(request),
        "path": request.url.path,
        "query": str(request.url.query),
        **values,
    }
    return render_html(template, context)


def page(request: Request, template: str, values: dict[str, Any], status: int = 200) -> HTMLResponse:
    return HTMLResponse(render_page(request, template, values), status_code=status)


def _error(request: Request, status: int, message: str) -> Response:
    return page(request, "dashboard/error.html.j2", {"status": status, "message": message}, status)


async def bad_query(request: Request, exc: Exception) -> Response:
    return _error(request, 400, str(exc))


async def user_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UserError)
    return _error(request, 400, "; ".join(str(p) for p in exc.problems))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(request, exc.status_code, str(exc.detail))


SECURITY_HEADERS = [
    # Nothing from another host, no script at all, never framed: an injected tag could do nothing.
    (b"content-security-policy", b"default-src 'self'; script-src 'none'; object-src 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),  # figures for staff must not stay in a shared cache
]


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def create_app(service: TrackerService, settings: Settings | None = None) -> Starlette:
    """The dashboard over ``service`` (an open tracker, which the caller closes)."""
    from dcmm.dashboard import admin, pages, signin

    chosen = settings or Settings()
    static = StaticFiles(directory=str(data_dir("templates") / "dashboard" / "static"))
    routes = [
        *pages.routes(),
        *signin.routes(),
        *admin.routes(),
        Mount("/static", app=static, name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=chosen.secret,
            session_cookie=SESSION_COOKIE,
            max_age=chosen.session_seconds,
            same_site="strict",
            https_only=chosen.https,
        ),
    ]
    handlers: dict[Any, Any] = {BadQuery: bad_query, UserError: user_error, HTTPException: http_error}
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
    app.state.dashboard = Dashboard(service, chosen)
    return app


def serve(service: TrackerService, host: str, port: int, settings: Settings | None = None) -> None:
    """Serve the dashboard with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(service, settings), host=host, port=port, log_level="warning", server_header=False)


__all__ = ["Dashboard", "Route", "Settings", "create_app", "serve"]
