"""Names of offices and bodies as sources write them, and their canonical forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzgov.claims import BodyKind
from kzgov.parsing.text import CAPWORD

_CHAIR = r"(?:chair(?:man|woman|person)?|speaker)"
# Longest first: at one position a regex alternation takes the first alternative that matches.
OFFICE_PATTERNS: list[tuple[str, str]] = [
    (r"first\s+deputy\s+prime\s+minister", "First Deputy Prime Minister"),
    (r"deputy\s+prime\s+minister", "Deputy Prime Minister"),
    (r"prime\s+minister", "Prime Minister"),
    (rf"(?:{_CHAIR}|president)\s+of\s+the\s+senate", "Chair of the Senate"),
    (rf"{_CHAIR}\s+of\s+the\s+(?:mazhilis|majilis|mäjilis|majlis|mazhlis)", "Chair of the Mazhilis"),
    (rf"{_CHAIR}\s+of\s+(?:the\s+)?parliament", "Chair of Parliament"),
    (rf"(?:{_CHAIR}|president|chief\s+justice)\s+of\s+the\s+supreme\s+court", "Chair of the Supreme Court"),
    (rf"(?:{_CHAIR}|president)\s+of\s+the\s+constitutional\s+court", "Chair of the Constitutional Court"),
    (r"vice[\s-]+president", "Vice President"),
    (r"president", "President"),
]
# An akim heads a region or city: the office is named after it, "Akim of Almaty Region".
_AKIM = rf"[Aa]kim\s+of\s+(?:the\s+)?{CAPWORD}(?:\s+{CAPWORD}){{0,2}}"
OFFICE = rf"(?:{_AKIM}|(?i:" + "|".join(p for p, _ in OFFICE_PATTERNS) + r"))\b"
_OFFICE_RES = [(re.compile(p, re.IGNORECASE), name) for p, name in OFFICE_PATTERNS]

# What a table's "Institution" cell names, mapped to the office of the body's head.
INSTITUTION_HEADS: list[tuple[str, str]] = [
    (r"president(?:'s office)?|presidency", "President"),
    (r"government|cabinet|council of ministers", "Prime Minister"),
    (r"senate|senat", "Chair of the Senate"),
    (r"mazhilis|majilis|mäjilis|majlis|mazhlis", "Chair of the Mazhilis"),
    (r"parliament", "Chair of Parliament"),
    (r"supreme court", "Chair of the Supreme Court"),
    (r"constitutional court", "Chair of the Constitutional Court"),
]

BODY_HEADS = {
    "Senate",
    "Senat",
    "Mazhilis",
    "Majilis",
    "Mäjilis",
    "Majlis",
    "Mazhlis",
    "Assembly",
    "Parliament",
    "Parlamenti",
    "Court",
    "Council",
    "Chamber",
    "House",
    "Congress",
    "Duma",
    "Tribunal",
    "Legislature",
    "Cabinet",
    "Government",
    "Commission",
    "Committee",
    "Collegiate",
    "Kurultai",
}
# Heads that only translate a chamber's name: a name given in parentheses beside them is preferred.
GENERIC_HEADS = {"Assembly", "House", "Chamber"}
SPECIFIC_CHAMBERS = {"Senate", "Senat", "Mazhilis", "Majilis", "Mäjilis", "Majlis", "Mazhlis"}
_LEADING_STOP = {
    "The",
    "There",
    "A",
    "An",
    "In",
    "Out",
    "Under",
    "Since",
    "According",
    "Its",
    "It",
    "This",
    "That",
    "These",
    "All",
    "Each",
    "Both",
    "Every",
    "Several",
}

CAPPHRASE = rf"{CAPWORD}(?:\s+(?:of\s+(?:the\s+)?)?{CAPWORD}){{0,8}}"
_CAPPHRASE_RE = re.compile(CAPPHRASE)


def canonical_office(text: str) -> str | None:
    """The canonical office named by text ("prime minister of Kazakhstan" -> "Prime Minister")."""
    text = re.sub(r"\s+", " ", text.strip())
    akim = re.fullmatch(rf"[Aa]kim of (?:the )?({CAPWORD}(?: {CAPWORD}){{0,2}})", text)
    if akim:
        return f"Akim of {akim.group(1)}"
    # "Speaker of the Senate" is an office as it stands; "President of Kazakhstan" once the country goes.
    for candidate in (text, re.sub(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?[A-Z][\w'’-]*$", "", text)):
        for pattern, name in _OFFICE_RES:
            if pattern.fullmatch(candidate):
                return name
    return None


def office_prefix(text: str) -> tuple[str, str] | None:
    """Split "Prime Minister Älihan Smaiylov" into ("Prime Minister", "Älihan Smaiylov")."""
    for pattern, name in _OFFICE_RES:
        match = pattern.match(text.strip())
        if match and text.strip()[match.end() : match.end() + 1] in (" ", ""):
            return name, text.strip()[match.end() :].strip()
    return None


def institution_head(institution: str, role: str, pm_heads_government: bool) -> str:
    """The office of the head of an institution named in a table."""
    cleaned = institution.strip().lower()
    for pattern, office in INSTITUTION_HEADS:
        if re.fullmatch(rf"(?:the\s+)?(?:{pattern})(?:\s+of\s+.+)?", cleaned):
            if office == "Prime Minister" and not (pm_heads_government or "prime minister" in role.lower()):
                return "Head of Government"
            return office
    if "head of government" in role.lower():
        return "Prime Minister" if pm_heads_government else "Head of Government"
    return f"Head of {institution.strip()}"


@dataclass(frozen=True, slots=True)
class BodyMention:
    """A named chamber, court, council or other body found in a plain sentence."""

    name: str
    kind: BodyKind
    start: int
    end: int


def body_kind(name: str) -> BodyKind:
    """The ChamberComposition.body_kind that fits a body name."""
    words = set(re.findall(r"[\w']+", name))
    if re.search(r"Council of Ministers|\bCabinet\b|\bGovernment\b", name):
        return "government"
    if words & {"Court", "Tribunal"}:
        return "court"
    if words & {"Parliament", "Parlamenti", "Legislature", "Congress", "Kurultai"}:
        return "parliament"
    if "Council" in words:
        return "council"
    if words & (SPECIFIC_CHAMBERS | GENERIC_HEADS | {"Duma"}):
        return "chamber"
    return "other"


def strip_jurisdiction(name: str, subject: str) -> str:
    """Drop a trailing "of (the Republic of) <country>" that only repeats the jurisdiction."""
    return re.sub(rf"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?{re.escape(subject)}$", "", name).strip()


def clean_body_name(phrase: str, subject: str) -> str | None:
    """Turn a capitalised phrase into a body name, or None when it names no body."""
    words = phrase.split()
    while words and (words[0] in _LEADING_STOP or re.search(r"['’]s$", words[0])):
        words = words[1:]
    if not words or not any(re.sub(r"['’]s$", "", w) in BODY_HEADS for w in words):
        return None
    name = strip_jurisdiction(" ".join(words), subject)
    descriptor = re.match(r"(?:Upper|Lower)\s+House\s+(\S+)$", name)
    if descriptor and descriptor.group(1) in SPECIFIC_CHAMBERS:
        name = descriptor.group(1)
    return name


def find_bodies(plain: str, subject: str) -> list[BodyMention]:
    """Every body named in a sentence, in order, with a native name in parentheses preferred."""
    found = []
    for match in _CAPPHRASE_RE.finditer(plain):
        name = clean_body_name(match.group(), subject)
        if name is None:
            continue
        end = match.end()
        own = re.match(rf"\s*\(({CAPWORD})\)", plain[end:])
        if own:
            end += own.end()
            if name.split()[-1] in GENERIC_HEADS and own.group(1) not in BODY_HEADS - SPECIFIC_CHAMBERS:
                name = own.group(1)
        found.append(BodyMention(name, body_kind(name), match.start(), end))
    return found
