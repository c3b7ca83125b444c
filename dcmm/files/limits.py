"""The limits dcmm puts on what it reads, so that no hostile input runs long or eats memory.

Each limit has a clear message (``errors.*`` in the catalogue) and is listed in docs/robustness.md.
"""

from __future__ import annotations

# --- answer files, score documents, questionnaires and crosswalks ---

# --- certificate lists (CSV, TSV, XLSX, XLS, ODS) ---

# --- tracker databases, ingest and the import log ---

# Results read from one score document: a result is some 200 KB, so 10 000 is far beyond any real batch.
SCORE_RESULTS_PER_DOCUMENT = 10_000
# Problems shown for one ingested file; the rest are counted in one more line.
PROBLEMS_PER_INGESTED_FILE = 50
# Seconds to wait for a PostgreSQL server before giving up (unless the URL sets connect_timeout).
POSTGRES_CONNECT_TIMEOUT = 10

# --- paths, outputs and terminals ---

# Bytes of the target's name kept in the name of the temporary file an atomic write makes beside it
# (".<name>.XXXXXXXX.tmp"): with 14 more bytes it stays under the 255 bytes most file systems allow a name.
TEMPORARY_PREFIX_BYTES = 200
