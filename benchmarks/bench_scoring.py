"""Validate and score many complete answer files, against json.loads of the same files.

    python benchmarks/bench_scoring.py [--files 2000]

Both sides read every file from disk in the same run. "ours" is what ``dcmm score`` does per file:
validate (pydantic, every field), check against the questionnaire, and score; "with gap analysis"
adds the gaps, blockers and roadmap that JSON output and reports use. Goal: ours at most 3x.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dcmm.core.answers import answer_problems
from dcmm.core.scoring import score_assessment
from dcmm.files import load_edition, parse_answer_file

GRADES = ["fully_met", "mostly_met", "partly_met", "not_met"]
NOTES = [
    "制度已发布，但部分部门尚未按要求执行，需在下季度复查。",
    "Evidence reviewed with the data office; minutes attached to the assessment folder.",
    "平台已上线，覆盖核心业务系统，外围系统接入计划见附件。",
]


def write_files(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Complete answer files as consultants produce them: every criterion graded, most with evidence."""
    q = load_edition("gbt36073-2018")
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        answers = {}
        for cid in q.criteria:
            answer: dict[str, object] = {"grade": rng.choice(GRADES)}
            if rng.random() < 0.8:
                answer["evidence"] = [
                    f"DOC-{n:04d}-{cid}-{k}《数据管理制度汇编》第{k}章" for k in range(rng.randint(1, 3))
                ]
            if rng.random() < 0.4:
                answer["note"] = rng.choice(NOTES)
            if rng.random() < 0.05:
                answer["marked_for_review"] = True
            answers[cid] = answer
        data = {
            "format_version": "1.0",
            "edition": q.id,
            "organisation": {"name": f"基准测试单位 {n}", "province": "37", "fictitious": True},
            "assessed_on": "2026-10-01",
            "target_level": 3,
            "answers": answers,
        }
        path = folder / f"{n:05d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def timed(runs: dict[str, Callable[[], None]], repeats: int) -> dict[str, float]:
    """The median of several runs of each, in seconds.

    The runs take turns within every round, so that a machine busy with other work slows every side
    alike instead of whichever happened to run during the busy spell.
    """
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    q = load_edition("gbt36073-2018")
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(Path(tmp), args.files)
        size = sum(p.stat().st_size for p in paths)

        def baseline() -> None:
            for p in paths:
                json.loads(p.read_bytes())

        def ours() -> None:
            for p in paths:
                answers = parse_answer_file(p.read_bytes(), str(p))
                assert not answer_problems(answers, q)
                score_assessment(q, answers)

        def ours_with_gaps() -> None:
            for p in paths:
                answers = parse_answer_file(p.read_bytes(), str(p))
                assert not answer_problems(answers, q)
                score_assessment(q, answers).roadmap  # noqa: B018 - forces the gap analysis

        medians = timed({"baseline": baseline, "ours": ours, "with gaps": ours_with_gaps}, args.repeats)
        base, mine, full = medians["baseline"], medians["ours"], medians["with gaps"]
    print(f"{args.files} complete answer files, {size / args.files / 1024:.0f} KiB each, {len(q.criteria)} criteria")
    print(f"json.loads baseline         {base:7.3f} s  ({base / args.files * 1e3:.3f} ms/file)")
    print(
        f"validate + score            {mine:7.3f} s  ({mine / args.files * 1e3:.3f} ms/file)  ratio {mine / base:.2f}x"
    )
    print(
        f"  + gaps, blockers, roadmap {full:7.3f} s  ({full / args.files * 1e3:.3f} ms/file)  ratio {full / base:.2f}x"
    )
    print("goal: validate + score at most 3x json.loads")


if __name__ == "__main__":
    main()
