"""Organisations from public notice lists, which give no credit code: matched by normalised name."""

from __future__ import annotations

revision = "0006_notice_lists"
down_revision = "0005_target_definitions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
