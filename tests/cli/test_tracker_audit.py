"""Imports and target changes made on the command line reach the audit log the dashboard's admins read."""

from __future__ import annotations

import io
from pathlib import Path

from dcmm.cli import Context, main
from dcmm.dashboard.accounts import audit_log
from dcmm.tracker.audit import command_line_actor
from dcmm.tracker.service import TrackerService


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), Context(out, err)), out.getvalue()


def _lines(url: str) -> list[tuple[str, str, str]]:
    with TrackerService.open(url, "read") as service:
        return [(line.actor, line.action, line.detail) for line in audit_log(service.repository.engine)][::-1]


def test_command_line_changes_are_audited_and_a_dry_run_is_not(tracker_url: str, tmp_path: Path) -> None:
    listed = tmp_path / "名单.csv"
    assert run("tracker", "demo-data", str(listed), "--rows", "50", "--as-of", "2026-06-30")[0] == 0
    run("tracker", "import", str(listed), "--db", tracker_url, "--dry-run")
    run("tracker", "import", str(listed), "--db", tracker_url)
    code, out = run(
        "tracker", "target", "add", "--db", tracker_url, "--region", "广东", "--metric", "level3_plus",
        "--number", "50", "--deadline", "2027-12-31", "--source", "示例文件（虚构）",
    )  # fmt: skip
    target_id = out.split("#")[1].strip()
    assert code == 0 and run("tracker", "target", "remove", "--db", tracker_url, target_id)[0] == 0
    lines = _lines(tracker_url)
    actor = command_line_actor()
    assert actor.startswith("cli")
    assert [(who, action) for who, action, _ in lines] == [
        (actor, "import"),
        (actor, "target_add"),
        (actor, "target_remove"),
    ]
    assert lines[0][2].startswith("名单.csv: 50 rows, ") and lines[1][2].startswith(f"#{target_id} 44 level3_plus 50")
    assert lines[2][2] == f"#{target_id}"
