"""Each value list has one home, a Literal in kzgov.claims; where the database or the SQL files must spell a
list out (a CHECK constraint, a column's comment), it says exactly the same."""

from __future__ import annotations

import re
from typing import get_args

import psycopg
import pytest

from kzgov import claims as c
from kzgov.parsing import rules
from kzgov.tables import FACT_TABLES

CHECKS = [
    ("ck_election_kind", c.ElectionKind),
    ("ck_election_status", c.ElectionStatus),
    ("ck_election_result_outcome", c.ResultOutcome),
    ("ck_admin_division_kind", c.DivisionKind),
    ("ck_body_event_event", c.BodyEventKind),
    ("ck_organization_kind", c.OrganizationKind),
    ("ck_source_version_format", c.DocumentFormat),
    ("ck_source_version_kind", c.SourceKind),
    *[(f"ck_{table}_basis", c.Basis) for table in FACT_TABLES],
    *[(f"ck_{table}_precision_values", c.Precision) for table in FACT_TABLES],
]


@pytest.mark.parametrize(("constraint", "literal"), CHECKS, ids=[name for name, _ in CHECKS])
def test_check_constraints_allow_exactly_the_literal(conn: psycopg.Connection, constraint: str, literal) -> None:
    (definition,) = conn.execute(
        "select pg_get_constraintdef(oid) from pg_constraint where conname = %s", (constraint,)
    ).fetchone()
    assert set(re.findall(r"'([a-z_]+)'::text", definition)) == set(get_args(literal))


# View columns whose comment lists the values, as "a, b or c".
COMMENTS = [
    ("elections", "kind", c.ElectionKind),
    ("elections", "status", c.ElectionStatus),
    ("election_results", "kind", c.ElectionKind),
    ("election_results", "outcome", c.ResultOutcome),
    ("admin_divisions", "kind", c.DivisionKind),
    ("body_events", "event", c.BodyEventKind),
    ("body_events", "body_kind", c.OrganizationKind),
    ("chamber_compositions", "chamber_kind", c.OrganizationKind),
    ("resolved_chamber_compositions", "chamber_kind", c.OrganizationKind),
    ("sources", "kind", c.SourceKind),
    ("sources", "format", c.DocumentFormat),
    ("source_versions", "kind", c.SourceKind),
    ("source_versions", "format", c.DocumentFormat),
]


@pytest.mark.parametrize(("view", "column", "literal"), COMMENTS, ids=[f"{v}.{col}" for v, col, _ in COMMENTS])
def test_column_comments_list_exactly_the_literal(conn: psycopg.Connection, view: str, column: str, literal) -> None:
    (comment,) = conn.execute(
        "select col_description(a.attrelid, a.attnum) from pg_attribute a"
        " where a.attrelid = %s::regclass and a.attname = %s",
        (f"kzgov.{view}", column),
    ).fetchone()
    values = get_args(literal)
    assert f"{', '.join(values[:-1])} or {values[-1]}" in comment


def test_body_kinds_are_organization_kinds() -> None:
    assert set(get_args(c.BodyKind)) <= set(get_args(c.OrganizationKind))


def test_election_words_of_the_sentence_rules_name_election_kinds() -> None:
    assert set(rules._KINDS.values()) == set(get_args(c.ElectionKind))


def test_default_jurisdiction_is_recorded_by_the_schema(conn: psycopg.Connection) -> None:
    assert conn.execute(
        "select 1 from kzgov_internal.jurisdiction where code = %s", (c.DEFAULT_JURISDICTION,)
    ).fetchone()
