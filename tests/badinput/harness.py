"""One bad-input case: the files it lays out, the command it runs, and what must hold afterwards.

Every case runs ``python -m dcmm`` in a fresh folder with no terminal (stdin from /dev/null unless the
case gives some), then checks, whatever the command:

- the exit code is the one the case expects;
- neither stream holds a traceback or an internal-error line, and no crash log was written;
- stderr names every text of ``names`` (the input, and its line, field, sheet!cell or row);
- no file of the folder changed, appeared or vanished except those matching ``outputs``
  (every file is hashed before and after; symbolic links are compared by their target);
- every file of ``produced`` exists afterwards and every text of ``stdout`` was printed
  (batch cases: the good inputs beside the bad one were still processed);
- the command ended within ``TIME_LIMIT`` seconds and its peak memory stayed under ``MEMORY_LIMIT``.

To add a case, append a ``Case`` to the ``CASES`` list of the module of its class (``test_<class>.py``).
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TIME_LIMIT = 30.0  # seconds: no input of under 100 MB may keep a command longer (docs/robustness.md)
MEMORY_LIMIT = 1 << 30  # bytes of peak resident memory
CRASH_MARKERS = ("Traceback (most recent call last)", "internal error", "内部错误")

Maker = Callable[[Path], object]  # lays out something in the case folder that bytes cannot say (links, workbooks)
Content = bytes | str | Maker
REPOSITORY = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Case:
    """A hostile input, the command fed with it, and what the command must do."""

    id: str
    argv: tuple[str, ...]
    files: Mapping[str, Content] = field(default_factory=dict)
    exit: int = 1
    names: tuple[str, ...] = ()  # texts stderr must hold; by default the first file laid out
    outputs: tuple[str, ...] = ()  # glob patterns (relative to the folder) of the declared outputs
    produced: tuple[str, ...] = ()  # files that must exist afterwards
    stdout: tuple[str, ...] = ()  # texts stdout must hold
    stdin: bytes | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    timeout: float = TIME_LIMIT
    check: Callable[[Path, Outcome], object] | None = None  # more to assert on the folder afterwards

    def param(self) -> object:
        return pytest.param(self, id=self.id)


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str
    seconds: float
    peak_memory: int


def example_answers(number: int = 1) -> bytes:
    """The bytes of a bundled, valid answer file (1 to 4), to put beside a bad one."""
    return next((REPOSITORY / "examples" / "answers").glob(f"0{number}-*.json")).read_bytes()


def lay_out(folder: Path, files: Mapping[str, Content]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            content(path)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below ``folder``: a file by the SHA-256 of its bytes, a link by its target, a folder as such."""
    entries: dict[str, str] = {}
    for root, folders, names in os.walk(folder, followlinks=False):
        for name in [*folders, *names]:
            path = Path(root) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                entries[key] = f"link:{os.readlink(path)}"
            elif path.is_dir():
                entries[key] = "folder"
            elif not path.is_file():  # a FIFO or device: reading it would block or never end
                entries[key] = "special"
            else:
                entries[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def execute(argv: tuple[str, ...], cwd: Path, env: Mapping[str, str], stdin: bytes | None, timeout: float) -> Outcome:
    """Run ``python -m dcmm argv`` in ``cwd`` with no terminal; its exit code, output, time and peak memory."""
    streams = cwd.parent / "streams"
    streams.mkdir(exist_ok=True)
    (streams / "in").write_bytes(stdin or b"")
    started = time.monotonic()
    with (streams / "in").open("rb") as given, (streams / "out").open("wb") as out, (streams / "err").open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "dcmm", *argv],
            cwd=cwd,
            env=dict(env),
            stdin=given if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        while True:  # wait4, not Popen.wait: it gives this one process's peak memory
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                os.killpg(process.pid, 9)
                os.wait4(process.pid, 0)
                pytest.fail(f"dcmm {' '.join(argv)} ran longer than {timeout:.0f} s")
            time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    return Outcome(
        process.returncode,
        (streams / "out").read_text("utf-8", "replace"),
        (streams / "err").read_text("utf-8", "replace"),
        seconds,
        usage.ru_maxrss * 1024,
    )


def environment(home: Path, extra: Mapping[str, str]) -> dict[str, str]:
    """A clean environment: English messages, no default database, a cache folder outside the case folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DCMM_")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"), TERM="dumb", COLUMNS="120", PYTHONHASHSEED="0")
    env.pop("PYTHONBREAKPOINT", None)
    env.update(extra)
    return env


def _changed(before: Mapping[str, str], after: Mapping[str, str], outputs: tuple[str, ...]) -> list[str]:
    def declared(name: str) -> bool:
        return any(fnmatch.fnmatch(name, pattern) for pattern in outputs)

    names = set(before) | set(after)
    return sorted(n for n in names if before.get(n) != after.get(n) and not declared(n))


def run_case(case: Case, tmp_path: Path) -> Outcome:
    """Lay out the case, run it, and assert everything the corpus promises (see the module's docstring)."""
    folder, home = tmp_path / "case", tmp_path / "home"
    folder.mkdir()
    home.mkdir()
    lay_out(folder, case.files)
    before = snapshot(folder)
    outcome = execute(case.argv, folder, environment(home, case.env), case.stdin, case.timeout)
    shown = f"exit {outcome.code}\n--- stdout\n{outcome.out[-3000:]}\n--- stderr\n{outcome.err[-3000:]}"

    assert outcome.code == case.exit, shown
    for marker in CRASH_MARKERS:
        assert marker not in outcome.err and marker not in outcome.out, shown
    crash_logs = list((home / "cache").rglob("crash-*.log")) if (home / "cache").exists() else []
    assert not crash_logs, shown
    names = case.names or tuple(list(case.files)[:1])
    for name in names:
        assert name in outcome.err, f"stderr does not name {name!r}\n{shown}"
    if case.exit != 0:
        assert outcome.err.strip(), shown
    changed = _changed(before, snapshot(folder), case.outputs)
    assert not changed, f"changed outside the declared outputs: {changed}\n{shown}"
    for produced in case.produced:
        assert (folder / produced).exists(), f"{produced} was not written\n{shown}"
    for text in case.stdout:
        assert text in outcome.out, f"stdout lacks {text!r}\n{shown}"
    assert outcome.peak_memory < MEMORY_LIMIT, f"peak memory {outcome.peak_memory >> 20} MiB\n{shown}"
    if case.check is not None:
        case.check(folder, outcome)
    return outcome
