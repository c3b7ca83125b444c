"""Organisation names as lists write them, reduced to a key: the same name however it is spelt, no more.

Public notice lists (公示名单) carry no credit code, so the tracker recognises an organisation there
by its name. :func:`name_key` is the one rule that decides when two spellings are the same name:

1. Unicode NFKC: full-width letters, digits, brackets and spaces become their half-width forms
   (``（青岛）`` → ``(青岛)``, ``ＡＢＣ`` → ``ABC``); then lower case.
2. Bracket variants are one bracket: ``【】 〔〕 ［］ [] 〈〉 「」`` → ``()``.
3. All whitespace goes (a Chinese name has none that means anything; ``ABC Co., Ltd.`` and
   ``ABCCo.,Ltd.`` are one name).
4. The abbreviations the Company Law allows (公司法 第七条) are one form: ``有限责任公司`` ≡ ``有限公司``
   and ``股份公司`` ≡ ``股份有限公司``. A 有限公司 and a 股份有限公司 stay different: they are
   different legal forms, and both names can be registered by different firms.

Nothing else is merged: ``山东XX科技有限公司`` and ``青岛XX科技有限公司`` are two names, and so are
``XX科技有限公司`` and ``XX科技(青岛)有限公司``. Names that differ only in their legal form or in a
bracketed part are a *near match* (:func:`near_key`): possibly one organisation renamed, possibly
two, and the tracker asks a person (the review list) rather than guess.
"""

from __future__ import annotations

import re
import unicodedata

NAME_KEY_CHARACTERS = 200  # as long as the name column; NFKC may lengthen a name, the key is cut there
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")", "〈": "(", "〉": ")",
                           "「": "(", "」": ")", "《": "(", "》": ")"})  # fmt: skip
_OTHER_BRACKET = re.compile("[【】〔〕\\[\\]〈〉「」《》]")
_LEGAL_FORMS = (("有限责任公司", "有限公司"), ("股份公司", "股份有限公司"))
_BRACKETED = re.compile(r"\([^()]*\)")
# The legal form at the end of a name, longest first: what a near key leaves out.
_LEGAL_FORM_AT_END = re.compile(r"(?:股份有限公司|有限公司|公司)$")


def name_key(name: str) -> str:
    """The key two spellings of one organisation's name share (see the module's docstring for the rule)."""
    key = "".join(unicodedata.normalize("NFKC", name).lower().split())
    if _OTHER_BRACKET.search(key):  # rare: translating is slow, searching is not
        key = key.translate(_BRACKETS)
    for written, form in _LEGAL_FORMS:
        if written in key:
            key = key.replace(written, form)
    return key[:NAME_KEY_CHARACTERS]


def near_key(key: str) -> str:
    """A :func:`name_key` without its bracketed parts and its legal form: names sharing it are a near match."""
    return _LEGAL_FORM_AT_END.sub("", _BRACKETED.sub("", key))
