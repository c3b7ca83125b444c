"""Re-exports dcmm.core.editions.merge."""

from dcmm.core.editions.merge import MergeOutcome, MergeRule, Respondent, merge_answers, respondent_label

__all__ = ["MergeOutcome", "MergeRule", "Respondent", "merge_answers", "respondent_label"]
