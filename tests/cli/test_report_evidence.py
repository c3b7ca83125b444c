"""``--evidence-root`` on ``dcmm report`` and ``dcmm score``: the evidence list flags missing and changed files."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.test_report import run
from tests.report.test_management import EVIDENCE_ANSWERS, EVIDENCE_ROOT


def test_report_with_the_evidence_folder_flags_a_changed_file(tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    shutil.copytree(EVIDENCE_ROOT, root)
    (root / "制度" / "数据管理办法.md").write_text("改过的办法\n", encoding="utf-8")
    code, out, err = run(["report", str(EVIDENCE_ANSWERS), "--format", "html", "--out", str(tmp_path / "r"),
                          "--evidence-root", str(root)])  # fmt: skip
    assert code == 0, err
    html = Path(out.strip()).read_text(encoding="utf-8")
    assert html.count('class="status status-changed"') == 1 and html.count('class="status status-ok"') == 2
    assert "记录后被改动的佐证文件" in html


def test_score_passes_the_evidence_folder_to_every_report(tmp_path: Path) -> None:
    code, _out, err = run(["score", str(EVIDENCE_ANSWERS), "--html", "--out", str(tmp_path),
                          "--evidence-root", str(EVIDENCE_ROOT)])  # fmt: skip
    assert code == 0, err
    (report,) = tmp_path.glob("示例·泉城*_zh.html")
    assert report.read_text(encoding="utf-8").count('class="status status-ok"') == 3


def test_evidence_root_that_is_no_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    code, _out, err = run(["report", str(EVIDENCE_ANSWERS), "--format", "html", "--out", str(tmp_path / "r"),
                           "--evidence-root", str(tmp_path / "nowhere")])  # fmt: skip
    assert code == 1 and "--evidence-root" in err and not (tmp_path / "r").exists()


def test_score_without_a_report_refuses_evidence_root(tmp_path: Path) -> None:
    code, _out, err = run(["score", str(EVIDENCE_ANSWERS), "--evidence-root", str(EVIDENCE_ROOT)])
    assert code == 2 and "--evidence-root" in err
