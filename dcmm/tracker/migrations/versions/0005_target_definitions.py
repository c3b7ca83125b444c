"""Targets that define what they count: which records, cumulative or valid on the day, from which level, where.

Existing targets keep their metric's meaning, 贯标 as the default definition reads it: organisations
ever certified (pilots and self-assessments count only where a definition names them). A daily tally
series ``cert_pilot`` (an organisation's first certificate or pilot registration) is added for the
definitions that count pilots.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_target_definitions"
down_revision = "0004_divisions"
branch_labels = None
depends_on = None

# metric → (basis, min_level); every preset counts certificates only.
_PRESETS = {
    "certified_valid": ("valid_on_day", 1),
    "level3_plus": ("valid_on_day", 3),
    "ever_certified": ("cumulative", 1),
    "guanbiao": ("cumulative", 1),
}
_FIRST_CERTIFICATE_OR_PILOT = (
    "CASE WHEN first_certified_on IS NULL THEN pilot_since WHEN pilot_since IS NULL THEN first_certified_on "
    "WHEN pilot_since < first_certified_on THEN pilot_since ELSE first_certified_on END"
)


def upgrade() -> None:
    with op.batch_alter_table("target") as batch:
        batch.add_column(sa.Column("counts", sa.String(40), nullable=False, server_default="certified"))
        batch.add_column(sa.Column("basis", sa.String(12), nullable=False, server_default="cumulative"))
        batch.add_column(sa.Column("min_level", sa.SmallInteger(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("industry", sa.String(100), nullable=False, server_default=""))
        batch.drop_constraint("uq_target_region_metric_deadline", type_="unique")
        batch.create_unique_constraint(
            "uq_target_definition", ["region", "metric", "counts", "basis", "min_level", "industry", "deadline"]
        )
    target = sa.table("target", sa.column("metric"), sa.column("basis"), sa.column("min_level"))
    for metric, (basis, min_level) in _PRESETS.items():
        op.execute(target.update().where(target.c.metric == metric).values(basis=basis, min_level=min_level))
    op.execute(
        "INSERT INTO daily_tally (series, province, level, city_code, day, delta) "
        f"SELECT 'cert_pilot', province, 0, COALESCE(city_code, ''), {_FIRST_CERTIFICATE_OR_PILOT}, COUNT(*) "
        "FROM organisation WHERE first_certified_on IS NOT NULL OR pilot_since IS NOT NULL "
        f"GROUP BY province, COALESCE(city_code, ''), {_FIRST_CERTIFICATE_OR_PILOT}"
    )


def downgrade() -> None:
    op.execute("DELETE FROM daily_tally WHERE series = 'cert_pilot'")
    # The earlier schema holds one target per region, metric and deadline, of the four metrics' meaning.
    op.execute(
        "DELETE FROM target WHERE metric NOT IN ('certified_valid', 'level3_plus', 'ever_certified', 'guanbiao') "
        "OR industry <> '' OR counts <> 'certified' "
        "OR (metric IN ('certified_valid', 'level3_plus')) <> (basis = 'valid_on_day') "
        "OR min_level <> CASE WHEN metric = 'level3_plus' THEN 3 ELSE 1 END"
    )
    with op.batch_alter_table("target") as batch:
        batch.drop_constraint("uq_target_definition", type_="unique")
        batch.create_unique_constraint("uq_target_region_metric_deadline", ["region", "metric", "deadline"])
        for column in ("industry", "min_level", "basis", "counts"):
            batch.drop_column(column)
