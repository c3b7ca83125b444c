"""Questionnaires: an edition folder whose edition.yaml or domain files are hostile, given to questionnaire
validate and show and to quick-scan show."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.badinput.harness import REPOSITORY, Case, Maker, run_case
from tests.badinput.makers import line_of, sparse

BUNDLED = REPOSITORY / "questionnaires" / "gbt36073-2018"
EDITION = (BUNDLED / "edition.yaml").read_text("utf-8")
STRATEGY = "domains/06-data-strategy.yaml"
LAST_DOMAIN = "  - domains/13-data-lifecycle.yaml"
VALIDATE = ("questionnaire", "validate", "ed")
# Nine levels of ten aliases each: a billion strings from ten lines.
BOMB = "\n".join(
    ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"lol{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
)


def edition(change: Callable[[Path], object]) -> Maker:
    """A copy of the bundled 2018 edition folder, then ``change`` applied to it."""

    def make(path: Path) -> None:
        shutil.copytree(BUNDLED, path)
        change(path)

    return make


def replaced(name: str, old: str, new: str, *more: tuple[str, str]) -> Maker:
    """The edition with ``old`` replaced by ``new`` in the file ``name`` (and each further pair too)."""

    def change(folder: Path) -> None:
        text = (folder / name).read_text("utf-8")
        for before, after in ((old, new), *more):
            assert before in text, before
            text = text.replace(before, after, 1)
        (folder / name).write_text(text, "utf-8")

    return edition(change)


def rewritten(name: str, content: bytes | Callable[[Path], object]) -> Maker:
    def change(folder: Path) -> None:
        target = folder / name
        target.unlink()
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            content(target)

    return edition(change)


def encoded(name: str, encoding: str) -> Maker:
    return rewritten(name, (BUNDLED / name).read_text("utf-8").encode(encoding))


def symlink_out(folder: Path) -> None:
    outside = folder.parent / "elsewhere.yaml"
    shutil.copy(BUNDLED / "domains" / "13-data-lifecycle.yaml", outside)
    (folder / "domains" / "13-data-lifecycle.yaml").unlink()
    (folder / "domains" / "13-data-lifecycle.yaml").symlink_to(outside)


def domains_listed(entries: list[str]) -> Maker:
    start = EDITION.index("domains:\n")
    text = EDITION[:start] + "domains:\n" + "".join(f"  - {entry}\n" for entry in entries)
    return rewritten("edition.yaml", text.encode("utf-8"))


def big_domains(count: int, size: int) -> Maker:
    """``count`` sparse domain files of ``size`` bytes each, beside the bundled ones."""

    def make(path: Path) -> None:
        for n in range(count):
            sparse(size, b"id: x\n")(path / f"big-{n}.yaml")

    return make


ISSUED = line_of(EDITION, "issued:")
DOMAINS_LINE = line_of(EDITION, "domains:")

CASES = [
    # YAML that expands without end: aliases and anchors are refused before anything is walked.
    Case(
        "questionnaire-alias-bomb-in-edition",
        VALIDATE,
        {"ed": replaced("edition.yaml", "provisional: []", "provisional: []\n" + BOMB)},
        names=(f"ed/edition.yaml:{line_of(EDITION, 'provisional') + 2}", "YAML alias"),
    ),
    Case(
        "questionnaire-alias-bomb-in-domain",
        VALIDATE,
        {"ed": replaced(STRATEGY, "id: '6'", "id: '6'\n" + BOMB)},
        names=(f"ed/{STRATEGY}:4", "YAML alias"),
    ),
    Case(
        "questionnaire-merge-key",
        ("questionnaire", "show", "ed"),
        {"ed": replaced("edition.yaml", "title:\n", "title: &t\n", ("provenance:\n", "provenance:\n  <<: *t\n"))},
        names=("ed/edition.yaml",),
    ),
    Case(
        "questionnaire-one-alias",
        ("quick-scan", "show", "ed"),
        {"ed": replaced("edition.yaml", 'data_version: "2.0.0"', 'data_version: &v "2.0.0"\nalso: *v')},
        names=(f"ed/edition.yaml:{line_of(EDITION, 'data_version') + 1}", "YAML alias"),
    ),
    # Values that cannot be built.
    Case(
        "questionnaire-february-30",
        VALIDATE,
        {"ed": replaced("edition.yaml", "issued: 2018-03-15", "issued: 2018-02-30")},
        names=(f"ed/edition.yaml:{ISSUED}", "'2018-02-30' is not a date that exists"),
    ),
    Case(
        "questionnaire-february-29-of-2019",
        ("questionnaire", "show", "ed"),
        {"ed": replaced("edition.yaml", "in_force: 2018-10-01", "in_force: 2019-02-29")},
        names=(f"ed/edition.yaml:{ISSUED + 1}", "not a date"),
    ),
    Case(
        "questionnaire-level-of-5000-digits",
        VALIDATE,
        {"ed": replaced(STRATEGY, "  - level: 1", "  - level: " + "1" * 5000)},
        names=(f"ed/{STRATEGY}:", "5000 digits"),
    ),
    Case(
        "questionnaire-python-tag",
        VALIDATE,
        {"ed": replaced("edition.yaml", "provisional: []", "provisional: !!python/object/apply:os.system [echo]")},
        names=(f"ed/edition.yaml:{line_of(EDITION, 'provisional')}", "python/object"),
    ),
    Case(
        "questionnaire-control-character",
        VALIDATE,
        {"ed": replaced(STRATEGY, "数据战略规划", "数据\x07战略规划")},
        names=(f"ed/{STRATEGY}:", "0x0007"),
    ),
    # Nesting.
    Case(
        "questionnaire-deep-flow",
        VALIDATE,
        {"ed": rewritten(STRATEGY, b"[" * 100_000 + b"]" * 100_000)},
        names=(f"ed/{STRATEGY}:1", "nesting depth"),
    ),
    Case(
        "questionnaire-forty-levels",
        VALIDATE,
        {"ed": replaced("edition.yaml", "provisional: []", "provisional: []\nextra: " + "[" * 40 + "]" * 40)},
        names=(f"ed/edition.yaml:{line_of(EDITION, 'provisional') + 1}", "32 levels"),
    ),
    # Domain files that leave the edition folder, or are not there.
    Case(
        "questionnaire-domain-up-and-out",
        VALIDATE,
        {"ed": replaced("edition.yaml", LAST_DOMAIN, "  - ../../../../etc/passwd")},
        names=("ed/edition.yaml", "domains[7]", "outside the edition folder"),
    ),
    Case(
        "questionnaire-domain-absolute",
        VALIDATE,
        {"ed": replaced("edition.yaml", LAST_DOMAIN, "  - /etc/hostname")},
        names=("ed/edition.yaml", "domains[7]", "outside"),
    ),
    Case(
        "questionnaire-domain-hidden-dotdot",
        VALIDATE,
        {"ed": replaced("edition.yaml", LAST_DOMAIN, "  - domains/../../elsewhere.yaml")},
        names=("ed/edition.yaml", "domains[7]", "outside"),
    ),
    Case(
        "questionnaire-domain-symlink-out",
        VALIDATE,
        {"ed": edition(symlink_out)},
        names=("ed/edition.yaml", "domains[7]", "outside"),
    ),
    Case(
        "questionnaire-domain-is-a-folder",
        VALIDATE,
        {"ed": replaced("edition.yaml", LAST_DOMAIN, "  - domains")},
        names=("ed/edition.yaml", "domains[7]", "is not a file"),
    ),
    Case(
        "questionnaire-domain-is-a-fifo",
        VALIDATE,
        {"ed": rewritten("domains/13-data-lifecycle.yaml", os.mkfifo)},
        names=("ed/edition.yaml", "domains[7]", "is not a file"),
        timeout=15,
    ),
    Case(
        "questionnaire-domain-missing",
        VALIDATE,
        {"ed": replaced("edition.yaml", LAST_DOMAIN, "  - domains/99-nothing.yaml")},
        names=("ed/edition.yaml", "domains[7]", "does not exist"),
    ),
    Case(
        "questionnaire-domain-twice",
        VALIDATE,
        {"ed": replaced("edition.yaml", LAST_DOMAIN, "  - domains/06-data-strategy.yaml")},
        names=("ed/edition.yaml", "domains[7]", "listed twice"),
    ),
    Case(
        "questionnaire-too-many-domains",
        VALIDATE,
        {"ed": domains_listed([f"domains/{n:03d}.yaml" for n in range(1000)])},
        names=("ed/edition.yaml", "domains", "more than the 32"),
    ),
    Case(
        "questionnaire-domain-drive-letter",
        VALIDATE,
        {"ed": replaced("edition.yaml", LAST_DOMAIN, "  - C:\\Windows\\win.ini")},
        names=("ed/edition.yaml", "domains[7]", "outside"),
    ),
    Case(
        "questionnaire-edition-too-big-together",
        VALIDATE,
        {"ed": domains_listed([f"domains/big-{n}.yaml" for n in range(6)]), "ed/domains": big_domains(6, 900 << 10)},
        names=("ed/edition.yaml", "larger than 4 MiB together"),
    ),
    # The files themselves: not files, not UTF-8, empty, too large.
    Case(
        "questionnaire-edition-yaml-is-a-folder",
        VALIDATE,
        {"ed": rewritten("edition.yaml", os.mkdir)},
        names=("ed/edition.yaml", "is a folder"),
    ),
    Case(
        "questionnaire-edition-yaml-is-a-fifo",
        VALIDATE,
        {"ed": rewritten("edition.yaml", os.mkfifo)},
        names=("ed/edition.yaml", "not a regular file"),
        timeout=15,
    ),
    Case(
        "questionnaire-edition-yaml-is-dev-zero",
        ("questionnaire", "validate", "ed/edition.yaml"),
        {"ed": rewritten("edition.yaml", lambda path: path.symlink_to("/dev/zero"))},
        names=("ed/edition.yaml", "not a regular file"),
        timeout=15,
    ),
    Case(
        "questionnaire-domain-gbk",
        VALIDATE,
        {"ed": encoded(STRATEGY, "gbk")},
        names=(f"ed/{STRATEGY}:4", "looks like GBK"),
    ),
    Case(
        "questionnaire-edition-utf16",
        VALIDATE,
        {"ed": encoded("edition.yaml", "utf-16")},
        names=("ed/edition.yaml:1", "looks like UTF-16"),
    ),
    Case(
        "questionnaire-nul-byte",
        VALIDATE,
        {"ed": replaced("edition.yaml", "standard: GB/T", "standard: GB\x00/T")},
        names=(f"ed/edition.yaml:{line_of(EDITION, 'standard:')}", "NUL byte"),
    ),
    Case(
        "questionnaire-empty-domain",
        VALIDATE,
        {"ed": rewritten(STRATEGY, b"# nothing here\n")},
        names=(f"ed/{STRATEGY}", "is empty"),
    ),
    Case(
        "questionnaire-domain-too-big",
        VALIDATE,
        {"ed": rewritten(STRATEGY, sparse(3 << 20, b"id: x\n"))},
        names=(f"ed/{STRATEGY}", "larger than 1 MiB"),
    ),
    Case(
        "questionnaire-domains-not-a-list",
        VALIDATE,
        {"ed": replaced("edition.yaml", "domains:\n", "domains: 7\nold_domains:\n")},
        names=(f"ed/edition.yaml:{DOMAINS_LINE}", "domains"),
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
