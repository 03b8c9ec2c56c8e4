"""Mentions in a sentence: offices, bodies, parties, places and persons, numbers.

Which words name an office, a body or a party is data (``kzgov/data/vocabulary.csv``, extended
by ``KZGOV_HOME/vocabulary.csv`` when a user adds one), matched case- and accent-insensitively
and across scripts (Cyrillic names are compared through their transliteration). Persons are
capitalised names that are none of those; a surname alone stands for the full name the
document used before.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kzgov.claims import ParseError
from kzgov.names import name_key
from kzgov.parsing.text import NUMBER_WORDS, UPPER

VOCABULARY_FILE = "vocabulary.csv"


@dataclass(frozen=True, slots=True)
class Entry:
    """One way of writing an office, body, party or place."""

    kind: str  # office, body, party or place
    canonical: str
    variant: str
    note: str = ""  # for bodies, the schema's kind of body; for parties, "no party" for independents


# The kinds of entry that name things in text; a "holders" row says how many hold an office at once.
MENTION_KINDS = ("office", "body", "party", "place")
HOLDERS = {"one": True, "several": False}  # a holders row's note: is the office held by one person at a time


def _read(path: Path) -> list[Entry]:
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for r in reader:
            kind = (r.get("kind") or "").strip()
            if not kind or kind.startswith("#"):
                continue
            canonical, variant = (r.get("canonical") or "").strip(), (r.get("variant") or "").strip()
            entry = Entry(kind, canonical, variant, (r.get("note") or "").strip())
            if kind == "holders" and entry.note not in HOLDERS:
                raise ParseError(
                    f"{path}: line {reader.line_num}: field note: a holders row says 'one' or 'several',"
                    f" not {entry.note!r}"
                )
            if kind not in (*MENTION_KINDS, "holders"):
                raise ParseError(
                    f"{path}: line {reader.line_num}: field kind: {kind!r} is not one of"
                    f" {', '.join((*MENTION_KINDS, 'holders'))}"
                )
            entries.append(entry)
    return entries


def vocabulary_files() -> list[Path]:
    """The vocabulary shipped with kzgov, then the user's own, if there is one."""
    files = [Path(__file__).parent.parent / "data" / VOCABULARY_FILE]
    home = os.environ.get("KZGOV_HOME")
    if home and (Path(home) / VOCABULARY_FILE).is_file():
        files.append(Path(home) / VOCABULARY_FILE)
    return files


@functools.cache
def _vocabulary(files: tuple[Path, ...]) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for path in files:
        entries.extend(_read(path))
    return tuple(entries)


def vocabulary() -> tuple[Entry, ...]:
    """Every entry of the vocabulary files."""
    return _vocabulary(_files_for(os.environ.get("KZGOV_HOME")))


@functools.lru_cache(maxsize=8)
def _files_for(home: str | None) -> tuple[Path, ...]:
    """The vocabulary files for a KZGOV_HOME, looked up once per process (the user's file is read at start)."""
    return tuple(vocabulary_files())


def fold(text: str) -> str:
    """Text case-folded, accents dropped and Cyrillic transliterated, one character for one."""
    return _fold_table_apply(text)


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character folded: accents dropped, then lower case, then a Latin letter for another script's."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)) or ch
    low = base.lower()[:1] or ch
    if not low.isascii() and low.isalpha():
        from anyascii import anyascii

        latin = anyascii(low).lower()
        return latin[:1] if latin else low
    return low


def _fold_table_apply(text: str) -> str:
    if text.isascii():  # most text: lower() keeps one character for one
        return text.lower()
    return "".join(_fold_char(c) for c in text)


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a known office, body, party or place: its span and its canonical name."""

    kind: str
    canonical: str
    start: int
    end: int
    note: str = ""


class Lexicon:
    """The vocabulary compiled for matching."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_variant: dict[tuple[str, str], Entry] = {}
        for e in entries:
            if e.kind in MENTION_KINDS:
                self.by_variant[(e.kind, _key(e.variant))] = e
        variants = sorted({_key(v) for _, v in self.by_variant}, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(_flexible(v) for v in variants) + r")(?![\w])")

    def find(self, text: str, kinds: set[str] | None = None) -> list[Mention]:
        """Known names in text, longest first at each place."""
        folded = fold(text)
        found = []
        for m in self.pattern.finditer(folded):
            key = _key(m.group())
            for kind in MENTION_KINDS:
                if kinds is not None and kind not in kinds:
                    continue
                e = self.by_variant.get((kind, key))
                if e is not None:
                    found.append(Mention(kind, e.canonical, m.start(), m.end(), e.note))
                    break
        return found


def _key(text: str) -> str:
    """A name folded, with each word in the singular: "heads of government" and "head of government" agree."""
    words = re.sub(r"[\s\-]+", " ", fold(text).replace("’", "'")).strip().split(" ")
    return " ".join(_singular(w) for w in words)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("men"):  # chairmen, chairwomen
        return word[:-3] + "man"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "'s")):
        return word[:-2] if word.endswith("es") and word[-3:-2] in ("s", "x", "z") else word[:-1]
    return word


def _flexible(key: str) -> str:
    """A singular key as a pattern: any run of spaces or a hyphen between words, a plural ending on any word."""
    words = [
        (re.escape(w[:-3]) + "m[ae]n" if len(w) > 4 and w.endswith("man") else re.escape(w)).replace("'", "['’]")
        + (r"(?:e?s)?" if len(w) > 2 and w[-1].isalpha() else "")
        for w in key.split(" ")
    ]
    return r"[\s\-]+".join(words)


@functools.cache
def _lexicon(files: tuple[Path, ...]) -> Lexicon:
    return Lexicon(_vocabulary(files))


def lexicon() -> Lexicon:
    """The compiled vocabulary."""
    return _lexicon(_files_for(os.environ.get("KZGOV_HOME")))


def office_holding() -> dict[str, bool]:
    """Whether an office is held by one person at a time, by its canonical name, for the offices the vocabulary's
    holders rows name (the last row for an office wins, so a user's file overrides the one shipped)."""
    return {e.canonical: HOLDERS[e.note] for e in vocabulary() if e.kind == "holders"}


def office_heads() -> dict[str, str]:
    """The office that heads a body, by the body's folded name: the office the vocabulary names after it
    ("Chair of the National Bank" heads the National Bank)."""
    return _office_heads(_files_for(os.environ.get("KZGOV_HOME")))


@functools.lru_cache(maxsize=8)
def _office_heads(files: tuple[Path, ...]) -> dict[str, str]:
    heads: dict[str, str] = {}
    for e in _vocabulary(files):
        m = re.fullmatch(r"(?:Chair|Head|Governor|Director)\s+of\s+(?:the\s+)?(.+)", e.canonical)
        if e.kind == "office" and m:
            heads.setdefault(fold(m.group(1)), e.canonical)
    return heads


# -- generic offices: "Minister of Transport and Communications", "Chairman of the Anti-Corruption Agency" ---

_CAP = rf"{UPPER}[\w'’\-]*"
# The title may be written in lower case in running text ("appointed akim of Almaty"); what it heads may not.
_TITLE = (
    r"(?i:(?:first\s+)?(?:deputy\s+)?(?:minister|chairman|chairwoman|chairperson|chair|head|director|governor|akim|mayor"
    r"|secretary|speaker|leader|commissioner|ombudsman|ambassador))"
)
GENERIC_OFFICE_RE = re.compile(
    rf"\b{_TITLE}\s+(?:of|for|to)\s+(?:the\s+)?{_CAP}(?:\s+(?:and|of|for|the|on)?\s*{_CAP}){{0,6}}"
)


def generic_offices(text: str) -> list[Mention]:
    """Offices named by a title and what it heads, where the vocabulary does not know them."""
    found = []
    for m in GENERIC_OFFICE_RE.finditer(text):
        name = re.sub(r"\s+", " ", m.group()).strip()
        name = re.sub(r"\s+(?:and|of|for|the|on)$", "", name)
        title = re.match(r"[^\s]+(?:\s+(?:[Dd]eputy|[Mm]inister|[Cc]hair\w*))*", name)
        shown = (title.group().title() if title else "") + name[title.end() :] if title else name
        found.append(Mention("office", shown, m.start(), m.start() + len(name)))
    return found


# -- persons --------------------------------------------------------------------------------------------

_NAME_WORD = rf"{UPPER}[a-zà-öø-ÿāăąćčďēėęěğīįıķļľłńňōőœŕřśşšţťūůűųźżžа-яёәғқңөұүһі'’]+(?:-{UPPER}[a-zà-ÿа-яё'’]+)?"
_NAME_RE = re.compile(rf"(?<![\w'’])({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})(?![\w])")
# Capitalised words that begin sentences or name things, never a person's given name or surname.
_NOT_NAME_WORDS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "his",
    "her",
    "their",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "of",
    "for",
    "after",
    "before",
    "since",
    "until",
    "when",
    "while",
    "under",
    "with",
    "from",
    "by",
    "as",
    "and",
    "but",
    "or",
    "if",
    "then",
    "there",
    "here",
    "we",
    "our",
    "its",
    "one",
    "some",
    "many",
    "most",
    "each",
    "every",
    "both",
    "all",
    "no",
    "not",
    "only",
    "also",
    "later",
    "earlier",
    "first",
    "second",
    "third",
    "new",
    "former",
    "acting",
    "incumbent",
    "current",
    "late",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "prime",
    "minister",
    "deputy",
    "chairman",
    "chair",
    "speaker",
    "head",
    "senator",
    "according",
    "during",
    "following",
    "between",
    "against",
    "about",
    "decisions",
    "deputies",
    "voters",
    "citizens",
    "parties",
    "party",
    "elections",
    "election",
    "results",
    "votes",
    "seats",
    "notes",
    "see",
    "total",
    "turnout",
    "published",
    "reporting",
    "analysts",
    "observers",
    "ministers",
    "members",
    "kazakh",
    "soviet",
    "ssr",
    "republic",
    "central",
    "asia",
    "asian",
    "european",
    "western",
    "eastern",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "constitution",
    "referendum",
    "congress",
    "court",
    "council",
    "committee",
    "agency",
    "commission",
    "government",
    "cabinet",
    "parliament",
    "assembly",
    "house",
    "chamber",
    "senate",
    "mazhilis",
    "office",
    "administration",
    "ministry",
    "service",
    "press",
    "news",
    "wire",
    "desk",
    "policy",
    "briefing",
    "key",
    "points",
    "rules",
    "assessment",
    "leadership",
    "career",
    "downfall",
    "education",
    "born",
    "compare",
    "early",
    "snap",
    "final",
    "general",
    "data",
    "home",
    "list",
    "lists",
    "contents",
    "references",
    "categories",
    "style",
    "type",
    "seat",
    "residence",
    "website",
    "formation",
    "established",
    "term",
    "length",
    "period",
    "name",
    "took",
    "left",
    "no.",
    "independence",
    "amendments",
    "state",
    "nation",
    "address",
    "capital",
    "city",
    "region",
    "regions",
    "words",
    "know",
    "kids",
    "people",
    "national",
    "nationwide",
    "social",
    "democratic",
    "green",
    "patriotic",
    "union",
    "trade",
    "unions",
    "alliance",
    "professional",
    "workers",
    "public",
    "association",
    "caution",
    "several",
    "two",
    "three",
    "six",
    "prepared",
    "views",
    "representation",
    "district",
    "self",
    "sources",
    "decree",
    "presidential",
    "political",
    "ruling",
    "opposition",
    "supreme",
    "security",
    "economy",
    "transport",
    "communications",
    "budget",
    "planning",
    "anti",
    "corruption",
    "vote",
    "yes",
    "statesman",
    "trial",
    "height",
    "unrest",
    "mandates",
    "threshold",
    "print",
    "version",
    "back",
    "page",
    "saved",
    "content",
    "meeting",
    "place",
    "group",
    "reason",
    "change",
    "size",
    "nominees",
    "appointees",
    "cities",
    "elected",
    "appointed",
    "subtotal",
    "selected",
    "maslikhat",
}
_NAME_STOP = {w for w in _NOT_NAME_WORDS}


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in a sentence: the span and the name (a surname completed from the document)."""

    start: int
    end: int
    name: str


def _name_words_ok(words: list[str]) -> bool:
    return bool(words) and not any(fold(w).strip("'’") in _NAME_STOP for w in words)


def candidate_names(text: str, masked: list[tuple[int, int]]) -> list[PersonMention]:
    """Capitalised names of one to four words outside the masked spans (known offices, bodies...)."""
    found = []
    for m in _NAME_RE.finditer(text):
        start = m.start(1)
        words = m.group(1).split()
        # Drop leading and trailing words that are no part of a name ("Minister Dana Oralova", "Omarov Monday").
        spans = [(mm.start() + start, mm.end() + start) for mm in re.finditer(r"\S+", m.group(1))]
        keep = [(w, s) for w, s in zip(words, spans, strict=True) if not any(a < s[1] and s[0] < b for a, b in masked)]
        # Split at words that cannot be part of a name; keep the runs.
        run: list[tuple[str, tuple[int, int]]] = []
        for w, s in [*keep, ("", (0, 0))]:
            bare = re.sub(r"['’]s$", "", w)
            if w and fold(bare) not in _NAME_STOP and bare[:1].isupper() and (not run or s[0] - run[-1][1][1] <= 1):
                run.append((bare, (s[0], s[0] + len(bare))))
                continue
            if run:
                found.append(PersonMention(run[0][1][0], run[-1][1][1], " ".join(x for x, _ in run)))
            run = []
            if w and fold(bare) not in _NAME_STOP and bare[:1].isupper():
                run = [(bare, (s[0], s[0] + len(bare)))]
    return found


class People:
    """The persons a document names, so that a surname alone can stand for a full name."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}  # surname key -> full name
        self.ambiguous: set[str] = set()

    def learn(self, name: str) -> None:
        """Remember a full name (two or more words)."""
        words = name.split()
        if len(words) < 2:
            return
        key = name_key(words[-1])
        known = self.full.get(key)
        if known is not None and name_key(known) != name_key(name):
            # Two persons share the surname (Daniyal and Serik Akhmetov): the surname alone is ambiguous.
            if name_key(known.split()[0]) != name_key(words[0]):
                self.ambiguous.add(key)
            return
        self.full[key] = name

    def complete(self, name: str) -> str | None:
        """The full name a surname stands for; the name itself when it is full; None when unknown."""
        words = name.split()
        if len(words) >= 2:
            return name
        key = name_key(words[0]) if words else ""
        if key in self.ambiguous:
            return None
        return self.full.get(key)


# -- numbers --------------------------------------------------------------------------------------------

_NUMBER_WORD_RE = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMBER_RE = re.compile(
    rf"(?<![\w.,])(?P<digits>\d{{1,3}}(?:(?:,|\u00a0|\u202f| )\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w]|[.,]\d)"
    rf"|\b(?P<words>(?:{_NUMBER_WORD_RE})(?:-(?:{_NUMBER_WORD_RE}))?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number in text, in digits with any thousands separator or in words."""

    start: int
    end: int
    value: float
    words: bool = False

    @property
    def integer(self) -> int | None:
        """The number when it is whole."""
        return int(self.value) if self.value == int(self.value) else None


def numbers(text: str) -> list[Number]:
    """Every number in text, in order."""
    found = []
    for m in NUMBER_RE.finditer(text):
        if m.group("digits"):
            raw = re.sub(r"[,\u00a0\u202f ]", "", m.group("digits"))
            found.append(Number(m.start(), m.end(), float(raw)))
        else:
            parts = m.group("words").lower().split("-")
            if all(p in NUMBER_WORDS for p in parts):
                found.append(Number(m.start(), m.end(), float(sum(NUMBER_WORDS[p] for p in parts)), True))
    return found


def number_value(text: str) -> float | None:
    """A number written alone ("2 718 304", "41.25", "eight"), or None."""
    text = text.strip().rstrip("%").strip()
    found = numbers(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].value
    return None
