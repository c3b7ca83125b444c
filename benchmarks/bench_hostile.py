"""Bounded work on hostile input: each command fed a large hostile file, against reading the same bytes.

    python benchmarks/bench_hostile.py [--megabytes 95] [--only NAME]

For every hostile input (just under 100 MB unless it is a small bomb) the real command runs in a
subprocess with no terminal; its wall time and peak memory (wait4) are measured, and so are those of a
baseline in the same pool: a bare ``python -c`` that reads the same file and parses it with the standard
library where it can. Goals (docs/robustness.md): every command under 30 s and under 1 GiB, exit 1 or 0,
never 3. The ratio to the baseline shows what the checks cost beyond reading the bytes.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TIME_GOAL = 30.0
MEMORY_GOAL = 1 << 30
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "answers" / "01-00001-gbt36073-2018.json"
HEADER = "单位名称,统一社会信用代码,省份,城市,行业,评估等级,证书编号,发证日期\n"


@dataclass(frozen=True)
class Hostile:
    name: str
    file: str
    make: Callable[[Path, int], None]
    argv: tuple[str, ...]
    baseline: str  # python code run on the file path as sys.argv[1]
    megabytes: int | None = None  # a size of its own: just under a limit, to measure the checks behind it


def _deep_json(path: Path, size: int) -> None:
    half = size // 2
    with path.open("wb") as handle:
        handle.write(b"[" * half + b"]" * half)


def _long_string_json(path: Path, size: int) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    head, tail = text.split('"answers"', 1)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head + '"note_padding": "' + "数" * (size // 3) + '", "answers"' + tail)


def _many_keys_json(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"format_version": "1.0", "edition": "gbt36073-2018", "answers": {')
        written, n = 0, 0
        while written < size:
            chunk = ",".join(f'"{n + k}.1.1.1": {{"grade": "fully_met"}}' for k in range(10_000))
            handle.write(("," if n else "") + chunk)
            written += len(chunk)
            n += 10_000
        handle.write("}}")


def _big_int_json(path: Path, size: int) -> None:
    path.write_text('{"format_version": "1.0", "target_level": ' + "9" * size + "}", encoding="utf-8")


def _rows_csv(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        written, n = 0, 0
        while written < size:
            line = (
                f"示例单位{n}（虚构）,91370100MA{n:08d},山东省,济南市,制造业,3,DCMM-{n:08d},2024-05-{1 + n % 28:02d}\n"
            )
            handle.write(line)
            written += len(line.encode("utf-8"))
            n += 1


def _huge_cell_csv(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.write('"' + "x" * size + '",91370100MA00000001,山东省,济南市,制造业,3,DCMM-1,2024-05-01\n')


def _zip_bomb_xlsx(path: Path, size: int) -> None:
    """A workbook whose one sheet is ~1 GB of XML once inflated, a few MB on disk."""
    row = "<row>" + "<c t='inlineStr'><is><t>x</t></is></c>" * 50 + "</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<?xml version='1.0'?><worksheet xmlns='" + _MAIN + b"'><sheetData>")
            block = (row * 1000).encode()
            for _ in range((1 << 30) // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


def _results_json(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"format": "dcmm-score/1", "results": [')
        written, n = 0, 0
        while written < size:
            chunk = ",".join('{"organisation": {"name": "x"}}' for _ in range(10_000))
            handle.write(("," if n else "") + chunk)
            written += len(chunk)
            n += 1
        handle.write("]}")


_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    "<?xml version='1.0'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
    "<Default Extension='rels' ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
    "<Default Extension='xml' ContentType='application/xml'/>"
    "<Override PartName='/xl/workbook.xml' "
    "ContentType='application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'/>"
    "<Override PartName='/xl/worksheets/sheet1.xml' "
    "ContentType='application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml'/></Types>"
)
_RELS = (
    "<?xml version='1.0'?><Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
    "<Relationship Id='rId1' Target='xl/workbook.xml' "
    "Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument'/></Relationships>"
)
_WORKBOOK = (
    "<?xml version='1.0'?><workbook xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main' "
    "xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'>"
    "<sheets><sheet name='Sheet1' sheetId='1' r:id='rId1'/></sheets></workbook>"
)
_WORKBOOK_RELS = (
    "<?xml version='1.0'?><Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
    "<Relationship Id='rId1' Target='worksheets/sheet1.xml' "
    "Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet'/></Relationships>"
)

READ_BYTES = "import sys; open(sys.argv[1], 'rb').read()"
READ_JSON = "import json, sys; sys.setrecursionlimit(10**6); json.loads(open(sys.argv[1], 'rb').read())"
READ_CSV = "import csv, sys; csv.field_size_limit(1 << 31); sum(1 for _ in csv.reader(open(sys.argv[1], newline='')))"

HOSTILE = [
    Hostile("answers nested 50M deep", "deep.json", _deep_json, ("score", "deep.json"), READ_BYTES),
    Hostile("answers with a 95 MB note", "long.json", _long_string_json, ("score", "long.json"), READ_JSON),
    Hostile("answers with 2M criteria", "keys.json", _many_keys_json, ("score", "keys.json"), READ_JSON),
    Hostile("answers with a 95M-digit number", "int.json", _big_int_json, ("score", "int.json"), READ_BYTES),
    Hostile("answers nested, 15 MB", "deep.json", _deep_json, ("score", "deep.json"), READ_BYTES, 15),
    Hostile("answers with 300k criteria, 15 MB", "keys.json", _many_keys_json, ("score", "keys.json"), READ_JSON, 15),
    Hostile("answers with a 15M-digit number", "int.json", _big_int_json, ("score", "int.json"), READ_BYTES, 15),
    Hostile(
        "list of 1M rows, every code bad",
        "rows.csv",
        _rows_csv,
        ("tracker", "import", "rows.csv", "--db", "t.db"),
        READ_CSV,
    ),
    Hostile(
        "list with a 95 MB cell",
        "cell.csv",
        _huge_cell_csv,
        ("tracker", "import", "cell.csv", "--db", "t.db"),
        READ_CSV,
    ),
    Hostile(
        "xlsx zip bomb (1 GiB inflated)",
        "bomb.xlsx",
        _zip_bomb_xlsx,
        ("tracker", "import", "bomb.xlsx", "--db", "t.db"),
        READ_BYTES,
    ),
    Hostile(
        "score results with 1M entries",
        "results.json",
        _results_json,
        ("tracker", "ingest", "results.json", "--db", "t.db"),
        READ_JSON,
    ),
    Hostile(
        "score results, 15 MB",
        "results.json",
        _results_json,
        ("tracker", "ingest", "results.json", "--db", "t.db"),
        READ_JSON,
        15,
    ),
]


@dataclass(frozen=True)
class Measured:
    code: int
    seconds: float
    peak: int
    last_line: str


def measure(argv: list[str], cwd: Path) -> Measured:
    started = time.monotonic()
    err = io.BytesIO()
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        stderr.seek(0)
        err.write(stderr.read())
    lines = err.getvalue().decode("utf-8", "replace").strip().splitlines()
    return Measured(
        os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss * 1024, lines[-1][:110] if lines else ""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=int, default=95, help="size of each hostile file (default 95)")
    parser.add_argument("--only", help="run only the inputs whose name holds this text")
    parser.add_argument("--make", nargs=3, metavar=("NAME", "PATH", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        name, path, size = args.make
        next(h for h in HOSTILE if h.name == name).make(Path(path), int(size))
        return
    size = args.megabytes << 20
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for number, hostile in enumerate(HOSTILE):
            if args.only and args.only not in hostile.name:
                continue
            case = Path(folder) / f"{number:02d}-{hostile.file}"
            case.mkdir()
            path = case / hostile.file
            # Made in a child: the measured commands inherit this process's peak memory when it forks them.
            made = hostile.megabytes << 20 if hostile.megabytes else size
            maker = [sys.executable, __file__, "--make", hostile.name, str(path), str(made)]
            subprocess.run(maker, check=True)
            ours = measure([sys.executable, "-m", "dcmm", *hostile.argv], case)
            base = measure([sys.executable, "-c", hostile.baseline, str(path)], case)
            ok = ours.code in (0, 1) and ours.seconds < TIME_GOAL and ours.peak < MEMORY_GOAL
            failed |= not ok
            print(
                f"{'ok  ' if ok else 'FAIL'} {hostile.name:34} {path.stat().st_size >> 20:5d} MB  exit {ours.code}  "
                f"{ours.seconds:6.2f} s {ours.peak >> 20:5d} MiB  | baseline exit {base.code} {base.seconds:6.2f} s "
                f"{base.peak >> 20:5d} MiB  | x{ours.seconds / max(base.seconds, 1e-3):.2f} time"
            )
            print(f"     {ours.last_line}")
            for leftover in case.iterdir():
                leftover.unlink()
    print(f"goals: every command under {TIME_GOAL:.0f} s and {MEMORY_GOAL >> 30} GiB, exit 0 or 1")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
