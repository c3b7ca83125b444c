"""Disclosure control benchmark: protect() on a national report against the bare primary-suppression pass
over the same tallies, in the same process.

    python benchmarks/bench_disclosure.py            # 34 provinces + others, 20 industries, 8 years
    python benchmarks/bench_disclosure.py --seeds 10 --check

The report: a regions table of 35 rows and a total row by 14 columns (valid, L1-L5, level 3+, ever
certified, 贯标, self-assessed and at level 3+, 12-month change, expiring), an industries table of 20
rows by L1-L5 and total, a years table of 8 rows; counts drawn so that about one cell in five is a small
group. Goal: protect() under 100 ms (the solver's import, paid once per process, is reported apart).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from dcmm.tracker.disclosure import (
    Tally,
    audit,
    change_is_small,
    is_primary,
    level_terms,
    merged,
    protect,
    region_identities,
    region_terms,
    same_levels,
    unsafe,
)

LEVELS = (1, 2, 3, 4, 5)
Terms = dict[Any, int]


def national(seed: int) -> tuple[list[Tally], list[Terms]]:
    """The tallies of a national report, and the identities behind them."""
    rng = random.Random(seed)
    tallies: list[Tally] = []
    identities: list[Terms] = []
    columns: dict[str, list[tuple[Terms, int]]] = {}
    leaves = [f"{11 + n}" for n in range(34)] + ["others"]
    level_totals = dict.fromkeys(LEVELS, 0)
    for key in leaves:
        scale = rng.choice((3, 8, 20, 60, 150))
        levels = {
            k: max(0, int(rng.gauss(scale * w, scale * w / 2)))
            for k, w in zip(LEVELS, (0.1, 0.4, 0.35, 0.1, 0.05), strict=True)
        }
        terms = region_terms(key)
        n_valid = sum(levels.values())
        n_expiring = rng.randint(0, n_valid)
        n_ever = n_valid + rng.randint(0, scale)
        year_ago = max(0, n_valid - rng.randint(-scale // 4, scale // 2))
        sa_high = rng.randint(0, 6)
        values = {
            "certified_valid": n_valid,
            **{f"level_{k}": levels[k] for k in LEVELS},
            "level3_plus": levels[3] + levels[4] + levels[5],
            "ever_certified": n_ever,
            "guanbiao": n_ever + rng.randint(0, 5),
            "self_assessed": sa_high + rng.randint(0, 6),
            "self_assessed_level3_plus": sa_high,
            "change_12_months": n_valid - year_ago,
            "expiring": n_expiring,
        }
        small_change = change_is_small(n_valid, year_ago, 5)
        identities += region_identities(key)
        for column, value in values.items():
            primary = small_change if column == "change_12_months" else None
            tallies.append(Tally(("regions", key, column), value, terms[column], primary))
            columns.setdefault(column, []).append((terms[column], value))
        for k in LEVELS:
            level_totals[k] += levels[k]
    for column, parts in columns.items():
        tallies.append(Tally(("regions", "total", column), sum(v for _, v in parts), merged(*(t for t, _ in parts))))
    # industries: the same national levels split another way
    industries = [f"industry {n}" for n in range(20)]
    for table, keys, totals in (
        ("industries", industries, level_totals),
        ("years", [str(y) for y in range(2019, 2027)], None),
    ):
        split: dict[str, dict[int, int]] = {key: dict.fromkeys(LEVELS, 0) for key in keys}
        for k in LEVELS:
            count = totals[k] if totals else rng.randint(0, 300)
            weights = [rng.random() ** 3 for _ in keys]
            for _ in range(count):
                split[rng.choices(keys, weights)[0]][k] += 1
        column_terms: dict[str, list[tuple[Terms, int]]] = {}
        for key in keys:
            terms = level_terms(table, key)
            values = {**{f"level_{k}": split[key][k] for k in LEVELS}, "total": sum(split[key].values())}
            for column, value in values.items():
                tallies.append(Tally((table, key, column), value, terms[column]))
                column_terms.setdefault(column, []).append((terms[column], value))
        for column, parts in column_terms.items():
            tallies.append(Tally((table, "total", column), sum(v for _, v in parts), merged(*(t for t, _ in parts))))
        if totals:
            identities += same_levels(leaves, table, keys)
    return tallies, identities


def _primary(tallies: list[Tally]) -> frozenset[tuple[str, str, str]]:
    return frozenset(t.id for t in tallies if is_primary(t, 5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="national reports to protect (default 5)")
    parser.add_argument("--check", action="store_true", help="audit each result: no hidden cell narrower than 5")
    args = parser.parse_args()
    started = time.perf_counter()
    import highspy  # noqa: F401
    import numpy  # noqa: F401

    print(f"solver import (once per process): {1000 * (time.perf_counter() - started):.0f} ms")
    times, cpu, baselines = [], [], []
    for seed in range(args.seeds):
        tallies, identities = national(seed)
        started = time.perf_counter()
        primary = _primary(tallies)
        baselines.append(time.perf_counter() - started)
        started, started_cpu = time.perf_counter(), time.process_time()
        hidden = protect(tallies, 5, identities)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        line = f"seed {seed}: {len(tallies)} counts, {len(primary)} small groups, {len(hidden)} hidden"
        line += f", {1000 * times[-1]:.0f} ms ({1000 * cpu[-1]:.0f} ms of processor time)"
        if args.check:
            line += f", narrower than 5: {len(unsafe(audit(tallies, hidden, 5, identities), 5))}"
        print(line)
    median, base = statistics.median(times), statistics.median(baselines)
    print(
        f"protect median {1000 * median:.0f} ms ({1000 * statistics.median(cpu):.0f} ms of processor time); "
        f"primary pass {1000 * base:.2f} ms; ratio {median / base:.0f}x"
    )
    print(f"goal: under 100 ms — {'met' if median < 0.1 else 'not met'}")


if __name__ == "__main__":
    main()
