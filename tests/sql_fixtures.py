"""Hand-built sources for testing the SQL interface: invented people, bodies and dates, written by the loader.

A source is a list of claim specifications, each a sentence (the quote) and the claim it makes; the
sentences become the source's text, so every quote's span is true. Loading the same key again with other
sentences is a new version of the source. At the end: the names of the public views and functions, and
helpers that ask them questions (tests/sql/ tests the interface with them; its shared fixtures are in
tests/sql/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from kzgov import claims as c
from kzgov.loading import LoadSummary, SourceFile, write_version
from kzgov.registry import SourceInfo
from kzgov.tables import schema_of_sql

D = dt.date


def table_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every kzgov table, recorded periods included, in a fixed order: the state a refused
    load or a round trip of migrations must leave exactly as it was."""
    with psycopg.connect(url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                # kzgov before 0010, kzgov_internal since: a round trip of migrations moves them.
                "select table_schema || '.' || table_name from information_schema.tables"
                " where table_schema in ('kzgov', 'kzgov_internal')"
                " and table_type = 'BASE TABLE' and table_name <> 'alembic_version' order by table_name"
            )
        ]
        # Ordered by the whole row: a table's first column need not be unique (source_version_chunk).
        return {t.split(".")[1]: conn.execute(f"select * from {t} r order by r::text").fetchall() for t in tables}


RETRIEVED = D(2025, 3, 1)  # every invented source was "obtained" then unless a test says otherwise


@dataclass(frozen=True)
class Spec:
    """One sentence of a source and the claim it makes."""

    quote: str
    make: Callable[[c.Evidence], c.Claim]


def period(
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    basis: str = "explicit",
    precision: str = "day",
) -> c.Period:
    """A period; basis as_of_publication leaves the dates to the loader (publication date or window)."""
    if basis == "as_of_publication":
        return c.Period.as_of_publication()
    return c.Period(start, precision if start else None, end, precision if end else None, basis)


def _when(start: dt.date | None, end: dt.date | None, basis: str) -> str:
    if basis == "as_of_publication":
        return "now"
    return f"from {start or 'an unknown date'} until {end or 'an unknown date'}"


def tenure(
    office: str,
    person: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    basis: str = "explicit",
    precision: str = "day",
    party: str | None = None,
) -> Spec:
    return Spec(
        f"{person} is {office} {_when(start, end, basis)}.",
        lambda ev: c.OfficeTenure(
            evidence=ev,
            period=period(start, end, basis=basis, precision=precision),
            office=office,
            person=person,
            party=party,
        ),
    )


def composition(
    body: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    basis: str = "explicit",
    body_kind: str = "chamber",
    **figures: Any,
) -> Spec:
    said = ", ".join(f"{k} {v}" for k, v in figures.items())
    return Spec(
        f"The {body} has {said} {_when(start, end, basis)}.",
        lambda ev: c.ChamberComposition(
            evidence=ev, period=period(start, end, basis=basis), body=body, body_kind=body_kind, **figures
        ),
    )


def seats(
    party: str,
    count: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    chamber: str | None = None,
    basis: str = "explicit",
) -> Spec:
    return Spec(
        f"{party} holds {count} seats in {chamber or 'parliament'} {_when(start, end, basis)}.",
        lambda ev: c.PartySeats(
            evidence=ev, period=period(start, end, basis=basis), party=party, seats=count, chamber=chamber
        ),
    )


def election(kind: str, held_on: dt.date, *, ref: str, precision: str = "day") -> Spec:
    if precision == "year":
        start, end = D(held_on.year, 1, 1), D(held_on.year + 1, 1, 1)
    else:
        start, end = held_on, held_on + dt.timedelta(days=1)
    return Spec(
        f"A {kind} election was held on {held_on} ({ref}).",
        lambda ev: c.Election(
            evidence=ev,
            period=c.Period(start, precision, end, precision),
            kind=kind,
            ref=ref,
        ),
    )


def result(
    ref: str,
    held_on: dt.date,
    *,
    candidate: str | None = None,
    party: str | None = None,
    vote_share: float | None = None,
    seats: int | None = None,
    outcome: str | None = None,
) -> Spec:
    return Spec(
        f"In {ref}, {candidate or party} got {vote_share}% and {seats} seats.",
        lambda ev: c.ElectionResult(
            evidence=ev,
            period=c.Period(held_on, "day", held_on + dt.timedelta(days=1), "day"),
            election_ref=ref,
            candidate=candidate,
            party=party,
            vote_share=vote_share,
            seats=seats,
            outcome=outcome,
        ),
    )


def indicator(
    subject: str,
    name: str,
    start: dt.date,
    end: dt.date | None = None,
    *,
    value: float | None = None,
    rank: int | None = None,
    out_of: int | None = None,
) -> Spec:
    return Spec(
        f"{subject} {name}: value {value}, rank {rank} of {out_of} {_when(start, end, 'explicit')}.",
        lambda ev: c.Indicator(
            evidence=ev,
            period=period(start, end),
            subject=subject,
            indicator=name,
            value=value,
            rank=rank,
            out_of=out_of,
        ),
    )


def load(
    conn: psycopg.Connection,
    key: str,
    specs: list[Spec],
    *,
    published: dt.date | None = None,
    retrieved: dt.date = RETRIEVED,
    latest_mentioned: dt.date | None = None,
) -> LoadSummary:
    """Write specs as the next version of source key (a new version whenever its text or publication date differ)."""
    lines = [f"Sentence {i}: {spec.quote}" for i, spec in enumerate(specs, 1)]
    text = "\n".join(lines) + "\n"
    claims = []
    offset = 0
    for number, (line, spec) in enumerate(zip(lines, specs, strict=True), 1):
        start = offset + line.index(spec.quote)
        claims.append(spec.make(c.Evidence(spec.quote, start, start + len(spec.quote), number)))
        offset += len(line) + 1
    source = SourceFile(
        path=Path(f"{key}.txt"),
        key=key,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        format="webpage",
    )
    document = c.ParsedDocument(
        format="webpage", title=f"Invented source {key}", latest_date_mentioned=latest_mentioned
    )
    info = SourceInfo(key=key, published_on=published, retrieved_on=retrieved)
    return write_version(conn, source, document, claims, info=info)


def loaded_at(conn: psycopg.Connection, key: str, version: int) -> dt.datetime:
    """When a version of a source was loaded (the moment its claims were recorded)."""
    row = conn.execute(
        "select v.loaded_at from kzgov_internal.source_version v join kzgov_internal.source s on s.id = v.source_id"
        " where s.key = %s and v.version = %s",
        (key, version),
    ).fetchone()
    assert row is not None, f"no version {version} of {key}"
    return row[0]


def claim_id(conn: psycopg.Connection, table: str, quote_fragment: str) -> int:
    """The id of the currently recorded claim whose quote contains quote_fragment (exactly one)."""
    rows = conn.execute(
        f"select id from kzgov_internal.{table} where upper_inf(recorded) and strpos(quote, %s) > 0", (quote_fragment,)
    ).fetchall()
    assert len(rows) == 1, f"{len(rows)} claims in {table} quote {quote_fragment!r}"
    return rows[0][0]


# -- the public interface's names, and questions asked of it ------------------------------------

PUBLIC_VIEWS = (
    "office_tenures",
    "chamber_compositions",
    "party_seat_counts",
    "elections",
    "election_results",
    "body_events",
    "indicators",
    "admin_divisions",
    "sources",
    "source_versions",
    "uncovered_sentences",
    "conflicts",
    "resolved_office_holders",
    "resolved_chamber_compositions",
    "resolved_party_seat_counts",
)
PUBLIC_FUNCTIONS = (
    "office_holders_on(date,timestamp with time zone,date,text[],text)",
    "chamber_seats_on(date,timestamp with time zone,date,text[],text)",
    "party_seats_on(date,timestamp with time zone,date)",
    "elections_between(date,date,timestamp with time zone,date)",
    "election_results_between(date,date,timestamp with time zone,date)",
    "conflicts_on(date,timestamp with time zone)",
)
# The point-in-time functions that run as their caller, so that PostgreSQL inlines them (conflicts_on does not).
INLINED_FUNCTIONS = PUBLIC_FUNCTIONS[:5]
INTERNAL_FUNCTIONS = ("grant_reader_access()",)
# Internal functions the public views and the inlined functions call: PostgreSQL checks a view's function
# calls against its reader, and an inlined function's against its caller.
VIEW_HELPERS = (
    "_successor_ends(text,daterange,text,daterange)",
    "_successor_can_end(text,daterange)",
    "_certainty(daterange,text,text,boolean,date)",
    "_source_moments(timestamp with time zone,date)",
    "_created_on(bigint,text,text,timestamp with time zone,date)",
)
# The internal views of every row (recorded history included) the inlined functions read as their caller.
ROW_VIEWS = tuple(
    f"_{table}_rows"
    for table in (
        "source",
        "source_version",
        "person",
        "organization",
        "office",
        "office_holding",
        "office_tenure",
        "tenure_inference",
        "chamber_composition",
        "party_seats",
        "election",
        "election_result",
        "body_event",
    )
)
# One call of each public function, as a reader would write it.
CALLS = (
    "select * from kzgov.office_holders_on('2020-01-01')",
    "select * from kzgov.chamber_seats_on('2020-01-01')",
    "select * from kzgov.party_seats_on('2020-01-01')",
    "select * from kzgov.elections_between('2019-01-01', '2022-01-01')",
    "select * from kzgov.election_results_between('2019-01-01', '2022-01-01')",
    "select * from kzgov.conflicts_on('2020-01-01')",
)


def table_of(conn: psycopg.Connection, name: str) -> str:
    """Where a kzgov table is, qualified: kzgov_internal from revision 0010 on, kzgov before (for tests that
    look at a database taken down to an older revision)."""
    found = conn.execute(f"select {schema_of_sql(name)}").fetchone()
    assert found is not None and found[0] is not None, f"no table {name}"
    return f"{found[0]}.{name}"


def rows(conn: psycopg.Connection, query: str, params: tuple | dict = ()) -> list[dict]:
    """Rows of a query as dicts."""
    with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
        cur.execute(query, params)
        return cur.fetchall()


def holders(conn: psycopg.Connection, office: str, on: dt.date, **axes: object) -> list[str]:
    """Persons office_holders_on gives for office on a date (one per claim), sorted."""
    params = {"on": on, "office": office, "known_at": axes.get("known_at"), "published_by": axes.get("published_by")}
    found = rows(
        conn,
        "select person from kzgov.office_holders_on(%(on)s, coalesce(%(known_at)s, now()), %(published_by)s)"
        " where office = %(office)s",
        params,
    )
    # The same question asked through the function's own office and jurisdiction filter.
    narrowed = rows(
        conn,
        "select person, office, jurisdiction_code from kzgov.office_holders_on(%(on)s,"
        " coalesce(%(known_at)s, now()), %(published_by)s, offices => array[%(office)s], jurisdiction => 'KZ')",
        params,
    )
    assert all((r["office"], r["jurisdiction_code"]) == (office, "KZ") for r in narrowed)
    assert sorted(r["person"] for r in narrowed) == sorted(r["person"] for r in found)
    return sorted(r["person"] for r in found)


def kurultai_now(total: int) -> Spec:
    """A statement of the Lower Kurultai's size as of the source's publication."""
    return composition("Lower Kurultai", basis="as_of_publication", total_seats=total)
