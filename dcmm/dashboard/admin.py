"""Admin pages: accounts, targets, uploads of certificate and notice lists (the tracker's own import, with
its row errors and dry run), and the audit log. Every form carries the session's CSRF token."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from dcmm.core.errors import Problem, UserError
from dcmm.dashboard import accounts
from dcmm.dashboard.guard import ADMIN, check_csrf, require
from dcmm.dashboard.web import dashboard, page, page_language, who
from dcmm.i18n import Language, text
from dcmm.tracker.audit import audit, import_detail, target_detail
from dcmm.tracker.regions import parse_region
from dcmm.tracker.sheets import SUFFIXES

METRICS = ("guanbiao", "certified_valid", "ever_certified", "level3_plus")
_SAFE_NAME = re.compile(r"[^\w.\-\u3400-\u9fff]+")
CHUNK = 1 << 16


async def _admin_form(request: Request) -> tuple[accounts.Account, Any]:
    """The admin's account and the posted form, its CSRF token checked; 401/403 for anyone else."""
    account = require(await run_in_threadpool(who, request), ADMIN)
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    return account, form


def users_page(request: Request) -> Response:
    account = require(who(request), ADMIN)
    found = accounts.users(dashboard(request).engine)
    return page(request, "dashboard/admin_users.html.j2", {"account": account, "users": found, "roles": accounts.ROLES})


async def change_user(request: Request) -> Response:
    account, form = await _admin_form(request)
    engine, action, name = dashboard(request).engine, form.get("action"), str(form.get("username") or "")
    if action == "add":
        role, password = str(form.get("role") or ""), str(form.get("password") or "")
        await run_in_threadpool(accounts.add_user, engine, name, password, role, account.username)
    elif action == "disable":
        await run_in_threadpool(accounts.disable_user, engine, name, account.username)
    else:
        raise HTTPException(400, "unknown action")
    return RedirectResponse("/admin/users", status_code=303)


def targets_page(request: Request) -> Response:
    account = require(who(request), ADMIN)
    lines = dashboard(request).service.target_lines()
    return page(
        request,
        "dashboard/admin_targets.html.j2",
        {"account": account, "lines": lines, "metrics": METRICS, "editable": True},
    )


def _target(form: Any) -> Any:
    from dcmm.tracker.definitions import PRESETS
    from dcmm.tracker.service import TargetRecord

    metric = str(form.get("metric") or "")
    number, deadline = str(form.get("number") or ""), str(form.get("deadline") or "")
    problems = []
    try:
        region = parse_region(str(form.get("region") or ""))
    except ValueError as exc:
        problems.append(Problem("region", str(exc)))
    if metric not in PRESETS:
        problems.append(Problem("metric", f"expected one of {', '.join(METRICS)}"))
    if not number.isdigit() or not 0 < int(number) < 10**7:
        problems.append(Problem("number", "expected a whole number above 0"))
    try:
        day = dt.date.fromisoformat(deadline)
    except ValueError:
        problems.append(Problem("deadline", "expected a day, YYYY-MM-DD"))
    source = str(form.get("source") or "").strip()[:300]
    if not source:
        problems.append(Problem("source", "name the document that sets the target"))
    if problems:
        raise UserError(problems)
    return TargetRecord(
        region=region,
        metric=metric,
        number=int(number),
        deadline=day,
        source_document=source,
        definition=PRESETS[metric],
    )


async def change_target(request: Request) -> Response:
    account, form = await _admin_form(request)
    board = dashboard(request)
    if form.get("action") == "add":
        saved = await run_in_threadpool(board.service.add_target, _target(form))
        await run_in_threadpool(audit, board.engine, account.username, "target_add", target_detail(saved))
    elif form.get("action") == "remove" and str(form.get("id") or "").isdigit():
        target_id = int(str(form.get("id")))
        await run_in_threadpool(board.service.remove_target, target_id)
        await run_in_threadpool(audit, board.engine, account.username, "target_remove", f"#{target_id}")
    else:
        raise HTTPException(400, "unknown action")
    board.cache.clear()
    return RedirectResponse("/admin/targets", status_code=303)


def import_page(request: Request) -> Response:
    account = require(who(request), ADMIN)
    return page(request, "dashboard/admin_import.html.j2", {"account": account, "done": None, "name": ""})


async def _saved_upload(upload: UploadFile, folder: Path, limit: int) -> Path:
    """The upload written to ``folder`` under its own (cleaned) name; 413 beyond ``limit`` bytes, 400 for a file
    whose name is not a list's."""
    name = _SAFE_NAME.sub("_", Path(upload.filename or "").name)[-120:] or "list"
    if Path(name).suffix.lower() not in SUFFIXES:
        raise UserError([Problem(name, f"not a certificate list: expected a file ending {', '.join(SUFFIXES)}")])
    path, size = folder / name, 0
    with path.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise HTTPException(413, f"the file is larger than {limit >> 20} MB")
            out.write(chunk)
    return path


def _shown_problems(problems: list[Problem], lang: Language) -> list[Problem]:
    """Problems as the page lists them: in the page's language, without the temporary folder's path."""
    return [replace(p, file="", message=text(p.key, lang, **dict(p.values)) if p.key else p.message) for p in problems]


async def upload_list(request: Request) -> Response:
    """Import an uploaded list as ``dcmm tracker import`` does: the same reader, row errors and dry run."""
    board = dashboard(request)
    limit = board.settings.upload_bytes
    if int(request.headers.get("content-length") or 0) > limit + CHUNK:
        raise HTTPException(413, f"the file is larger than {limit >> 20} MB")
    account, form = await _admin_form(request)
    upload = form.get("list")
    if not isinstance(upload, UploadFile):
        raise UserError([Problem("list", "choose a file to upload")])
    from dcmm.tracker.service import ListDefaults, ListOptions

    province = str(form.get("province") or "").strip() or None
    notice = str(form.get("notice_date") or "").strip()
    try:
        region = parse_region(province)[:2] if province else None
        defaults = ListDefaults(region, dt.date.fromisoformat(notice) if notice else None)
    except ValueError as exc:
        raise UserError([Problem("province / notice_date", str(exc))]) from None
    dry_run, strict = form.get("dry_run") == "on", form.get("strict") == "on"
    options = ListOptions(dry_run=dry_run, strict=strict, defaults=defaults)
    with tempfile.TemporaryDirectory(prefix="dcmm-upload-") as folder:
        path = await _saved_upload(upload, Path(folder), limit)
        try:
            done = await run_in_threadpool(board.service.import_list, path, options)
        except UserError as exc:
            problems = _shown_problems(exc.problems, page_language(request))
            values = {"account": account, "done": None, "problems": problems, "name": path.name, "dry_run": dry_run}
            return page(request, "dashboard/admin_import.html.j2", values, 400)
    if not dry_run:
        detail = import_detail(path.name, done)
        await run_in_threadpool(audit, board.engine, account.username, "import", detail)
        board.cache.clear()
    problems = _shown_problems(done.problems, page_language(request))
    values = {"account": account, "done": done, "problems": problems, "name": path.name, "dry_run": dry_run}
    return page(request, "dashboard/admin_import.html.j2", values)


def audit_page(request: Request) -> Response:
    account = require(who(request), ADMIN)
    lines = accounts.audit_log(dashboard(request).engine)
    return page(request, "dashboard/admin_audit.html.j2", {"account": account, "lines": lines})


def routes() -> list[Route]:
    return [
        Route("/admin/users", users_page),
        Route("/admin/users", change_user, methods=["POST"]),
        Route("/admin/targets", targets_page),
        Route("/admin/targets", change_target, methods=["POST"]),
        Route("/admin/import", import_page),
        Route("/admin/import", upload_list, methods=["POST"]),
        Route("/admin/audit", audit_page),
    ]
