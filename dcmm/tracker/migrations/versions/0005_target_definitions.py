"""Targets that define what they count: which records, cumulative or valid on the day, from which level, where."""

from __future__ import annotations

revision = "0005_target_definitions"
down_revision = "0004_divisions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
