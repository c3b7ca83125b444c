"""``dcmm compare`` across editions through the crosswalk, and its JSON and CSV output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from dcmm.core.scoring import score_assessment
from dcmm.files import load_edition, read_answer_file
from tests.cli.running import run
from tests.report.conftest import example_path

OLD = example_path(1)
# Read from the content, whose criterion ids change: the first criterion of 2025 item 7.1, level 1.
REGRESSED = load_edition("gbt36073-2025").item_by_id["7.1"].levels[0].criteria[0].id


def original_score() -> float:
    """Example 1 scored in its own edition, 2018."""
    answers, questionnaire = read_answer_file(OLD)
    return score_assessment(questionnaire, answers).overall.score


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Example 1 carried into the 2025 edition by ``dcmm migrate``, then reassessed: 6.1 all met, REGRESSED not."""
    folder = tmp_path_factory.mktemp("editions")
    path = folder / "new-2025.json"
    assert run("migrate", str(OLD), "--to", "gbt36073-2025", "-o", str(path)).code == 0
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data["assessed_on"] = "2027-06-01"
    for criterion in [c for c in data["answers"] if c.startswith(("6.1.", "9.1."))]:
        data["answers"][criterion] = {"grade": "fully_met", "evidence": ["规划 v2"]}
    assert data["answers"][REGRESSED].get("grade") not in (None, "not_met")  # carried, so setting not_met regresses
    data["answers"][REGRESSED] = {"grade": "not_met"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_text_names_what_has_no_counterpart(migrated: Path) -> None:
    result = run("compare", str(OLD), str(migrated), "--lang", "en")
    assert result.code == 0, result.err
    out = result.out
    assert "Across editions: gbt36073-2018 → gbt36073-2025" in out
    assert "Domains of gbt36073-2025 no item of gbt36073-2018 maps into: 9 Data assets" in out
    assert "9.1 Data asset ownership management" in out
    assert "gbt36073-2025 14 ← 9 Data application" in out
    assert "Criteria that regressed (1)" in out and REGRESSED in out


def test_json_has_the_documented_shape(migrated: Path) -> None:
    result = run("compare", str(OLD), str(migrated), "--format", "json")
    document = json.loads(result.out)
    assert result.code == 0 and document["comparison_format"] == 1
    assert document["old_file"]["edition"] == "gbt36073-2018" and document["new_file"]["edition"] == "gbt36073-2025"
    assert document["old_file"]["credit_code"] == "91370100MA3C00001H"
    domains = {d["id"]: d for d in document["domains"]}
    assert "9" not in domains and domains["6"]["after"] > domains["6"]["before"]
    assert domains["7"]["delta"] < 0
    bridge = document["crosswalk"]
    assert bridge["source_edition"] == "gbt36073-2018" and bridge["target_edition"] == "gbt36073-2025"
    assert [i["id"] for i in bridge["new_items"]] == ["9.1", "9.2", "9.3"]
    assert bridge["sources"]["14"][0]["id"] == "9" and bridge["original"]["score"] == original_score()
    assert [c["id"] for c in document["regressed"]] == [REGRESSED]
    assert not any(c["id"].startswith("9.") for c in document["improved"])  # no counterpart: not an improvement
    assert document["old"]["score"] < bridge["original"]["score"]  # unanswered in 2025 counts as not met


def test_csv_has_one_row_per_domain_and_item(migrated: Path) -> None:
    result = run("compare", str(OLD), str(migrated), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    domains = [r for r in rows if r["kind"] == "domain"]
    assert len(domains) == 9 and {r["id"] for r in domains} == {str(n) for n in range(6, 15)}
    by_id = {(r["kind"], r["id"]): r for r in rows}
    assert by_id["domain", "10"]["counterpart"] == "12"  # 2025 data standards were 2018's domain 12
    assert by_id["domain", "9"]["counterpart"] == "none" and by_id["domain", "9"]["before"] == ""
    assert by_id["item", "9.1"]["counterpart"] == "none"
    assert by_id["item", "6.1"]["after"] == "5.0"


def test_same_edition_csv_has_no_counterpart_column_values() -> None:
    result = run("compare", str(OLD), str(OLD), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert result.code == 0 and len([r for r in rows if r["kind"] == "domain"]) == 8
    assert {r["counterpart"] for r in rows} == {""} and {r["delta"] for r in rows} == {"0.0"}


def test_the_report_is_checked_before_anything_is_printed(migrated: Path, tmp_path: Path) -> None:
    first = run("compare", str(OLD), str(migrated), "--html", "--out", str(tmp_path), "--format", "json")
    assert first.code == 0 and json.loads(first.out)
    (report,) = tmp_path.glob("*.html")
    html = report.read_text(encoding="utf-8")
    assert 'id="comparison-crosswalk"' in html and "9.1" in html
    again = run("compare", str(OLD), str(migrated), "--html", "--out", str(tmp_path), "--format", "json")
    assert again.code == 1 and again.out == "" and "--force" in again.err
    assert run("compare", str(OLD), str(migrated), "--html", "--out", str(tmp_path), "--force").code == 0
