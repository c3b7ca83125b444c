"""Migrating and merging answer files, against plain scoring.

    python benchmarks/bench_editions.py [--files 200]

All sides read the same complete 2018 answer files from disk in the same run. Baseline: what
``dcmm score`` does per file (read, validate, check, score). Measured against it:
- migrate: read the file and carry it to 2025 through the bundled crosswalk (in memory);
- merge: read five respondents' files and merge them by median, per merged file;
Goals: migrate under 10 ms per file and a merge of five under 25 ms (each rebuilds every answer of
a file, so a few scores' worth of work).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_scoring import write_files

from dcmm.core.editions.merge import Respondent, merge_answers
from dcmm.core.editions.migrate import migrate_answers
from dcmm.core.scoring import score_assessment
from dcmm.files import load_edition, read_answer_file
from dcmm.files.crosswalk import find_crosswalk, load_crosswalk


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    old, new = load_edition("gbt36073-2018"), load_edition("gbt36073-2025")
    crosswalk = load_crosswalk(find_crosswalk(old.id, new.id))
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(Path(tmp), args.files)

        def score_each() -> None:
            for path in paths:
                answers, q = read_answer_file(path, old)
                score_assessment(q, answers)

        def migrate_each() -> None:
            for path in paths:
                answers, _ = read_answer_file(path, old)
                migrate_answers(answers, old, new, crosswalk)

        def merge_fives() -> None:
            for start in range(0, len(paths) - 4, 5):
                group: list[Respondent] = []
                for path in paths[start : start + 5]:
                    answers, _ = read_answer_file(path, old)
                    # One organisation, five departments: the files differ only in their grades.
                    answers = (
                        answers.model_copy(update={"organisation": group[0].answers.organisation}) if group else answers
                    )
                    group.append(Respondent(path.name, str(path), answers))
                merge_answers(group, old, "median")

        baseline = best_of(args.runs, score_each)
        migrate = best_of(args.runs, migrate_each)
        merge = best_of(args.runs, merge_fives)
    per_file = baseline / len(paths) * 1000
    groups = len(paths) // 5
    print(f"{len(paths)} complete 2018 answer files, median of {args.runs} runs")
    print(f"score (baseline)             {per_file:7.2f} ms/file")
    print(f"migrate to 2025              {migrate / len(paths) * 1000:7.2f} ms/file   {migrate / baseline:5.2f}x score")
    print(
        f"merge 5 respondents (median) {merge / groups * 1000:7.2f} ms/merge  "
        f"{merge / (baseline * groups * 5 / len(paths)):5.2f}x scoring the same 5 files"
    )


if __name__ == "__main__":
    main()
