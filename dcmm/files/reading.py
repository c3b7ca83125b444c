"""Reading input files safely: regular files only, of bounded size, as UTF-8 text or a clear word why not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dcmm.core.errors import Problem, UserError
from dcmm.files.limits import MAX_INPUT_BYTES
from dcmm.files.problems import refusal

UTF8_BOM = b"\xef\xbb\xbf"
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: str | Path, what: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; a UserError naming ``what`` otherwise.

    The file is opened without blocking and checked before a byte is read, so that a FIFO or a device
    (``/dev/zero``) is refused instead of waited on or read for ever.
    """
    file = str(path)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise refusal(file, "file_not_found") from None
    except IsADirectoryError:
        raise refusal(file, "is_a_folder", what=what) from None
    except OSError as exc:
        raise refusal(file, "cannot_read", reason=exc.strerror) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise refusal(file, "is_a_folder", what=what)
        if not stat.S_ISREG(mode):
            raise refusal(file, "not_a_regular_file", what=what)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise refusal(file, "cannot_read", reason=exc.strerror) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise refusal(file, "too_big", limit=f"{limit >> 20} MiB")
    return data


def encoding_guess(raw: bytes) -> str | None:
    """The encoding that bytes which are not UTF-8 look like: UTF-16 or UTF-32 by their BOM or NUL bytes, GBK."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:4096]
    if len(sample) >= 2 and max(sample[0::2].count(0), sample[1::2].count(0)) * 4 >= len(sample):
        return "UTF-16"
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "GBK/GB18030"


def decode_text(raw: bytes, file: str) -> str:
    """``raw`` as text: UTF-8, a leading BOM dropped; a UserError saying what else it looks like, and where."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        guess = encoding_guess(raw)
        if guess is not None:  # a whole file in UTF-16 is wrong from its first line on
            raise refusal(file, "not_utf8_looks_like", line if guess[:4] == "GBK/" else 1, encoding=guess) from None
        raise refusal(file, "not_utf8", line, reason=exc.reason, byte=exc.start) from None
    at = text.find("\x00")
    if at >= 0:
        guess = encoding_guess(raw)
        if guess is not None and guess.startswith("UTF"):  # valid UTF-8 with NULs: UTF-16 of ASCII text
            raise refusal(file, "not_utf8_looks_like", 1, encoding=guess)
        raise refusal(file, "nul_byte", text.count("\n", 0, at) + 1)
    return text.removeprefix("\ufeff")


def text_problem(raw: bytes, file: str) -> Problem | None:
    """What keeps ``raw`` from being UTF-8 text (see :func:`decode_text`); None when it is."""
    try:
        decode_text(raw, file)
    except UserError as exc:
        return exc.problems[0]
    return None
