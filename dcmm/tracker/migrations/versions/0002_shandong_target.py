"""Shandong's DCMM target from its 14th five-year big-data plan: more than 300 贯标 units by the end of 2025."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002_shandong_target"
down_revision = "0001_initial_schema"
branch_labels = None
depends_on = None

_target = sa.table(
    "target",
    sa.column("region", sa.String),
    sa.column("metric", sa.String),
    sa.column("comparison", sa.String),
    sa.column("number", sa.Integer),
    sa.column("deadline", sa.Date),
    sa.column("source_document", sa.String),
    sa.column("source_quote", sa.Text),
    sa.column("note", sa.Text),
)


def upgrade() -> None:
    op.bulk_insert(
        _target,
        [
            {
                "region": "37",
                "metric": "guanbiao",
                "comparison": "more_than",
                "number": 300,
                "deadline": dt.date(2025, 12, 31),
                "source_document": "山东省“十四五”大数据产业发展规划（规划期 2021—2025 年）",
                "source_quote": (
                    "到 2025 年，全省制造、能源、金融、交通等领域《数据管理能力成熟度评估模型》（简称 DCMM）"
                    "贯标单位超过 300 家；……到 2025 年，DCMM 贯标企业数量达 300 家以上。"
                ),
                "note": (
                    "The plan states the goal twice: 超过 300 家 (more than 300) in its development goals and "
                    "300 家以上 in the DCMM 贯标 task; the stricter reading (more than 300) is recorded."
                ),
            }
        ],
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM target WHERE region = '37' AND metric = 'guanbiao' AND deadline = '2025-12-31'"))
