"""The limits dcmm puts on what it reads, so that no hostile input runs long or eats memory.

Each limit has a clear message (``errors.*`` in the catalogue) and is listed in docs/robustness.md.
"""

from __future__ import annotations

# --- answer files, score documents, questionnaires and crosswalks ---

# --- certificate lists (CSV, TSV, XLSX, XLS, ODS) ---

# --- tracker databases, ingest and the import log ---

# --- paths, outputs and terminals ---
