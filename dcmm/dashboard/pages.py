"""The pages everyone may read (progress, targets) and those for staff (expiring certificates, an
organisation's history), with their downloads."""

from __future__ import annotations

import datetime as dt
from typing import get_args

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from dcmm.dashboard import documents
from dcmm.dashboard.accounts import Account
from dcmm.dashboard.figures import only, page_context, publication
from dcmm.dashboard.guard import STAFF, require
from dcmm.dashboard.params import BY_CHOICES, MAX_PARAM, days_param, progress_query
from dcmm.dashboard.web import dashboard, page, page_language, render_page, who
from dcmm.tracker.published import Publication, TableKey
from dcmm.tracker.service import DEFAULT_EXPIRING_DAYS

TABLE_FORMATS = ("csv", "xlsx")
BRIEFING_FORMATS = ("pdf", "docx", "xlsx")


def _publication(request: Request, account: Account | None) -> Publication:
    board = dashboard(request)
    query = progress_query(request.query_params)
    exact = account is not None  # staff and admins see exact figures, labelled internal
    return publication(board.service, board.cache, query, page_language(request), exact)


def progress_page(request: Request) -> Response:
    account = who(request)
    shown = _publication(request, account)

    def rendered() -> str:
        values = {**page_context(shown), "publication": shown, "by_choices": BY_CHOICES, "account": account}
        return render_page(request, "dashboard/progress.html.j2", values)

    if account is not None:
        return HTMLResponse(rendered())
    # The public's page is the same for everyone who asks the same in the same language: rendered once.
    key = ("page", request.url.path, str(request.url.query), page_language(request))
    return HTMLResponse(dashboard(request).cache.get(key, rendered))


def targets_page(request: Request) -> Response:
    lines = dashboard(request).service.target_lines()
    return page(request, "dashboard/targets.html.j2", {"lines": lines, "editable": False})


def table_download(request: Request) -> Response:
    """One table of a progress page, as CSV or XLSX: the cells the page shows, hidden ones as ``<threshold``."""
    key, format = request.path_params["table"], request.path_params["format"]
    if key not in get_args(TableKey) or format not in TABLE_FORMATS:
        raise HTTPException(404, "no such download")
    shown = only(_publication(request, who(request)), key)
    return documents.publication_file(shown, format, f"{key}-{shown.region}-{shown.as_of}")


def briefing_download(request: Request) -> Response:
    """A progress page as the tracker's briefing: PDF, DOCX or XLSX."""
    format = request.path_params["format"]
    if format not in BRIEFING_FORMATS:
        raise HTTPException(404, "no such download")
    shown = _publication(request, who(request))
    return documents.publication_file(shown, format, f"progress-{shown.region}-{shown.as_of}")


def expiring_page(request: Request) -> Response:
    account = require(who(request), STAFF)
    from dcmm.dashboard.params import date_param, region_param

    days = days_param(request.query_params, DEFAULT_EXPIRING_DAYS)
    region, on = region_param(request.query_params), date_param(request.query_params) or dt.date.today()
    found = dashboard(request).service.expiring(days, region, on)
    format = request.query_params.get("format")
    if format in TABLE_FORMATS:
        return documents.expiring_file(found, format, page_language(request), f"expiring-{region}-{on}")
    values = {"account": account, "found": found, "days": days, "region": region, "on": on}
    return page(request, "dashboard/expiring.html.j2", values)


def organisation_page(request: Request) -> Response:
    account = require(who(request), STAFF)
    given = (request.query_params.get("q") or "").strip()[:MAX_PARAM]
    reports = dashboard(request).service.organisations(given) if given else []
    return page(request, "dashboard/organisation.html.j2", {"account": account, "given": given, "reports": reports})


def routes() -> list[Route]:
    return [
        Route("/", progress_page),
        Route("/targets", targets_page),
        Route("/download/table/{table}.{format}", table_download),
        Route("/download/briefing.{format}", briefing_download),
        Route("/expiring", expiring_page),
        Route("/organisation", organisation_page),
    ]
