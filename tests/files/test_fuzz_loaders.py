"""Random structures, texts and bytes given to the answer-file and crosswalk loaders: a result or a
UserError, never anything else (no RecursionError, ValueError, OverflowError or a hang)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcmm.core.errors import UserError
from dcmm.files import answers_from_bytes, parse_answer_file
from dcmm.files.crosswalk import load_crosswalk

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
REPOSITORY = Path(__file__).resolve().parents[2]
GOOD: dict[str, Any] = json.loads(next((REPOSITORY / "examples" / "answers").glob("01-*.json")).read_bytes())
CROSSWALK: dict[str, Any] = yaml.safe_load(
    (REPOSITORY / "questionnaires" / "crosswalk" / "gbt36073-2018--gbt36073-2025.yaml").read_text("utf-8")
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["fully_met", "not_applicable", "6.1.1.1", "6.1", "gbt36073-2018", "2026-02-30", "不适用"])
)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
YAML_TOKENS = st.sampled_from(
    [*"{}[]:,-&*!|>'\"#\n\t 0123456789abc.", "2018-02-30", "\x07", "数", "from: ", "to: ", "items:\n  - ", "*a", "&a "]
)
JSON_ALPHABET = st.sampled_from([*'{}[]":,\\ \n0123456789.eE-+truefalsn"u', "\ud800", "\x00", "é", "数"])


def accepted_or_refused(call: Any, *args: Any) -> None:
    try:
        call(*args)
    except UserError as exc:
        assert exc.problems and all(problem.file for problem in exc.problems)


def mutated(base: dict[str, Any], path: list[str], value: object) -> dict[str, Any]:
    """``base`` with the value at ``path`` (as far as it reaches) replaced by ``value``."""
    copy: dict[str, Any] = json.loads(json.dumps(base))
    node: Any = copy
    for key in path[:-1]:
        if not isinstance(node, dict) or key not in node:
            break
        node = node[key]
    if isinstance(node, dict) and path:
        node[path[-1]] = value
    return copy


ANSWER_PATHS = st.sampled_from(
    [
        ["edition"],
        ["format_version"],
        ["organisation"],
        ["organisation", "name"],
        ["organisation", "credit_code"],
        ["organisation", "province"],
        ["assessors"],
        ["assessed_on"],
        ["target_level"],
        ["answers"],
        ["answers", "6.1.1.1"],
        ["answers", "6.1.1.1", "grade"],
        ["answers", "6.1.1.1", "evidence"],
        ["answers", "6.1.1.1", "justification"],
        ["quick_scan"],
        ["extra"],
    ]
)
CROSSWALK_PATHS = st.sampled_from(
    [["from"], ["to"], ["data_version"], ["provenance"], ["items"], ["criteria"], ["extra"], ["provenance", "zh"]]
)


@FUZZ
@given(structures)
def test_any_json_structure_is_an_answer_file_or_refused(data: object) -> None:
    raw = json.dumps(data, allow_nan=True).encode("utf-8")
    accepted_or_refused(answers_from_bytes, raw, "fuzz.json")


@FUZZ
@given(ANSWER_PATHS, structures)
def test_an_answer_file_with_one_field_replaced_is_read_or_refused(path: list[str], value: object) -> None:
    raw = json.dumps(mutated(GOOD, path, value), allow_nan=True).encode("utf-8")
    accepted_or_refused(answers_from_bytes, raw, "fuzz.json")


@FUZZ
@given(st.text(JSON_ALPHABET, max_size=200))
def test_any_text_is_an_answer_file_or_refused(text: str) -> None:
    accepted_or_refused(parse_answer_file, text.encode("utf-8", errors="surrogatepass"), "fuzz.json")


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_are_an_answer_file_or_refused(raw: bytes) -> None:
    accepted_or_refused(parse_answer_file, raw, "fuzz.json")


@FUZZ
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["[", '{"a":', '{"answers":{"x":']))
def test_nesting_of_any_depth_is_refused_not_a_crash(depth: int, opening: str) -> None:
    raw = (opening * depth + "1" + "".join("]" if c == "[" else "}" for c in reversed(opening * depth))).encode()
    with pytest.raises(UserError):
        parse_answer_file(raw, "deep.json")


@pytest.fixture(scope="module")
def crosswalk_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "cw.yaml"


@settings(FUZZ, max_examples=50)  # each example writes and reads the whole 36 KiB crosswalk
@given(CROSSWALK_PATHS, structures)
def test_a_crosswalk_with_one_field_replaced_is_read_or_refused(
    crosswalk_file: Path, path: list[str], value: object
) -> None:
    crosswalk_file.write_text(yaml.dump(mutated(CROSSWALK, path, value), Dumper=DUMPER, allow_unicode=True), "utf-8")
    accepted_or_refused(load_crosswalk, crosswalk_file)


@FUZZ
@given(st.lists(YAML_TOKENS, max_size=60).map("".join))
def test_any_yaml_text_is_a_crosswalk_or_refused(crosswalk_file: Path, text: str) -> None:
    crosswalk_file.write_text(text, "utf-8")
    accepted_or_refused(load_crosswalk, crosswalk_file)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_are_a_crosswalk_or_refused(crosswalk_file: Path, raw: bytes) -> None:
    crosswalk_file.write_bytes(raw)
    accepted_or_refused(load_crosswalk, crosswalk_file)


@FUZZ
@given(st.sampled_from(["grade", "note", "marked_for_review", "justification"]), scalars)
def test_any_value_of_an_answer_field_is_read_or_refused(field: str, value: object) -> None:
    raw = json.dumps(mutated(GOOD, ["answers", "6.1.1.1", field], value), allow_nan=True).encode("utf-8")
    accepted_or_refused(answers_from_bytes, raw, "fuzz.json")
