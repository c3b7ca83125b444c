"""Atomic writes and the one output policy: a crash leaves the old file or the new one; inputs stay untouched."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dcmm.files import UserError, check_output
from dcmm.files.writing import write_atomically, write_atomically_with


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def power_cut(_source: object, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_failing_writer_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    def half_then_crash(handle: object) -> None:
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        write_atomically_with(tmp_path / "report.pdf", half_then_crash)
    assert list(tmp_path.iterdir()) == []


def test_a_write_keeps_the_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    write_atomically(target, "new")
    assert (target.read_text(encoding="utf-8"), target.stat().st_mode & 0o777) == ("new", 0o600)


def test_a_new_file_gets_ordinary_permissions_and_text_is_utf8(tmp_path: Path) -> None:
    target = tmp_path / "新.json"
    write_atomically(target, "单位")
    assert target.read_bytes() == "单位".encode()
    assert target.stat().st_mode & 0o777 == 0o644


def test_forcing_over_a_symlink_replaces_the_link_and_leaves_its_target(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("kept", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(elsewhere)
    check_output(link, force=True)
    write_atomically(link, "new")
    assert (link.is_symlink(), link.read_text("utf-8"), elsewhere.read_text("utf-8")) == (False, "new", "kept")


# The output policy, one row per case ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A folder to set up, an output and the inputs/protected files named relative to it, and the outcome."""

    name: str
    output: str
    setup: Callable[[Path], None] = lambda _root: None
    inputs: tuple[str, ...] = ()
    protected: tuple[str, ...] = ()
    force: bool = False
    create_parents: bool = True
    refused: str | None = None  # a part of the one problem line; None when the output may be written
    folders_made: tuple[str, ...] = field(default=())


def files(*names: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        for name in names:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text("{}", encoding="utf-8")

    return make


def then(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def run(root: Path) -> None:
        for step in steps:
            step(root)

    return run


def hard_link(name: str, to: str) -> Callable[[Path], None]:
    return lambda root: os.link(root / to, root / name)


def symlink(name: str, to: str) -> Callable[[Path], None]:
    return lambda root: (root / name).symlink_to(root / to)


def read_only_folder(name: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / name).mkdir()
        os.chmod(root / name, 0o500)

    return make


INPUT = "is an input file; inputs are never overwritten"
DATABASE = "is the tracker database; it is never overwritten by an output"
EXISTS = "exists already; pass --force to overwrite it"

CASES = [
    Case("a new file in an existing folder", "out.json"),
    Case("an existing file without force", "out.json", files("out.json"), refused=EXISTS),
    Case("an existing file with force", "out.json", files("out.json"), force=True),
    Case("the input itself", "in.json", files("in.json"), inputs=("in.json",), refused=INPUT),
    Case(
        "the input itself, even with force", "in.json", files("in.json"), inputs=("in.json",), force=True, refused=INPUT
    ),
    Case("the input as ./name", "./in.json", files("in.json"), inputs=("in.json",), force=True, refused=INPUT),
    Case("the input through ..", "sub/../in.json", files("in.json", "sub/x"), inputs=("in.json",), refused=INPUT),
    Case(
        "a hard link to the input",
        "link.json",
        then(files("in.json"), hard_link("link.json", "in.json")),
        inputs=("in.json",),
        force=True,
        refused=INPUT,
    ),
    Case(
        "a symlink to the input",
        "link.json",
        then(files("in.json"), symlink("link.json", "in.json")),
        inputs=("in.json",),
        force=True,
        refused=INPUT,
    ),
    Case(
        "the input, named through a symlinked folder",
        "alias/in.json",
        then(files("real/in.json"), symlink("alias", "real")),
        inputs=("real/in.json",),
        force=True,
        refused=INPUT,
    ),
    Case("one input among several", "b.json", files("a.json", "b.json"), inputs=("a.json", "b.json"), refused=INPUT),
    Case("a file beside the inputs", "c.json", files("a.json", "b.json"), inputs=("a.json", "b.json")),
    Case(
        "a dangling symlink without force",
        "out.json",
        symlink("out.json", "gone.json"),
        refused="is a symbolic link to a missing file",
    ),
    Case("a dangling symlink with force", "out.json", symlink("out.json", "gone.json"), force=True),
    Case("the tracker database", "t.db", files("t.db"), protected=("t.db",), force=True, refused=DATABASE),
    Case(
        "the database's -wal", "t.db-wal", files("t.db", "t.db-wal"), protected=("t.db",), force=True, refused=DATABASE
    ),
    Case("the database's -shm", "t.db-shm", files("t.db"), protected=("t.db",), force=True, refused=DATABASE),
    Case("the database not created yet", "t.db", protected=("t.db",), refused=DATABASE),
    Case(
        "a symlink to the database",
        "link.db",
        then(files("t.db"), symlink("link.db", "t.db")),
        protected=("t.db",),
        force=True,
        refused=DATABASE,
    ),
    Case("a file beside the database", "progress.pdf", files("t.db"), protected=("t.db",)),
    Case("a folder", "reports", files("reports/x"), force=True, refused="is a folder, expected a file to write"),
    Case("a missing parent folder is made", "new/deeper/out.json", folders_made=("new", "new/deeper")),
    Case(
        "a missing parent folder not to be made",
        "new/out.json",
        create_parents=False,
        refused="folder",
    ),
    Case("a parent that is a file", "plain/out.json", files("plain"), refused="is not a folder"),
    Case("a parent below a file", "plain/sub/out.json", files("plain"), refused="cannot create folder"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_output_policy(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # inputs and outputs given relative, as on a command line
    case.setup(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def policy() -> None:
        check_output(
            Path(case.output),
            inputs=[Path(name) for name in case.inputs],
            protected=[tmp_path / name for name in case.protected],  # the database path comes absolute
            force=case.force,
            create_parents=case.create_parents,
        )

    if case.refused is None:
        policy()
    else:
        with pytest.raises(UserError) as caught:
            policy()
        assert len(caught.value.problems) == 1
        problem = caught.value.problems[0]
        assert (problem.file, problem.line, problem.field) == (str(Path(case.output)), None, None)
        assert case.refused in problem.message
    assert all((tmp_path / folder).is_dir() for folder in case.folders_made)
    assert {p: p.read_bytes() for p in before} == before, "the policy only looks; it never changes a file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that bind")
def test_a_parent_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    read_only_folder("locked")(tmp_path)
    try:
        with pytest.raises(UserError) as caught:
            check_output(tmp_path / "locked" / "new" / "out.json")
    finally:
        os.chmod(tmp_path / "locked", 0o700)
    [problem] = caught.value.problems
    assert problem.message == f"cannot create folder {tmp_path / 'locked' / 'new'}: Permission denied"
