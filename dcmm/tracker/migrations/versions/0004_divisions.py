"""Division codes of counties, and whether a row's province or city was inferred from its credit code.

``daily_tally.city_code`` keeps its name and from here on holds the finest division code of the rows it
counts: the county's when the list gave one (or the credit code did), else the city's. Tallies stored
before hold city codes, which stay right.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_divisions"
down_revision = "0003_daily_tallies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("county_code", sa.String(6), nullable=True))
        batch.add_column(sa.Column("region_inferred", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("certificate") as batch:
        batch.add_column(sa.Column("county_code", sa.String(6), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("certificate") as batch:
        batch.drop_column("county_code")
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("region_inferred")
        batch.drop_column("county_code")
