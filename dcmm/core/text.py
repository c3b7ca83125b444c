"""Bilingual text and the strict base model shared by every data model."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


class StrictModel(BaseModel):
    """A model that rejects unknown keys and cannot be changed after validation."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(StrictModel):
    """A text in Chinese and English; both are required."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: Language) -> str:
        return self.zh if language == "zh" else self.en

    def __str__(self) -> str:
        return self.zh
