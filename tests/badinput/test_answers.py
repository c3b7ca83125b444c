"""Answer files: malformed, hostile or ambiguous JSON given to score, report and the other answer commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.badinput.harness import Case, Outcome, example_answers, run_case
from tests.badinput.makers import fifo, line_of, sparse, symlink

# Example 1 as a file of format 1.0 (no content version), the base the edits below start from.
GOOD_TEXT = re.sub(
    r'"format_version": "1\.3",|\n  "content_version": "[0-9.]+",',
    lambda m: '"format_version": "1.0",' if "format" in m.group() else "",
    example_answers(1).decode("utf-8"),
)
GOOD = GOOD_TEXT.encode("utf-8")
GOOD_NAME = json.loads(GOOD)["organisation"]["name"]
OTHER = example_answers(2)
OTHER_NAME = json.loads(OTHER)["organisation"]["name"]
SCORE = ("score", "--format", "csv")
EDITION_KEY, GRADE_KEY, NAME_KEY = '"edition"', '"grade"', '"name"'


def edited(old: str, new: str) -> str:
    """The good answer file with the first ``old`` replaced by ``new``."""
    assert old in GOOD_TEXT, old
    return GOOD_TEXT.replace(old, new, 1)


def folder(path: Path) -> None:
    path.mkdir()
    (path / "note.txt").write_text("not an answer file", "utf-8")


def reports_written(folder: Path, outcome: Outcome) -> None:
    assert list((folder / "out").glob("*.csv")), outcome.err


DEEP_ARRAY = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 100_000 + "1" + "}" * 100_000
DEEP_NOTE = edited('"grade": "not_met"', '"grade": "not_met", "note": ' + "[" * 40 + "]" * 40)
BIG_INT = edited('"target_level": 3', '"target_level": ' + "9" * 5000)
BIG_GRADE = edited('"grade": "not_met"', '"grade": ' + "7" * 400)
DUP_ID = edited('"answers": {', '"answers": {\n    "6.1.1.1": {"grade": "fully_met"},')
DUP_EDITION = edited('"edition": "gbt36073-2018",', '"edition": "gbt36073-2025",\n  "edition": "gbt36073-2018",')
DUP_GRADE = edited('"grade": "not_met"', '"grade": "fully_met",\n      "grade": "not_met"')
DUP_NAME = edited('"credit_code"', '"name": "其他单位",\n    "credit_code"')
DUP_AND_BAD = edited('"target_level": 3', '"target_level": 3,\n  "target_level": 4').replace(
    '"grade": "mostly_met"', '"grade": "excellent"', 1
)
NUL = edited('"city": "济南市"', '"city": "济南\x00市"')
UNCLOSED = edited('"grade": "not_met"', '"grade": "not_met')
TRAILING = GOOD_TEXT + "}\n"
NAN = edited('"target_level": 3', '"target_level": NaN')
HUGE_FLOAT = edited('"target_level": 3', '"target_level": 1e400')
LONE_SURROGATE = edited('"city": "济南市"', '"city": "\\ud800"')
MANY_UNKNOWN = json.dumps(
    {**json.loads(GOOD), "answers": {f"99.{n}.1.1": {"grade": "fully_met"} for n in range(5000)}}, indent=1
)
OLD_WITH_RESPONDENT = edited('"grade": "not_met"', '"grade": "not_met", "respondent": "信息安全部"')
RESPONDENTS_UNKNOWN = edited('"format_version": "1.0"', '"format_version": "1.1"').replace(
    '"target_level": 3', '"target_level": 3,\n  "respondents": [{"respondent": "安全部", "domains": ["99"]}]', 1
)
CONTENT_SHAPE = edited('"format_version": "1.0"', '"format_version": "1.3",\n  "content_version": "v2"')
CONTENT_UNKNOWN = edited('"format_version": "1.0"', '"format_version": "1.3",\n  "content_version": "9.9.9"')
CONTENT_OLD_FORMAT = edited('"edition"', '"content_version": "1.0.0",\n  "edition"')
RESPONDENT_TWICE = edited('"format_version": "1.0"', '"format_version": "1.1"').replace(
    '"target_level": 3',
    '"target_level": 3,\n  "respondents": [{"respondent": "安全部", "domains": ["6"]},\n'
    '    {"respondent": "安全部", "items": ["7.1"]}]',
    1,
)
NO_PART = edited('"format_version": "1.0"', '"format_version": "1.1"').replace(
    '"target_level": 3', '"target_level": 3,\n  "respondents": [{"respondent": "安全部"}]', 1
)
QUICK_SCAN_DUP = json.dumps(
    {"edition": "gbt36073-2018", "organisation": {"name": "快评单位"}, "quick_scan": {"6.1": 2}}
).replace('"6.1": 2', '"6.1": 2, "6.1": 5')

CASES = [
    Case("answers-not-json", ("score", "bad.json"), {"bad.json": "{"}, names=("bad.json:1",)),
    # Nesting: refused at a named depth, and the good file beside it is still scored.
    Case(
        "answers-deep-array",
        (*SCORE, "deep.json", "good.json"),
        {"deep.json": DEEP_ARRAY, "good.json": GOOD},
        names=("deep.json:1", "32 levels"),
        stdout=(GOOD_NAME,),
    ),
    Case(
        "answers-deep-object",
        (*SCORE, "good.json", "deep.json"),
        {"deep.json": DEEP_OBJECT, "good.json": GOOD},
        names=("deep.json:1", "32 levels"),
        stdout=(GOOD_NAME,),
    ),
    Case(
        "answers-deep-in-a-note",
        (*SCORE, "deep.json"),
        {"deep.json": DEEP_NOTE},
        names=(f"deep.json:{line_of(DEEP_NOTE, '[[[')}", "32 levels"),
    ),
    # Numbers: beyond what Python turns into an int, beyond a float.
    Case(
        "answers-int-of-5000-digits",
        (*SCORE, "big.json", "good.json"),
        {"big.json": BIG_INT, "good.json": GOOD},
        names=(f"big.json:{line_of(BIG_INT, 'target_level')}", "number out of range"),
        stdout=(GOOD_NAME,),
    ),
    Case(
        "answers-grade-of-400-digits",
        (*SCORE, "big.json"),
        {"big.json": BIG_GRADE},
        names=(f"big.json:{line_of(BIG_GRADE, '7777')}", "not a grade"),
    ),
    Case(
        "answers-float-overflow",
        (*SCORE, "inf.json"),
        {"inf.json": HUGE_FLOAT},
        names=(f"inf.json:{line_of(HUGE_FLOAT, '1e400')}", "target_level"),
    ),
    Case("answers-nan", (*SCORE, "nan.json"), {"nan.json": NAN}, names=(f"nan.json:{line_of(NAN, 'NaN')}",)),
    # A key given twice: refused at the second, never the last silently winning.
    Case(
        "answers-criterion-twice",
        (*SCORE, "dup.json", "good.json"),
        {"dup.json": DUP_ID, "good.json": OTHER},
        names=(f"dup.json:{line_of(DUP_ID, '6.1.1.1', 2)}", "'6.1.1.1' appears twice"),
        stdout=(OTHER_NAME,),
    ),
    Case(
        "answers-edition-twice",
        (*SCORE, "dup.json"),
        {"dup.json": DUP_EDITION},
        names=(f"dup.json:{line_of(DUP_EDITION, EDITION_KEY, 2)}", "'edition' appears twice"),
    ),
    Case(
        "answers-grade-twice",
        (*SCORE, "dup.json"),
        {"dup.json": DUP_GRADE},
        names=(f"dup.json:{line_of(DUP_GRADE, GRADE_KEY, 2)}", "'grade' appears twice"),
    ),
    Case(
        "answers-organisation-name-twice",
        ("report", "--format", "csv", "--out", "out", "dup.json"),
        {"dup.json": DUP_NAME},
        names=(f"dup.json:{line_of(DUP_NAME, NAME_KEY, 2)}", "'name' appears twice"),
    ),
    Case(
        "answers-key-twice-and-a-bad-grade",
        (*SCORE, "dup.json"),
        {"dup.json": DUP_AND_BAD},
        names=(
            f"dup.json:{line_of(DUP_AND_BAD, 'target_level', 2)}",
            f"dup.json:{line_of(DUP_AND_BAD, 'excellent')}",
        ),
    ),
    Case(
        "answers-quick-scan-item-twice",
        (*SCORE, "quick.json"),
        {"quick.json": QUICK_SCAN_DUP},
        names=("quick.json:1", "'6.1' appears twice"),
    ),
    Case(
        "answers-merge-with-a-key-twice",
        ("merge", "-o", "merged.json", "dup.json", "good.json"),
        {"dup.json": DUP_ID, "good.json": GOOD},
        names=(f"dup.json:{line_of(DUP_ID, '6.1.1.1', 2)}",),
    ),
    # Encodings: said as such, with the line where it shows.
    Case(
        "answers-utf16-with-bom",
        (*SCORE, "utf16.json", "good.json"),
        {"utf16.json": GOOD_TEXT.encode("utf-16"), "good.json": OTHER},
        names=("utf16.json:1", "looks like UTF-16"),
        stdout=(OTHER_NAME,),
    ),
    Case(
        "answers-utf16le-without-bom",
        (*SCORE, "utf16.json"),
        {"utf16.json": GOOD_TEXT.encode("utf-16-le")},
        names=("utf16.json:1", "looks like UTF-16"),
    ),
    Case(
        "answers-utf16be-ascii-only",
        (*SCORE, "utf16.json"),
        {"utf16.json": '{"edition": "gbt36073-2018"}'.encode("utf-16-be")},
        names=("utf16.json:1", "looks like UTF-16"),
    ),
    Case(
        "answers-utf32",
        (*SCORE, "utf32.json"),
        {"utf32.json": GOOD_TEXT.encode("utf-32")},
        names=("utf32.json:1", "looks like UTF-32"),
    ),
    Case(
        "answers-gbk",
        ("compare", "good.json", "gbk.json"),
        {"gbk.json": GOOD_TEXT.encode("gbk"), "good.json": GOOD},
        names=(f"gbk.json:{line_of(GOOD_TEXT, '示例')}", "looks like GBK"),
    ),
    Case(
        "answers-latin1-garbage",
        (*SCORE, "bad.json"),
        {"bad.json": b'{"edition": "gbt36073-2018", "organisation": {"name": "\xff\xfe\xfa"}}'},
        names=("bad.json:1", "not UTF-8"),
    ),
    Case(
        "answers-utf8-bom-is-read",
        (*SCORE, "bom.json"),
        {"bom.json": b"\xef\xbb\xbf" + GOOD},
        exit=0,
        names=("",),  # a file that is read has no problem to name
        stdout=(GOOD_NAME,),
    ),
    Case(
        "answers-utf8-bom-report",
        ("report", "--format", "csv", "--out", "out", "bom.json"),
        {"bom.json": b"\xef\xbb\xbf" + GOOD},
        exit=0,
        names=("",),  # a file that is read has no problem to name
        outputs=("out", "out/*"),
        check=reports_written,
    ),
    Case(
        "answers-nul-byte",
        (*SCORE, "nul.json", "good.json"),
        {"nul.json": NUL, "good.json": GOOD},
        names=(f"nul.json:{line_of(NUL, chr(0))}", "NUL byte"),
        stdout=(GOOD_NAME,),
    ),
    # Not an answer file at all.
    Case("answers-empty", (*SCORE, "empty.json"), {"empty.json": b""}, names=("empty.json", "is empty")),
    Case("answers-only-blanks", (*SCORE, "blank.json"), {"blank.json": "  \n\n\t\n"}, names=("blank.json", "empty")),
    Case("answers-top-level-array", (*SCORE, "a.json"), {"a.json": "[1, 2]"}, names=("a.json:1", "JSON object")),
    Case("answers-top-level-string", (*SCORE, "s.json"), {"s.json": '"hello"'}, names=("s.json:1", "JSON object")),
    Case("answers-top-level-null", (*SCORE, "n.json"), {"n.json": "null"}, names=("n.json:1", "JSON object")),
    Case(
        "answers-unclosed-string",
        (*SCORE, "open.json"),
        {"open.json": UNCLOSED},
        names=(f"open.json:{line_of(UNCLOSED, 'not_met')}", "not valid JSON"),
    ),
    Case(
        "answers-trailing-brace",
        (*SCORE, "extra.json"),
        {"extra.json": TRAILING},
        names=(f"extra.json:{TRAILING.count(chr(10))}",),
    ),
    Case(
        "answers-lone-surrogate",
        (*SCORE, "lone.json"),
        {"lone.json": LONE_SURROGATE},
        names=(f"lone.json:{line_of(LONE_SURROGATE, 'ud800')}",),
    ),
    Case(
        "answers-thousands-of-unknown-ids",
        (*SCORE, "many.json"),
        {"many.json": MANY_UNKNOWN},
        names=("many.json:", "unknown criterion id '99.0.1.1'", "4900 more problems"),
        timeout=15,
    ),
    # Not a file dcmm can read: a folder, a FIFO, an endless device, one too large.
    Case(
        "answers-report-of-a-folder",
        ("report", "--format", "csv", "--out", "out", "dir.json"),
        {"dir.json": folder},
        names=("dir.json", "is a folder"),
    ),
    Case(
        "answers-migrate-of-a-folder",
        ("migrate", "--to", "gbt36073-2025", "dir.json"),
        {"dir.json": folder},
        names=("dir.json", "is a folder"),
    ),
    Case(
        "answers-fifo-beside-a-good-file",
        (*SCORE, "pipe.json", "good.json"),
        {"pipe.json": fifo, "good.json": GOOD},
        names=("pipe.json", "not a regular file"),
        stdout=(GOOD_NAME,),
        timeout=15,
    ),
    Case(
        "answers-fifo-to-compare",
        ("compare", "pipe.json", "good.json"),
        {"pipe.json": fifo, "good.json": GOOD},
        names=("pipe.json", "not a regular file"),
        timeout=15,
    ),
    Case(
        "answers-dev-zero",
        (*SCORE, "zero.json", "good.json"),
        {"zero.json": symlink("/dev/zero"), "good.json": GOOD},
        names=("zero.json", "not a regular file"),
        stdout=(GOOD_NAME,),
        timeout=15,
    ),
    Case(
        "answers-larger-than-the-limit",
        (*SCORE, "huge.json", "good.json"),
        {"huge.json": sparse(17 << 20, b"{"), "good.json": GOOD},
        names=("huge.json", "larger than 16 MiB"),
        stdout=(GOOD_NAME,),
    ),
    Case(
        "answers-migrate-deep",
        ("migrate", "--to", "gbt36073-2025", "-o", "new.json", "deep.json"),
        {"deep.json": DEEP_ARRAY},
        names=("deep.json:1", "32 levels"),
    ),
    # Format 1.1 (who answered): its parts in a file that says 1.0, respondents the edition cannot follow.
    Case(
        "answers-1.0-with-a-respondent",
        (*SCORE, "old.json", "good.json"),
        {"old.json": OLD_WITH_RESPONDENT, "good.json": OTHER},
        names=("old.json", 'format_version 1.0 has no respondents section and no respondent per answer: write "1.1"'),
        stdout=(OTHER_NAME,),
    ),
    Case(
        "answers-content-version-not-a-version",
        (*SCORE, "v.json"),
        {"v.json": CONTENT_SHAPE},
        names=(f"v.json:{line_of(CONTENT_SHAPE, 'v2')}", "content_version"),
    ),
    Case(
        "answers-content-version-unknown",
        (*SCORE, "v.json", "good.json"),
        {"v.json": CONTENT_UNKNOWN, "good.json": OTHER},
        names=("v.json", "content_version", "no id map leads from content version 9.9.9"),
        stdout=(OTHER_NAME,),
    ),
    Case(
        "answers-content-version-in-format-1-0",
        (*SCORE, "v.json"),
        {"v.json": CONTENT_OLD_FORMAT},
        names=("v.json", 'write "1.3"'),
    ),
    Case(
        "answers-respondent-of-an-unknown-domain",
        (*SCORE, "unknown.json"),
        {"unknown.json": RESPONDENTS_UNKNOWN},
        names=(f"unknown.json:{line_of(RESPONDENTS_UNKNOWN, '99')}", "unknown domain id '99' for gbt36073-2018"),
    ),
    Case(
        "answers-respondent-named-twice",
        ("report", "--format", "csv", "--out", "out", "twice.json"),
        {"twice.json": RESPONDENT_TWICE},
        names=("twice.json", "respondents named twice: 安全部"),
    ),
    Case(
        "answers-respondent-assigned-nothing",
        (*SCORE, "none.json"),
        {"none.json": NO_PART},
        names=(f"none.json:{line_of(NO_PART, '安全部')}", "is assigned no domain and no item"),
    ),
    Case(
        "answers-batch-folder-of-bad-files",
        (*SCORE, "batch"),
        {
            "batch/a-deep.json": DEEP_OBJECT,
            "batch/b-dup.json": DUP_GRADE,
            "batch/c-utf16.json": GOOD_TEXT.encode("utf-16"),
            "batch/d-good.json": GOOD,
            "batch/e-empty.json": b"",
            "batch/f-good.json": OTHER,
        },
        names=("a-deep.json:1", "b-dup.json:", "c-utf16.json:1", "e-empty.json"),
        stdout=(GOOD_NAME, OTHER_NAME),
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
