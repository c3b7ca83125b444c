"""The limits dcmm puts on what it reads, so that no hostile input runs long or eats memory.

Each limit has a clear message (``errors.*`` in the catalogue) and is listed in docs/robustness.md.
"""

from __future__ import annotations

# --- answer files, score documents, questionnaires and crosswalks ---

# --- certificate lists (CSV, TSV, XLSX, XLS, ODS) ---
LIST_CELL_CHARACTERS = 32_767  # one cell: as much as Excel holds, so no list an office saved is refused
LIST_COLUMNS = 16_384  # columns of one row: as many as an Excel sheet has (A to XFD)
LIST_ROWS = 1_048_576  # rows of one list: as many as an Excel sheet has
# One CSV row, all its cells and line breaks together: a quote left open swallows the rest of the file,
# and this stops it after a megabyte instead of at the end of the file.
LIST_ROW_CHARACTERS = 1_048_576
# A workbook (XLSX or ODS is a zip) unpacked: its directory is checked before anything is read, so a
# zip bomb is refused at once; 256 MiB holds a sheet of about half a million certificate rows.
LIST_UNPACKED_BYTES = 256 << 20
# The parts of a workbook's zip (a workbook has tens: sheets, styles, images): a zip of a million empty
# entries would take gigabytes to list, so the count in its end record is checked first.
LIST_ZIP_PARTS = 10_000
# The used area of a sheet (rows x columns from the first to the last cell with a value): a workbook
# reader holds it in memory at once, so two cells far apart in a tiny file would ask for gigabytes.
LIST_SHEET_CELLS = 1 << 22  # 4,194,304: 200,000 rows of 20 columns; held in memory, they take about 400 MB
# Problems kept (and shown) for one list; the rows rejected beyond them are still counted. A list of a
# million bad rows would otherwise hold millions of messages (gigabytes) and print them all.
LIST_PROBLEMS = 1_000

# --- tracker databases, ingest and the import log ---

# --- paths, outputs and terminals ---
