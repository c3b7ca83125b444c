"""The audit log: who imported a list, changed a target or an account, and when.

The dashboard's admin pages write it under the account's name; the command line writes it as
``cli:<the system user>``, so an office sharing one tracker sees every change, wherever it was made.
"""

from __future__ import annotations

import datetime as dt
import getpass
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from dcmm.tracker.models import AuditEntry

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dcmm.tracker.importing import FileImport
    from dcmm.tracker.records import TargetRecord
    from dcmm.tracker.service import ListImport


def now() -> dt.datetime:
    """The time an audit line or an account carries: UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def record(session: Session, actor: str, action: str, detail: str) -> None:
    """Add one line to the audit log in ``session``'s transaction."""
    session.add(AuditEntry(at=now(), actor=actor, action=action, detail=detail))


def audit(engine: Engine, actor: str, action: str, detail: str) -> None:
    """Write one line to the audit log in its own transaction."""
    with Session(engine) as session, session.begin():
        record(session, actor, action, detail)


def command_line_actor() -> str:
    """``cli:<user>`` for a change made on the command line (``cli`` where the system names no user)."""
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (OSError, KeyError):
        return "cli"


def import_detail(name: str, done: FileImport) -> str:
    """One import as the audit log words it: file, rows, rejected rows, records kept."""
    outcome = "rejected" if done.outcome is None else f"{done.records} records"
    return f"{name}: {done.data_rows} rows, {done.rejected_rows} rejected, {outcome}"


def target_detail(saved: TargetRecord) -> str:
    """One saved target as the audit log words it."""
    return f"#{saved.id} {saved.region} {saved.metric} {saved.number} by {saved.deadline} ({saved.source_document})"


def audit_imports(engine: Engine, imports: Sequence[ListImport], actor: str | None = None) -> None:
    """Write each list that was read to the audit log (``actor``: the command line's user unless named)."""
    for done in imports:
        if done.result is not None:
            audit(engine, actor or command_line_actor(), "import", import_detail(done.path.name, done.result))


def audit_target(engine: Engine, saved: TargetRecord, actor: str | None = None) -> None:
    """Write a saved target to the audit log."""
    audit(engine, actor or command_line_actor(), "target_add", target_detail(saved))


def audit_target_removed(engine: Engine, target_id: int, actor: str | None = None) -> None:
    """Write a removed target to the audit log."""
    audit(engine, actor or command_line_actor(), "target_remove", f"#{target_id}")
