"""Brand files: a YAML file naming the consultancy that issues a report, with its logo, colours and signatory."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import yaml

from dcmm.core.brand import Brand
from dcmm.core.errors import Problem, UserError
from dcmm.files.limits import MAX_LOGO_BYTES, MAX_LOGO_PIXELS
from dcmm.files.reading import read_bytes
from dcmm.files.yaml_source import line_of, validate_yaml
from dcmm.i18n import text

_WHAT = "a brand file"
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}  # what Word, LibreOffice and WeasyPrint all show


@dataclass(frozen=True)
class BrandInput:
    """A brand file as read: the validated brand, and its logo's bytes and type (None without a logo)."""

    brand: Brand
    logo: bytes | None = None
    logo_type: str = ""


def _problem(file: str, key: str, line: int | None, where: str, /, **values: object) -> Problem:
    name = f"brand.{key}"
    return Problem(file, text(name, "en", **values), line, where, name, tuple(values.items()))


def read_brand(path: str | Path) -> BrandInput:
    """The brand in ``path`` and its logo; UserError naming file, line and field of every problem (YAML, unknown
    keys, a colour that is not #RRGGBB, a logo file that is missing, too big or not a PNG or JPEG picture)."""
    problems: list[Problem] = []
    source = Path(path)
    brand, _, node = validate_yaml(source, Brand, problems, _WHAT)
    if brand is None or problems:  # a key given twice is refused too, never the last one silently winning
        raise UserError(problems)
    if brand.logo is None:
        return BrandInput(brand)
    logo, kind = _read_logo(source, brand.logo, line_of(node, ("logo",)))
    return BrandInput(brand, logo, kind)


def _read_logo(source: Path, name: str, line: int | None) -> tuple[bytes, str]:
    """The logo's bytes and MIME type, the file named relative to the brand file's folder."""
    file = str(source)
    logo = source.parent / name
    try:
        data = read_bytes(logo, "a logo picture", MAX_LOGO_BYTES)
    except UserError as exc:
        reason = exc.problems[0].message
        raise UserError([_problem(file, "logo_unreadable", line, "logo", path=str(logo), reason=reason)]) from None
    kind = _picture_format(data)
    if kind not in LOGO_FORMATS:
        raise UserError([_problem(file, "logo_not_a_picture", line, "logo", path=str(logo))])
    return data, LOGO_FORMATS[kind]


def _picture_format(data: bytes) -> str:
    """The format Pillow finds in ``data`` once it has checked the whole picture; empty when it is none, or too
    large to decode safely."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                if picture.width * picture.height > MAX_LOGO_PIXELS:
                    return ""
                found = picture.format or ""
                picture.verify()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        return ""
    return found


def brand_yaml(brand: Brand) -> str:
    """A brand as YAML text (what :func:`read_brand` reads), for the docs and tests."""
    data = brand.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
