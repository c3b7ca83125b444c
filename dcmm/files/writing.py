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
from dcmm.files.limits import TEMPORARY_PREFIX_BYTES
from dcmm.files.problems import problem, refusal

_NEW_FILE_MODE = 0o644
_SQLITE_SIBLINGS = ("-wal", "-shm", "-journal")


class NotWritten(OSError, UserError):
    """A write that failed (disk full, no permission, name too long): the old file is kept and no temporary
    file is left. An OSError to whoever retries (the terminal UI's autosave), one line to the command line."""

    def __init__(self, path: Path, cause: OSError) -> None:
        OSError.__init__(self, cause.errno, cause.strerror or str(cause), str(path))
        self.problems = [problem(str(path), "output_not_written", reason=cause.strerror or cause)]


def write_atomically(path: Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data`` so that a crash at any moment leaves the old or the new file.

    The new content goes to a temporary file in the same folder (a rename is only atomic within
    one file system), is flushed and fsynced, renamed over the target, and the folder is fsynced
    so the rename itself survives a power cut.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    write_atomically_with(path, lambda handle: handle.write(payload))


def write_atomically_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Like :func:`write_atomically`, for writers that want a binary file handle (PDF, XLSX).

    Any failure of the file system (a full disk, a folder that cannot be written, a name that is too long)
    is raised as :class:`NotWritten` after the temporary file is removed; the old file is never touched.
    """
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _NEW_FILE_MODE
        fd, temporary = tempfile.mkstemp(prefix=_temporary_prefix(path), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise NotWritten(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, NotWritten):
            raise NotWritten(path, exc) from exc
        raise
    _fsync_folder(folder)


def _temporary_prefix(path: Path) -> str:
    """``.<name>.``, the name cut so that the temporary file's name is no longer than the target's may be."""
    cut = path.name.encode("utf-8")[:TEMPORARY_PREFIX_BYTES].decode("utf-8", errors="ignore")
    return f".{cut}."


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
    ``-wal``/``-shm`` journal, never a folder, never something that is not a regular file (a FIFO, a
    device), never an existing file (a dangling symlink included) without ``force``. A missing parent
    folder is created, or refused with one line when it cannot be; so is a folder that cannot be
    written, and a path the system refuses (a name too long, a symlink loop).
    With ``force`` a symlink is replaced by the new file; the file it pointed to is left as it was.
    """
    try:
        _check_output(output, list(inputs), list(protected), force)
        _ensure_folder(output, create_parents)
    except OSError as exc:
        raise _refuse(output, "output_unusable", reason=exc.strerror or exc) from None


def _check_output(output: Path, inputs: list[Path], protected: list[Path], force: bool) -> None:
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
    if output.exists() and not output.is_file():
        raise _refuse(output, "output_not_regular")
    if output.exists() and not force:
        raise _refuse(output, "output_exists")


def check_output_folder(folder: Path) -> None:
    """The output policy for a folder that a command writes files into (``--out DIR``): it is created
    when missing; a file, a folder that cannot be created, or one that cannot be written is refused."""
    try:
        if folder.exists() and not folder.is_dir():
            raise _refuse(folder, "output_folder_not_folder")
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _refuse(folder, "output_folder_uncreatable", reason=exc.strerror or exc) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise _refuse(folder, "output_folder_unwritable")
    except OSError as exc:
        raise _refuse(folder, "output_unusable", reason=exc.strerror or exc) from None


def _ensure_folder(output: Path, create: bool) -> None:
    parent = output.parent
    if not parent.is_dir():
        if parent.exists() or parent.is_symlink():
            raise _refuse(output, "output_parent_not_folder", parent=parent)
        if not create:
            raise _refuse(output, "output_parent_missing", parent=parent)
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _refuse(output, "output_parent_uncreatable", parent=parent, reason=exc.strerror or exc) from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _refuse(output, "output_parent_unwritable", parent=parent)
