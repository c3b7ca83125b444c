"""The one jinja2 environment every document renders with: autoescaping, strict undefined names,
templates from the package's templates folder."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel

from dcmm.files import data_dir


def _load_template(name: str) -> tuple[str, None, Callable[[], bool]]:
    source = (data_dir("templates") / name).read_text(encoding="utf-8")
    return source, None, lambda: True


def _score(value: float) -> str:
    return f"{value:.2f}"


def _signed(value: float) -> str:
    return f"{value:+.2f}" if value else "0.00"


def _gain(value: float) -> str:
    """Overall gains are often below a hundredth; three decimals keep them apart."""
    return f"{value:.3f}"


@cache
def environment() -> Environment:
    """The one environment of gap reports, portfolios and progress reports."""
    env = Environment(
        loader=FunctionLoader(_load_template),
        # Every template is HTML, whatever its extension: escape all of them.
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = _score
    env.filters["signed"] = _signed
    env.filters["gain"] = _gain
    return env


def render_html(template: str, context: BaseModel | Mapping[str, object], **extra: object) -> str:
    """Render ``template`` with the fields of ``context`` (a typed model, or a mapping) and ``extra``."""
    return environment().get_template(template).render(**dict(context), **extra)
