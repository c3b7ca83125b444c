"""A batch of reports on two processes against bare WeasyPrint renders of the same HTML in the same pool.

    python benchmarks/bench_batch.py                # 20 reports, --jobs 2, one round
    python benchmarks/bench_batch.py --rounds 2     # ours and the baseline take turns

"ours" is ``run_batch`` with ``--jobs 2`` and PDF reports: every file read, scored, its report rendered and
written atomically in a worker, then the portfolio summary (CSV, XLSX and PDF) as ``dcmm score --pdf``
writes it. The baseline is ``weasyprint.HTML(string=html).write_pdf()`` of the same 20 report HTMLs in a
pool started the same way (two forked workers, WeasyPrint imported before the fork, the same worker
initializer), run right after ours so that the machine's other work hits both alike. Wall seconds and the
CPU seconds (this process and its workers) are both printed: on a shared machine the CPU ratio is the
steadier one.
Goal: ours at most 1.1x the baseline.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dcmm.assessments import score_file
from dcmm.report import batch
from dcmm.report.build import ReportOptions
from dcmm.report.context import build_context
from dcmm.report.html import render_report_html

ROOT = Path(__file__).resolve().parent.parent
JOBS = 2


def write_answer_files(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the bundled examples, each with an organisation of its own."""
    sources = sorted((ROOT / "examples" / "answers").glob("*.json"))
    written = []
    for n in range(count):
        data = json.loads(sources[n % len(sources)].read_text(encoding="utf-8"))
        data["organisation"] = {**data["organisation"], "name": f"批量基准单位 {n:03d}（虚构）"}
        data["organisation"].pop("credit_code", None)
        path = folder / f"client-{n:03d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written


def bare_pdf(html: str) -> int:
    import weasyprint

    return len(weasyprint.HTML(string=html).render().write_pdf() or b"")


def cpu_seconds() -> float:
    """CPU time of this process (planning, the portfolio) and of its finished workers."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def ours(answers: Path, out: Path) -> tuple[float, float]:
    cpu, start = cpu_seconds(), time.perf_counter()
    outcome = batch.run_batch([answers], out, ReportOptions("zh", ("pdf",)), jobs=JOBS)
    assert not outcome.problems and not outcome.failures, outcome.rejected()
    return time.perf_counter() - start, cpu_seconds() - cpu


def baseline(htmls: list[str]) -> tuple[float, float]:
    cpu, start = cpu_seconds(), time.perf_counter()
    batch._warm_up()  # as run_batch does before it forks its workers
    with ProcessPoolExecutor(max_workers=JOBS, initializer=batch._start_worker) as pool:
        sizes = list(pool.map(bare_pdf, htmls))
    assert all(sizes)
    return time.perf_counter() - start, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=20, help="reports in the batch (default 20)")
    parser.add_argument("--rounds", type=int, default=1, help="times each side runs (default 1)")
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers"
        answers.mkdir()
        htmls = [
            render_report_html(build_context(score_file(p), "zh")) for p in write_answer_files(answers, args.files)
        ]
        totals = {"ours": [0.0, 0.0], "bare": [0.0, 0.0]}
        for round_number in range(args.rounds):
            for side, (wall, cpu) in (
                ("ours", ours(answers, Path(tmp) / f"out-{round_number}")),
                ("bare", baseline(htmls)),
            ):
                totals[side][0] += wall
                totals[side][1] += cpu
    (our_wall, our_cpu), (bare_wall, bare_cpu) = totals["ours"], totals["bare"]
    print(f"{args.files} reports, --jobs {JOBS}, {args.rounds} round(s):")
    print(f"  ours (reports and portfolio)  {our_wall:7.1f} s wall  {our_cpu:7.1f} s CPU")
    print(f"  bare WeasyPrint, same pool    {bare_wall:7.1f} s wall  {bare_cpu:7.1f} s CPU")
    print(f"  ratio                         {our_wall / bare_wall:7.2f}x wall  {our_cpu / bare_cpu:7.2f}x CPU")
    print("  goal: at most 1.1x")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
