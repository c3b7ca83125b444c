"""Quick-scan estimates as data: the record beside the score results, and the label every estimate carries."""

from __future__ import annotations

from typing import Any

from dcmm.assessments import EstimatedFile

ESTIMATE_LABEL = {"zh": "估算", "en": "ESTIMATE"}


def estimate_record(estimated: EstimatedFile) -> dict[str, Any]:
    org = estimated.answers.organisation
    return {
        "file": str(estimated.path),
        "label": "ESTIMATE (quick scan) / 估算（快速自评）",
        "organisation": {"name": org.name, "credit_code": org.credit_code, "province": org.province},
        "assessed_on": estimated.answers.assessed_on.isoformat() if estimated.answers.assessed_on else None,
        **estimated.estimate.model_dump(mode="json"),
    }
