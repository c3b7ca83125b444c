"""Answer workbooks: writing a full 2025 workbook and reading it back, against openpyxl's bare write and read of
the same cells, in the same process.

    python benchmarks/bench_workbook.py [--runs 5]

The workbook: the cover, 9 domain sheets with all 495 criteria of GB/T 36073-2025, every one answered (grade, note,
evidence), and the metadata sheet. Baselines: openpyxl writing the same values into plain cells of the same sheets
(no styles, lists, protection or print set-up), and openpyxl reading every cell of that workbook back
(``read_only=True, values_only=True``). Goals: write under 1 s, read (validated into the answer-file model, as
``dcmm score`` does) under 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from dcmm.core.answers import Answer, AnswerFile, Grade, Organisation
from dcmm.files import load_edition, read_answers
from dcmm.files.answer_workbook import WorkbookRequest, build_answer_workbook, write_answer_workbook

GRADES = (Grade.FULLY_MET, Grade.MOSTLY_MET, Grade.PARTLY_MET, Grade.NOT_MET)


def median_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def full_answers() -> AnswerFile:
    q = load_edition("gbt36073-2025")
    answers = {
        cid: Answer(GRADES[n % 4], f"第 {n} 条的说明", [f"制度文件-{n}.pdf", f"系统截图-{n}.png"])
        for n, cid in enumerate(q.criteria)
    }
    return AnswerFile(edition=q.id, organisation=Organisation(name="示例单位（虚构）"), answers=answers)


def cell_values(request: WorkbookRequest) -> dict[str, list[list[object]]]:
    """Every sheet's cell values as the dcmm workbook holds them."""
    book = build_answer_workbook(request)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def bare_write(values: dict[str, list[list[object]]], path: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in values.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def bare_read(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for _ in row)
    book.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    answers = full_answers()
    q = load_edition(answers.edition)
    request = WorkbookRequest(q, "zh", respondent="信息安全部", answers=answers)
    values = cell_values(request)
    with tempfile.TemporaryDirectory() as folder:
        ours, bare = Path(folder) / "dcmm.xlsx", Path(folder) / "bare.xlsx"
        write = median_of(args.runs, lambda: write_answer_workbook(request, ours))
        write_baseline = median_of(args.runs, lambda: bare_write(values, bare))
        read = median_of(args.runs, lambda: read_answers(ours))
        read_baseline = median_of(args.runs, lambda: bare_read(ours))
        read_back = read_answers(ours).answers
        assert read_back.answers == answers.answers, "the workbook did not read back the same answers"
        size = ours.stat().st_size
    cells = sum(len(row) for rows in values.values() for row in rows)
    print(f"full 2025 workbook: {len(q.criteria)} criteria, {cells} cells, {size / 1024:.0f} KiB")
    for name, ours_s, bare_s, goal in (("write", write, write_baseline, 1.0), ("read", read, read_baseline, 0.5)):
        verdict = "ok" if ours_s < goal else "OVER"
        ratio = ours_s / bare_s
        print(
            f"{name:<6} dcmm {ours_s:6.3f} s   openpyxl bare {bare_s:6.3f} s   {ratio:5.2f}x  goal < {goal} s {verdict}"
        )


if __name__ == "__main__":
    main()
