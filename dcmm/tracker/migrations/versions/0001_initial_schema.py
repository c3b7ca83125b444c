"""Organisations, certificates, self-assessments, targets and the import log."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial_schema"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("credit_code", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("province", sa.String(2), nullable=False),
        sa.Column("city_code", sa.String(6), nullable=True),
        sa.Column("city", sa.String(60), nullable=True),
        sa.Column("industry", sa.String(100), nullable=True),
        sa.Column("party_type", sa.String(2), nullable=True),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.Column("first_certified_on", sa.Date(), nullable=True),
        sa.Column("pilot_since", sa.Date(), nullable=True),
        sa.Column("guanbiao_since", sa.Date(), nullable=True),
        sa.UniqueConstraint("credit_code"),
    )
    op.create_index("ix_organisation_province", "organisation", ["province"])
    op.create_index("ix_organisation_synthetic", "organisation", ["synthetic"])
    op.create_index("ix_organisation_first_certified_on", "organisation", ["first_certified_on"])
    op.create_index("ix_organisation_guanbiao_since", "organisation", ["guanbiao_since"])

    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation_id", sa.Integer(), sa.ForeignKey("organisation.id"), nullable=False),
        sa.Column("province", sa.String(2), nullable=False),
        sa.Column("city_code", sa.String(6), nullable=True),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("edition", sa.String(4), nullable=False),
        sa.Column("body", sa.String(100), nullable=True),
        sa.Column("batch", sa.String(60), nullable=True),
        sa.Column("notice_date", sa.Date(), nullable=True),
        sa.Column("certificate_number", sa.String(64), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("expiry_date", sa.Date(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("superseded_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(300), nullable=True),
        sa.UniqueConstraint("organisation_id", "level", "issue_date", name="uq_certificate_org_level_issued"),
        sa.UniqueConstraint("certificate_number"),
    )
    op.create_index("ix_certificate_organisation_id", "certificate", ["organisation_id"])
    op.create_index("ix_certificate_in_force", "certificate", ["ends_on", "issue_date", "province", "level"])
    op.create_index(
        "ix_certificate_expiry",
        "certificate",
        ["expiry_date", "issue_date", "superseded_on", "revoked", "province", "city_code"],
    )

    op.create_table(
        "self_assessment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation_id", sa.Integer(), sa.ForeignKey("organisation.id"), nullable=False),
        sa.Column("edition", sa.String(40), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("overall_score", sa.Float(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("target_level", sa.SmallInteger(), nullable=True),
        sa.Column("rules", sa.String(40), nullable=False),
        sa.Column("source", sa.String(300), nullable=True),
        sa.UniqueConstraint("organisation_id", "edition", "assessed_on", name="uq_self_assessment_org_edition_day"),
    )
    op.create_index("ix_self_assessment_organisation_id", "self_assessment", ["organisation_id"])

    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("region", sa.String(6), nullable=False),
        sa.Column("metric", sa.String(20), nullable=False),
        sa.Column("comparison", sa.String(10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("source_document", sa.String(300), nullable=False),
        sa.Column("source_quote", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.UniqueConstraint("region", "metric", "deadline", name="uq_target_region_metric_deadline"),
    )

    op.create_table(
        "import_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.UniqueConstraint("sha256"),
    )


def downgrade() -> None:
    op.drop_table("import_log")
    op.drop_table("target")
    op.drop_table("self_assessment")
    op.drop_table("certificate")
    op.drop_table("organisation")
