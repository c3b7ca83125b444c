"""Workbook lists (XLSX, XLSM, XLS, ODS) read with calamine, after checks that keep a hostile file cheap.

calamine parses in Rust without expanding XML entities, and reads a sheet some ten times faster than openpyxl
(a 200,000-row list in 2 s instead of 24 s), so a list near the size limit still reads within the time limit.
It holds the used area of a sheet in memory as one block, so before it is called the file passes the checks of
dcmm.files.workbook_checks (its first bytes, its zip, its sheets' extent); an XLS is measured by loading it once in
a child process (see sheetprobe).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dcmm.files.limits import LIST_ROWS, LIST_SHEET_CELLS
from dcmm.files.problems import refusal
from dcmm.files.workbook_checks import OLE_MAGIC, ZIP_MAGIC, check_extent, check_zip, exception_reason, sheet_rows
from dcmm.tracker.sheetprobe import probe_extent

Row = tuple[int, list[object]]

_BLOCK = 1 << 20
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected XLSX is kept in
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")


def _kind(path: Path, file: str) -> str:
    """``zip`` or ``ole`` by the file's first bytes; refuses anything else, naming what it looks like."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        raise refusal(file, "list_html_workbook")
    raise refusal(file, "list_not_a_workbook", None, None, reason="it does not begin as a workbook does")


def _encrypted(path: Path) -> bool:
    tail = b""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            if _ENCRYPTED_PACKAGE in tail + block:
                return True
            tail = block[-len(_ENCRYPTED_PACKAGE) :]
    return False


def _workbook(path: Path, file: str) -> object:
    import python_calamine as calamine

    kind = _kind(path, file)
    if kind == "zip":
        check_zip(path, file)
    elif path.suffix.lower() in ZIP_SUFFIXES and _encrypted(path):
        raise refusal(file, "list_password")
    suffix_fits = (kind == "zip") == (path.suffix.lower() in ZIP_SUFFIXES)

    def load() -> object:
        if suffix_fits:
            return calamine.CalamineWorkbook.from_path(str(path))
        with path.open("rb") as handle:  # named for another format: calamine tells it by its content
            return calamine.CalamineWorkbook.from_filelike(handle)

    if kind == "ole":
        extent = probe_extent(load)
        if extent == (-1, -1):
            raise refusal(file, "list_sheet_unmeasurable", None, None, limit=f"{LIST_SHEET_CELLS:,}")
        if extent is not None:
            check_extent(file, None, *extent)
    try:
        return load()
    except calamine.PasswordError:
        raise refusal(file, "list_password") from None
    except Exception as exc:  # calamine's errors for a malformed part are many; each means the same here
        raise refusal(file, "list_not_a_workbook", None, None, reason=exception_reason(exc)) from None


def open_sheet(path: Path, wanted: str | None) -> tuple[str, Iterator[Row]]:
    """The name of the sheet to read (``wanted``, or the first visible worksheet) and its rows of cell values,
    numbered and placed as the sheet shows them. Raises UserError when the file or the sheet cannot be read."""
    import python_calamine as calamine

    file = str(path)
    workbook = _workbook(path, file)
    assert isinstance(workbook, calamine.CalamineWorkbook)
    try:
        sheets = workbook.sheets_metadata
        names = [sheet.name for sheet in sheets]
        if wanted is not None and wanted not in names:
            raise refusal(file, "list_no_sheet", None, None, sheet=wanted, sheets=", ".join(names) or "-")
        tables = [s for s in sheets if s.typ == calamine.SheetTypeEnum.WorkSheet]
        if wanted is None:
            visible = [s for s in tables if s.visible == calamine.SheetVisibleEnum.Visible] or tables
            if not visible:
                raise refusal(file, "list_no_worksheet")
            wanted = visible[0].name
        elif wanted not in [s.name for s in tables]:
            raise refusal(file, "list_not_a_worksheet", None, None, sheet=wanted)
        try:
            sheet = workbook.get_sheet_by_name(wanted)
        except Exception as exc:
            raise refusal(file, "list_not_a_workbook", None, wanted, reason=exception_reason(exc)) from None
    finally:
        workbook.close()
    if sheet.start is None:
        raise refusal(file, "list_empty_sheet", None, None, sheet=wanted)
    if sheet.end is not None and sheet.end[0] >= LIST_ROWS:
        raise refusal(file, "list_too_many_rows", None, wanted, limit=f"{LIST_ROWS:,}")
    return wanted, _sheet_rows(sheet, file, wanted)


def _sheet_rows(sheet: object, file: str, name: str) -> Iterator[Row]:
    import python_calamine as calamine

    assert isinstance(sheet, calamine.CalamineSheet) and sheet.start is not None
    yield from sheet_rows(sheet, file, name)
