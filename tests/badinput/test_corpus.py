"""The corpus as a whole: large enough, every case named once."""

from __future__ import annotations

from collections import Counter

from tests.badinput.corpus import cases_by_class

MINIMUM_CASES = 150


def test_the_corpus_holds_enough_cases_each_named_once() -> None:
    classes = cases_by_class()
    ids = Counter(case.id for cases in classes.values() for case in cases)
    assert sum(ids.values()) >= MINIMUM_CASES, {name: len(cases) for name, cases in classes.items()}
    assert not [name for name, count in ids.items() if count > 1]
