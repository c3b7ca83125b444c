"""The shape of the code base, checked: module size, and no block of code written twice."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dcmm"
MAX_LINES = 400
WINDOW = 6
# Lines that say nothing on their own: repeating them is not repeating code.
_TRIVIAL = re.compile(r"^(?:$|#|from \S+ import|import |\)|\]|\}|[\)\]\}],?$|else:|try:|pass$|return$|\"\"\"|'''|@)")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations/versions" not in p.as_posix())


def _code_lines(path: Path) -> list[tuple[int, str]]:
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not _TRIVIAL.match(line):
            lines.append((number, line))
    return lines


def test_no_module_is_over_the_size_limit() -> None:
    too_long = {
        str(path.relative_to(ROOT)): count
        for path in _modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_no_block_of_six_lines_is_repeated_across_modules() -> None:
    seen: dict[tuple[str, ...], set[str]] = defaultdict(set)
    where: dict[tuple[tuple[str, ...], str], int] = {}
    for path in _modules():
        name = str(path.relative_to(ROOT))
        lines = _code_lines(path)
        for start in range(len(lines) - WINDOW + 1):
            block = tuple(text for _, text in lines[start : start + WINDOW])
            seen[block].add(name)
            where.setdefault((block, name), lines[start][0])
    repeated = sorted(
        " & ".join(f"{name}:{where[(block, name)]}" for name in sorted(names))
        for block, names in seen.items()
        if len(names) > 1
    )
    assert repeated == []
