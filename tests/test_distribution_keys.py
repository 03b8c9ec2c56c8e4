"""The schema can be distributed by jurisdiction as docs/scaling.md says (revision 0009), proved over the catalog.

A cluster that shards a table by a column (Citus) enforces a primary key, a unique index or an exclusion
constraint only when it holds that column (compared with =, for an exclusion), and a foreign key between two
sharded tables only when it pairs their columns; a table copied whole to every server (a reference table) may
be referenced by a sharded one, never the reverse. These tests read what docs/scaling.md distributes and how,
and check every key of the database at head against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sql_fixtures import table_of

from kzgov import migrations
from kzgov.db import DatabaseError, create_engine_for
from kzgov.loading import load_paths
from kzgov.tables import FACT_TABLES

SCALING = Path(__file__).resolve().parent.parent / "docs" / "scaling.md"

# The fact tables, and the inferences that link two of their rows: sharded by jurisdiction, side by side.
BY_JURISDICTION = (*FACT_TABLES, "tenure_inference")

_CALL = re.compile(
    r"create_(reference|distributed)_table\('kzgov_internal\.(\w+)'(?:,\s*'(\w+)')?(?:,\s*colocate_with\s*=>\s*'([\w.]+)')?"
)


@dataclass(frozen=True)
class Plan:
    """What docs/scaling.md does with each table, in its order: the distribution column (None for a reference
    table) and the table whose shards a distributed table's are co-located with (itself when it begins a group)."""

    order: tuple[str, ...]
    column: dict[str, str | None]
    group: dict[str, str]


def _plan() -> Plan:
    calls = _CALL.findall(SCALING.read_text(encoding="utf-8"))
    order = tuple(table for _kind, table, _column, _with in calls)
    assert len(order) == len(set(order)), "docs/scaling.md names a table twice"
    column = {table: (col if kind == "distributed" else None) for kind, table, col, _with in calls}
    group: dict[str, str] = {}
    for kind, table, col, with_ in calls:
        assert (kind == "distributed") == bool(col), f"{table}: a distributed table needs its column, no other"
        # colocate_with names an earlier table of the group, or 'none' (a group of its own).
        group[table] = group[with_.removeprefix("kzgov_internal.")] if with_.startswith("kzgov_internal.") else table
    return Plan(order, column, group)


def _tables(conn: psycopg.Connection) -> set[str]:
    rows = conn.execute(
        "select relname from pg_class where relnamespace = 'kzgov_internal'::regnamespace and relkind in ('r', 'p')"
        " and not relispartition and relname <> 'alembic_version'"
    ).fetchall()
    return {r[0] for r in rows}


# A partition's name as its table's: a partition (of office_tenure, 0012) is distributed with its table, and
# its keys, its own and those pointing at it, are checked as that table's.
_TABLE = "(select p.relname from pg_class p where p.oid = coalesce(pg_partition_root({0}.oid), {0}.oid))"


def _keys(conn: psycopg.Connection) -> list[tuple[str, str, list[str | None], list[str | None]]]:
    """Every index that makes a key (primary, unique, exclusion) of a kzgov table: table, index, its columns
    (None for an expression) and, for an exclusion, the operator of each column."""
    rows = conn.execute(
        f"""
        select {_TABLE.format("t")}, i.indexrelid::regclass::text,
               array(select a.attname from unnest(i.indkey) with ordinality k(attnum, n)
                     left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.n),
               coalesce(array(select o.oprname from pg_constraint x, unnest(x.conexclop) with ordinality e(op, n)
                              join pg_operator o on o.oid = e.op
                              where x.conindid = i.indexrelid and x.contype = 'x' order by e.n), '{{}}')
          from pg_index i join pg_class t on t.oid = i.indrelid
         where t.relnamespace = 'kzgov_internal'::regnamespace and (i.indisunique or i.indisexclusion)
         order by 1, 2
        """
    ).fetchall()
    return [(table, index, list(columns), list(ops)) for table, index, columns, ops in rows]


def _foreign_keys(conn: psycopg.Connection) -> list[tuple[str, str, list[str], str, list[str]]]:
    """Every foreign key of a kzgov table: table, constraint, its columns, the referenced table and columns."""
    rows = conn.execute(
        f"""
        select {_TABLE.format("t")}, c.conname,
               array(select a.attname from unnest(c.conkey) with ordinality k(attnum, n)
                     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n),
               {_TABLE.format("r")},
               array(select a.attname from unnest(c.confkey) with ordinality k(attnum, n)
                     join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n)
          from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
         where c.contype = 'f' and c.connamespace = 'kzgov_internal'::regnamespace
           and c.conparentid = 0 -- not the copies the server keeps per partition of a partitioned table's key
         order by 1, 2
        """
    ).fetchall()
    return [(table, name, list(columns), target, list(targets)) for table, name, columns, target, targets in rows]


def key_problems(conn: psycopg.Connection, plan: Plan) -> list[str]:
    """Each key a cluster distributing the tables as planned could not enforce, in words."""
    problems = []
    for table, index, columns, ops in _keys(conn):
        column = plan.column.get(table)
        if column is None:
            continue  # a reference table is whole on every server: any key holds
        if column not in columns:
            problems.append(f"{table}: {index} ({', '.join(map(str, columns))}) lacks {column}")
        elif ops and ops[columns.index(column)] != "=":
            problems.append(f"{table}: {index} compares {column} with {ops[columns.index(column)]}, not =")
    for table, name, keys, target, targets in _foreign_keys(conn):
        column, referenced = plan.column.get(table), plan.column.get(target)
        if referenced is None:
            continue  # a reference table may be referenced by any table
        if column is None:
            problems.append(f"{table}: {name} makes a reference table point at the distributed {target}")
        elif plan.group[table] != plan.group[target]:
            problems.append(f"{table}: {name} points at {target}, whose shards are not co-located with its own")
        elif list(zip(keys, targets, strict=True)).count((column, referenced)) != 1:
            problems.append(f"{table}: {name} ({', '.join(keys)}) does not pair {column} with {target}.{referenced}")
    return problems


@pytest.fixture(scope="module")
def plan() -> Plan:
    return _plan()


def test_scaling_distributes_every_table_once(conn: psycopg.Connection, plan: Plan) -> None:
    assert sorted(plan.order) == sorted(_tables(conn))


def test_fact_tables_and_inferences_are_distributed_by_jurisdiction_together(plan: Plan) -> None:
    by_jurisdiction = {t for t, column in plan.column.items() if column == "jurisdiction_code"}
    assert by_jurisdiction == set(BY_JURISDICTION)


def test_tables_sharded_by_jurisdiction_are_colocated(plan: Plan) -> None:
    assert {plan.group[t] for t in BY_JURISDICTION} == {"office_tenure"}


def test_scaling_distributes_a_table_after_every_table_it_references(conn: psycopg.Connection, plan: Plan) -> None:
    position = {table: n for n, table in enumerate(plan.order)}
    late = [
        f"{table} before {target}"
        for table, _name, _columns, target, _targets in _foreign_keys(conn)
        if target != table and position[target] > position[table]
    ]
    assert late == []


def test_every_key_of_a_distributed_table_holds_its_distribution_column(conn: psycopg.Connection, plan: Plan) -> None:
    assert key_problems(conn, plan) == []


def test_every_fact_table_key_and_link_carries_jurisdiction(conn: psycopg.Connection) -> None:
    """The same, said of the fact tables directly, and not vacuously: each has its keys, and the links between
    them are those of 0009, with the segments of 0012."""
    keyed = {table for table, _index, columns, _ops in _keys(conn) if "jurisdiction_code" in columns}
    assert keyed >= set(BY_JURISDICTION)
    for table, index, columns, _ops in _keys(conn):
        if table in BY_JURISDICTION:
            assert "jurisdiction_code" in columns, index
    links = {
        name: list(zip(columns, targets, strict=True))
        for table, name, columns, target, targets in _foreign_keys(conn)
        if table in BY_JURISDICTION and target in BY_JURISDICTION
    }
    assert links == {
        "fk_election_result_election_id": [("election_id", "id"), ("jurisdiction_code", "jurisdiction_code")],
        "fk_tenure_inference_tenure_id": [
            ("tenure_id", "id"),
            ("jurisdiction_code", "jurisdiction_code"),
            ("tenure_segment", "segment"),
        ],
        "fk_tenure_inference_successor_id": [
            ("successor_id", "id"),
            ("jurisdiction_code", "jurisdiction_code"),
            ("successor_segment", "segment"),
        ],
    }


@pytest.mark.parametrize(
    ("ddl", "problem"),
    [
        (
            "create unique index ix_probe on kzgov_internal.party_seats (source_id, claim_key)",
            "lacks jurisdiction_code",
        ),
        (
            "alter table kzgov_internal.tenure_inference add constraint ex_probe exclude using gist"
            " (jurisdiction_code with <>, tenure_id with =)",
            "compares jurisdiction_code with <>",
        ),
        (
            "alter table kzgov_internal.election_result add column other_code text, add constraint fk_probe"
            " foreign key (election_id, other_code) references kzgov_internal.election (id, jurisdiction_code)",
            "does not pair jurisdiction_code",
        ),
        (
            "alter table kzgov_internal.office add column election_id bigint, add column jurisdiction_code2 text,"
            " add constraint fk_probe foreign key (election_id, jurisdiction_code2)"
            " references kzgov_internal.election (id, jurisdiction_code)",
            "makes a reference table point at the distributed election",
        ),
    ],
)
def test_a_key_without_jurisdiction_is_found(conn: psycopg.Connection, plan: Plan, ddl: str, problem: str) -> None:
    """The check catches what a cluster would refuse (the probes are rolled back)."""
    with conn.transaction(force_rollback=True):
        conn.execute(ddl)
        found = key_problems(conn, plan)
    assert len(found) == 1 and problem in found[0], found


def test_a_link_between_tables_not_colocated_is_found(conn: psycopg.Connection, plan: Plan) -> None:
    apart = Plan(plan.order, plan.column, {**plan.group, "tenure_inference": "tenure_inference"})
    found = key_problems(conn, apart)
    assert len(found) == 2 and all("not co-located" in f for f in found), found


# Holders of one office in another jurisdiction: each start ends the tenure before it (inferred ends).
WARDENS = (
    "office,person,valid_from,valid_until,quote,jurisdiction\n"
    "Chief Warden,Maren Holt,1994-06-06,,Maren Holt from 1994,XY\n"
    "Chief Warden,Oskar Lindqvist,2003-02-11,,Oskar Lindqvist from 2003,XY\n"
    "Chief Warden,Ilse Brandt,2011-07-01,,Ilse Brandt from 2011,XY\n"
)

_SNAPSHOT = {
    **{t: "id, claim_key, valid::text, recorded::text, quote" for t in FACT_TABLES},
    "tenure_inference": "id, tenure_id, successor_id, inferred_until, recorded::text",
}


def _snapshot(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as conn:
        return {
            t: conn.execute(f"select {cols} from {table_of(conn, t)} order by id").fetchall()
            for t, cols in _SNAPSHOT.items()
        }


def _inference_jurisdictions(url: str) -> list[tuple[str, str]]:
    """Each inference's jurisdiction beside its tenure's."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            f"select i.jurisdiction_code, t.jurisdiction_code from {table_of(conn, 'tenure_inference')} i"
            f" join {table_of(conn, 'office_tenure')} t on t.id = i.tenure_id order by i.id"
        ).fetchall()
    return [(a, b) for a, b in rows]


def _primary_key(url: str, table: str) -> str:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "select pg_get_constraintdef(oid) from pg_constraint where conname = %s", (f"pk_{table}",)
        ).fetchone()
    assert row is not None
    return str(row[0])


def test_upgrade_from_0008_keeps_every_row_and_gives_inferences_their_tenures_jurisdiction(
    database_url: str, seeds_dir: Path, tmp_path: Path
) -> None:
    wardens = tmp_path / "wardens.csv"
    wardens.write_text(WARDENS, encoding="utf-8")
    load_paths(database_url, [seeds_dir, wardens])
    engine = create_engine_for(database_url)
    try:
        migrations.downgrade(engine, "0008")
        assert _primary_key(database_url, "office_tenure") == "PRIMARY KEY (id)"
        before = _snapshot(database_url)
        assert len(before["tenure_inference"]) >= 3 and sum(map(len, before.values())) > 80
        migrations.upgrade(engine, "head")
        assert _snapshot(database_url) == before
        pairs = _inference_jurisdictions(database_url)
        assert len(pairs) == len(before["tenure_inference"])
        assert all(mine == tenures for mine, tenures in pairs)
        assert {mine for mine, _ in pairs} == {"KZ", "XY"}

        # A new inference, written by kzgov_internal.refresh_tenure_inferences without naming a jurisdiction, gets
        # its tenure's.
        wardens.write_text(WARDENS + "Chief Warden,Tove Aas,2016-03-01,,Tove Aas from 2016,XY\n", encoding="utf-8")
        (summary,) = load_paths(database_url, [wardens])
        assert summary.counts["office_tenure"].added == 1
        after = _inference_jurisdictions(database_url)
        assert len(after) == len(pairs) + 1 and after[-1] == ("XY", "XY")

        # Down again: 0008's keys, and no column to lose (the next upgrade derives it again).
        migrations.downgrade(engine, "0008")
        assert _primary_key(database_url, "tenure_inference") == "PRIMARY KEY (id)"
        with psycopg.connect(database_url) as conn:
            assert conn.execute(
                "select count(*) from pg_attribute where attrelid = 'kzgov.tenure_inference'::regclass"
                " and attname = 'jurisdiction_code'"
            ).fetchone() == (0,)
            assert conn.execute(
                "select pg_get_constraintdef(oid) from pg_constraint"
                " where conname = 'ex_tenure_inference_one_at_a_time'"
            ).fetchone() == ("EXCLUDE USING gist (tenure_id WITH =, recorded WITH &&)",)
        migrations.upgrade(engine, "head")
    finally:
        engine.dispose()
    assert len(_inference_jurisdictions(database_url)) == len(after)
    assert {s.status for s in load_paths(database_url, [seeds_dir, wardens])} == {"unchanged"}


def test_upgrade_refuses_a_result_of_another_jurisdictions_election(database_url: str, seeds_dir: Path) -> None:
    load_paths(database_url, [seeds_dir])
    engine = create_engine_for(database_url)
    try:
        migrations.downgrade(engine, "0008")
        with psycopg.connect(database_url) as conn:
            conn.execute("insert into kzgov.jurisdiction (code, name) values ('XY', 'Elsewhere')")  # at 0008
            columns = (
                "source_id, source_version_id, claim_key, valid, valid_from_precision, valid_until_precision, basis,"
                " quote, quote_start, quote_end, election_id, person_id, party_id, vote_share, seats, outcome"
            )
            conn.execute(
                f"insert into kzgov.election_result (jurisdiction_code, {columns})"
                f" select 'XY', {columns} from kzgov.election_result order by id limit 1"
            )
        with pytest.raises(
            DatabaseError, match=re.escape("1 election result(s) whose election is of another jurisdiction")
        ):
            migrations.upgrade(engine, "head")
        assert migrations.current_revision(engine) == "0008"
    finally:
        engine.dispose()
