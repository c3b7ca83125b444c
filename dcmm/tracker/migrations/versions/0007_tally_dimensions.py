"""Tallies by the dimensions progress reports break down by, so a report on a million certificates stays quick.

Certificates carry a copy of their organisation's industry, and the in-force index covers region,
industry and level; the daily tallies gain the ``issued`` series (certificates by year) and an index
that holds the deltas; organisations are indexed by city for the city names. The new columns and
tallies are filled from what is stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_tally_dimensions"
down_revision = "0006_notice_lists"
branch_labels = None
depends_on = None

_IN_FORCE_BEFORE = ["ends_on", "issue_date", "province", "level"]
_IN_FORCE = ["ends_on", "issue_date", "province", "city_code", "county_code", "industry", "level"]
_SUMS = ["series", "province", "level", "city_code", "day", "delta"]


def upgrade() -> None:
    op.add_column("certificate", sa.Column("industry", sa.String(100), nullable=True))
    op.execute(
        "UPDATE certificate SET industry = "
        "(SELECT organisation.industry FROM organisation WHERE organisation.id = certificate.organisation_id)"
    )
    op.drop_index("ix_certificate_in_force", table_name="certificate")
    op.create_index("ix_certificate_in_force", "certificate", _IN_FORCE)
    op.create_index("ix_organisation_city", "organisation", ["city_code", "city"])
    certificate = sa.table(
        "certificate",
        sa.column("province", sa.String),
        sa.column("city_code", sa.String),
        sa.column("county_code", sa.String),
        sa.column("level", sa.SmallInteger),
        sa.column("issue_date", sa.Date),
        sa.column("revoked", sa.Boolean),
    )
    city = sa.func.coalesce(certificate.c.county_code, certificate.c.city_code, "")  # the finest code known
    issued = (
        sa.select(
            sa.literal("issued"),
            certificate.c.province,
            city,
            certificate.c.level,
            certificate.c.issue_date,
            sa.func.count(),
        )
        .where(certificate.c.revoked.is_(False))
        .group_by(certificate.c.province, city, certificate.c.level, certificate.c.issue_date)
    )
    tally = sa.table(
        "daily_tally",
        *(sa.column(name) for name in ("series", "province", "city_code", "level", "day", "delta")),
    )
    op.execute(tally.insert().from_select(["series", "province", "city_code", "level", "day", "delta"], issued))
    op.create_index("ix_daily_tally_sums", "daily_tally", _SUMS)


def downgrade() -> None:
    op.drop_index("ix_daily_tally_sums", table_name="daily_tally")
    op.execute("DELETE FROM daily_tally WHERE series = 'issued'")
    op.drop_index("ix_organisation_city", table_name="organisation")
    op.drop_index("ix_certificate_in_force", table_name="certificate")
    with op.batch_alter_table("certificate") as batch:
        batch.drop_column("industry")
    op.create_index("ix_certificate_in_force", "certificate", _IN_FORCE_BEFORE)
