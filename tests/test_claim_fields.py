"""The claim fields of revision 0005: acting holders, seats by method, turnout, votes, the wider vocabulary of
body events and the new source formats; stored, checked by the database, read from CSV, shown by the views
and point-in-time functions, and carried across migrations without losing a claim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import get_args, get_type_hints

import psycopg
import pytest
import sql_fixtures as fx
from psycopg import errors
from sql_fixtures import D, Spec, load, table_of, table_rows

from kzgov import claims as c
from kzgov import migrations
from kzgov.claims import ParseError
from kzgov.db import DatabaseError, create_engine_for
from kzgov.loading import load_paths
from kzgov.loading.staging import Context, claim_key, period_fields, stage_row
from kzgov.parsing import iter_csv_claims

# -- CSV --------------------------------------------------------------------------------------------------

TENURES = (
    "office,person,valid_from,valid_until,quote,acting\n"
    "Mayor of Ruthen,Ilse Varga,2024-02-01,2024-03-01,Ilse Varga was acting mayor in February.,yes\n"
    "Mayor of Ruthen,Ilse Varga,2024-02-15,,Ilse Varga has been mayor since 15 February.,\n"
)
COMPOSITION = (
    "body,total_seats,elected_seats,appointed_seats,term_years,valid_from,valid_until,quote,"
    "party_list_seats,single_member_seats\n"
    "Ruthen Diet,98,98,,5,2023-03-19,,The Diet has 98 seats: 69 by list and 29 by district.,69,29\n"
    "Ruthen Diet,,,,,2020-01-01,2023-03-19,Before 2023 all its seats were filled by list.,107,\n"
)
ELECTIONS = (
    "kind,held_on,status,early,quote,turnout_pct\nparliamentary,2023-03-19,held,true,Turnout was 54.19%.,54.19%\n"
)
RESULTS = (
    "election_kind,held_on,candidate,party,vote_share,seats,quote,votes,list_seats,district_seats\n"
    "parliamentary,2023-03-19,,Ruthen Blue Party,53.9,62,The Blue Party won 62 seats.,3430000,40,22\n"
)
EVENTS = (
    "body,event,date,detail,quote\n"
    "Government of Ruthen,resigned,2024-02-05,,The government resigned on 5 February 2024.\n"
    "Ruthen Diet,first_sitting,2023-03-29,,The new Diet first sat on 29 March 2023.\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_reads_the_new_columns(tmp_path: Path) -> None:
    acting, full = iter_csv_claims(_write(tmp_path, "tenures.csv", TENURES))
    assert (acting.acting, full.acting) == (True, False)
    by_method, by_list_only = iter_csv_claims(_write(tmp_path, "composition.csv", COMPOSITION))
    assert (by_method.party_list_seats, by_method.single_member_seats) == (69, 29)
    assert (by_list_only.total_seats, by_list_only.party_list_seats, by_list_only.single_member_seats) == (
        None,
        107,
        None,
    )
    (election,) = iter_csv_claims(_write(tmp_path, "elections.csv", ELECTIONS))
    assert election.turnout_pct == pytest.approx(54.19)
    (result,) = iter_csv_claims(_write(tmp_path, "results.csv", RESULTS))
    assert (result.votes, result.seats, result.list_seats, result.district_seats) == (3430000, 62, 40, 22)
    events = list(iter_csv_claims(_write(tmp_path, "events.csv", EVENTS)))
    assert [e.event for e in events] == ["resigned", "first_sitting"]


def test_csv_without_the_new_columns_reads_as_before(tmp_path: Path) -> None:
    (tenure,) = iter_csv_claims(
        _write(tmp_path, "t.csv", "office,person,valid_from,valid_until,quote\nMayor,A B,2020,,q\n")
    )
    assert tenure.acting is False
    (election,) = iter_csv_claims(_write(tmp_path, "e.csv", "kind,held_on,status,early,quote\nlocal,2020,held,,q\n"))
    assert election.turnout_pct is None


def test_csv_body_events_take_every_kind_claims_know(tmp_path: Path) -> None:
    kinds = get_args(c.BodyEventKind)
    rows = "".join(f"Ruthen Diet,{kind},2020-01-0{1 + i % 9},,q{i}\n" for i, kind in enumerate(kinds))
    events = list(iter_csv_claims(_write(tmp_path, "events.csv", "body,event,date,detail,quote\n" + rows)))
    assert tuple(e.event for e in events) == kinds


TENURE_HEAD = "office,person,valid_from,valid_until,quote,acting\n"
COMPOSITION_HEAD = (
    "body,total_seats,elected_seats,appointed_seats,term_years,valid_from,valid_until,quote,"
    "party_list_seats,single_member_seats\n"
)
ELECTION_HEAD = "kind,held_on,status,early,quote,turnout_pct\n"
RESULT_HEAD = "election_kind,held_on,candidate,party,vote_share,seats,quote,votes,list_seats,district_seats\n"
CSV_ERRORS = [
    ("acting", TENURE_HEAD + "Mayor,A B,2020,,q,perhaps\n", r"bad\.csv:2: field acting: not true or false: 'perhaps'"),
    (
        "party-list-negative",
        COMPOSITION_HEAD + "Diet,,,,,2020,,q,-1,\n",
        r"bad\.csv:2: field party_list_seats: negative",
    ),
    (
        "single-member-not-integer",
        COMPOSITION_HEAD + "Diet,,,,,2020,,q,,2.5\n",
        r"bad\.csv:2: field single_member_seats: not an integer",
    ),
    (
        "seats-by-method-over-total",
        COMPOSITION_HEAD + "Diet,98,,,,2020,,q,69,30\n",
        r"bad\.csv:2: field single_member_seats: party-list and single-member seats add up to more than",
    ),
    ("turnout-over-100", ELECTION_HEAD + "local,2020,held,,q,101\n", r"bad\.csv:2: field turnout_pct: 101 is outside"),
    ("turnout-not-number", ELECTION_HEAD + "local,2020,held,,q,high\n", r"bad\.csv:2: field turnout_pct: not a number"),
    ("votes-negative", RESULT_HEAD + "local,2020,A,,,,q,-5,,\n", r"bad\.csv:2: field votes: negative"),
    ("votes-not-integer", RESULT_HEAD + "local,2020,A,,,,q,many,,\n", r"bad\.csv:2: field votes: not an integer"),
    (
        "list-seats-over-seats",
        RESULT_HEAD + "local,2020,,Blue,,10,q,,11,\n",
        r"bad\.csv:2: field list_seats: list and district seats add up to more than seats 10",
    ),
    (
        "event-kind",
        "body,event,date,detail,quote\nDiet,exploded,2020,,q\n",
        r"bad\.csv:2: field event: 'exploded' is not one of .*first_sitting",
    ),
    (
        "unknown-column",
        "office,person,valid_from,valid_until,quote,turnout_pct\nMayor,A B,2020,,q,1\n",
        r"bad\.csv:1: unknown column 'turnout_pct' in a office tenure file",
    ),
]


@pytest.mark.parametrize(("text", "message"), [e[1:] for e in CSV_ERRORS], ids=[e[0] for e in CSV_ERRORS])
def test_csv_bad_new_fields_are_refused_naming_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        list(iter_csv_claims(_write(tmp_path, "bad.csv", text)))


# -- loading, views and functions -------------------------------------------------------------------------


@pytest.fixture
def loaded(database_url: str, tmp_path: Path) -> str:
    """The CSV files above, loaded: elections before the results that name them."""
    for name, text in [
        ("ruthen_tenures", TENURES),
        ("ruthen_diet", COMPOSITION),
        ("ruthen_elections", ELECTIONS),
        ("ruthen_events", EVENTS),
    ]:
        load_paths(database_url, [_write(tmp_path, f"{name}.csv", text)])
    load_paths(database_url, [_write(tmp_path, "ruthen_results.csv", RESULTS)])
    return database_url


def test_acting_and_full_tenure_of_one_person_overlapping_from_one_source_both_load(loaded: str) -> None:
    with psycopg.connect(loaded) as conn:
        rows = conn.execute(
            "select person, acting, valid_from, valid_until from kzgov.office_tenures"
            " where office = 'Mayor of Ruthen' order by valid_from"
        ).fetchall()
        assert rows == [
            ("Ilse Varga", True, dt.date(2024, 2, 1), dt.date(2024, 3, 1)),
            ("Ilse Varga", False, dt.date(2024, 2, 15), None),
        ]
        on = conn.execute(
            "select person, acting, source_key from kzgov.office_holders_on('2024-02-20', offices => %s)"
            " order by acting",
            (["Mayor of Ruthen"],),
        ).fetchall()
        assert on == [("Ilse Varga", False, "ruthen_tenures"), ("Ilse Varga", True, "ruthen_tenures")]
        assert conn.execute(
            "select acting from kzgov.office_holders_on('2024-02-05', offices => %s)", (["Mayor of Ruthen"],)
        ).fetchall() == [(True,)]


def test_acting_and_full_tenure_from_a_document_are_two_claims_not_a_restatement(database_url: str) -> None:
    """A document's restatements are merged by claim identity: acting is part of it."""

    def tenure(acting: bool) -> Spec:
        return Spec(
            f"Varga {'acting ' if acting else ''}mayor",
            lambda ev: c.OfficeTenure(
                evidence=ev,
                period=c.Period(start=dt.date(2024, 2, 1), start_precision="day"),
                office="Mayor of Ruthen",
                person="Ilse Varga",
                acting=acting,
            ),
        )

    with psycopg.connect(database_url, autocommit=True) as conn:
        summary = load(conn, "ruthen_page", [tenure(True), tenure(False)])
        assert (summary.counts["office_tenure"].added, summary.restated) == (2, 0)
        assert conn.execute("select acting from kzgov.office_tenures order by acting").fetchall() == [
            (False,),
            (True,),
        ]


def test_new_columns_come_back_through_views_and_functions(loaded: str) -> None:
    with psycopg.connect(loaded) as conn:
        compositions = conn.execute(
            "select total_seats, party_list_seats, single_member_seats from kzgov.chamber_compositions"
            " where chamber = 'Ruthen Diet' order by valid_from"
        ).fetchall()
        assert compositions == [(None, 107, None), (98, 69, 29)]
        assert conn.execute(
            "select total_seats, party_list_seats, single_member_seats from kzgov.chamber_seats_on('2024-01-01',"
            " chambers => %s)",
            (["Ruthen Diet"],),
        ).fetchall() == [(98, 69, 29)]

        turnout = conn.execute("select turnout_pct, early from kzgov.elections").fetchall()
        assert [(float(t), e) for t, e in turnout] == [(54.19, True)]
        between = conn.execute("select turnout_pct from kzgov.elections_between('2023-01-01', '2024-01-01')")
        assert [float(t) for (t,) in between] == [54.19]

        expected = [("Ruthen Blue Party", 62, 3430000, 40, 22)]
        results = "select candidate_or_party, seats, votes, list_seats, district_seats from kzgov.{}"
        assert conn.execute(results.format("election_results")).fetchall() == expected
        assert (
            conn.execute(results.format("election_results_between('2023-01-01', '2024-01-01')")).fetchall() == expected
        )

        events = conn.execute("select body, event from kzgov.body_events order by valid_from").fetchall()
        assert events == [("Ruthen Diet", "first_sitting"), ("Government of Ruthen", "resigned")]


def test_reader_role_sees_the_new_columns(loaded: str) -> None:
    with psycopg.connect(loaded, autocommit=True) as conn:
        conn.execute("set role kzgov_reader")
        assert conn.execute("select count(*) from kzgov.office_tenures where acting").fetchone() == (1,)
        assert conn.execute(
            "select votes from kzgov.election_results_between('2023-01-01', '2024-01-01')"
        ).fetchall() == [(3430000,)]


def test_new_public_columns_are_documented(loaded: str) -> None:
    with psycopg.connect(loaded) as conn:
        for view, column in [
            ("office_tenures", "acting"),
            ("chamber_compositions", "party_list_seats"),
            ("chamber_compositions", "single_member_seats"),
            ("elections", "turnout_pct"),
            ("election_results", "votes"),
            ("election_results", "list_seats"),
            ("election_results", "district_seats"),
        ]:
            comment = conn.execute(
                "select col_description(%s::regclass, a.attnum) from pg_attribute a"
                " where a.attrelid = %s::regclass and a.attname = %s",
                (f"kzgov.{view}", f"kzgov.{view}", column),
            ).fetchone()
            assert comment is not None and comment[0], f"{view}.{column} has no comment"
        for function, column in [
            ("office_holders_on", "acting"),
            ("chamber_seats_on", "party_list_seats"),
            ("elections_between", "turnout_pct"),
            ("election_results_between", "district_seats"),
        ]:
            (comment,) = conn.execute(
                "select obj_description(p.oid, 'pg_proc') from pg_proc p"
                " where p.pronamespace = 'kzgov'::regnamespace and p.proname = %s",
                (function,),
            ).fetchone()
            assert column in comment, f"the comment on {function} does not name {column}"


def test_claims_that_state_no_new_field_keep_the_keys_0004_gave_them() -> None:
    """A re-load after the upgrade must find the claims recorded before it: same claim, same key."""
    ctx = Context(published_on=None, retrieved_on=dt.date(2025, 3, 1), latest_date_mentioned=None)
    period = c.Period(start=dt.date(2019, 3, 20), start_precision="day")
    ev = c.Evidence("q", 0, 1, 1)
    period_id = period_fields(period, ctx)
    tenure = c.OfficeTenure(evidence=ev, period=period, office="President", person="Ilse  Varga")
    # The identity 0004's loader gave a tenure: jurisdiction, office, organization, person and party keys.
    assert stage_row(tenure, ctx)[1]["claim_key"] == claim_key(
        "office_tenure", ("KZ", "President", None, "ilse varga", None), period_id
    )
    acting = c.OfficeTenure(evidence=ev, period=period, office="President", person="Ilse Varga", acting=True)
    assert stage_row(acting, ctx)[1]["claim_key"] != stage_row(tenure, ctx)[1]["claim_key"]
    election = c.Election(evidence=ev, period=period, kind="local", early=True)
    assert stage_row(election, ctx)[1]["claim_key"] == claim_key("election", ("KZ", "local", "held", True), period_id)
    with_turnout = c.Election(evidence=ev, period=period, kind="local", early=True, turnout_pct=60.5)
    assert stage_row(with_turnout, ctx)[1]["claim_key"] != stage_row(election, ctx)[1]["claim_key"]


# -- the database's own rules -----------------------------------------------------------------------------


@pytest.fixture
def ids(conn: psycopg.Connection) -> dict[str, int]:
    """A source with a version, a person, an office, a chamber, a party and an election."""
    one = lambda sql, *args: conn.execute(sql, args).fetchone()[0]  # noqa: E731
    ids = {
        "source": one("insert into kzgov_internal.source (key, jurisdiction_code) values ('doc', 'KZ') returning id")
    }
    ids["version"] = one(
        "insert into kzgov_internal.source_version (source_id, version, sha256, content, format, file_name)"
        " values (%s, 1, repeat('a', 64), 'text', 'csv', 'doc.csv') returning id",
        ids["source"],
    )
    ids["person"] = one("insert into kzgov_internal.person (name) values ('Ilse Varga') returning id")
    ids["office"] = one(
        "insert into kzgov_internal.office (jurisdiction_code, name) values ('KZ', 'Mayor') returning id"
    )
    ids["chamber"] = one(
        "insert into kzgov_internal.organization (jurisdiction_code, kind, name) values ('KZ',"
        " 'chamber', 'Diet') returning id"
    )
    ids["party"] = one(
        "insert into kzgov_internal.organization (jurisdiction_code, kind, name) values ('KZ',"
        " 'party', 'Blue') returning id"
    )
    ids["election"] = _insert(conn, ids, "election", kind="parliamentary")
    return ids


def _insert(conn: psycopg.Connection, ids: dict[str, int], table: str, **values: object) -> int:
    """A claim row of table on one day of 2020, with values for its own columns."""
    columns = ", ".join(values)
    placeholders = ", ".join(["%s"] * len(values))
    return conn.execute(
        f"insert into kzgov_internal.{table} (source_id, source_version_id, jurisdiction_code, claim_key, valid,"
        " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end,"
        f" {columns}) values (%s, %s, 'KZ', md5(random()::text), '[2020-01-01,2020-01-02)', 'day', 'day',"
        f" 'explicit', 'text', 0, 4, {placeholders}) returning id",
        (ids["source"], ids["version"], *values.values()),
    ).fetchone()[0]


def _tenure(conn, ids, valid: str, acting: bool | None) -> int:
    return conn.execute(
        "insert into kzgov_internal.office_tenure (source_id, source_version_id, jurisdiction_code, claim_key, valid,"
        " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end, office_id, person_id,"
        " acting) values (%s, %s, 'KZ', md5(random()::text), %s::daterange, 'day', 'day', 'explicit', 'text', 0,"
        " 4, %s, %s, %s) returning id",
        (ids["source"], ids["version"], valid, ids["office"], ids["person"], acting),
    ).fetchone()[0]


BAD_VALUES = [
    ("chamber_composition", {"party_list_seats": -1}, "ck_chamber_composition_method_seats_not_negative"),
    ("chamber_composition", {"single_member_seats": -1}, "ck_chamber_composition_method_seats_not_negative"),
    (
        "chamber_composition",
        {"total_seats": 98, "party_list_seats": 69, "single_member_seats": 30},
        "ck_chamber_composition_method_seats_within_total",
    ),
    ("election", {"kind": "local", "turnout_pct": 100.01}, "ck_election_turnout_pct_percent"),
    ("election", {"kind": "local", "turnout_pct": -0.5}, "ck_election_turnout_pct_percent"),
    ("election_result", {"votes": -1}, "ck_election_result_votes_not_negative"),
    ("election_result", {"list_seats": -1}, "ck_election_result_method_seats_not_negative"),
    ("election_result", {"district_seats": -2}, "ck_election_result_method_seats_not_negative"),
    (
        "election_result",
        {"seats": 10, "list_seats": 6, "district_seats": 5},
        "ck_election_result_method_seats_within_seats",
    ),
    ("body_event", {"event": "exploded"}, "ck_body_event_event"),
]


def _own_values(ids: dict[str, int], table: str, values: dict[str, object]) -> dict[str, object]:
    base = {
        "chamber_composition": {"organization_id": ids["chamber"]},
        "election_result": {"election_id": ids["election"], "party_id": ids["party"]},
        "body_event": {"organization_id": ids["chamber"]},
    }.get(table, {})
    return {**base, **values}


@pytest.mark.parametrize(
    ("table", "values", "constraint"), BAD_VALUES, ids=[f"{t}-{'-'.join(v)}" for t, v, _ in BAD_VALUES]
)
def test_each_new_check_refuses_a_bad_value(conn, ids, table: str, values: dict, constraint: str) -> None:
    with pytest.raises(errors.CheckViolation, match=constraint):
        _insert(conn, ids, table, **_own_values(ids, table, values))


GOOD_VALUES = [
    ("chamber_composition", {"party_list_seats": 69}),  # seats by method alone still say something
    ("chamber_composition", {"total_seats": 98, "party_list_seats": 69, "single_member_seats": 29}),
    ("election", {"kind": "local", "turnout_pct": 100}),
    ("election_result", {"votes": 0, "seats": 10, "list_seats": 6, "district_seats": 4}),
    ("election_result", {"list_seats": 6}),  # seats won unstated: nothing to exceed
    *[("body_event", {"event": kind}) for kind in get_args(c.BodyEventKind)],
]


@pytest.mark.parametrize(
    ("table", "values"), GOOD_VALUES, ids=[f"{t}-{'-'.join(map(str, v.values()))}" for t, v in GOOD_VALUES]
)
def test_good_values_of_the_new_fields_are_accepted(conn, ids, table: str, values: dict) -> None:
    _insert(conn, ids, table, **_own_values(ids, table, values))


def test_source_formats_are_the_ones_parsers_report(conn, ids) -> None:
    formats = get_args(get_type_hints(c.ParsedDocument)["format"])
    assert {"text", "markdown", "html"} <= set(formats)
    for n, fmt in enumerate(formats, start=2):
        conn.execute(
            "insert into kzgov_internal.source_version (source_id, version, sha256, content, format, file_name)"
            " values (%s, %s, repeat('b', 64), 'text', %s, 'doc.txt')",
            (ids["source"], n, fmt),
        )
    with pytest.raises(errors.CheckViolation, match="ck_source_version_format"):
        conn.execute(
            "insert into kzgov_internal.source_version (source_id, version, sha256, content, format, file_name)"
            " values (%s, 99, repeat('b', 64), 'text', 'pdf', 'doc.pdf')",
            (ids["source"],),
        )


def test_acting_is_required(conn, ids) -> None:
    with pytest.raises(errors.NotNullViolation):
        _tenure(conn, ids, "[2024-02-01,2024-03-01)", None)
    _tenure(conn, ids, "[2024-02-01,2024-03-01)", True)
    _tenure(conn, ids, "[2024-02-15,2024-06-01)", False)  # the same person, overlapping, not acting: another claim
    _tenure(conn, ids, "[2024-02-20,2024-02-25)", True)  # acting again over another period: a claim of its own
    assert conn.execute("select count(*) from kzgov_internal.office_tenure").fetchone()[0] == 3


def test_compositions_differing_only_in_seats_by_method_are_two_claims(conn, ids) -> None:
    _insert(conn, ids, "chamber_composition", organization_id=ids["chamber"], total_seats=98, party_list_seats=69)
    _insert(conn, ids, "chamber_composition", organization_id=ids["chamber"], total_seats=98, party_list_seats=70)
    assert conn.execute("select count(*) from kzgov_internal.chamber_composition").fetchone()[0] == 2


# -- migrations -------------------------------------------------------------------------------------------


def _rows_in_columns(url: str, columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of every table, in the columns given per table, in a fixed order."""
    with psycopg.connect(url) as conn:
        return {
            table: conn.execute(
                f"select {', '.join(cols)} from {table_of(conn, table)} r order by row({', '.join(cols)})::text"
            ).fetchall()
            for table, cols in columns.items()
        }


def _columns(url: str) -> dict[str, list[str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select c.table_name, c.column_name from information_schema.columns c"
            " join information_schema.tables t using (table_schema, table_name)"
            " where c.table_schema in ('kzgov', 'kzgov_internal') and t.table_type = 'BASE TABLE'"
            " and c.table_name <> 'alembic_version'"
            " order by c.table_name, c.ordinal_position"
        ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        columns.setdefault(table, []).append(column)
    return columns


NEW_COLUMNS = {
    "office_tenure": ["acting"],
    "chamber_composition": ["party_list_seats", "single_member_seats"],
    "election": ["turnout_pct"],
    "election_result": ["votes", "list_seats", "district_seats"],
}


OLD_CLAIMS = [
    fx.tenure("Mayor of Ruthen", "Ilse Varga", D(2019, 1, 1)),
    fx.composition("Ruthen Diet", D(2020, 1, 1), total_seats=107, term_years=5),
    fx.election("parliamentary", D(2021, 1, 10), ref="diet-2021"),
    fx.result("diet-2021", D(2021, 1, 10), party="Ruthen Blue Party", vote_share=71.1, seats=76),
]


def test_upgrade_from_a_database_loaded_at_0004_keeps_every_claim(database_url: str, seeds_dir: Path) -> None:
    load_paths(database_url, [seeds_dir])
    with psycopg.connect(database_url, autocommit=True) as conn:
        fx.load(conn, "ruthen_page", OLD_CLAIMS)
    engine = create_engine_for(database_url)
    try:
        migrations.downgrade(engine, "0004")
        assert migrations.current_revision(engine) == "0004"
        at_0004 = _columns(database_url)
        assert all(column not in at_0004[table] for table, new in NEW_COLUMNS.items() for column in new)
        before = _rows_in_columns(database_url, at_0004)
        assert all(before[table] for table in NEW_COLUMNS)
        migrations.upgrade(engine)
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()
    assert _rows_in_columns(database_url, at_0004) == before
    with psycopg.connect(database_url, autocommit=True) as conn:
        assert conn.execute("select count(*) from kzgov_internal.office_tenure where acting").fetchone() == (0,)
        for table, new in NEW_COLUMNS.items():
            if table != "office_tenure":
                stated = " or ".join(f"{column} is not null" for column in new)
                assert conn.execute(f"select count(*) from kzgov_internal.{table} where {stated}").fetchone() == (0,)
        # A new version of a source loaded before the upgrade, read whole, finds its claims under the keys
        # they were recorded with: nothing retired, nothing added twice.
        summary = fx.load(conn, "ruthen_page", [*OLD_CLAIMS, fx.tenure("Mayor of Ruthen", "Jan Kos", D(2024, 1, 1))])
    assert (summary.version, summary.totals.added, summary.totals.unchanged, summary.totals.retired) == (2, 1, 4, 0)


def test_downgrade_refuses_to_drop_new_values_unless_forced(loaded: str) -> None:
    from click.testing import CliRunner

    from kzgov.cli import main

    before = table_rows(loaded)
    runner = CliRunner()
    refused = runner.invoke(main, ["db", "downgrade", "0004", "--database-url", loaded])
    assert refused.exit_code == 1
    message = refused.stderr
    for what in (
        "1 acting tenure(s)",
        "2 chamber composition(s)",
        "1 election(s) with a turnout",
        "1 election result(s)",
        "2 body event(s) of a kind 0004 does not know",
    ):
        assert what in message, message
    assert "--force" in message
    assert table_rows(loaded) == before  # refused whole: nothing dropped
    engine = create_engine_for(loaded)
    try:
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()


def test_forced_downgrade_keeps_every_row_and_upgrade_restores_the_rules(database_url: str, tmp_path: Path) -> None:
    load_paths(database_url, [_write(tmp_path, "ruthen_diet.csv", "".join(COMPOSITION.splitlines(keepends=True)[:2]))])
    load_paths(database_url, [_write(tmp_path, "ruthen_events.csv", EVENTS)])
    counts = {t: len(rows) for t, rows in table_rows(database_url).items()}
    engine = create_engine_for(database_url)
    try:
        migrations.downgrade(engine, "0004", force=True)
        assert migrations.current_revision(engine) == "0004"
        after = {t: len(rows) for t, rows in table_rows(database_url).items()}
        # Every row is kept; a table 0004 does not have (added later) held none.
        assert after == {t: n for t, n in counts.items() if t in after}
        assert all(counts[t] == 0 for t in set(counts) - set(after))
        with psycopg.connect(database_url) as conn:
            # The events 0004 does not know are kept; its rule binds the rows written from now on.
            assert conn.execute("select count(*) from kzgov.body_events").fetchone() == (2,)
            validated = conn.execute(
                "select conname, convalidated from pg_constraint where conname in"
                " ('ck_body_event_event', 'ck_chamber_composition_says_something') order by 1"
            ).fetchall()
            assert validated == [("ck_body_event_event", False), ("ck_chamber_composition_says_something", True)]
        migrations.upgrade(engine)
        with psycopg.connect(database_url) as conn:
            assert conn.execute(
                "select bool_and(convalidated) from pg_constraint where conname in"
                " ('ck_body_event_event', 'ck_chamber_composition_says_something', 'ck_source_version_format')"
            ).fetchone() == (True,)
    finally:
        engine.dispose()


def test_downgrade_is_refused_even_forced_when_0004_would_see_one_claim_twice(loaded: str) -> None:
    engine = create_engine_for(loaded)
    try:
        with pytest.raises(DatabaseError, match=r"1 x an acting and a full tenure .* forced or not"):
            migrations.downgrade(engine, "0004", force=True)
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()


def test_downgrade_is_refused_even_forced_when_a_composition_would_say_nothing(
    database_url: str, tmp_path: Path
) -> None:
    only_by_method = "".join(COMPOSITION.splitlines(keepends=True)[::2])  # the header and the list-only row
    load_paths(database_url, [_write(tmp_path, "ruthen_diet.csv", only_by_method)])
    before = table_rows(database_url)
    engine = create_engine_for(database_url)
    try:
        with pytest.raises(DatabaseError, match=r"1 x a composition stating nothing but seats by method"):
            migrations.downgrade(engine, "0004", force=True)
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()
    assert table_rows(database_url) == before
