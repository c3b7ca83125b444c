"""Fixtures the command tests share with the feature tests: tracker databases and answer files to resume."""

from tests.tracker.conftest import postgres_url, tracker_url
from tests.tui.conftest import blank_file

__all__ = ["blank_file", "postgres_url", "tracker_url"]
