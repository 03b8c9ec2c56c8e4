"""One person, party or body under its many spellings.

Sources write the same name in several transliterations (Smaiylov / Smailov,
Mazhilis / Mäjilis / Majilis, Tokayev / Toqaev). ``name_key`` folds a name to a
key that those spellings share; the alias table (``kzgov/data/aliases.csv``)
covers what folding cannot (Majlis, Nur Otan renamed Amanat, Assembly).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Kazakh and Russian letters that accent-stripping leaves as distinct but romanisations use interchangeably.
_LETTERS = str.maketrans(
    {"ı": "i", "ñ": "n", "ğ": "g", "ş": "sh", "ç": "ch", "ö": "o", "ü": "u", "ə": "a", "ұ": "u", "ү": "u"}
)
# Digraph and letter choices of competing romanisations, folded to one spelling.
_FOLDS = [
    (re.compile(r"zh|dzh|dj"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"q"), "k"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])|y"), ""),  # Tokayev / Tokaev, Smaiylov / Smailov
    (re.compile(r"([^\W\d_])\1+"), r"\1"),  # Kassym / Kasym; letters only: "Unit 11" is not "Unit 1"
]


@functools.lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS).casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-zа-яёәғқңөұүһі]+", " ", letters).split())


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A key shared by the usual transliterations of one name."""
    key = normalize(name)
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


@dataclass(frozen=True)
class Alias:
    """A curated spelling of an entity, optionally valid for a period (a party's former name)."""

    kind: str  # person, organization or office
    canonical: str
    alias: str
    organization_kind: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@functools.cache
def aliases() -> tuple[Alias, ...]:
    """The curated aliases shipped with kzgov."""
    path = Path(__file__).with_name("data") / "aliases.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if not row["kind"].startswith("#")]
    return tuple(
        Alias(
            kind=row["kind"],
            canonical=row["canonical"],
            alias=row["alias"],
            organization_kind=row["organization_kind"] or None,
            valid_from=dt.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
            valid_until=dt.date.fromisoformat(row["valid_until"]) if row["valid_until"] else None,
        )
        for row in rows
    )


@functools.cache
def canonical_names(kind: str) -> dict[str, str]:
    """Map from the key of every alias (and canonical name) of kind to its canonical name."""
    mapping: dict[str, str] = {}
    for alias in aliases():
        if alias.kind == kind:
            mapping[name_key(alias.alias)] = alias.canonical
            mapping[name_key(alias.canonical)] = alias.canonical
    return mapping


@functools.lru_cache(maxsize=1 << 16)
def canonical(kind: str, name: str) -> str:
    """The canonical spelling of name, or name itself (trimmed) when no alias knows it."""
    return canonical_names(kind).get(name_key(name), " ".join(name.split()))


@functools.lru_cache(maxsize=1 << 16)
def script_key(name: str) -> str:
    """name_key of the name written in Latin letters: one key for Назарбаев, Nazarbayev and NAZARBAEV.

    Not the key names are stored under (name_key keeps Cyrillic letters apart, and changing it would
    change which claims name one person): it matches a name a user types against the names recorded."""
    from anyascii import anyascii

    return name_key(anyascii(name.translate(_LETTERS)))
