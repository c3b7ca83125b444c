"""Evidence references in answer files: texts as before, structured ones from format 1.2, paths kept inside."""

from __future__ import annotations

import copy
import json
import pickle
import re
from typing import Any

import pytest

from dcmm.core.answers import AnswerFile, answer_file_json
from dcmm.core.errors import UserError
from dcmm.core.evidence import EvidenceRef, escapes_folder, reference_kind
from dcmm.files import parse_answer_file


def _file(evidence: list[Any], version: str = "1.2") -> dict[str, Any]:
    return {
        "format_version": version,
        "edition": "gbt36073-2018",
        "organisation": {"name": "示例单位"},
        "answers": {"6.1.1.1": {"grade": "fully_met", "evidence": evidence}},
    }


def _problems(data: dict[str, Any]) -> list[str]:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    with pytest.raises(UserError) as caught:
        parse_answer_file(text, "a.json")
    return [str(p) for p in caught.value.problems]


def test_structured_references_carry_their_details_and_read_as_text() -> None:
    entries = [
        "《数据战略规划》",
        {"path": "制度/战略.pdf", "owner": "数据部", "date": "2025-03-01"},
        {"url": "https://x.cn"},
    ]
    answers = AnswerFile.model_validate(_file(entries))
    evidence = answers.answers["6.1.1.1"].evidence
    assert evidence == ["《数据战略规划》", "制度/战略.pdf", "https://x.cn"]
    ref = evidence[1]
    assert isinstance(ref, EvidenceRef) and ref.kind == "path" and ref.entry.owner == "数据部"
    assert [reference_kind(e) for e in evidence] == [None, "path", "url"]
    assert reference_kind("https://intranet/a") == "url"
    assert pickle.loads(pickle.dumps(ref)).entry == ref.entry
    assert copy.deepcopy(answers).answers["6.1.1.1"].evidence[1].entry == ref.entry  # type: ignore[attr-defined]


def test_written_back_as_objects_and_format_1_2() -> None:
    data = _file(["《a》", {"path": "制度/战略.pdf", "owner": "数据部"}])
    written = json.loads(answer_file_json(AnswerFile.model_validate(data)))
    assert written["format_version"] == "1.2"
    assert written["answers"]["6.1.1.1"]["evidence"] == ["《a》", {"path": "制度/战略.pdf", "owner": "数据部"}]


def test_texts_only_stay_format_1_0() -> None:
    written = json.loads(answer_file_json(AnswerFile.model_validate(_file(["《a》", "b.pdf"], "1.0"))))
    assert written["format_version"] == "1.0" and written["answers"]["6.1.1.1"]["evidence"] == ["《a》", "b.pdf"]


def test_an_older_version_with_objects_is_refused() -> None:
    assert _problems(_file([{"document": "《a》"}], "1.1")) == [
        'a.json:1: format version 1.1 has no structured evidence references (objects): write "1.2"'
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (5, "an evidence reference is a text or an object with one of path, url or document"),
        ({"owner": "x"}, "an evidence reference names exactly one of path, url or document"),
        ({"path": "a.pdf", "url": "https://x"}, "an evidence reference names exactly one of path, url or document"),
        ({"path": "../secret.pdf"}, "'../secret.pdf' leaves the evidence folder"),
        ({"path": "/etc/passwd"}, "'/etc/passwd' leaves the evidence folder"),
        ({"document": "《a》", "sha256": "0" * 64}, "sha256, size, modified and recorded_on belong to a path"),
    ],
)
def test_a_wrong_reference_is_located(entry: Any, message: str) -> None:
    problems = _problems(_file([entry]))
    assert len(problems) == 1
    assert (
        re.match(r'a\.json:\d+: answers\["6\.1\.1\.1"\]\.evidence\[0\](\.path)?: ', problems[0])
        and message in problems[0]
    )


def test_paths_that_leave_the_folder() -> None:
    assert not escapes_folder("制度/a.pdf") and not escapes_folder("a..b/c.pdf")
    assert all(escapes_folder(p) for p in ("../a", "a/../../b", "/a", "C:\\a", "\\\\host\\share", "a\\..\\b"))
