"""Typed claims: what a parser extracts from one source document.

A claim is one fact as one source states it, with the verbatim evidence that
supports it and the period during which the source says it held. Parsers build
these and nothing else; the loader resolves names to identities and writes them.

The value lists (the Literals below) are defined here and only here: kzgov.schema, the registry, the CSV
reader and the loader take theirs from these with typing.get_args, and tests/test_vocabularies.py checks
that the database's CHECK constraints and the SQL files, which must spell them out, say the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, TypeGuard, get_args

# The jurisdiction a claim is about when its source names none: the country kzgov began with.
DEFAULT_JURISDICTION = "KZ"

Precision = Literal["day", "month", "year"]
Basis = Literal["explicit", "as_of_publication", "inferred"]
# Every kind of organization the database records (a party, a chamber, the body an office belongs to...).
OrganizationKind = Literal["parliament", "chamber", "court", "council", "government", "party", "agency", "other"]
# The kinds of body a composition (seats, term) describes: organization kinds, less party and agency.
BodyKind = Literal["chamber", "parliament", "court", "council", "government", "other"]
ElectionKind = Literal["presidential", "parliamentary", "mazhilis", "senate", "referendum", "local"]
ElectionStatus = Literal["held", "scheduled"]
ResultOutcome = Literal["won", "lost", "majority"]
DivisionKind = Literal["region", "city"]
# The reader that read a source: a seed layout, plain text, markdown, html or structured CSV.
DocumentFormat = Literal["frontmatter", "encyclopedia", "webpage", "csv", "text", "markdown", "html"]
# What a source is, as a registry says (registry.csv beside the files).
SourceKind = Literal["reference_page", "encyclopedia_article", "official_government_page", "structured_data", "other"]
# What can happen to a body (a chamber, a government, a party, an office, the country itself).
BodyEventKind = Literal[
    "established",
    "abolished",
    "renamed",
    "replaced",
    "moved",
    "dissolved",
    "resigned",
    "dismissed",
    "first_sitting",
    "election_called",
    "results_established",
    "approved",
    "reappointed",
    "reelected",
    "independence",
    "adopted",
    "status_changed",
    "congress",
    "amended",
    "inauguration",
]
BODY_KINDS: frozenset[BodyKind] = frozenset(get_args(BodyKind))


def is_body_kind(kind: str) -> TypeGuard[BodyKind]:
    """Whether kind is one a ChamberComposition's body may have."""
    return kind in BODY_KINDS


class ParseError(ValueError):
    """Input that cannot be parsed; the message names the file and line or field."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim quote and its character span in the source text: text[start:end] == quote."""

    quote: str
    start: int
    end: int
    line: int | None = None

    def check(self, text: str) -> None:
        """Raise ValueError unless the span points at the quote in text."""
        if text[self.start : self.end] != self.quote:
            raise ValueError(f"evidence span {self.start}:{self.end} does not match its quote {self.quote!r}")


@dataclass(frozen=True, slots=True)
class Period:
    """When a claim says its fact held in the world: half-open [start, end).

    A None bound is unknown, never an invented date. With basis
    ``as_of_publication`` both bounds are left None by the parser and the loader
    resolves them from the source version's publication date (or, when that is
    unknown, to the window in which the statement was made, with ``window``).
    """

    start: dt.date | None = None
    start_precision: Precision | None = None
    end: dt.date | None = None
    end_precision: Precision | None = None
    basis: Basis = "explicit"
    window: bool = False  # True: held at one unknown moment inside [start, end), not throughout

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"period ends ({self.end}) on or before it starts ({self.start})")
        if (self.start is None) != (self.start_precision is None):
            raise ValueError("a period start and its precision go together")
        if (self.end is None) != (self.end_precision is None):
            raise ValueError("a period end and its precision go together")

    @classmethod
    def as_of_publication(cls) -> Period:
        """A statement about the present of the document."""
        return cls(basis="as_of_publication")


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """Common part of every claim."""

    evidence: Evidence
    period: Period
    jurisdiction: str = DEFAULT_JURISDICTION


@dataclass(frozen=True, slots=True, kw_only=True)
class OfficeTenure(Claim):
    """A person holds an office (President, Prime Minister, Chair of the Senate, Leader of a party...)."""

    office: str
    person: str
    party: str | None = None  # the holder's party, where the source gives it
    organization: str | None = None  # the body the office belongs to, e.g. a party for "Leader"
    acting: bool = False  # held in an acting (caretaker, interim) capacity


@dataclass(frozen=True, slots=True, kw_only=True)
class ChamberComposition(Claim):
    """The size and make-up of a chamber, court or council; any field may be unstated."""

    body: str
    body_kind: BodyKind = "chamber"
    total_seats: int | None = None
    elected_seats: int | None = None
    appointed_seats: int | None = None
    term_years: int | None = None
    election_method: str | None = None
    party_list_seats: int | None = None  # seats filled from party lists
    single_member_seats: int | None = None  # seats filled in single-member districts


@dataclass(frozen=True, slots=True, kw_only=True)
class PartySeats(Claim):
    """Seats a party holds; chamber is None when the source does not say which."""

    party: str
    seats: int
    chamber: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Election(Claim):
    """An election held (or scheduled) on the date or in the year given by ``period``."""

    kind: ElectionKind
    status: ElectionStatus = "held"
    early: bool | None = None
    turnout_pct: float | None = None  # share of registered voters who voted, in per cent
    ref: str = ""  # key to attach ElectionResult claims of the same document


@dataclass(frozen=True, slots=True, kw_only=True)
class ElectionResult(Claim):
    """A candidate's or party's result in an election of the same document."""

    election_ref: str
    candidate: str | None = None
    party: str | None = None
    vote_share: float | None = None
    votes: int | None = None  # votes cast for the candidate or party
    seats: int | None = None
    list_seats: int | None = None  # of seats, those won on the party list
    district_seats: int | None = None  # of seats, those won in single-member districts
    outcome: ResultOutcome | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BodyEvent(Claim):
    """Something that happened to a body on the date in ``period``: created, renamed, resigned, ..."""

    body: str
    event: BodyEventKind
    detail: str | None = None  # new name, replaced body, new seat, person approved...


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator(Claim):
    """A quantity: an index rank, a count of ministers or provinces, a share."""

    subject: str
    indicator: str
    value: float | None = None
    unit: str | None = None
    rank: int | None = None
    out_of: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AdminDivision(Claim):
    """A first-level administrative division and its administrative centre."""

    name: str
    kind: DivisionKind
    center: str | None = None


@dataclass(frozen=True, slots=True)
class Uncovered:
    """A sentence that mentions a date or a number but yielded no claim."""

    evidence: Evidence
    reason: str = ""


@dataclass(slots=True)
class ParsedDocument:
    """Everything a parser got from one document."""

    format: DocumentFormat
    title: str | None = None
    published: dt.date | None = None
    latest_date_mentioned: dt.date | None = None
    claims: list[Claim] = field(default_factory=list)
    uncovered: list[Uncovered] = field(default_factory=list)
