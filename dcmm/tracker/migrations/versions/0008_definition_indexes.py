"""Indexes for the targets an office defines, so their counts stay quick on a million certificates.

A definition that no daily tally series holds (a level above 1 counted cumulatively, an industry) is
counted from the certificates themselves (dcmm.tracker.storage.queries.defined_counts). One index leads
with the region and level, the other with the industry and level; each holds every column those counts
read, so neither query touches the table's rows.
"""

from __future__ import annotations

from alembic import op

revision = "0008_definition_indexes"
down_revision = "0007_tally_dimensions"
branch_labels = None
depends_on = None

_COUNTED = ["city_code", "county_code", "issue_date", "ends_on", "revoked", "organisation_id"]
BY_LEVEL = ["province", "level", *_COUNTED]
BY_INDUSTRY = ["industry", "level", "province", *_COUNTED]


def upgrade() -> None:
    op.create_index("ix_certificate_by_level", "certificate", BY_LEVEL)
    op.create_index("ix_certificate_by_industry", "certificate", BY_INDUSTRY)


def downgrade() -> None:
    op.drop_index("ix_certificate_by_industry", table_name="certificate")
    op.drop_index("ix_certificate_by_level", table_name="certificate")
