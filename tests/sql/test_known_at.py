"""Recorded time: known_at answers as the database would have at that moment."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sql_fixtures import D, composition, holders, load, loaded_at, rows, tenure


@pytest.fixture
def reloaded(conn: psycopg.Connection) -> psycopg.Connection:
    """Source beta loaded twice: the second version moves a start, changes a figure and drops a successor."""
    load(
        conn,
        "beta",
        [
            tenure("President", "Dana Sarsen", D(2019, 3, 20)),
            tenure("Prime Minister", "Ivo Kask", D(2015, 2, 2)),
            tenure("Prime Minister", "Ana Lind", D(2019, 9, 9)),
            composition("Lower Kurultai", D(2020, 1, 1), total_seats=107),
        ],
        published=D(2023, 1, 10),
    )
    load(
        conn,
        "beta",
        [
            tenure("President", "Dana Sarsen", D(2019, 6, 12)),
            tenure("Prime Minister", "Ivo Kask", D(2015, 2, 2)),
            composition("Lower Kurultai", D(2020, 1, 1), total_seats=98),
        ],
        published=D(2023, 2, 1),
    )
    return conn


@pytest.mark.parametrize(
    ("moment", "on", "expected"),
    [
        pytest.param("v1", D(2019, 4, 1), {"President": ["Dana Sarsen"]}, id="old-start-before-reload"),
        pytest.param("v2", D(2019, 4, 1), {"President": []}, id="new-start-after-reload"),
        pytest.param("now", D(2019, 4, 1), {"President": []}, id="default-is-now"),
        pytest.param("before", D(2019, 4, 1), {"President": []}, id="before-first-load"),
        pytest.param("v1", D(2020, 6, 1), {"Prime Minister": ["Ana Lind"]}, id="inference-recorded-then"),
        pytest.param("v2", D(2020, 6, 1), {"Prime Minister": ["Ivo Kask"]}, id="inference-retired-with-successor"),
    ],
)
def test_office_holders_on_known_at(reloaded, moment: str, on: dt.date, expected: dict[str, list[str]]) -> None:
    known_at = {
        "v1": loaded_at(reloaded, "beta", 1),
        "v2": loaded_at(reloaded, "beta", 2),
        "now": None,
        "before": loaded_at(reloaded, "beta", 1) - dt.timedelta(microseconds=1),
    }[moment]
    for office, persons in expected.items():
        assert holders(reloaded, office, on, known_at=known_at) == persons


def test_office_holders_on_known_at_reports_inference_recorded_then(reloaded) -> None:
    v1 = loaded_at(reloaded, "beta", 1)
    (kask,) = rows(
        reloaded,
        "select * from kzgov.office_holders_on('2016-01-01', %s) where office = 'Prime Minister'",
        (v1,),
    )
    assert kask["valid_until"] == D(2019, 9, 9) and kask["valid_until_basis"] == "inferred"
    (kask_now,) = rows(reloaded, "select * from kzgov.office_holders_on('2016-01-01') where office = 'Prime Minister'")
    assert kask_now["valid_until"] is None and kask_now["valid_until_basis"] == "unknown"


@pytest.mark.parametrize(("version", "expected"), [(1, [107]), (2, [98])])
def test_chamber_seats_on_known_at(reloaded, version: int, expected: list[int]) -> None:
    found = rows(
        reloaded, "select * from kzgov.chamber_seats_on('2021-01-01', %s)", (loaded_at(reloaded, "beta", version),)
    )
    assert [r["total_seats"] for r in found] == expected


def test_conflicts_on_known_at_sees_conflict_only_while_recorded(conn) -> None:
    load(conn, "one", [composition("Lower Kurultai", D(2020, 1, 1), total_seats=107)], published=D(2021, 1, 1))
    load(conn, "two", [composition("Lower Kurultai", D(2020, 1, 1), total_seats=98)], published=D(2021, 1, 1))
    load(conn, "two", [composition("Lower Kurultai", D(2020, 1, 1), total_seats=107)], published=D(2021, 2, 1))
    then = loaded_at(conn, "two", 1)
    assert len(rows(conn, "select * from kzgov.conflicts_on('2021-01-01', %s)", (then,))) == 2
    assert rows(conn, "select * from kzgov.conflicts_on('2021-01-01')") == []
    assert rows(conn, "select * from kzgov.conflicts") == []
