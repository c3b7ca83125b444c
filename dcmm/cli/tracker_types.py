"""The parameter types of ``dcmm tracker`` options: regions, target deadlines, counted records, industries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from dcmm.cli.language import tr
from dcmm.cli.options import ISO_DATE, ParamBase


class CountsType(ParamBase):
    """Records that count, comma-separated: certified (always), pilots, self_assessed."""

    name = "records"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        from dcmm.cli.language import message_language
        from dcmm.tracker.definitions import parse_counts

        try:
            return parse_counts(str(value), message_language())
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class DeadlineType(ParamBase):
    """A day, YYYY-MM-DD, or a year, YYYY, meaning its last day (31 December)."""

    name = "deadline"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        given = str(value).strip()
        if len(given) == 4 and given.isdigit():
            return ISO_DATE.convert(f"{given}-12-31", param, ctx)
        if len(given) != 10:  # 20255, 2025-6-30: neither a year nor a day as YYYY-MM-DD
            self.fail(tr("targets.not_a_deadline", value=given[:40]), param, ctx)
        return ISO_DATE.convert(given, param, ctx)


class IndustryType(ParamBase):
    """An industry as the lists name it, whitespace normalised as they are."""

    name = "industry"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from dcmm.cli.language import message_language
        from dcmm.tracker.definitions import parse_industry

        try:
            return parse_industry(str(value), message_language())
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class RegionType(ParamBase):
    """CN, a province, a city or a county: by GB/T 2260 code or by full, short or former name."""

    name = "region"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from dcmm.tracker.regions import parse_region

        try:
            return parse_region(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


REGION = RegionType()
