"""CSV and TSV lists, read as a stream: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or
GB18030, one row at a time, so a list of a hundred megabytes never sits in memory as text.

The encoding is settled by a first pass that decodes the file block by block and keeps nothing; the second pass
hands csv one line at a time, each line at most ``LIST_ROW_CHARACTERS`` long, so neither a file without line
breaks nor a quote left open can make a row larger than that.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from dcmm.files.limits import LIST_ROW_CHARACTERS
from dcmm.files.problems import refusal

Row = tuple[int, list[str]]  # the row number as a spreadsheet shows it, and the cells as text

# Lists come from offices on many systems: UTF-8 (an Excel "CSV UTF-8" starts with a BOM) or GB18030;
# Excel's "Unicode text" is UTF-16 with a BOM.
ENCODINGS = ("utf-8", "gb18030")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030", "utf-16": "UTF-16"}
_BLOCK = 1 << 20
_SNIFF_CHARACTERS = 4096


def _first_undecodable(path: Path, encoding: str) -> int | None:
    """The offset of the first byte that is not ``encoding`` text, or None when the whole file is."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return offset - pending + exc.start
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset - len(decoder.getstate()[0])
    return None


def text_encoding(path: Path, file: str) -> str:
    """The encoding of a text list; raises UserError when it is none that lists use."""
    with path.open("rb") as handle:
        head = handle.read(4)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            candidates: tuple[str, ...] = (encoding,)
            break
    else:
        candidates = ENCODINGS
    first_bad: int | None = None
    for encoding in candidates:
        bad = _first_undecodable(path, encoding)
        if bad is None:
            return encoding
        first_bad = bad if first_bad is None else first_bad
    shown = " or ".join(_NAMES[encoding] for encoding in candidates)
    raise refusal(file, "list_not_text", None, None, encodings=shown, byte=first_bad)


class _Lines:
    """The lines of the file for csv, each checked: no NUL character, and no row longer than the limit."""

    def __init__(self, handle: TextIO, file: str) -> None:
        self.handle = handle
        self.file = file
        self.row = 1  # the row the lines read now belong to
        self.characters = 0  # the characters of that row read so far

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.handle.readline(LIST_ROW_CHARACTERS + 1)
        if not line:
            raise StopIteration
        self.characters += len(line)
        if self.characters > LIST_ROW_CHARACTERS:
            raise refusal(self.file, "list_row_too_long", self.row, None, limit=f"{LIST_ROW_CHARACTERS:,}")
        if "\0" in line:
            raise refusal(self.file, "list_nul", self.row, None)
        return line


def text_rows(path: Path, delimiter: str | None = None) -> Iterator[Row]:
    """(row number, cells) of a CSV or TSV list; the delimiter is a tab when the first lines hold more tabs than
    commas. Raises UserError for text in no known encoding, a NUL character, or a row beyond the limit."""
    file = str(path)
    encoding = text_encoding(path, file)
    with path.open(encoding=encoding, newline="") as handle:
        if delimiter is None:
            sample = handle.read(_SNIFF_CHARACTERS)
            handle.seek(0)
            delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        lines = _Lines(handle, file)
        reader = csv.reader(lines, delimiter=delimiter)
        limit = csv.field_size_limit(LIST_ROW_CHARACTERS)
        try:
            for cells in reader:
                number = lines.row
                lines.row, lines.characters = number + 1, 0
                yield number, cells
        except csv.Error as exc:  # with lines and rows bounded, only a malformed row is left to say so
            raise refusal(file, "list_not_csv", lines.row, None, reason=str(exc)) from None
        finally:
            csv.field_size_limit(limit)
