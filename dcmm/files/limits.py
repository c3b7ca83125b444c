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

# --- tracker databases, ingest and the import log ---

# Results read from one score document: a result is some 200 KB, so 10 000 is far beyond any real batch.
SCORE_RESULTS_PER_DOCUMENT = 10_000
# Seconds to wait for a PostgreSQL server before giving up (unless the URL sets connect_timeout).
POSTGRES_CONNECT_TIMEOUT = 10

# --- paths, outputs and terminals ---

# Bytes of the target's name kept in the name of the temporary file an atomic write makes beside it
# (".<name>.XXXXXXXX.tmp"): with 14 more bytes it stays under the 255 bytes most file systems allow a name.
TEMPORARY_PREFIX_BYTES = 200
