"""Certificate lists near the size limits: time and peak memory of ``dcmm tracker import`` on each.

    python benchmarks/bench_lists.py   # 100 MB of good rows; the most rows a list holds, good and bad; an XLSX

Goal (docs/robustness.md): no list under 100 MB keeps the command longer than 30 s or above 1 GB.
Each list is written to a temporary folder and imported by a fresh ``python -m dcmm`` with its own database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from dcmm.core.identifiers import credit_code_check_character
from dcmm.files.limits import LIST_ROWS

HEADER = "单位名称,统一社会信用代码,省份,城市,行业,评估等级,证书编号,发证日期\n"


def code(number: int) -> str:
    body = f"91370100MA{number:07d}"
    return body + credit_code_check_character(body)


def good_csv(path: Path, megabytes: int, rows: int | None = None) -> None:
    """Good rows, their dates as Excel writes date cells to CSV, up to ``megabytes`` (or ``rows``)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        number = size = 0
        while size < megabytes << 20 and (rows is None or number < rows):
            number += 1
            name = f"示例数据服务有限公司{number}（虚构）"
            line = f"{name},{code(number)},山东省,济南市,制造业,3级（稳健级）,C-{number},2023-05-12 00:00:00\n"
            handle.write(line)
            size += len(line.encode())


def bad_csv(path: Path, rows: int) -> None:
    """Rows whose every cell is bad, each differently (nothing a rule has seen before)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        handle.writelines(f"x,{n},p{n},c{n},i{n},l{n},n{n},d{n}\n" for n in range(rows))


def good_xlsx(path: Path, rows: int) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append(HEADER.strip().split(","))
    for n in range(1, rows + 1):
        sheet.append([f"示例{n}（虚构）", code(n), "山东省", "济南市", "制造业", 3, f"C-{n}", dt.datetime(2023, 5, 12)])
    book.save(path)


def measure(folder: Path, name: str, write: Callable[[Path], None]) -> tuple[float, int, int]:
    path = folder / name
    write(path)
    started = time.monotonic()
    argv = [sys.executable, "-m", "dcmm", "tracker", "import", str(path), "--db", str(folder / f"{name}.db")]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.monotonic() - started, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args()
    lists: list[tuple[str, Callable[[Path], None]]] = [
        ("good.csv", lambda path: good_csv(path, args.megabytes)),  # refused past LIST_ROWS
        (
            "most.csv",
            lambda path: good_csv(path, args.megabytes, LIST_ROWS - 1),
        ),  # the most a list holds, header included
        ("bad.csv", lambda path: bad_csv(path, LIST_ROWS - 1)),
        ("good.xlsx", lambda path: good_xlsx(path, 200_000)),
    ]
    with tempfile.TemporaryDirectory() as folder:
        for name, write in lists:
            seconds, memory, code_ = measure(Path(folder), name, write)
            size = (Path(folder) / name).stat().st_size >> 20
            verdict = "ok" if seconds < 30 and memory < 1 << 30 else "OVER"
            print(f"{name:10} {size:4} MB  exit {code_}  {seconds:5.1f} s  {memory >> 20:5} MiB  {verdict}")


if __name__ == "__main__":
    main()
