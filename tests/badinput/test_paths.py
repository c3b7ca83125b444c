"""Paths and outputs: empty, missing, unwritable, too long, an input or the database, a FIFO, a device,
dangling and looping links in a folder, and -o with a format that writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.badinput.harness import Case, Content, example_answers, run_case
from tests.badinput.makers import fifo, hard_link, params, read_only_folder, symlink, tracker_database

GOOD = example_answers(1)
ANSWERS: dict[str, Content] = {"a.json": GOOD}
UNDER_A_FILE: dict[str, Content] = {"a.json": GOOD, "file.txt": "not a folder\n"}
LONG = "x" * 300 + ".json"
MIGRATE = ("migrate", "a.json", "--to", "gbt36073-2025")
DB = ("--db", "t.db")
TRACKER: dict[str, Content] = {"t.db": tracker_database}


def folder_with(extra: dict[str, Content] | None = None) -> dict[str, Content]:
    """A folder ``d`` of two good answer files and the given extra entries."""
    return {"d/a.json": GOOD, "d/b.json": example_answers(2), **{f"d/{k}": v for k, v in (extra or {}).items()}}


def _is_a_briefing(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    assert document.tables and "SYNTHETIC" not in document.sections[0].header.paragraphs[0].text


CASES = [
    # empty path arguments: a usage error naming the argument, never the current folder
    Case("score-empty-argument", ("score", ""), ANSWERS, exit=2, names=("FILE|DIR...", "empty path")),
    Case("score-empty-among-files", ("score", "a.json", ""), ANSWERS, exit=2, names=("FILE|DIR...",)),
    Case("score-empty-output", ("score", "a.json", "--format", "json", "-o", ""), ANSWERS, exit=2, names=("--output",)),
    Case("report-empty-out", ("report", "a.json", "--out", ""), ANSWERS, exit=2, names=("--out",)),
    Case("template-empty-output", ("template", "-o", ""), exit=2, names=("--output",)),
    Case("migrate-empty-file", ("migrate", "", "--to", "gbt36073-2025"), exit=2, names=("FILE",)),
    Case("tracker-empty-db", ("tracker", "progress", "--db", ""), exit=2, names=("--db", "empty path")),
    Case("tracker-import-empty-list", ("tracker", "import", "", "--db", "t.db"), exit=2, names=("FILE...",)),
    Case("tracker-ingest-empty-input", ("tracker", "ingest", "", "--db", "t.db"), exit=2, names=("FILE|DIR...",)),
    Case("tracker-demo-data-empty-output", ("tracker", "demo-data", ""), exit=2, names=("FILE",)),
    # outputs in a folder that is missing (created), under a file, not writable
    Case(
        "score-output-folder-created",
        ("score", "a.json", "--format", "json", "-o", "new/sub/s.json"),
        ANSWERS,
        exit=0,
        names=("",),  # a success prints nothing on stderr
        outputs=("new", "new/sub", "new/sub/s.json"),
        check=lambda folder, _outcome: json.loads((folder / "new/sub/s.json").read_bytes())["results"][0]["file"],
    ),
    Case(
        "score-output-under-a-file",
        ("score", "a.json", "--format", "json", "-o", "file.txt/s.json"),
        UNDER_A_FILE,
        names=("file.txt/s.json", "not a folder"),
    ),
    Case(
        "template-output-under-a-file", ("template", "-o", "file.txt/t.json"), UNDER_A_FILE, names=("file.txt/t.json",)
    ),
    Case("migrate-output-under-a-file", (*MIGRATE, "-o", "file.txt/m.json"), UNDER_A_FILE, names=("file.txt/m.json",)),
    Case(
        "merge-output-under-a-file",
        ("merge", "a.json", "a.json", "-o", "file.txt/m.json"),
        UNDER_A_FILE,
        names=("file.txt/m.json",),
    ),
    Case(
        "export-output-under-a-file",
        ("questionnaire", "export", "-o", "file.txt/q.json"),
        UNDER_A_FILE,
        names=("file.txt/q.json",),
    ),
    Case(
        "progress-output-under-a-file",
        ("tracker", "progress", "--format", "csv", *DB, "-o", "file.txt/p.csv"),
        {**TRACKER, "file.txt": "x"},
        names=("file.txt/p.csv",),
    ),
    Case(
        "report-out-is-a-file",
        ("report", "a.json", "--format", "csv", "--out", "file.txt"),
        UNDER_A_FILE,
        names=("file.txt: is a file, expected a folder",),
    ),
    Case(
        "report-out-under-a-file",
        ("report", "a.json", "--format", "csv", "--out", "file.txt/r"),
        UNDER_A_FILE,
        names=("file.txt/r: cannot create this folder",),
    ),
    Case(
        "score-html-out-is-a-file",
        ("score", "a.json", "--html", "--out", "file.txt"),
        UNDER_A_FILE,
        names=("file.txt: is a file",),
    ),
    Case(
        "score-output-in-proc",
        ("score", "a.json", "--format", "json", "-o", "/proc/dcmm-scores.json"),
        ANSWERS,
        names=("/proc/dcmm-scores.json: cannot be written",),
    ),
    Case(
        "report-out-in-proc",
        ("report", "a.json", "--format", "csv", "--out", "/proc/dcmm-reports"),
        ANSWERS,
        names=("/proc/dcmm-reports: cannot create this folder",),
    ),
    Case(
        "score-output-read-only-folder",
        ("score", "a.json", "--format", "json", "-o", "ro/s.json"),
        {**ANSWERS, "ro": read_only_folder},
        names=("ro/s.json", "does not allow writing"),
    ),
    Case(
        "report-out-read-only-folder",
        ("report", "a.json", "--format", "csv", "--out", "ro"),
        {**ANSWERS, "ro": read_only_folder},
        names=("ro: is a folder that does not allow writing",),
    ),
    Case(
        "score-output-name-too-long",
        ("score", "a.json", "--format", "json", "-o", LONG),
        ANSWERS,
        names=("File name too long",),
    ),
    # an existing file, an input, the database, something that is not a regular file
    Case(
        "score-output-exists",
        ("score", "a.json", "--format", "json", "-o", "old.json"),
        {**ANSWERS, "old.json": "{}"},
        names=("old.json: exists already",),
    ),
    Case("template-output-is-a-folder", ("template", "-o", "d"), {"d/x.json": "{}"}, names=("d: is a folder",)),
    Case(
        "score-output-is-input",
        ("score", "a.json", "--format", "json", "-o", "./a.json", "--force"),
        ANSWERS,
        names=("is an input file",),
    ),
    Case(
        "score-output-is-symlink-to-input",
        ("score", "a.json", "--format", "csv", "-o", "l.json", "--force"),
        {**ANSWERS, "l.json": symlink("a.json")},
        names=("l.json: is an input file",),
    ),
    Case(
        "migrate-output-is-hard-link-to-input",
        (*MIGRATE, "-o", "h.json", "--force"),
        {**ANSWERS, "h.json": hard_link("a.json")},
        names=("h.json: is an input file",),
    ),
    Case(
        "score-output-found-in-folder-input",
        ("score", "d", "--format", "csv", "-o", "d/a.json", "--force"),
        folder_with(),
        names=("d/a.json: is an input file",),
    ),
    Case(
        "progress-output-is-database",
        ("tracker", "progress", "--format", "json", *DB, "-o", "./t.db", "--force"),
        TRACKER,
        names=("is the tracker database",),
    ),
    Case(
        "score-output-is-fifo",
        ("score", "a.json", "--format", "json", "-o", "pipe", "--force"),
        {**ANSWERS, "pipe": fifo},
        names=("pipe: is not a regular file",),
    ),
    # inputs that would block or never end, given directly
    Case(
        "score-input-fifo",
        ("score", "f.json", "a.json", "--format", "csv"),
        {"f.json": fifo, **ANSWERS},
        names=("f.json: is not a regular file",),
        stdout=("a.json,",),
    ),
    Case(
        "score-input-dev-zero",
        ("score", "/dev/zero", "a.json", "--format", "csv"),
        ANSWERS,
        names=("/dev/zero: is not a regular file",),
        stdout=("a.json,",),
    ),
    Case("report-input-fifo", ("report", "f.json", "--format", "csv"), {"f.json": fifo}),
    Case("compare-input-fifo", ("compare", "a.json", "f.json"), {"f.json": fifo, **ANSWERS}, names=("f.json",)),
    Case("migrate-input-fifo", ("migrate", "f.json", "--to", "gbt36073-2025"), {"f.json": fifo}),
    Case(
        "merge-input-fifo",
        ("merge", "a.json", "f.json", "-o", "m.json"),
        {"f.json": fifo, **ANSWERS},
        names=("f.json",),
    ),
    Case(
        "score-input-dangling-link",
        ("score", "gone.json", "a.json", "--format", "csv"),
        {"gone.json": symlink("missing.json"), **ANSWERS},
        names=("gone.json: is a symbolic link to a missing file",),
        stdout=("a.json,",),
    ),
    Case(
        "score-input-name-too-long",
        ("score", LONG, "a.json", "--format", "csv"),
        ANSWERS,
        names=("File name too long",),
        stdout=("a.json,",),
    ),
    # folders given to score: each bad entry reported, the rest still scored
    Case(
        "score-folder-dangling-link",
        ("score", "d", "--format", "csv"),
        folder_with({"gone.json": symlink("no.json")}),
        names=("d/gone.json: is a symbolic link to a missing file",),
        stdout=("d/a.json,", "d/b.json,"),
    ),
    Case(
        "score-folder-link-loop",
        ("score", "d", "--format", "csv"),
        folder_with({"loop.json": symlink("loop.json")}),
        names=("d/loop.json: is a symbolic link that leads back to itself",),
        stdout=("d/a.json,", "d/b.json,"),
    ),
    Case(
        "score-folder-fifo",
        ("score", "d", "--format", "json"),
        folder_with({"f.json": fifo}),
        names=("d/f.json: is not a regular file",),
        stdout=("d/a.json", "d/b.json"),
    ),
    Case(
        "score-folder-links-batch-jobs",
        ("score", "d", "--html", "--jobs", "2", "--out", "out", "--lang", "en"),
        folder_with({"gone.json": symlink("no.json"), "loop.json": symlink("loop.json"), "bad.json": "{"}),
        names=("d/gone.json", "d/loop.json", "d/bad.json:1"),
        outputs=("out", "out/*"),
        produced=("out/portfolio_en.csv", "out/portfolio_en.html"),
        stdout=("out/",),
    ),
    # -o with a format that writes nothing
    Case(
        "score-table-with-output",
        ("score", "a.json", "--format", "table", "-o", "x"),
        ANSWERS,
        exit=2,
        names=("--format table writes no file",),
    ),
    Case(
        "score-pdf-with-output",
        ("score", "a.json", "--pdf", "-o", "x"),
        ANSWERS,
        exit=2,
        names=("--format pdf writes no file",),
    ),
    # briefings (PDF, XLSX, DOCX) are documents: they need -o FILE, a file, and --force to replace one
    Case(
        "progress-xlsx-without-output",
        ("tracker", "progress", *DB, "--format", "xlsx"),
        TRACKER,
        names=("--format xlsx", "--output FILE.xlsx"),
    ),
    Case(
        "progress-docx-without-output",
        ("tracker", "progress", *DB, "--format", "docx", "--lang", "en"),
        TRACKER,
        names=("--format docx needs --output FILE.docx",),
    ),
    Case(
        "progress-xlsx-output-is-a-folder",
        ("tracker", "progress", *DB, "--format", "xlsx", "-o", "out", "--force"),
        {**TRACKER, "out/keep.txt": "a folder\n"},
        names=("out: is a folder",),
    ),
    Case(
        "progress-docx-exists-without-force",
        ("tracker", "progress", *DB, "--format", "docx", "-o", "brief.docx"),
        {**TRACKER, "brief.docx": "an earlier briefing\n"},
        names=("brief.docx: exists already", "--force"),
    ),
    Case(
        "progress-xlsx-output-is-database",
        ("tracker", "progress", *DB, "--format", "xlsx", "-o", "t.db", "--force"),
        TRACKER,
        names=("is the tracker database",),
    ),
    Case(
        "progress-docx-replaced-with-force",
        ("tracker", "progress", *DB, "--format", "docx", "-o", "brief.docx", "--force"),
        {**TRACKER, "brief.docx": "an earlier briefing\n"},
        exit=0,
        names=("brief.docx",),
        outputs=("brief.docx",),
        check=lambda folder, _outcome: _is_a_briefing(folder / "brief.docx"),
    ),
    Case(
        "progress-table-with-output",
        ("tracker", "progress", *DB, "-o", "x"),
        TRACKER,
        exit=2,
        names=("--format table writes no file",),
    ),
]
ROOT_SKIPS = frozenset({"score-output-read-only-folder", "report-out-read-only-folder"})


@pytest.mark.parametrize("case", params(CASES, ROOT_SKIPS))
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
