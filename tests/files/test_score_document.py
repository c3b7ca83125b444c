"""Reading score documents back: the tool's own output reads unchanged; anything else gets file, line and field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dcmm.files import UserError
from dcmm.files.score_document import read_score_document
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("score") / "scores.json"
    command = [sys.executable, "-m", "dcmm", "score", str(EXAMPLES), "--format", "json", "-o", str(path)]
    subprocess.run(command, check=True, capture_output=True)
    return path


def test_a_written_score_document_reads_back(written: Path) -> None:
    document = read_score_document(written)
    assert document.format == "dcmm-score/1"
    assert len(document.results) == len(list(EXAMPLES.glob("*.json")))
    assert document.results[0].organisation.fictitious
    assert document.model_dump(mode="json", exclude_unset=True) == json.loads(written.read_bytes())


def test_a_changed_score_document_names_line_and_field(written: Path, tmp_path: Path) -> None:
    text = written.read_text("utf-8").replace('"format": "dcmm-score/1"', '"format": "dcmm-score/9"', 1)
    changed = tmp_path / "changed.json"
    changed.write_text(text, "utf-8")
    with pytest.raises(UserError) as caught:
        read_score_document(changed)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(changed), 2, "format")


@pytest.mark.parametrize(
    ("content", "message"),
    [("[1, 2]", "expected a JSON object (a score document), found list"), ("{", "not valid JSON")],
)
def test_what_is_not_a_score_document_is_one_line(content: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, "utf-8")
    with pytest.raises(UserError) as caught:
        read_score_document(path)
    assert [message in p.message for p in caught.value.problems] == [True]


def test_a_folder_is_not_a_score_document(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is a folder, expected a score document"):
        read_score_document(tmp_path)
