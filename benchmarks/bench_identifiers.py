"""Checking unified social credit codes as a certificate list of many rows does, against the textbook check.

    python benchmarks/bench_identifiers.py [--codes 20000]

The textbook check is the one the standard spells out: a regular expression for the shape, then the
weighted sum of the first 17 characters for the check character. Ours (``normalize_credit_code``)
checks shape and check character in one pass over per-position tables and returns a code already in
canonical form as it is. Goal: ours no slower than the textbook check on canonical codes.
"""

from __future__ import annotations

import argparse
import random
import re
import timeit
from collections.abc import Callable

from dcmm.core.identifiers import CREDIT_CODE_CHARSET, credit_code_check_character, normalize_credit_code

_SHAPE = re.compile(rf"[{CREDIT_CODE_CHARSET}]{{2}}\d{{6}}[{CREDIT_CODE_CHARSET}]{{10}}")
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_VALUE = {ch: i for i, ch in enumerate(CREDIT_CODE_CHARSET)}


def textbook(text: str) -> str:
    code = text.strip().upper().replace(" ", "").replace("-", "")
    if not _SHAPE.fullmatch(code):
        raise ValueError(code)
    total = sum(_VALUE[ch] * w for ch, w in zip(code, _WEIGHTS, strict=False))
    if code[17] != CREDIT_CODE_CHARSET[(31 - total % 31) % 31]:
        raise ValueError(code)
    return code


def sample_codes(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    codes = []
    for _ in range(count):
        division = "".join(rng.choice("0123456789") for _ in range(6))
        body = "91" + division + "".join(rng.choice(CREDIT_CODE_CHARSET) for _ in range(9))
        codes.append(body + credit_code_check_character(body))
    return codes


def nanoseconds_per_code(check: Callable[[str], str], codes: list[str]) -> float:
    best = min(timeit.repeat(lambda: [check(c) for c in codes], number=5, repeat=7))
    return best / (5 * len(codes)) * 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=20000)
    args = parser.parse_args()
    canonical = sample_codes(args.codes)
    written = [f" {c[:8].lower()}-{c[8:]} " for c in canonical]  # lower case, a dash, stray spaces
    assert [normalize_credit_code(c) for c in written] == [textbook(c) for c in written] == canonical
    for label, codes in (("canonical", canonical), ("as written", written)):
        ours, theirs = nanoseconds_per_code(normalize_credit_code, codes), nanoseconds_per_code(textbook, codes)
        print(f"{label:10}  textbook {theirs:6.0f} ns/code   ours {ours:6.0f} ns/code   ratio {ours / theirs:.2f}")
    print("goal: ours no slower than the textbook check on canonical codes")


if __name__ == "__main__":
    main()
