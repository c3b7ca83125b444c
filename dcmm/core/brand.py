"""The consultancy that issues a report: its name, logo, colours, contact lines and who signs for it."""

from __future__ import annotations

import datetime
import re

from pydantic import Field, field_validator

from dcmm.core.base import StrictModel

_COLOUR = re.compile(r"#?[0-9A-Fa-f]{6}")


class Signature(StrictModel):
    """Who signs the report for the consultancy, and on which day (left blank to be written by hand)."""

    signatory: str = Field(min_length=1, max_length=100, description="the signatory's name, e.g. 张三")
    title: str = Field(default="", max_length=100, description="the signatory's title, e.g. 首席咨询顾问")
    date: datetime.date | None = Field(default=None, description="the signing date; blank to write by hand")


class Brand(StrictModel):
    """A consultancy's branding of the reports it hands over."""

    name: str = Field(min_length=1, max_length=200, description="the consultancy's name, on the cover and header")
    logo: str | None = Field(default=None, description="a PNG or JPEG file, relative to the brand file")
    primary: str | None = Field(default=None, description="headings and the level, as #RRGGBB")
    accent: str | None = Field(default=None, description="the second colour, as #RRGGBB")
    contact: list[str] = Field(default=[], max_length=10, description="lines under the cover: address, phone, mail")
    signature: Signature | None = Field(default=None, description="adds a signature-and-seal page")

    @field_validator("primary", "accent")
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        """Six hex digits, with or without ``#``; kept upper case without it."""
        if value is None:
            return None
        if not _COLOUR.fullmatch(value):
            raise ValueError(f"{value!r} is not a colour: write six hex digits such as #1F5FA8")
        return value.removeprefix("#").upper()
