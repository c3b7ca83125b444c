"""Which organisation a list's row is about, when the row may give only a name: the matching rule.

1. A row with a credit code is that code's organisation when one is stored.
2. Otherwise the row's name is reduced to its key (:func:`dcmm.tracker.names.name_key`) and compared
   with the organisations stored **in the row's province** (never another province's):

   - a row with a credit code new to the tracker takes over the one organisation known by name only
     (no code yet) with the same key: that organisation gains the code; no second one is made;
   - a row without a credit code is the one stored organisation (with or without a code) with the same
     key, or the organisation another row of the same list gives that name with a code;
   - no organisation with that key: a new one (known by name only when the row has no code).

3. The row is **held for review** (not written, not counted) instead of being guessed when several
   stored organisations have the key, when two new credit codes in one list claim the same
   organisation, or when no stored name is the same but one is *near* (differs only in its legal form,
   e.g. 有限公司 / 股份有限公司, or in a bracketed part, e.g. ``XX科技(青岛)有限公司``): a person decides
   (``dcmm tracker review``). Names of one list are not compared with each other for near matches: a
   notice lists each organisation once.

The rule is a pure function over what storage found (:class:`NameCandidate`); it touches no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from dcmm.tracker.names import name_key, near_key
from dcmm.tracker.records import CertificateRecord

SEVERAL, NEAR = "several", "near"


@dataclass(frozen=True, slots=True)
class NameCandidate:
    """A stored organisation as matching sees it."""

    id: int
    credit_code: str | None
    province: str
    name_key: str
    name: str

    @property
    def key(self) -> str:
        return stored_key(self.id, self.credit_code)


@dataclass(frozen=True, slots=True)
class HeldRow:
    """A row held for review: why, and the stored organisations it might be."""

    record: CertificateRecord
    reason: str  # SEVERAL | NEAR
    candidates: tuple[NameCandidate, ...]


def stored_key(org_id: int, credit_code: str | None) -> str:
    """The planning key of a stored organisation: its credit code, or ``#<id>`` when it has none."""
    return credit_code if credit_code is not None else f"#{org_id}"


def new_key(province: str, name: str) -> str:
    """The planning key of an organisation a list adds by name only."""
    return f"~{province}:{name_key(name)}"


def name_only_key(province: str, key: str) -> str:
    """:func:`new_key` from a name key already computed (how new organisations are read back)."""
    return f"~{province}:{key}"


@dataclass
class _Index:
    exact: dict[tuple[str, str], list[NameCandidate]]
    near: dict[tuple[str, str], list[NameCandidate]]

    @classmethod
    def of(cls, candidates: Iterable[NameCandidate]) -> _Index:
        exact: dict[tuple[str, str], list[NameCandidate]] = defaultdict(list)
        near: dict[tuple[str, str], list[NameCandidate]] = defaultdict(list)
        for candidate in candidates:
            exact[(candidate.province, candidate.name_key)].append(candidate)
            near[(candidate.province, near_key(candidate.name_key))].append(candidate)
        return cls(exact, near)

    def lookup(self, province: str, key: str, name_only: bool) -> tuple[list[NameCandidate], list[NameCandidate]]:
        """The candidates with the same key, and (when there are none) the near ones."""
        exact = [c for c in self.exact.get((province, key), ()) if not name_only or c.credit_code is None]
        if exact:
            return exact, []
        near = [c for c in self.near.get((province, near_key(key)), ()) if not name_only or c.credit_code is None]
        return [], near


def match_records(
    records: Sequence[CertificateRecord],
    known_codes: Collection[str],
    candidates: Iterable[NameCandidate],
    resolved: Mapping[str, str] | None = None,
) -> tuple[list[CertificateRecord], list[HeldRow]]:
    """The rows to plan (each with its organisation's key set) and the rows held for review.

    ``known_codes`` are the credit codes of the list that the tracker holds; ``candidates`` the stored
    organisations of the list's provinces that a name may match (all of them for rows without a code,
    those without a code for the others); ``resolved`` maps the :func:`fingerprint` of a row reviewed
    before to the organisation key it was resolved to.
    """
    index = _Index.of(candidates)
    keys: dict[int, str] = {}  # row index → name key, computed once
    held: dict[int, HeldRow] = {}
    claims: dict[int, set[str]] = defaultdict(set)  # name-only organisation id → new credit codes claiming it
    claimed: dict[int, NameCandidate] = {}  # row index → the organisation its new code claims
    listed: dict[tuple[str, str], str] = {}  # (province, name key) → a new credit code of this list
    for number, record in enumerate(records):
        code = record.credit_code
        if code is None or code in known_codes:
            continue
        key = keys[number] = name_key(record.name)
        listed.setdefault((record.province, key), code)
        exact, near = index.lookup(record.province, key, name_only=True)
        if len(exact) == 1:
            claims[exact[0].id].add(code)
            claimed[number] = exact[0]
            record.matched = exact[0].key
        elif exact or near:
            held[number] = HeldRow(record, SEVERAL if exact else NEAR, tuple(exact or near))
    skipped: set[int] = set()
    for number, record in enumerate(records):
        if record.credit_code is None:
            key = keys[number] = name_key(record.name)
            exact, near = index.lookup(record.province, key, name_only=False)
            if len(exact) == 1:
                record.matched = exact[0].key
            elif exact or near:
                held[number] = HeldRow(record, SEVERAL if exact else NEAR, tuple(exact or near))
            elif (record.province, key) in listed:
                record.matched = listed[(record.province, key)]
            else:
                record.matched = name_only_key(record.province, key)
        elif number in claimed and len(claims[claimed[number].id]) > 1:  # two new codes, one name
            held[number] = HeldRow(record, SEVERAL, (claimed[number],))
    if resolved:
        for number in list(held):
            organisation = resolved.get(fingerprint(held[number].record))
            if organisation is not None:  # reviewed before: the person's decision stands ("" = dismissed)
                held.pop(number).record.matched = organisation or None
                if not organisation:
                    skipped.add(number)
    for row in held.values():
        row.record.matched = None
    kept = [record for number, record in enumerate(records) if number not in held and number not in skipped]
    return kept, list(held.values())


def fingerprint(record: CertificateRecord) -> str:
    """What identifies a held row across imports of the same list: its values, not its row number or file."""
    import hashlib

    values = (
        record.credit_code, record.name, record.province, record.status, record.issue_date, record.level,
        record.city_code, record.industry, record.body, record.batch, record.notice_date,
        record.certificate_number, record.expiry_date,
    )  # fmt: skip
    return hashlib.sha256(repr(values).encode()).hexdigest()
