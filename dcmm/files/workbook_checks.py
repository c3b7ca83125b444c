"""Checks that keep a hostile workbook cheap before a reader holds it: its first bytes, its zip, its sheets' extent.

calamine (and openpyxl) hold the used area of a sheet in memory as one block, so before either is called:

- the file's first bytes must be those of a zip (XLSX, ODS) or an OLE container (XLS, or a workbook saved with a
  password), so that random bytes, HTML pages named ``.xlsx`` and truncated files are refused by name;
- the zip directory's unpacked sizes must stay under ``LIST_UNPACKED_BYTES`` (a zip bomb is refused unread);
- the sheets' cell references (XLSX) or repeat counts (ODS) must span at most ``LIST_SHEET_CELLS`` cells.

Certificate lists (dcmm.tracker.workbooks) and answer workbooks (dcmm.files.answer_workbook_reading) both pass here.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dcmm.files.limits import LIST_ROWS, LIST_SHEET_CELLS, LIST_UNPACKED_BYTES, LIST_ZIP_PARTS
from dcmm.files.problems import refusal

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BLOCK = 1 << 20
_MEGABYTE = 1 << 20
_END_SEARCH = 22 + 65_535 + 20  # the end record, the longest comment, and a zip64 locator before it

# XLSX: <row r="5"> and <c r="B5" …>…</c>; a self-closing <c …/> holds no value and calamine skips it.
# A cell is empty when written <c …/> or <c …></c> (as openpyxl writes it when lxml is installed).
_XLSX_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*?)(/>|>(?:</(?:[\w.-]+:)?c>)?)")
_XLSX_REF = re.compile(rb'\sr="([A-Z]*)(\d*)"')
_XLSX_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
# ODS: tables, rows repeated n times, cells repeated n times; only a cell with a value type holds a value.
_ODS_TAG = re.compile(rb"<(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)/?>")
_ODS_ROWS = re.compile(rb'number-rows-repeated="(\d+)"')
_ODS_COLUMNS = re.compile(rb'number-columns-repeated="(\d+)"')


def column_index(letters: bytes | str) -> int:
    """1 for A, 27 for AA."""
    index = 0
    for letter in letters if isinstance(letters, str) else letters.decode("ascii"):
        index = index * 26 + ord(letter) - 64
    return index


def _blocks(stream: IO[bytes]) -> Iterator[bytes]:
    """The part block by block, each cut after its last ``>`` so that no tag is split."""
    rest = b""
    for block in iter(lambda: stream.read(_BLOCK), b""):
        data = rest + block
        cut = data.rfind(b">") + 1
        yield data[:cut]
        rest = data[cut:]


def _tags(stream: IO[bytes], pattern: re.Pattern[bytes]) -> Iterator[re.Match[bytes]]:
    """The tags of an XML part, read block by block."""
    for block in _blocks(stream):
        yield from pattern.finditer(block)


def _xlsx_extent(stream: IO[bytes]) -> tuple[int, int]:
    """(rows, columns) from the first row and column to the last cell with a value, as calamine will hold it."""
    row = column = rows = columns = 0
    for tag in _tags(stream, _XLSX_TAG):
        ref = _XLSX_REF.search(tag.group(2))
        if tag.group(1) == b"row":
            row = int(ref.group(2)) if ref and ref.group(2) else row + 1
            column = 0
            continue
        column = column_index(ref.group(1)) if ref and ref.group(1) else column + 1
        if ref and ref.group(2):
            row = int(ref.group(2))
        if tag.group(3) == b">":  # opens a cell that holds something
            rows, columns = max(rows, row), max(columns, column)
    return rows, columns


def _xlsx_extent_by_references(stream: IO[bytes]) -> tuple[int, int] | None:
    """The same from the references of the cells alone, a few times faster, counting empty cells too (so never
    less); None when some cell has no reference written first, as every spreadsheet program writes it."""
    letters: set[bytes] = set()
    rows = 0
    for block in _blocks(stream):
        found = _XLSX_CELL_REF.findall(block)
        if len(found) != block.count(b"<c ") + block.count(b"<c>") + block.count(b"<c/>"):
            return None
        if found:
            letters.update({letter for letter, _ in found})
            rows = max(rows, *map(int, {digits for _, digits in found}))
    return rows, max((column_index(letter) for letter in letters), default=0)


def _xlsx_sheet_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[int, int]:
    """The extent by references when that is small enough, else (or without references) tag by tag."""
    quick = _xlsx_extent_by_references(archive.open(member))
    if quick is not None and quick[0] <= LIST_ROWS and quick[0] * quick[1] <= LIST_SHEET_CELLS:
        return quick
    return _xlsx_extent(archive.open(member))


def _ods_extent(stream: IO[bytes]) -> tuple[int, int]:
    """The largest (rows, columns) of the tables of an ODS content.xml, repeated rows and cells counted out."""
    largest = (0, 0)
    row = repeat = column = rows = columns = 0
    for tag in _tags(stream, _ODS_TAG):
        name, attributes = tag.group(1), tag.group(2)
        if name == b"table":
            largest = max(largest, (rows, columns), key=lambda extent: extent[0] * extent[1])
            row = repeat = rows = columns = 0
        elif name == b"table-row":
            row += repeat
            found = _ODS_ROWS.search(attributes)
            repeat, column = (int(found.group(1)) if found else 1), 0
        else:
            found = _ODS_COLUMNS.search(attributes)
            column += int(found.group(1)) if found else 1
            if b"value-type=" in attributes:
                rows, columns = max(rows, row + repeat), max(columns, column)
    return max(largest, (rows, columns), key=lambda extent: extent[0] * extent[1])


def _zip_entries(path: Path) -> int | None:
    """The number of entries the zip's end record declares (zip64 too), read before the directory itself is;
    None when there is no end record (zipfile will say the file is no zip)."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - _END_SEARCH))
        tail = handle.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        return None
    entries = int.from_bytes(tail[end + 10 : end + 12], "little")
    locator = end - 20
    if entries == 0xFFFF and locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        with path.open("rb") as handle:
            handle.seek(int.from_bytes(tail[locator + 8 : locator + 16], "little"))
            record = handle.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            entries = int.from_bytes(record[32:40], "little")
    return entries


def check_zip(path: Path, file: str) -> None:
    """Refuses a zip that is no readable workbook, has too many parts or unpacks to too much, or has a sheet too
    large to hold."""
    entries = _zip_entries(path)
    if entries is not None and entries > LIST_ZIP_PARTS:
        raise refusal(file, "list_too_many_parts", None, None, parts=f"{entries:,}", limit=f"{LIST_ZIP_PARTS:,}")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > LIST_UNPACKED_BYTES:
                raise refusal(
                    file,
                    "list_unpacked_too_large",
                    None,
                    None,
                    size=f"{unpacked // _MEGABYTE:,}",
                    limit=f"{LIST_UNPACKED_BYTES // _MEGABYTE:,}",
                )
            for member in members:
                name = member.filename
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    extent = _xlsx_sheet_extent(archive, member)
                elif name == "content.xml":
                    extent = _ods_extent(archive.open(member))
                else:
                    continue
                check_extent(file, name, *extent)
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise refusal(file, "list_not_a_workbook", None, None, reason=f"{type(exc).__name__}: {exc}") from None


def check_extent(file: str, part: str | None, rows: int, columns: int) -> None:
    if rows > LIST_ROWS:
        raise refusal(file, "list_too_many_rows", None, part, limit=f"{LIST_ROWS:,}")
    if rows * columns > LIST_SHEET_CELLS:
        raise refusal(
            file,
            "list_sheet_too_large",
            None,
            part,
            rows=f"{rows:,}",
            columns=f"{columns:,}",
            limit=f"{LIST_SHEET_CELLS:,}",
        )


def sheet_rows(sheet: object, file: str, name: str) -> Iterator[tuple[int, list[object]]]:
    """A calamine sheet's rows numbered from 1, their cells placed from column A (calamine's rows start at the
    first row and column that hold a value). A row calamine cannot convert is a UserError naming it: its errors
    for malformed parts are many, and some cell values (dates out of range) make its Rust code panic, which
    PyO3 raises as a PanicException, a BaseException."""
    start = getattr(sheet, "start", None)
    if start is None:
        return
    before: list[object] = [None] * start[1]
    rows = sheet.iter_rows()  # type: ignore[attr-defined]
    number = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise refusal(file, "list_not_a_workbook", number + 1, name, reason=reason) from None
        number += 1
        yield number, before + list(cells)


def exception_reason(exc: BaseException) -> str:
    """A reader's exception as one line for a problem: its message, at most 200 characters, else its type."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__
