"""Division codes of counties, and whether a row's province or city was inferred from its credit code.

``daily_tally.city_code`` keeps its name and from here on holds the finest division code of the rows it
counts: the county's when the list gave one (or the credit code did), else the city's. Tallies stored
before hold city codes, which stay right.

Organisations stored before whose lists named a city the tracker did not know then (咸阳市, 宝鸡市: kept by
name, without a code) are placed with the GB/T 2260 table now, with their certificates, and the daily
tallies are then recomputed from the certificates and organisations.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_divisions"
down_revision = "0003_daily_tallies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("organisation", sa.Column("county_code", sa.String(6), nullable=True))
    op.add_column("organisation", sa.Column("region_inferred", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("certificate", sa.Column("county_code", sa.String(6), nullable=True))
    connection = op.get_bind()
    if _place_named_cities(connection):
        _recount(connection)


def _place_named_cities(connection: sa.Connection) -> bool:
    """Give a code to the cities stored by name only; whether any was placed."""
    from dcmm.tracker.regions import parse_place

    named = sa.text("SELECT DISTINCT province, city FROM organisation WHERE city_code IS NULL AND city IS NOT NULL")
    placed = False
    for province, city in connection.execute(named).all():
        try:
            place = parse_place(city, "", province)
        except ValueError:  # a city of another province: left as it was
            continue
        if place.city_code is None:
            continue
        codes = {"city": place.city_code, "county": place.county_code, "province": province, "name": city}
        connection.execute(
            sa.text(
                "UPDATE certificate SET city_code = :city, county_code = :county WHERE organisation_id IN "
                "(SELECT id FROM organisation WHERE province = :province AND city = :name AND city_code IS NULL)"
            ),
            codes,
        )
        connection.execute(
            sa.text(
                "UPDATE organisation SET city_code = :city, county_code = :county "
                "WHERE province = :province AND city = :name AND city_code IS NULL"
            ),
            codes,
        )
        placed = True
    return placed


# The daily tallies as storage/tallies.py derives them: +1 on a certificate's issue day and -1 on its end day
# (none for one that never counted), +1 on an organisation's first certification and on its first 贯标 day.
_RECOUNT = """
INSERT INTO daily_tally (series, province, level, city_code, day, delta)
SELECT series, province, level, code, day, SUM(delta) FROM (
    SELECT 'in_force' AS series, province, level, COALESCE(county_code, city_code, '') AS code,
           issue_date AS day, 1 AS delta FROM certificate WHERE ends_on > issue_date
    UNION ALL
    SELECT 'in_force', province, level, COALESCE(county_code, city_code, ''), ends_on, -1
    FROM certificate WHERE ends_on > issue_date
    UNION ALL
    SELECT 'certified', province, 0, COALESCE(county_code, city_code, ''), first_certified_on, 1
    FROM organisation WHERE first_certified_on IS NOT NULL
    UNION ALL
    SELECT 'guanbiao', province, 0, COALESCE(county_code, city_code, ''), guanbiao_since, 1
    FROM organisation WHERE guanbiao_since IS NOT NULL
) AS changes
GROUP BY series, province, level, code, day
HAVING SUM(delta) <> 0
"""


def _recount(connection: sa.Connection) -> None:
    connection.execute(sa.text("DELETE FROM daily_tally"))
    connection.execute(sa.text(_RECOUNT))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN on both databases (SQLite 3.35+): no table is rebuilt, so the rows that
    # refer to organisations stay valid.
    for table, column in (
        ("certificate", "county_code"),
        ("organisation", "region_inferred"),
        ("organisation", "county_code"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
