"""Self-assessments from answer files (scored by the core) and from score result files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcmm.tracker.ingest import read_self_assessments

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "answers"


def test_answer_files_are_scored_by_the_core() -> None:
    records, problems = read_self_assessments([EXAMPLES])
    assert problems == []
    assert len(records) == 4
    assert {r.province for r in records} == {"37", "61", "53"}
    assert all(r.synthetic and 1 <= r.level <= 5 for r in records)


def test_result_files_and_untrackable_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dcmm", "score", str(EXAMPLES), "--format", "json"], capture_output=True, text=True
    )
    document = json.loads(result.stdout)
    (tmp_path / "results.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    answers = json.loads((EXAMPLES / "01-00001-gbt36073-2018.json").read_text("utf-8"))
    answers["organisation"]["credit_code"] = None
    (tmp_path / "anonymous.json").write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    records, problems = read_self_assessments([tmp_path])
    assert len(records) == 4
    assert [(Path(p.file).name, p.field) for p in problems] == [("anonymous.json", "organisation.credit_code")]
    by_code = {r.credit_code: r.level for r in records}
    scored, _ = read_self_assessments([EXAMPLES])
    assert by_code == {r.credit_code: r.level for r in scored}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(results=JSON, errors=JSON, extra=st.dictionaries(st.sampled_from(["results", "estimates", "x"]), JSON))
def test_any_shape_of_score_document_is_a_result_or_problems(
    tmp_path: Path, results: object, errors: object, extra: dict[str, object]
) -> None:
    path = tmp_path / "fuzz.json"
    document = {"format": "dcmm-score/1", "results": results, "errors": errors, **extra}
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    records, problems = read_self_assessments([path])  # never raises
    assert records == []  # no random structure is a score document with a result in it
    assert problems or document["results"] == []  # only an empty document is valid
    assert all(p.file == str(path) for p in problems)
