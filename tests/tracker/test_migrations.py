"""The named migrations build exactly the models' schema, and run down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from dcmm.tracker.database import current_revision, head_revision, open_engine, upgrade
from dcmm.tracker.models import Base


def test_migrations_match_the_models(tracker_url: str) -> None:
    engine = open_engine(tracker_url)
    assert current_revision(engine) == head_revision() == "0009_dashboard_accounts"
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_downgrade_and_upgrade_again(tracker_url: str) -> None:
    from alembic import command

    from dcmm.tracker.migrating import _alembic_config

    engine = open_engine(tracker_url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001_initial_schema")
    assert current_revision(engine) == "0001_initial_schema"
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_migration_files_name_their_revisions_in_order() -> None:
    """Opening a tracker reads the revisions from the file names (no alembic): they must be alembic's chain."""
    from alembic.script import ScriptDirectory

    from dcmm.tracker.migrating import _alembic_config, revisions

    scripts = ScriptDirectory.from_config(_alembic_config())
    chain = [script.revision for script in scripts.walk_revisions()][::-1]  # walk_revisions goes newest first
    assert list(revisions()) == chain
    assert head_revision() == scripts.get_current_head()
    for script in scripts.walk_revisions():
        assert script.path is not None and script.path.endswith(f"/{script.revision}.py")
