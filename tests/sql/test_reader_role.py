"""What kzgov_reader, the role BI tools log in as, may read and is refused, and how the functions run."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors
from sql_fixtures import (
    CALLS,
    INLINED_FUNCTIONS,
    PUBLIC_FUNCTIONS,
    PUBLIC_VIEWS,
    ROW_VIEWS,
    VIEW_HELPERS,
    rows,
)

from kzgov.tables import INTERNAL_SCHEMA
from kzgov.tables import SCHEMA as PUBLIC_SCHEMA


def _acting_as(conn: psycopg.Connection, role: str) -> Iterator[psycopg.Connection]:
    """conn, acting as role inside a transaction rolled back afterwards."""
    if conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone() is None:
        pytest.skip(f"{role} could not be created (the test server's user lacks CREATEROLE)")
    conn.autocommit = False
    conn.execute(f"set role {role}")
    yield conn
    conn.rollback()
    conn.autocommit = True


@pytest.fixture
def reader(history: psycopg.Connection) -> Iterator[psycopg.Connection]:
    """The test database's connection, acting as kzgov_reader."""
    yield from _acting_as(history, "kzgov_reader")


@pytest.mark.parametrize("query", [f"select * from kzgov.{v}" for v in PUBLIC_VIEWS] + list(CALLS))
def test_reader_can_read_views_and_functions(reader, query: str) -> None:
    with reader.cursor() as cur:
        cur.execute(query)
        cur.fetchall()
        assert cur.description is not None


REFUSED = errors.InsufficientPrivilege
# The views join several tables, so PostgreSQL cannot write through them even for their owner; the reader
# holds no INSERT on them either (test_reader_has_exactly_the_public_privileges).
NOT_WRITABLE = (errors.InsufficientPrivilege, errors.ObjectNotInPrerequisiteState)


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        pytest.param("select * from kzgov_internal.office_tenure", REFUSED, id="raw-table"),
        pytest.param("select content from kzgov_internal.source_version", REFUSED, id="raw-source-text"),
        pytest.param("select * from kzgov_internal._claim_values", REFUSED, id="internal-view"),
        pytest.param("select * from kzgov_internal._claim_values", REFUSED, id="internal-view"),
        pytest.param(
            "select * from kzgov_internal.refresh_tenure_inferences()", REFUSED, id="refresh-tenure-inferences"
        ),
        pytest.param("select kzgov_internal.grant_reader_access()", REFUSED, id="grant-function"),
        pytest.param("insert into kzgov.sources (key) values ('x')", NOT_WRITABLE, id="insert-into-view"),
        pytest.param("delete from kzgov.office_tenures", NOT_WRITABLE, id="delete-from-view"),
        pytest.param("insert into kzgov_internal.person (name) values ('Intruder')", REFUSED, id="insert-into-table"),
        pytest.param("update kzgov_internal.office_tenure set quote = 'x'", REFUSED, id="update-table"),
        pytest.param("create table kzgov.mine (id int)", REFUSED, id="create-table"),
        pytest.param("create view kzgov.mine as select 1", REFUSED, id="create-view"),
        pytest.param("drop view kzgov.sources", REFUSED, id="drop-view"),
    ],
)
def test_reader_is_refused(reader, statement: str, refusal) -> None:
    with pytest.raises(refusal):
        reader.execute(statement)


def test_reader_has_exactly_the_public_privileges(conn) -> None:
    if conn.execute("select 1 from pg_roles where rolname = 'kzgov_reader'").fetchone() is None:
        pytest.skip("kzgov_reader could not be created")

    def readable(schema: str) -> list[str]:
        found = rows(
            conn,
            "select c.relname from pg_class c"
            " where c.relnamespace = %s::regnamespace and c.relkind in ('r', 'v', 'm', 'p')"
            " and has_table_privilege('kzgov_reader', c.oid, 'select')",
            (schema,),
        )
        return sorted(r["relname"] for r in found)

    def executable(schema: str) -> list[str]:
        found = rows(
            conn,
            "select p.oid::regprocedure::text as f from pg_proc p where p.pronamespace = %s::regnamespace"
            " and has_function_privilege('kzgov_reader', p.oid, 'execute')",
            (schema,),
        )
        return sorted(r["f"] for r in found)

    assert readable(PUBLIC_SCHEMA) == sorted(PUBLIC_VIEWS)
    assert readable(INTERNAL_SCHEMA) == sorted(ROW_VIEWS)
    writable = rows(
        conn,
        "select c.relname from pg_class c where c.relnamespace in ('kzgov'::regnamespace,"
        " 'kzgov_internal'::regnamespace)"
        " and has_table_privilege('kzgov_reader', c.oid, 'insert, update, delete, truncate')",
    )
    assert writable == []
    assert executable(PUBLIC_SCHEMA) == sorted(f"kzgov.{f}" for f in PUBLIC_FUNCTIONS)
    assert executable(INTERNAL_SCHEMA) == sorted(f"kzgov_internal.{f}" for f in VIEW_HELPERS)
    for schema in (PUBLIC_SCHEMA, INTERNAL_SCHEMA):
        assert (
            conn.execute("select has_schema_privilege('kzgov_reader', %s, 'create')", (schema,)).fetchone()[0] is False
        )


def test_every_object_a_bi_picker_lists_in_kzgov_is_readable_and_commented(conn) -> None:
    """What a BI tool lists in schema kzgov (relations, functions, sequences, types) is what the reader may use,
    each with its comment: the tables and internal objects live in kzgov_internal."""
    if conn.execute("select 1 from pg_roles where rolname = 'kzgov_reader'").fetchone() is None:
        pytest.skip("kzgov_reader could not be created")
    listed = rows(
        conn,
        "select c.relname as name, c.relkind::text as kind,"
        "       has_table_privilege('kzgov_reader', c.oid, 'select') as usable,"
        "       obj_description(c.oid, 'pg_class') as comment"
        "  from pg_class c where c.relnamespace = 'kzgov'::regnamespace and c.relkind not in ('i', 'I', 'c', 't')"
        " union all "
        "select p.oid::regprocedure::text, 'f', has_function_privilege('kzgov_reader', p.oid, 'execute'),"
        "       obj_description(p.oid, 'pg_proc')"
        "  from pg_proc p where p.pronamespace = 'kzgov'::regnamespace",
    )
    assert {r["kind"] for r in listed} == {"v", "f"}
    assert [r["name"] for r in listed if not r["usable"] or not r["comment"]] == []
    assert len(listed) == len(PUBLIC_VIEWS) + len(PUBLIC_FUNCTIONS)


def test_no_kzgov_function_is_executable_by_public(conn) -> None:
    public = rows(
        conn,
        "select p.oid::regprocedure::text as f from pg_proc p"
        " where p.pronamespace in ('kzgov'::regnamespace, 'kzgov_internal'::regnamespace)"
        " and (p.proacl is null or exists (select from aclexplode(p.proacl) a"
        "      where a.grantee = 0 and a.privilege_type = 'EXECUTE'))",
    )
    assert public == []


def test_functions_are_stable_and_run_inlined_or_with_pinned_search_path(conn) -> None:
    """The point-in-time functions run as their caller with a body bound when created (no search_path can
    reach it), so PostgreSQL inlines them; conflicts_on runs as its owner with a pinned search_path."""
    found = rows(
        conn,
        "select p.oid::regprocedure::text as f, p.provolatile, p.prosecdef, p.proconfig, p.prosqlbody is not null"
        " as bound from pg_proc p where p.pronamespace = 'kzgov'::regnamespace and p.oid::regprocedure::text = any(%s)",
        ([f"kzgov.{f}" for f in PUBLIC_FUNCTIONS],),
    )
    assert len(found) == len(PUBLIC_FUNCTIONS)
    inlined = {f"kzgov.{f}" for f in INLINED_FUNCTIONS}
    for row in found:
        assert row["provolatile"] == "s", row["f"]
        if row["f"] in inlined:
            assert not row["prosecdef"] and row["proconfig"] is None and row["bound"], row["f"]
        else:
            assert row["prosecdef"] and row["proconfig"] == ["search_path=pg_catalog, kzgov, pg_temp"], row["f"]


# The form a BI tool writes (a filter on a column) beside the function's own argument, for each function
# that answers for a subject: the same rows, and the filter applied inside the plan, never a Function Scan
# that computes every subject first.
BI_FORMS = [
    pytest.param(
        "select * from kzgov.office_holders_on('2019-06-01') where office = 'President'",
        "select * from kzgov.office_holders_on('2019-06-01', offices => array['President'])",
        "office_holders_on",
        id="office_holders_on",
    ),
    pytest.param(
        "select * from kzgov.chamber_seats_on('2022-01-01') where chamber = 'Mazhilis'",
        "select * from kzgov.chamber_seats_on('2022-01-01', chambers => array['Mazhilis'])",
        "chamber_seats_on",
        id="chamber_seats_on",
    ),
    pytest.param(
        "select * from kzgov.party_seats_on('2022-01-01') where chamber = 'Mazhilis'",
        "select * from kzgov.party_seats_on('2022-01-01') p where p.chamber = 'Mazhilis'",
        "party_seats_on",
        id="party_seats_on",
    ),
    pytest.param(
        "select * from kzgov.elections_between('1990-01-01', '2030-01-01') where kind = 'presidential'",
        "select * from kzgov.elections_between('1990-01-01', '2030-01-01') e where e.kind = 'presidential'",
        "elections_between",
        id="elections_between",
    ),
    pytest.param(
        "select * from kzgov.election_results_between('1990-01-01', '2030-01-01') where kind = 'presidential'",
        "select * from kzgov.election_results_between('1990-01-01', '2030-01-01') r where r.kind = 'presidential'",
        "election_results_between",
        id="election_results_between",
    ),
]


@pytest.mark.parametrize(("bi_form", "argument_form", "function"), BI_FORMS)
def test_a_bi_filter_is_applied_inside_the_inlined_function(reader, bi_form: str, argument_form: str, function: str):
    plan = "\n".join(r[0] for r in reader.execute(f"explain {bi_form}").fetchall())
    assert "Function Scan" not in plan or function not in plan, plan
    assert reader.execute(bi_form).fetchall() == reader.execute(argument_form).fetchall()


@pytest.fixture
def analyst(history: psycopg.Connection) -> Iterator[psycopg.Connection]:
    """The test database's connection, acting as kzgov_analyst."""
    yield from _acting_as(history, "kzgov_analyst")


def test_analyst_builds_its_own_tables_and_views_from_the_public_interface(analyst) -> None:
    analyst.execute(
        "create table kzgov_analyst.presidents as"
        " select person, valid_from, certainty from kzgov.office_holders_on('2016-01-01') where office = 'President'"
    )
    analyst.execute("create view kzgov_analyst.conflict_count as select count(*) as n from kzgov.conflicts")
    assert analyst.execute("select person, certainty from kzgov_analyst.presidents").fetchall() == [
        ("Aru Bekov", "certain")
    ]
    assert analyst.execute("select n > 0 from kzgov_analyst.conflict_count").fetchone() == (True,)


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("create table kzgov.mine (x int)", id="create-in-kzgov"),
        pytest.param("create view kzgov_internal.mine as select 1", id="create-in-internal"),
        pytest.param("create table public.mine (x int)", id="create-in-public"),
        pytest.param("select * from kzgov_internal.office_tenure", id="read-table"),
        pytest.param("insert into kzgov_internal.person (name) values ('Intruder')", id="write-table"),
        pytest.param("select kzgov_internal.refresh_tenure_inferences()", id="refresh"),
    ],
)
def test_analyst_creates_only_in_its_own_schema_and_reads_no_table(analyst, statement: str) -> None:
    with pytest.raises(errors.InsufficientPrivilege):
        analyst.execute(statement)
