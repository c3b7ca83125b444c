"""The limits dcmm puts on what it reads, so that no hostile input runs long or eats memory.

Each limit has a clear message (``errors.*`` in the catalogue) and is listed in docs/robustness.md.
"""

from __future__ import annotations

# --- answer files, score documents, questionnaires and crosswalks ---

# --- certificate lists (CSV, TSV, XLSX, XLS, ODS) ---

# --- tracker databases, ingest and the import log ---

# --- paths, outputs and terminals ---

# Bytes of the target's name kept in the name of the temporary file an atomic write makes beside it
# (".<name>.XXXXXXXX.tmp"): with 14 more bytes it stays under the 255 bytes most file systems allow a name.
TEMPORARY_PREFIX_BYTES = 200
