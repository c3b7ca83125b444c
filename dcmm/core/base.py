"""The strict base model every data model of dcmm derives from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A model that rejects unknown keys and cannot be changed after validation."""

    model_config = ConfigDict(extra="forbid", frozen=True)
