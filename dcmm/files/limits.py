"""The limits dcmm puts on what it reads, so that no hostile input runs long or eats memory.

Each limit has a clear message (``errors.*`` in the catalogue) and is listed in docs/robustness.md.
"""

from __future__ import annotations

# --- answer files, score documents, questionnaires and crosswalks ---
# A complete answer file is under 100 KiB; 16 MiB leaves room for any real one and keeps a hostile one
# (every byte read, parsed and validated) within seconds and a few hundred MB.
MAX_INPUT_BYTES = 16 << 20
# One questionnaire or crosswalk file: the largest bundled one is under 50 KiB. YAML is slow to parse:
# 1 MiB of the densest YAML takes about 2 s and 200 MB to read.
MAX_YAML_BYTES = 1 << 20
# All the files of one edition folder together (the bundled editions are about 330 KiB each).
MAX_EDITION_BYTES = 4 << 20
# Domain files one edition.yaml may list (the bundled editions list 8 and 9).
MAX_DOMAIN_FILES = 32
# Nesting of objects and arrays in a JSON input: answer files are 5 deep, score documents fewer than 10.
# Deeper input is refused before it is parsed again to locate its problems (the parsers recurse).
MAX_JSON_DEPTH = 32
# Inputs up to this size are re-read to find the line of each problem (about 1.5 s a MiB); the problems
# of larger ones name the field only.
MAX_LOCATED_BYTES = 2 << 20
# Problems reported for one file: beyond them one last line counts the rest (locating each costs a
# walk of the file, and nobody reads 20,000 lines about one file).
MAX_PROBLEMS_PER_FILE = 100
# Nesting of mappings and sequences in a questionnaire or crosswalk (the bundled files are 10 deep).
MAX_YAML_DEPTH = 32

# --- certificate lists (CSV, TSV, XLSX, XLS, ODS) ---
LIST_CELL_CHARACTERS = 32_767  # one cell: as much as Excel holds, so no list an office saved is refused
LIST_COLUMNS = 16_384  # columns of one row: as many as an Excel sheet has (A to XFD)
# Rows of one list. Every row read is held until the list is written in one transaction (some 1.6 KB a
# row at the peak), so 500,000 rows stay under 1 GB; the largest real lists hold a few thousand rows.
LIST_ROWS = 500_000
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

# Results read from one score document: a result is some 200 KB, so 10 000 is far beyond any real batch.
SCORE_RESULTS_PER_DOCUMENT = 10_000
# Seconds to wait for a PostgreSQL server before giving up (unless the URL sets connect_timeout).
POSTGRES_CONNECT_TIMEOUT = 10

# --- paths, outputs and terminals ---

# Bytes of the target's name kept in the name of the temporary file an atomic write makes beside it
# (".<name>.XXXXXXXX.tmp"): with 14 more bytes it stays under the 255 bytes most file systems allow a name.
TEMPORARY_PREFIX_BYTES = 200

# --- report branding (brand.yaml) ---
# A logo for a cover: real ones are under 1 MiB; it is decoded to check it is a picture, and embedded in
# every report written with it.
MAX_LOGO_BYTES = 8 << 20
# Pixels of a logo (width × height): decoding stays within a few hundred MB.
MAX_LOGO_PIXELS = 40_000_000
