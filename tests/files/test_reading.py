"""Reading inputs safely: regular files of bounded size, UTF-8 or a word on what else, bounded nesting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dcmm.core.errors import UserError
from dcmm.files.json_source import check_duplicate_keys, depth_problem, json_bytes
from dcmm.files.limits import MAX_JSON_DEPTH, MAX_YAML_DEPTH
from dcmm.files.reading import decode_text, encoding_guess, read_bytes
from dcmm.files.yaml_source import read_yaml


def refused(call: object, *args: object) -> str:
    with pytest.raises(UserError) as caught:
        call(*args)  # type: ignore[operator]
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_a_file_up_to_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 1024)
    assert read_bytes(path, "an answer file", limit=1024) == b"x" * 1024
    path.write_bytes(b"x" * 1025)
    assert "larger than" in refused(read_bytes, path, "an answer file", 1024)


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    assert "not a regular file" in refused(read_bytes, tmp_path / "pipe", "an answer file")


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    assert "is a folder, expected an answer file" in refused(read_bytes, tmp_path, "an answer file")
    assert "file not found" in refused(read_bytes, tmp_path / "none.json", "an answer file")


@pytest.mark.parametrize(
    ("raw", "guess"),
    [
        ("数据".encode("utf-16"), "UTF-16"),
        ('{"a": 1}'.encode("utf-16-le"), "UTF-16"),
        ('{"a": 1}'.encode("utf-16-be"), "UTF-16"),
        ("数据".encode("utf-32"), "UTF-32"),
        ("数据管理".encode("gbk"), "GBK/GB18030"),
        (b"\xff\xfa\xfb", None),
    ],
)
def test_the_encoding_a_file_looks_like(raw: bytes, guess: str | None) -> None:
    assert encoding_guess(raw) == guess


def test_decoding_drops_a_bom_and_locates_what_is_not_utf8() -> None:
    assert decode_text(b"\xef\xbb\xbfa: 1\n", "x.yaml") == "a: 1\n"
    assert refused(decode_text, "a: 1\nb: 数据\n".encode("gbk"), "x.yaml").startswith("x.yaml:2: ")
    assert refused(decode_text, b"a: 1\nb: \x00\n", "x.yaml").startswith("x.yaml:2: ")
    assert json_bytes(b"\xef\xbb\xbf{}") == b"{}"


def test_depth_counts_brackets_but_not_those_in_strings() -> None:
    inside = b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH
    assert depth_problem(inside, "x.json") is None
    assert depth_problem(b'["' + b"[" * 100 + b'"]', "x.json") is None
    deeper = b"[\n" * (MAX_JSON_DEPTH + 1)
    found = depth_problem(deeper, "x.json")
    assert found is not None and found.line == MAX_JSON_DEPTH + 1


def test_every_key_twice_is_named_with_the_line_of_the_second() -> None:
    raw = b'{\n"a": 1,\n"b": {"c": 1,\n"c": 2},\n"a": 3\n}'
    with pytest.raises(UserError) as caught:
        check_duplicate_keys(raw, "x.json")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (5, "key 'a' appears twice"),
        (4, "key 'c' appears twice"),
    ]
    check_duplicate_keys(b'{"a": {"b": 1}, "b": {"a": 1}}', "x.json")


def test_yaml_aliases_and_deep_nesting_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: &x [1]\nb: 2\nc: *x\n", "utf-8")
    assert refused(read_yaml, path).startswith(f"{path}:3: uses a YAML alias")
    path.write_text("a: " + "[" * (MAX_YAML_DEPTH + 1) + "]" * (MAX_YAML_DEPTH + 1), "utf-8")
    assert "levels" in refused(read_yaml, path)
    path.write_text("a: " + "[" * (MAX_YAML_DEPTH - 1) + "]" * (MAX_YAML_DEPTH - 1), "utf-8")
    assert read_yaml(path)[0] is not None


def test_yaml_values_that_cannot_be_are_located(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nwhen: 2023-02-29\n", "utf-8")
    assert refused(read_yaml, path).startswith(f"{path}:2: '2023-02-29' is not a date that exists")
    path.write_text("a: 1\nb: 2\nn: " + "1" * 5000 + "\n", "utf-8")
    assert "5000 digits" in refused(read_yaml, path)
