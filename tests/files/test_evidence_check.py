"""The evidence check on disk: files found and hashed, paths kept inside the folder, changes since the record seen."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from dcmm.core.answers import AnswerFile
from dcmm.core.errors import UserError
from dcmm.core.evidence import EvidenceRef
from dcmm.files.evidence_check import check_evidence


def _answers(answers: dict[str, Any], version: str = "1.2") -> AnswerFile:
    return AnswerFile.model_validate(
        {
            "format_version": version,
            "edition": "gbt36073-2018",
            "organisation": {"name": "示例单位"},
            "answers": answers,
        }
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "佐证"
    (folder / "制度").mkdir(parents=True)
    (folder / "制度" / "战略.pdf").write_bytes(b"%PDF strategy")
    (folder / "未引用.docx").write_bytes(b"nobody")
    return folder


def test_files_are_hashed_and_the_rest_is_listed(root: Path) -> None:
    answers = _answers(
        {
            "6.1.1.1": {"grade": "fully_met", "evidence": ["制度/战略.pdf", "《数据战略规划》", "会议/纪要.docx"]},
            "6.1.1.2": {"grade": "mostly_met"},
            "6.1.1.3": {"grade": "partly_met"},
        },
        "1.0",
    )
    result = check_evidence(answers, root, today=dt.date(2026, 12, 3))
    assert result.checked == 2
    assert result.missing == [("6.1.1.1", "会议/纪要.docx")]
    assert result.unreferenced == ["未引用.docx"]
    assert result.claimed_without_evidence == ["6.1.1.2"]
    assert not result.clean
    recorded = result.answers.answers["6.1.1.1"].evidence[0]
    assert isinstance(recorded, EvidenceRef)
    assert recorded.entry.sha256 == hashlib.sha256(b"%PDF strategy").hexdigest()
    assert recorded.entry.size == len(b"%PDF strategy") and recorded.entry.recorded_on == dt.date(2026, 12, 3)
    # a named document stays a text, and the caller's model is left as it was
    assert result.answers.answers["6.1.1.1"].evidence[1] == "《数据战略规划》"
    assert not isinstance(answers.answers["6.1.1.1"].evidence[0], EvidenceRef)


def test_a_changed_file_is_seen(root: Path) -> None:
    answers = _answers({"6.1.1.1": {"grade": "fully_met", "evidence": [{"path": "制度/战略.pdf"}]}})
    first = check_evidence(answers, root)
    (root / "未引用.docx").unlink()
    assert first.changed == [] and check_evidence(first.answers, root).clean
    (root / "制度" / "战略.pdf").write_bytes(b"%PDF strategy, revised")
    assert check_evidence(first.answers, root).changed == [("6.1.1.1", "制度/战略.pdf")]


def test_a_symlink_leaving_the_folder_is_missing(root: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("outside")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    answers = _answers({"6.1.1.1": {"grade": "fully_met", "evidence": ["link.txt", "../secret.txt"]}}, "1.0")
    result = check_evidence(answers, root)
    assert result.missing == [("6.1.1.1", "link.txt")] and result.outside == [("6.1.1.1", "../secret.txt")]


def test_the_root_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        check_evidence(_answers({}), tmp_path / "none")
    assert "--root is not a folder" in str(caught.value.problems[0])
