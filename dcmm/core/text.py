"""Bilingual text: the two languages and a text given in both."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dcmm.core.base import StrictModel

__all__ = ["LANGUAGES", "Language", "LocalizedText", "StrictModel"]

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


class LocalizedText(StrictModel):
    """A text in Chinese and English; both are required."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: Language) -> str:
        return self.zh if language == "zh" else self.en

    def __str__(self) -> str:
        return self.zh
