"""kzgov's SQL interface (sql/) as Python calls: the one place that knows its names, arguments and columns.

Each function returns a Query: one statement over a view or function of schema kzgov with its arguments
bound as parameters, and the columns that answer the question. What was true when, what the database
knew when and what had been published by when are decided by the SQL, never here. The CLI's questions
(kzgov.queries) run these queries with psycopg; kzgov.reports runs them into pandas DataFrames.

The time axes are passed as the SQL takes them: on_date, from_date and to_date are valid time (a None
bound of a range is open); known_at reads recorded time (None: what is recorded now); published_by reads
publication time (None: no restriction).

Only psycopg is imported: the CLI must start fast, without pandas or SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg


@dataclass(frozen=True)
class Query:
    """A statement of the SQL interface, its parameters (psycopg's %(name)s style, which SQLAlchemy's psycopg
    driver takes as they are) and the columns that answer the question (the statement returns more)."""

    sql: str
    params: Mapping[str, Any] = field(default_factory=dict)
    columns: tuple[str, ...] = ()

    def run(self, conn: psycopg.Connection) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The names of all the statement's columns, and its rows."""
        with conn.cursor() as cur:
            cur.execute(self.sql, dict(self.params))
            return [d.name for d in cur.description or []], cur.fetchall()


# The columns that answer each question, in the order the SQL returns them; the rest are evidence and ids.
HOLDER_COLUMNS = (
    "office",
    "person",
    "party",
    "valid_from",
    "valid_until",
    "valid_until_basis",
    "basis",
    "valid_window",
    "source_key",
    "quote",
)
SEAT_COLUMNS = (
    "chamber",
    "total_seats",
    "elected_seats",
    "appointed_seats",
    "term_years",
    "valid_from",
    "valid_until",
    "basis",
    "source_key",
    "quote",
)
PARTY_COLUMNS = ("party", "chamber", "seats", "valid_from", "valid_until", "basis", "source_key", "quote")
ELECTION_COLUMNS = ("election_id", "kind", "status", "early", "held_on", "held_on_precision", "source_key", "quote")
RESULT_COLUMNS = (
    "election_id",
    "kind",
    "held_on",
    "candidate_or_party",
    "vote_share",
    "seats",
    "outcome",
    "source_key",
    "quote",
)
CONFLICT_COLUMNS = (
    "conflict_id",
    "topic",
    "subject",
    "attribute",
    "value",
    "source_key",
    "quote",
    "valid_from",
    "valid_until",
)
SOURCE_COLUMNS = ("key", "version", "title", "kind", "published_on", "retrieved_on", "claims")

# The fact tables conflicts speak of (kzgov.conflicts.topic).
TOPICS = ("office_tenure", "chamber_composition", "party_seats", "indicator", "election_result")

# The arguments every point-in-time function takes after its dates.
_AXES = "%(known_at)s::timestamptz, %(published_by)s::date"


def _axes(known_at: dt.datetime | None, published_by: dt.date | None) -> dict[str, Any]:
    return {"known_at": known_at, "published_by": published_by}


def _names(names: Sequence[str] | None) -> list[str] | None:
    return list(names) if names is not None else None


def office_holders_on(
    on_date: dt.date,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
    offices: Sequence[str] | None = None,
    jurisdiction: str | None = None,
) -> Query:
    """Who held which office on on_date, one row per source claim; offices (exact names) and jurisdiction (ISO
    code) narrow the question."""
    return Query(
        f"select * from kzgov.office_holders_on(%(on_date)s::date, {_AXES}, %(offices)s::text[],"
        " %(jurisdiction)s::text) order by office, valid_from nulls first, source_key",
        {"on_date": on_date, **_axes(known_at, published_by), "offices": _names(offices), "jurisdiction": jurisdiction},
        HOLDER_COLUMNS,
    )


def chamber_seats_on(
    on_date: dt.date,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
    chambers: Sequence[str] | None = None,
    jurisdiction: str | None = None,
) -> Query:
    """The size and make-up of chambers, courts and councils on on_date, one row per source claim; chambers
    (exact names) and jurisdiction (ISO code) narrow the question."""
    return Query(
        f"select * from kzgov.chamber_seats_on(%(on_date)s::date, {_AXES}, %(chambers)s::text[],"
        " %(jurisdiction)s::text) order by chamber, source_key",
        {
            "on_date": on_date,
            **_axes(known_at, published_by),
            "chambers": _names(chambers),
            "jurisdiction": jurisdiction,
        },
        SEAT_COLUMNS,
    )


def party_seats_on(
    on_date: dt.date,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
    chambers: Sequence[str] | None = None,
) -> Query:
    """The seats parties held on on_date, one row per source claim (chamber None when the source does not say);
    chambers (exact names) keeps the rows of those chambers and the rows that name none."""
    return Query(
        f"select * from kzgov.party_seats_on(%(on_date)s::date, {_AXES})"
        " where %(chambers)s::text[] is null or chamber = any(%(chambers)s::text[]) or chamber is null"
        " order by seats desc, party, source_key",
        {"on_date": on_date, **_axes(known_at, published_by), "chambers": _names(chambers)},
        PARTY_COLUMNS,
    )


def elections_between(
    from_date: dt.date | None,
    to_date: dt.date | None,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
) -> Query:
    """Elections held (or scheduled) in [from_date, to_date), one row per source claim."""
    return Query(
        f"select * from kzgov.elections_between(%(from_date)s::date, %(to_date)s::date, {_AXES})"
        " order by held_on, kind, source_key",
        {"from_date": from_date, "to_date": to_date, **_axes(known_at, published_by)},
        ELECTION_COLUMNS,
    )


def election_results_between(
    from_date: dt.date | None,
    to_date: dt.date | None,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
) -> Query:
    """Results of the elections held in [from_date, to_date), one row per source claim."""
    return Query(
        f"select * from kzgov.election_results_between(%(from_date)s::date, %(to_date)s::date, {_AXES})"
        " order by held_on, election_id, vote_share desc nulls last, source_key",
        {"from_date": from_date, "to_date": to_date, **_axes(known_at, published_by)},
        RESULT_COLUMNS,
    )


def contains_pattern(text: str) -> str:
    """An ILIKE pattern (escape character backslash) matching text anywhere, its % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def conflicts_on(
    on_date: dt.date | None = None,
    known_at: dt.datetime | None = None,
    topic: str | None = None,
    matching: str | None = None,
) -> Query:
    """Where claims disagree, one row per claim grouped by conflict_id (on_date None: all of valid time, as the
    view kzgov.conflicts). topic keeps one fact table (TOPICS); matching keeps the conflicts whose topic,
    subject or attribute contains that text, whatever its case."""
    if topic is not None and topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}: expected one of {', '.join(TOPICS)}")
    return Query(
        "select * from kzgov.conflicts_on(%(on_date)s::date, %(known_at)s::timestamptz)"
        " where (%(topic)s::text is null or topic = %(topic)s::text)"
        " and (%(pattern)s::text is null or topic ilike %(pattern)s::text escape '\\'"
        " or subject ilike %(pattern)s::text escape '\\' or attribute ilike %(pattern)s::text escape '\\')"
        " order by conflict_id, value, source_key",
        {
            "on_date": on_date,
            "known_at": known_at,
            "topic": topic,
            "pattern": contains_pattern(matching) if matching else None,
        },
        CONFLICT_COLUMNS,
    )


def office_tenures(offices: Sequence[str] | None = None) -> Query:
    """Every currently recorded tenure through time (kzgov.office_tenures), of the offices named (exact names)
    or of all of them."""
    return Query(
        "select * from kzgov.office_tenures where %(offices)s::text[] is null or office = any(%(offices)s::text[])"
        " order by office, valid_from nulls first, source_key",
        {"offices": _names(offices)},
        HOLDER_COLUMNS,
    )


def sources() -> Query:
    """Every source: its latest version's metadata and how many claims it currently makes (kzgov.sources)."""
    return Query("select * from kzgov.sources order by key", {}, SOURCE_COLUMNS)


def chamber_compositions() -> Query:
    """Every currently recorded claim of a chamber's, court's or council's make-up through time
    (kzgov.chamber_compositions)."""
    return Query(
        "select * from kzgov.chamber_compositions order by chamber, valid_from nulls first, source_key, claim_id",
        {},
        SEAT_COLUMNS,
    )


def party_seat_counts() -> Query:
    """Every currently recorded claim of a party's seats through time (kzgov.party_seat_counts)."""
    return Query(
        "select * from kzgov.party_seat_counts"
        " order by chamber nulls last, party, valid_from nulls first, source_key, claim_id",
        {},
        PARTY_COLUMNS,
    )
