"""The questions the CLI asks, as calls of kzgov's SQL views and functions.

Nothing here decides what was true when: that lives in the database (sql/).
This module only finds which office, chamber or party a user meant (through
the name variants) and passes the question on with bound parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import psycopg

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
    "valid_from",
    "valid_until",
    "source_key",
    "quote",
)
SOURCE_COLUMNS = ("key", "version", "title", "kind", "published_on", "retrieved_on", "claims")


def _fetch(conn: psycopg.Connection, query: str, params: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    with conn.cursor() as cur:
        cur.execute(query, params)
        columns = [d.name for d in cur.description or []]
        return columns, cur.fetchall()


def _match(candidates: list[str], wanted: str, kind: str) -> list[str]:
    keys = {name_key(wanted), name_key(canonical(kind, wanted))}
    return [c for c in candidates if name_key(c) in keys or name_key(canonical(kind, c)) in keys]


def resolve_office(conn: psycopg.Connection, wanted: str) -> list[str]:
    """Office names matching wanted, case- and accent-insensitively, through known variants."""
    names = [r[0] for r in conn.execute("select distinct name from kzgov.office order by 1")]
    found = _match(names, wanted, "office")
    if not found:
        raise NoSuchName(f"no office called {wanted!r}; known offices: {', '.join(names) or 'none yet'}")
    return found


def resolve_body(conn: psycopg.Connection, wanted: str, kinds: tuple[str, ...] | None = None) -> list[str]:
    """Names of the organizations (chambers, courts, parties) any of whose names match wanted."""
    keys = list({name_key(wanted), name_key(canonical("organization", wanted))})
    rows = conn.execute(
        "select distinct o.name from kzgov.organization_name n join kzgov.organization o on o.id = n.organization_id"
        " where n.normalized = any(%s) and (%s::text[] is null or o.kind = any(%s::text[])) order by 1",
        (keys, list(kinds) if kinds else None, list(kinds) if kinds else None),
    ).fetchall()
    if not rows:
        raise NoSuchName(f"no {'/'.join(kinds) if kinds else 'body'} called {wanted!r}")
    return [r[0] for r in rows]


def sources_consulted(conn: psycopg.Connection) -> list[str]:
    return [r[0] for r in conn.execute("select key from kzgov.source order by key")]


def _nothing(conn: psycopg.Connection, what: str) -> str:
    consulted = sources_consulted(conn)
    return f"{what}, in any of the {len(consulted)} source(s) consulted: {', '.join(consulted) or 'none loaded'}"


def who(
    conn: psycopg.Connection, office: str, on: dt.date, known_at: dt.datetime | None, published_by: dt.date | None
) -> Answer:
    offices = resolve_office(conn, office)
    columns, rows = _fetch(
        conn,
        "select * from kzgov.office_holders_on(%(on)s, coalesce(%(known_at)s, now()), %(published_by)s,"
        " offices => %(offices)s) order by office, valid_from nulls first, source_key",
        {"on": on, "known_at": known_at, "published_by": published_by, "offices": offices},
    )
    return Answer(
        columns, rows, _nothing(conn, f"no source says who was {' / '.join(offices)} on {on}"), HOLDER_COLUMNS
    )


def seats(
    conn: psycopg.Connection, chamber: str, on: dt.date, known_at: dt.datetime | None, published_by: dt.date | None
) -> tuple[Answer, Answer]:
    bodies = resolve_body(conn, chamber)
    params = {"on": on, "known_at": known_at, "published_by": published_by, "bodies": bodies}
    composition = Answer(
        *_fetch(
            conn,
            "select * from kzgov.chamber_seats_on(%(on)s, coalesce(%(known_at)s, now()), %(published_by)s,"
            " chambers => %(bodies)s) order by chamber, source_key",
            params,
        ),
        empty_message=_nothing(conn, f"no source gives the make-up of {' / '.join(bodies)} on {on}"),
        brief=SEAT_COLUMNS,
    )
    parties = Answer(
        *_fetch(
            conn,
            "select * from kzgov.party_seats_on(%(on)s, coalesce(%(known_at)s, now()), %(published_by)s)"
            " where chamber = any(%(bodies)s) or chamber is null order by seats desc, party, source_key",
            params,
        ),
        empty_message=_nothing(conn, f"no source gives party seats on {on}"),
        brief=PARTY_COLUMNS,
    )
    return composition, parties


def elections(
    conn: psycopg.Connection, start: dt.date, end: dt.date, known_at: dt.datetime | None
) -> tuple[Answer, Answer]:
    params = {"start": start, "end": end, "known_at": known_at}
    held = Answer(
        *_fetch(
            conn,
            "select * from kzgov.elections_between(%(start)s, %(end)s, coalesce(%(known_at)s, now()))"
            " order by held_on, kind, source_key",
            params,
        ),
        empty_message=_nothing(conn, f"no election between {start} and {end}"),
        brief=ELECTION_COLUMNS,
    )
    results = Answer(
        *_fetch(
            conn,
            "select * from kzgov.election_results_between(%(start)s, %(end)s, coalesce(%(known_at)s, now()))"
            " order by held_on, election_id, vote_share desc nulls last",
            params,
        ),
        empty_message="no results recorded for these elections",
        brief=RESULT_COLUMNS,
    )
    return held, results


def contains_pattern(text: str) -> str:
    """An ILIKE pattern (escape character backslash) matching text anywhere, its % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def conflicts(conn: psycopg.Connection, topic: str | None) -> Answer:
    columns, rows = _fetch(
        conn,
        "select * from kzgov.conflicts where %(topic)s::text is null or topic ilike %(pattern)s escape '\\'"
        " or subject ilike %(pattern)s escape '\\' or attribute ilike %(pattern)s escape '\\'"
        " order by conflict_id, value, source_key",
        {"topic": topic, "pattern": contains_pattern(topic) if topic else None},
    )
    return Answer(
        columns, rows, _nothing(conn, f"no conflicts{' about ' + repr(topic) if topic else ''}"), CONFLICT_COLUMNS
    )


def sources(conn: psycopg.Connection) -> Answer:
    return Answer(
        *_fetch(conn, "select * from kzgov.sources order by key, version", {}), "no sources loaded", SOURCE_COLUMNS
    )


def history(conn: psycopg.Connection, office: str) -> Answer:
    offices = resolve_office(conn, office)
    columns, rows = _fetch(
        conn,
        "select * from kzgov.office_tenures where office = any(%(offices)s)"
        " order by office, valid_from nulls first, source_key",
        {"offices": offices},
    )
    return Answer(columns, rows, _nothing(conn, f"no source names a holder of {' / '.join(offices)}"), HOLDER_COLUMNS)
