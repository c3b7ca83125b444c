"""One answer file, one verdict: ``dcmm score`` and ``dcmm tracker ingest`` refuse and accept exactly the same files.

Each file is example 1 with its organisation changed. Both commands are run on it; both must refuse it (exit 1,
the file, line and field named, nothing written) or both accept it, and say the very same lines about it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.badinput.harness import Case, Outcome, example_answers, run_case

FILE = "org.json"
# Example 1 is 示例·齐鲁精工机械有限公司 of 济南市 in 山东省 (37), credit code 91370100MA3C00001H.
OTHER_PROVINCE_CODE = "91410100MA3C00001F"  # division 410100 郑州市 in 河南省, check character right
UNKNOWN_DIVISION_CODE = "91370199MA3C00001Y"  # division 370199: no division of the GB/T 2260 table


def _answers(**organisation: Any) -> str:
    answers = json.loads(example_answers(1))
    answers["organisation"].update(organisation)
    return json.dumps(answers, ensure_ascii=False, indent=2)


def _line(text: str, field: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(f'"{field}"'))


# (id, organisation changes, refused, field the verdict names or None, texts the message holds)
VERDICTS: list[tuple[str, dict[str, Any], bool, str | None, tuple[str, ...]]] = [
    ("good", {}, False, None, ()),
    ("city-of-another-province", {"province": "河南省"}, True, "city", ("济南市 lies in 山东省, not in 河南省",)),
    ("city-code-of-another-province", {"city": "410100"}, True, "city", ("410100 lies in 河南省, not in 山东省",)),
    # Only a prefecture-level city is placed in another province: a county's name is too often shared to be.
    ("county-of-another-province", {"city": "金水区"}, False, "city", ("'金水区' is not a city of 山东省",)),
    ("unknown-city", {"city": "火星市"}, False, "city", ("'火星市' is not a city of 山东省", "kept as written")),
    ("city-and-county-in-one-cell", {"city": "济南市历下区"}, False, None, ()),
    ("bad-credit-code", {"credit_code": "91370100MA3C00001X"}, True, "credit_code", ("check character",)),
    ("credit-code-of-another-province", {"credit_code": OTHER_PROVINCE_CODE}, False, "credit_code", ("not in 山东省",)),
    ("credit-code-unknown-division", {"credit_code": UNKNOWN_DIVISION_CODE}, False, "credit_code", ("370199",)),
    ("unknown-province", {"province": "火星省"}, True, "province", ("not a province",)),
    ("name-too-long", {"name": "名" * 201}, True, "name", ("more than the 200",)),
    ("city-too-long", {"city": "城" * 61}, True, "city", ("more than the 60",)),
]


def _about(outcome: Outcome) -> list[str]:
    """What a command said about the file: its error and warning lines, in order."""
    return [line for line in outcome.err.splitlines() if line.startswith(("error: ", "warning: ")) and FILE in line]


@pytest.mark.parametrize(("changes", "refused", "field", "says"), [pytest.param(*v[1:], id=v[0]) for v in VERDICTS])
def test_score_and_ingest_agree(
    changes: dict[str, Any], refused: bool, field: str | None, says: tuple[str, ...], tmp_path: Path
) -> None:
    text = _answers(**changes)
    # "" asks for nothing: a good file is accepted without a word
    named = (f"{FILE}:{_line(text, field)}: organisation.{field}", *says) if field else ()
    kind = "error" if refused else "warning"
    score = Case("score", ("score", FILE), {FILE: text}, exit=1 if refused else 0, names=named or ("",))
    ingest = Case(
        "ingest",
        ("tracker", "ingest", FILE, "--db", "t.db"),
        {FILE: text},
        exit=1 if refused else 0,
        names=named or ("",),
        outputs=("t.db*",),
        stdout=(f"{0 if refused else 1} self-assessment(s) read",),
    )
    (tmp_path / "score").mkdir()
    (tmp_path / "ingest").mkdir()
    scored = run_case(score, tmp_path / "score")
    ingested = run_case(ingest, tmp_path / "ingest")
    assert _about(scored) == _about(ingested)
    if field:
        assert any(line.startswith(f"{kind}: {FILE}:") for line in _about(scored)), scored.err
    else:
        assert not _about(scored), scored.err
    assert "河南省 济南市" not in scored.out


def _workbook(province: str, city: str) -> Any:
    """A maker: the 2025 workbook of an organisation of ``city`` in ``province``, as a user filled its cover."""
    from tests.badinput.test_workbooks import cells, workbook

    # The cover's rows: 3 organisation, 4 credit code, 5 province, 6 city, 9 assessment date.
    return workbook(cells("封面", {"B4": "91370100MA3C00001H", "B5": province, "B6": city, "B9": "2026-05-01"}))


@pytest.mark.parametrize(
    ("province", "refused"),
    [pytest.param("山东省", False, id="good"), pytest.param("河南省", True, id="wrong-province")],
)
def test_workbook_verdicts_agree(province: str, refused: bool, tmp_path: Path) -> None:
    """A workbook's city is checked as a JSON file's is, located at its cover cell, by both commands."""
    names = ("book.xlsx:封面!B6: organisation.city", "济南市 lies in 山东省, not in 河南省") if refused else ("",)
    outcomes = []
    for argv, outputs in (
        (("score", "book.xlsx"), ()),
        (("tracker", "ingest", "book.xlsx", "--db", "t.db"), ("t.db*",)),
    ):
        folder = tmp_path / argv[0]
        folder.mkdir()
        case = Case(argv[0], argv, {"book.xlsx": _workbook(province, "济南市")}, int(refused), names, outputs)
        outcomes.append(run_case(case, folder))
    said = [[line for line in o.err.splitlines() if "book.xlsx" in line] for o in outcomes]
    assert said[0] == said[1]
