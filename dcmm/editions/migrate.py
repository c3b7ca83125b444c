"""Re-exports dcmm.core.editions.migrate."""

from dcmm.core.editions.migrate import EditionComparison, Migration, compare_editions, migrate_answers, no_match_reason

__all__ = ["EditionComparison", "Migration", "compare_editions", "migrate_answers", "no_match_reason"]
