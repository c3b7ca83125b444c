"""Daily tallies: the roll-up table that keeps national progress reports fast."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_daily_tallies"
down_revision = "0002_shandong_target"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "daily_tally",
        sa.Column("series", sa.String(12), nullable=False),
        sa.Column("province", sa.String(2), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("city_code", sa.String(6), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "province", "level", "city_code", "day"),
    )


def downgrade() -> None:
    op.drop_table("daily_tally")
