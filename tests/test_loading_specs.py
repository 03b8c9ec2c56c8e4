"""The loader's specifications of the kinds of claim (kzgov.loading.specs) against the claim classes and the
tables: a kind of claim is one spec, every field a claim states is staged, every column of its table is
filled, and the spec's identity for "the same claim" is the table's exclusion constraint."""

from __future__ import annotations

import dataclasses

import psycopg
import pytest
from sqlalchemy import BigInteger, Boolean, Date, Integer, Numeric, Table, Text

from kzgov import claims as c
from kzgov import schema
from kzgov.loading import segments, specs, staging
from kzgov.loading.parts import ElectionRef, Office, Organization, Person, Value
from kzgov.loading.specs import SPECS, ClaimSpec

IDS = [spec.table for spec in SPECS]
# Columns of every fact table the loader does not take from a kind's parts: the row's own id, its source and
# version (the load's), and recorded time (the database's).
OWN_COLUMNS = {"id", "source_id", "source_version_id", "recorded"}


def _claim_classes() -> set[type[c.Claim]]:
    return {
        value
        for value in vars(c).values()
        if isinstance(value, type) and issubclass(value, c.Claim) and value is not c.Claim
    }


def _table(spec: ClaimSpec) -> Table:
    return schema.metadata.tables[f"{schema.INTERNAL_SCHEMA}.{spec.table}"]


def test_every_kind_of_claim_has_exactly_one_spec() -> None:
    assert sorted(spec.claim.__name__ for spec in SPECS) == sorted(cls.__name__ for cls in _claim_classes())
    assert len({spec.table for spec in SPECS}) == len(SPECS)


def _fields_read(spec: ClaimSpec) -> set[str]:
    read = {spec.keyed_by} if spec.keyed_by else set()
    for part in spec.parts:
        if isinstance(part, Office):
            read |= {part.field, part.organization.field}
        elif isinstance(part, Organization):
            read |= {part.field, *([part.kind_field] if part.kind_field else [])}
        elif isinstance(part, Value | Person | ElectionRef):
            read.add(part.field)
        else:
            raise AssertionError(f"a part this test does not know: {part!r}")
    return read


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_field_a_claim_states_is_staged(spec: ClaimSpec) -> None:
    stated = {f.name for f in dataclasses.fields(spec.claim)} - {"evidence", "period", "jurisdiction"}
    assert _fields_read(spec) == stated


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_column_of_the_table_is_filled_by_the_spec(spec: ClaimSpec) -> None:
    columns = {column.name for column in _table(spec).columns}
    segment = {"segment"} if spec.table in segments.SEGMENTED else set()  # the source's, set by the writer
    filled = {*OWN_COLUMNS, *staging.COMMON, *spec.targets(), *segment}
    assert filled == columns


_SQL_TYPES = {Integer: "int", BigInteger: "bigint", Boolean: "boolean", Text: "text", Numeric: "numeric", Date: "date"}


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_values_are_staged_in_the_type_of_their_column(spec: ClaimSpec) -> None:
    table = _table(spec)
    for part in spec.parts:
        if isinstance(part, Value):
            column_type = type(table.columns[part.field].type)
            assert part.sql_type == _SQL_TYPES[column_type], f"{spec.table}.{part.field}"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_the_database_holds_one_claim_identity_once(conn: psycopg.Connection, spec: ClaimSpec) -> None:
    """Every fact table's claim identity is one current row per source, claim_key and jurisdiction: what a claim
    states is in its claim_key, so no constraint compares periods or values column by column."""
    (index,) = conn.execute(
        "select pg_get_indexdef(indexrelid) from pg_index where indexrelid = %s::regclass",
        (f"kzgov_internal.uq_{spec.table}_current_claim",),
    ).fetchone()
    # A partitioned table's (office_tenure's, 0012) holds its partition key too: the source's segment.
    on, segment = ("ON ONLY", ", segment") if spec.table in segments.SEGMENTED else ("ON", "")
    assert index.endswith(
        f"{on} kzgov_internal.{spec.table} USING btree (source_id, claim_key, jurisdiction_code{segment}) WHERE"
        " upper_inf(recorded)"
    ), index
    assert index.startswith("CREATE UNIQUE INDEX")
    exclusions = conn.execute(
        "select conname from pg_constraint where conrelid = %s::regclass and contype = 'x'",
        (f"kzgov_internal.{spec.table}",),
    ).fetchall()
    assert exclusions == []


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_staged_columns_are_distinct_from_the_common_ones(spec: ClaimSpec) -> None:
    names = [name for part in spec.parts for name in part.columns()]
    assert len(names) == len(set(names)) and not set(names) & set(staging.COMMON)


def test_an_unknown_kind_of_claim_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Rumour(c.Claim):
        text: str

    rumour = Rumour(evidence=c.Evidence("q", 0, 1), period=c.Period(), text="x")
    with pytest.raises(TypeError, match="unknown claim type Rumour"):
        specs.spec_for(rumour)
