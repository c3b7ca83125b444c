"""What ``dcmm tracker progress --format json`` writes is a valid progress document, by model and by schema."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import jsonschema
import pytest

from dcmm.files.progress_document import ProgressDocument
from dcmm.files.schemas import schema_for


def _dcmm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dcmm", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def tracker_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("tracker")
    listing, db = folder / "list.csv", folder / "tracker.db"
    assert _dcmm("tracker", "demo-data", str(listing), "--rows", "400", "--as-of", "2026-11-30").returncode == 0
    assert _dcmm("tracker", "import", str(listing), "--db", str(db)).returncode in (0, 1)  # 1: bad rows listed
    return str(db)


@pytest.mark.parametrize("by", ["province", "city"])
def test_the_progress_json_is_a_valid_progress_document(tracker_db: str, by: str) -> None:
    args = ["tracker", "progress", "--db", tracker_db, "--as-of", "2026-11-30", "--format", "json"]
    run = _dcmm(*args, *(["--region", "37", "--by", "city"] if by == "city" else []))
    assert run.returncode == 0, run.stderr
    document: Any = json.loads(run.stdout)
    assert list(jsonschema.Draft202012Validator(schema_for("progress-document")).iter_errors(document)) == []
    parsed = ProgressDocument.model_validate_json(run.stdout)
    assert json.loads(parsed.model_dump_json()) == document
    (regions,) = [table for table in parsed.tables if table.key == "regions"]
    total = regions.rows[-1]
    assert total.kind == "total" and total.cells["certified_valid"] is not None
    if by == "city":
        assert [row.kind for row in regions.rows].count("total") == 1 and regions.rows[0].parent is None


def test_a_document_with_a_count_in_the_wrong_place_is_refused(tracker_db: str) -> None:
    run = _dcmm("tracker", "progress", "--db", tracker_db, "--as-of", "2026-11-30", "--format", "json")
    document = json.loads(run.stdout)
    (regions,) = [table for table in document["tables"] if table["key"] == "regions"]
    regions["rows"][-1]["kind"] = "grand total"
    assert list(jsonschema.Draft202012Validator(schema_for("progress-document")).iter_errors(document))
