"""One vocabulary: every user-facing word of dcmm, in Chinese and English, kept as data.

The catalogues are YAML files, one per language and area (``zh/cli.yaml``, ``en/cli.yaml`` …); a key
is ``<area>.<name>`` and a text may hold ``str.format`` placeholders. Level and grade names are not
here: they come from the edition data.
"""

from dcmm.i18n.catalogue import (
    LANGUAGES,
    Language,
    MissingText,
    catalogue,
    choose_language,
    text,
    vocabulary,
)

__all__ = ["LANGUAGES", "Language", "MissingText", "catalogue", "choose_language", "text", "vocabulary"]
