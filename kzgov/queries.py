"""The questions the CLI asks, each answered by calls of kzgov's SQL interface (kzgov.interface).

Nothing here decides what was true when: that lives in the database (sql/), and which view or function
answers, with which arguments, is kzgov.interface's. This module only finds which office, chamber or
party a user meant (through the name variants), runs the calls and says what to print when nothing
answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import psycopg

from kzgov import interface
from kzgov.names import canonical, name_key


class NoSuchName(LookupError):
    """A name that matches no office, chamber or party in the database."""


@dataclass
class Answer:
    """Rows of a question, and what to say when there are none."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    empty_message: str = "no answer"
    brief: tuple[str, ...] = ()  # the columns a terminal table shows by default

    def narrowed(self) -> Answer:
        """The same answer with only its brief columns (all of them when none are named)."""
        keep = [i for i, c in enumerate(self.columns) if c in self.brief] if self.brief else range(len(self.columns))
        return Answer(
            [self.columns[i] for i in keep], [tuple(r[i] for i in keep) for r in self.rows], self.empty_message
        )


def _answer(conn: psycopg.Connection, query: interface.Query, nothing: str) -> Answer:
    """query's rows on conn; when there are none, the message says nothing was found and where it was sought."""
    columns, rows = query.run(conn)
    return Answer(columns, rows, _nothing(conn, nothing) if not rows else "", query.columns)


def _match(candidates: list[str], wanted: str, kind: str) -> list[str]:
    keys = {name_key(wanted), name_key(canonical(kind, wanted))}
    return [c for c in candidates if name_key(c) in keys or name_key(canonical(kind, c)) in keys]


def resolve_office(conn: psycopg.Connection, wanted: str) -> list[str]:
    """Office names matching wanted, case- and accent-insensitively, through known variants."""
    names = [r[0] for r in conn.execute("select distinct name from kzgov_internal.office order by 1")]
    found = _match(names, wanted, "office")
    if not found:
        raise NoSuchName(f"no office called {wanted!r}; known offices: {', '.join(names) or 'none yet'}")
    return found


def resolve_body(conn: psycopg.Connection, wanted: str, kinds: tuple[str, ...] | None = None) -> list[str]:
    """Names of the organizations (chambers, courts, parties) any of whose names match wanted."""
    keys = list({name_key(wanted), name_key(canonical("organization", wanted))})
    rows = conn.execute(
        "select distinct o.name from kzgov_internal.organization_name n join"
        " kzgov_internal.organization o on o.id = n.organization_id"
        " where n.normalized = any(%s) and (%s::text[] is null or o.kind = any(%s::text[])) order by 1",
        (keys, list(kinds) if kinds else None, list(kinds) if kinds else None),
    ).fetchall()
    if not rows:
        raise NoSuchName(f"no {'/'.join(kinds) if kinds else 'body'} called {wanted!r}")
    return [r[0] for r in rows]


def sources_consulted(conn: psycopg.Connection) -> list[str]:
    """The keys of the sources loaded, in order (from the table: the view also counts every source's claims)."""
    return [r[0] for r in conn.execute("select key from kzgov_internal.source order by key")]


def _nothing(conn: psycopg.Connection, what: str) -> str:
    consulted = sources_consulted(conn)
    return f"{what}, in any of the {len(consulted)} source(s) consulted: {', '.join(consulted) or 'none loaded'}"


def who(
    conn: psycopg.Connection,
    office: str,
    on: dt.date,
    known_at: dt.datetime | None,
    published_by: dt.date | None,
    certain: bool = False,
) -> Answer:
    """Who held the office (any of its names) on a date, by source, certain answers first."""
    offices = resolve_office(conn, office)
    return _answer(
        conn,
        interface.office_holders_on(on, known_at, published_by, offices=offices, certain=certain),
        f"no source says{' for certain' if certain else ''} who was {' / '.join(offices)} on {on}",
    )


def seats(
    conn: psycopg.Connection,
    chamber: str,
    on: dt.date,
    known_at: dt.datetime | None,
    published_by: dt.date | None,
    certain: bool = False,
) -> tuple[Answer, Answer]:
    """How the chamber (any of its names) was composed on a date, and the party seats in it, by source, certain
    answers first."""
    bodies = resolve_body(conn, chamber)
    surely = " for certain" if certain else ""
    composition = _answer(
        conn,
        interface.chamber_seats_on(on, known_at, published_by, chambers=bodies, certain=certain),
        f"no source gives{surely} the make-up of {' / '.join(bodies)} on {on}",
    )
    parties = _answer(
        conn,
        interface.party_seats_on(on, known_at, published_by, chambers=bodies, certain=certain),
        f"no source gives{surely} party seats on {on}",
    )
    return composition, parties


def elections(
    conn: psycopg.Connection, start: dt.date, end: dt.date, known_at: dt.datetime | None
) -> tuple[Answer, Answer]:
    """The elections held between two dates, and their results, by source."""
    held = _answer(conn, interface.elections_between(start, end, known_at), f"no election between {start} and {end}")
    columns, rows = interface.election_results_between(start, end, known_at).run(conn)
    results = Answer(columns, rows, "no results recorded for these elections", interface.RESULT_COLUMNS)
    return held, results


def conflicts(conn: psycopg.Connection, topic: str | None) -> Answer:
    """Where the sources disagree, about anything or about what topic names (a table, subject or attribute)."""
    return _answer(
        conn, interface.conflicts_on(matching=topic), f"no conflicts{' about ' + repr(topic) if topic else ''}"
    )


def sources(conn: psycopg.Connection) -> Answer:
    """The sources loaded."""
    columns, rows = interface.sources().run(conn)
    return Answer(columns, rows, "no sources loaded", interface.SOURCE_COLUMNS)


def history(conn: psycopg.Connection, office: str) -> Answer:
    """Every holder of the office (any of its names) through time, by source."""
    offices = resolve_office(conn, office)
    return _answer(conn, interface.office_tenures(offices), f"no source names a holder of {' / '.join(offices)}")
