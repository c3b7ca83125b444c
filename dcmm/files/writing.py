"""Every file dcmm writes goes through here: atomic replacement and one output policy."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from dcmm.core.errors import UserError
from dcmm.files.problems import refusal

_NEW_FILE_MODE = 0o644
_SQLITE_SIBLINGS = ("-wal", "-shm", "-journal")


def write_atomically(path: Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data`` so that a crash at any moment leaves the old or the new file.

    The new content goes to a temporary file in the same folder (a rename is only atomic within
    one file system), is flushed and fsynced, renamed over the target, and the folder is fsynced
    so the rename itself survives a power cut.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    write_atomically_with(path, lambda handle: handle.write(payload))


def write_atomically_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Like :func:`write_atomically`, for writers that want a binary file handle (PDF, XLSX)."""
    folder = path.parent
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _NEW_FILE_MODE
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough there
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same file on disk (hard links and symlinks included),
    or, for a file not yet there, the same place once ``.``, ``..`` and symlinked folders are resolved."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop names nothing that can be written
        return False


def _database_files(database: Path) -> list[Path]:
    """A SQLite database and the journal files beside it, which are as much the database as it is."""
    return [database, *(database.with_name(database.name + suffix) for suffix in _SQLITE_SIBLINGS)]


def _refuse(output: Path, key: str, /, **values: object) -> UserError:
    return refusal(str(output), key, None, None, **values)


def check_output(
    output: Path,
    *,
    inputs: Iterable[Path] = (),
    protected: Iterable[Path] = (),
    force: bool = False,
    create_parents: bool = True,
) -> None:
    """The one output policy: raise UserError unless ``output`` may be written.

    Never an input (compared by file identity, so a hard link or symlink to an input is refused too,
    and ``./x`` is ``x`` is ``/abs/x``), never a protected file such as the tracker database or its
    ``-wal``/``-shm`` journal, never a folder, never an existing file (a dangling symlink included)
    without ``force``. A missing parent folder is created, or refused with one line when it cannot be.
    With ``force`` a symlink is replaced by the new file; the file it pointed to is left as it was.
    """
    if output.is_dir():
        raise _refuse(output, "output_is_folder")
    for source in inputs:
        if _same_file(output, source):
            raise _refuse(output, "output_is_input")
    for database in protected:
        if any(_same_file(output, kept) for kept in _database_files(database)):
            raise _refuse(output, "output_is_database")
    if output.is_symlink() and not output.exists() and not force:
        raise _refuse(output, "output_dangling_link", target=os.readlink(output))
    if output.exists() and not force:
        raise _refuse(output, "output_exists")
    _ensure_folder(output, create_parents)


def _ensure_folder(output: Path, create: bool) -> None:
    parent = output.parent
    if parent.is_dir():
        return
    if parent.exists() or parent.is_symlink():
        raise _refuse(output, "output_parent_not_folder", parent=parent)
    if not create:
        raise _refuse(output, "output_parent_missing", parent=parent)
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refuse(output, "output_parent_uncreatable", parent=parent, reason=exc.strerror or exc) from None
