"""The size of an XLS workbook's sheets, measured in a child process that may die without taking dcmm along.

calamine holds a sheet's used area as one block and aborts the whole process when it cannot get the memory:
two cells of a crafted 5 KB XLS, at A1 and at the last row and column, ask for 137 GB. A zip workbook's cell
references can be read before calamine is called (see workbooks); an XLS's records sit in an OLE container,
so its sheets are measured by loading it once in a forked child under a memory limit of its own.
"""

from __future__ import annotations

import os
import resource
import select
import signal
from collections.abc import Callable

# Address space the child may add to what it inherits: enough for a sheet of LIST_SHEET_CELLS cells and the
# file's streams, so that a larger one makes the child fail, not the machine swap.
PROBE_MEMORY = 512 << 20
PROBE_SECONDS = 20.0


def _largest_extent(load: Callable[[], object]) -> tuple[int, int]:
    import python_calamine as calamine

    workbook = load()
    assert isinstance(workbook, calamine.CalamineWorkbook)
    largest = (0, 0)
    for meta in workbook.sheets_metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        if sheet.start is not None and sheet.end is not None:
            extent = (sheet.end[0] + 1, sheet.end[1] - sheet.start[1] + 1)
            largest = max(largest, extent, key=lambda found: found[0] * found[1])
    return largest


def _inherited_address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def probe_extent(load: Callable[[], object]) -> tuple[int, int] | None:
    """(rows, columns) of the largest worksheet that ``load()`` opens; (-1, -1) when the child died or ran out of
    time (the workbook is too large to read); None when it cannot be measured here or ``load`` raised (the
    reading proper will say why)."""
    if not hasattr(os, "fork") or not os.path.exists("/proc/self/statm"):
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, write "rows columns", and leave without running any cleanup
        code = 1
        try:
            os.close(read_end)
            quiet = os.open(os.devnull, os.O_WRONLY)  # calamine's dying words are not dcmm's to print
            os.dup2(quiet, 2)
            limit = _inherited_address_space() + PROBE_MEMORY
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            rows, columns = _largest_extent(load)
            os.write(write_end, f"{rows} {columns}".encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], PROBE_SECONDS)
        answer = os.read(read_end, 64) if ready else b""
    finally:
        os.close(read_end)
    if not ready:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return -1, -1
    if not answer:
        return None
    rows, columns = (int(part) for part in answer.split())
    return rows, columns
