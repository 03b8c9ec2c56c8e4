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
# Point-in-time answers also say whether they are certain or only possible.
HOLDER_ON_COLUMNS = (*HOLDER_COLUMNS, "certainty")
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
SEAT_ON_COLUMNS = (*SEAT_COLUMNS, "certainty")
PARTY_ON_COLUMNS = (*PARTY_COLUMNS, "certainty")
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


# Keeps only the certain answers when %(certain)s is true (the point-in-time functions' certainty column).
_CERTAIN = "(not %(certain)s or certainty = 'certain')"


def office_holders_on(
    on_date: dt.date,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
    offices: Sequence[str] | None = None,
    jurisdiction: str | None = None,
    certain: bool = False,
) -> Query:
    """Who held which office on on_date, one row per source claim, certain answers first; offices (exact names)
    and jurisdiction (ISO code) narrow the question, and certain keeps only the certain answers."""
    return Query(
        f"select * from kzgov.office_holders_on(%(on_date)s::date, {_AXES}, %(offices)s::text[],"
        f" %(jurisdiction)s::text) where {_CERTAIN} order by office, certainty, valid_from nulls first, source_key",
        {
            "on_date": on_date,
            **_axes(known_at, published_by),
            "offices": _names(offices),
            "jurisdiction": jurisdiction,
            "certain": certain,
        },
        HOLDER_ON_COLUMNS,
    )


def chamber_seats_on(
    on_date: dt.date,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
    chambers: Sequence[str] | None = None,
    jurisdiction: str | None = None,
    certain: bool = False,
) -> Query:
    """The size and make-up of chambers, courts and councils on on_date, one row per source claim, certain
    answers first; chambers (exact names) and jurisdiction (ISO code) narrow the question, and certain keeps
    only the certain answers."""
    return Query(
        f"select * from kzgov.chamber_seats_on(%(on_date)s::date, {_AXES}, %(chambers)s::text[],"
        f" %(jurisdiction)s::text) where {_CERTAIN} order by chamber, certainty, source_key",
        {
            "on_date": on_date,
            **_axes(known_at, published_by),
            "chambers": _names(chambers),
            "jurisdiction": jurisdiction,
            "certain": certain,
        },
        SEAT_ON_COLUMNS,
    )


def party_seats_on(
    on_date: dt.date,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
    chambers: Sequence[str] | None = None,
    certain: bool = False,
) -> Query:
    """The seats parties held on on_date, one row per source claim (chamber None when the source does not say),
    certain answers first; chambers (exact names) keeps the rows of those chambers and the rows that name none,
    and certain keeps only the certain answers."""
    return Query(
        f"select * from kzgov.party_seats_on(%(on_date)s::date, {_AXES})"
        " where (%(chambers)s::text[] is null or chamber = any(%(chambers)s::text[]) or chamber is null)"
        f" and {_CERTAIN} order by certainty, seats desc, party, source_key",
        {"on_date": on_date, **_axes(known_at, published_by), "chambers": _names(chambers), "certain": certain},
        PARTY_ON_COLUMNS,
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


# -- one person ---------------------------------------------------------------------------------------

# The columns of a person's record that answer the question, in the order the SQL returns them.
PERSON_COLUMNS = (
    "person",
    "kind",
    "subject",
    "party",
    "valid_from",
    "valid_until",
    "detail",
    "source_key",
    "quote",
)


def persons() -> Query:
    """Every person the claims name (holders of offices, candidates), by id and recorded name."""
    return Query(
        "select person_id, person from kzgov.office_tenures"
        " union select person_id, candidate from kzgov.election_results where person_id is not null"
        " order by 2, 1",
        {},
        ("person_id", "person"),
    )


def person_record(person_ids: Sequence[int]) -> Query:
    """Every office held and election result of the persons named by id, one row per currently recorded claim:
    kind 'office' (subject: the office, and the body it belongs to) or 'result' (subject: the election), the
    party the claim gives, the claim's valid period (a result: the day the election was held) and a detail
    (acting; the share, seats and outcome of a result)."""
    return Query(
        "select * from ("
        " select t.person, 'office' as kind,"
        " t.office || coalesce(' (' || t.organization || ')', '') as subject, t.party,"
        " t.valid_from, t.valid_until, case when t.acting then 'acting' end as detail, t.source_key, t.quote,"
        " t.valid_until_basis, t.basis, t.valid_window, t.valid_from_precision, t.valid_until_precision,"
        " t.claim_id, t.person_id"
        " from kzgov.office_tenures t where t.person_id = any(%(ids)s::bigint[])"
        " union all"
        " select r.candidate, 'result', r.kind || ' election', r.party,"
        " r.held_on, null, concat_ws(', ', r.vote_share::float8 || '%%', r.seats || ' seats', r.outcome),"
        " r.source_key, r.quote, null, r.basis, r.valid_window, r.held_on_precision, null, r.claim_id, r.person_id"
        " from kzgov.election_results r where r.person_id = any(%(ids)s::bigint[])"
        ") x order by valid_from nulls first, kind, subject, source_key, claim_id",
        {"ids": list(person_ids)},
        PERSON_COLUMNS,
    )


# -- exports ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A table an export writes: its name, the query that fills it, and the view whose comments describe its
    columns (a point-in-time function has no column comments of its own; it answers with its view's columns)."""

    name: str
    query: Query
    described_by: str
    comment_of: str  # the view or function (name with its argument types) whose COMMENT describes the table


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def public_views() -> Query:
    """The views of schema kzgov the read-only role kzgov_reader may read, with their comments, but kzgov's
    internals, named with a leading underscore (the rows the point-in-time functions read). Where that role
    does not exist, as on a server whose migrating user could not create it: the views not so named."""
    return Query(
        "select c.relname as name, obj_description(c.oid, 'pg_class') as comment"
        " from pg_class c left join pg_roles r on r.rolname = 'kzgov_reader'"
        " where c.relnamespace = 'kzgov'::regnamespace and c.relkind in ('v', 'm') and c.relname !~ '^_'"
        " and (r.oid is null or has_table_privilege(r.oid, c.oid, 'SELECT'))"
        " order by 1",
        {},
        ("name", "comment"),
    )


def view_rows(view: str) -> Query:
    """Every row of a view of schema kzgov (a name public_views gave); its columns are the view's."""
    return Query(f"select * from kzgov.{_quoted(view)}")


def comments(relation: str) -> Query:
    """The comment of each column of a view of schema kzgov, in column order."""
    return Query(
        "select a.attname as name, col_description(a.attrelid, a.attnum) as comment from pg_attribute a"
        " where a.attrelid = to_regclass(%(relation)s) and a.attnum > 0 and not a.attisdropped order by a.attnum",
        {"relation": f"kzgov.{_quoted(relation)}"},
        ("name", "comment"),
    )


def comment_on(name: str) -> Query:
    """The comment on a view of schema kzgov, or on a function (name with its argument types)."""
    if "(" in name:
        return Query(
            "select obj_description(to_regprocedure(%(name)s), 'pg_proc')", {"name": f"kzgov.{name}"}, ("comment",)
        )
    return Query(
        "select obj_description(to_regclass(%(name)s), 'pg_class')", {"name": f"kzgov.{_quoted(name)}"}, ("comment",)
    )


def point_in_time_tables(on_date: dt.date, known_at: dt.datetime | None, published_by: dt.date | None) -> list[Table]:
    """The tables of an export for one date: what each source held on it (office holders, compositions, party
    seats), the elections held by then and their results, and the conflicts on it (conflicts_on does not read
    publication time, so not with published_by). Views that have no point-in-time function have no table."""
    until = on_date + dt.timedelta(days=1) if on_date < dt.date.max else None  # held on or before on_date
    tables = [
        Table(
            "office_holders_on",
            office_holders_on(on_date, known_at, published_by),
            "office_tenures",
            "office_holders_on(date, timestamptz, date, text[], text)",
        ),
        Table(
            "chamber_seats_on",
            chamber_seats_on(on_date, known_at, published_by),
            "chamber_compositions",
            "chamber_seats_on(date, timestamptz, date, text[], text)",
        ),
        Table(
            "party_seats_on",
            party_seats_on(on_date, known_at, published_by),
            "party_seat_counts",
            "party_seats_on(date, timestamptz, date)",
        ),
        Table(
            "elections_between",
            elections_between(None, until, known_at, published_by),
            "elections",
            "elections_between(date, date, timestamptz, date)",
        ),
        Table(
            "election_results_between",
            election_results_between(None, until, known_at, published_by),
            "election_results",
            "election_results_between(date, date, timestamptz, date)",
        ),
    ]
    if published_by is None:
        tables.append(
            Table("conflicts_on", conflicts_on(on_date, known_at), "conflicts", "conflicts_on(date, timestamptz)")
        )
    return tables


MEMBERSHIP_COLUMNS = (
    "claim_id",
    "office_id",
    "office",
    "organization_id",
    "person_id",
    "person",
    "party_id",
    "valid_from",
    "valid_from_precision",
    "valid_until",
    "valid_until_precision",
    "valid_until_basis",
    "basis",
    "valid_window",
    "acting",
    "source_key",
    "source_version",
    "url",
    "quote",
)


def popolo_memberships(
    on_date: dt.date | None, known_at: dt.datetime | None = None, published_by: dt.date | None = None
) -> Query:
    """Office tenures as Popolo memberships: every currently recorded one (on_date None, as kzgov.office_tenures)
    or those that speak to on_date (as kzgov.office_holders_on), with the ids of the office's body and of the
    holder's party, and the address of the source version where it is known."""
    held = (
        "kzgov.office_tenures"
        if on_date is None
        else f"kzgov.office_holders_on(%(on_date)s::date, {_AXES}, null::text[], null::text)"
    )
    return Query(
        "select t.claim_id, t.office_id, t.office, o.organization_id, t.person_id, t.person, c.party_id,"
        " t.valid_from, t.valid_from_precision, t.valid_until, t.valid_until_precision, t.valid_until_basis,"
        " t.basis, t.valid_window, t.acting, t.source_key, t.source_version, sv.url, t.quote"
        f" from {held} t"
        " join kzgov_internal.office o on o.id = t.office_id"
        " join kzgov_internal.office_tenure c on c.id = t.claim_id"
        " join kzgov_internal.source s on s.key = t.source_key"
        " join kzgov_internal.source_version sv on sv.source_id = s.id and sv.version = t.source_version"
        " order by t.office, t.valid_from nulls first, t.source_key, t.claim_id",
        {"on_date": on_date, **_axes(known_at, published_by)},
        MEMBERSHIP_COLUMNS,
    )


def popolo_persons(person_ids: Sequence[int]) -> Query:
    """The persons named by id, with the other spellings recorded for them."""
    return Query(
        "select p.id, p.name, array(select n.name from kzgov_internal.person_name n where n.person_id = p.id"
        " and n.name <> p.name order by n.name) as other_names"
        " from kzgov_internal.person p where p.id = any(%(ids)s::bigint[]) order by p.id",
        {"ids": list(person_ids)},
        ("id", "name", "other_names"),
    )


def popolo_organizations(organization_ids: Sequence[int]) -> Query:
    """The organizations named by id, with their kind; one row per other name (with the period it was used,
    where the alias list gives one), or one row with no other name."""
    return Query(
        "select o.id, o.name, o.kind, n.name as other_name, lower(n.valid) as other_from,"
        " upper(n.valid) as other_until"
        " from kzgov_internal.organization o left join kzgov_internal.organization_name n on n.organization_id = o.id"
        " and n.name <> o.name"
        " where o.id = any(%(ids)s::bigint[]) order by o.id, lower(n.valid) nulls first, n.name",
        {"ids": list(organization_ids)},
        ("id", "name", "kind", "other_name", "other_from", "other_until"),
    )


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
