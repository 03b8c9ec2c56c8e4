"""Publication time: published_by reads only the sources published (or retrieved) by a date."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sql_fixtures import D, claim_id, composition, holders, load, loaded_at, rows, tenure


@pytest.fixture
def published(conn: psycopg.Connection) -> psycopg.Connection:
    """gamma published twice (2023, 2024) with different prime ministers; delta published later still."""
    load(conn, "gamma", [tenure("Prime Minister", "Ivo Kask", D(2020, 1, 1))], published=D(2023, 1, 10))
    load(conn, "gamma", [tenure("Prime Minister", "Ana Lind", D(2020, 1, 1))], published=D(2024, 3, 1))
    load(conn, "delta", [tenure("Prime Minister", "Mira Tal", D(2024, 2, 6))], published=D(2024, 6, 1))
    # No publication date: its retrieval date counts.
    load(conn, "epsilon", [composition("Lower Kurultai", D(2020, 1, 1), total_seats=98)], retrieved=D(2024, 8, 1))
    return conn


@pytest.mark.parametrize(
    ("published_by", "on", "expected"),
    [
        pytest.param(D(2022, 12, 31), D(2021, 1, 1), [], id="nothing-published-yet"),
        pytest.param(D(2023, 1, 10), D(2021, 1, 1), ["Ivo Kask"], id="first-version-on-its-publication-day"),
        pytest.param(D(2024, 2, 29), D(2021, 1, 1), ["Ivo Kask"], id="second-version-not-yet-published"),
        pytest.param(D(2024, 3, 1), D(2021, 1, 1), ["Ana Lind"], id="second-version-replaces-first"),
        pytest.param(D(2024, 5, 31), D(2024, 7, 1), ["Ana Lind"], id="later-source-invisible"),
        pytest.param(D(2024, 6, 1), D(2024, 7, 1), ["Mira Tal"], id="later-source-visible-and-ends-predecessor"),
        pytest.param(None, D(2024, 7, 1), ["Mira Tal"], id="no-restriction"),
    ],
)
def test_office_holders_on_published_by(published, published_by, on: dt.date, expected: list[str]) -> None:
    assert holders(published, "Prime Minister", on, published_by=published_by) == expected


def test_office_holders_on_published_by_infers_end_from_visible_claims_only(published) -> None:
    before = rows(
        published,
        "select * from kzgov.office_holders_on('2021-01-01', published_by => '2024-05-31')"
        " where office = 'Prime Minister'",
    )
    after = rows(
        published,
        "select * from kzgov.office_holders_on('2021-01-01', published_by => '2024-06-01')"
        " where office = 'Prime Minister'",
    )
    assert [(r["person"], r["valid_until"], r["valid_until_basis"]) for r in before] == [("Ana Lind", None, "unknown")]
    tal = claim_id(published, "office_tenure", "Mira Tal")
    assert [(r["person"], r["valid_until"], r["valid_until_basis"], r["inferred_from_claim"]) for r in after] == [
        ("Ana Lind", D(2024, 2, 6), "inferred", tal)
    ]


@pytest.mark.parametrize(
    ("published_by", "expected"),
    [(D(2024, 7, 31), []), (D(2024, 8, 1), [98])],
    ids=["before-retrieval", "on-retrieval-day"],
)
def test_chamber_seats_on_published_by_uses_retrieval_date_when_publication_unknown(
    published, published_by: dt.date, expected: list[int]
) -> None:
    found = rows(published, "select * from kzgov.chamber_seats_on('2021-01-01', now(), %s)", (published_by,))
    assert [r["total_seats"] for r in found] == expected


def test_published_by_reads_only_versions_loaded_by_known_at(published) -> None:
    first_load = loaded_at(published, "gamma", 1)
    assert holders(published, "Prime Minister", D(2021, 1, 1), known_at=first_load, published_by=D(2030, 1, 1)) == [
        "Ivo Kask"
    ]
