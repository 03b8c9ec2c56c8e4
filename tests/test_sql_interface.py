"""The public SQL interface (sql/): point-in-time functions on all three time axes, the claim views,
conflicts, resolved answers, what kzgov_reader may do, comments, and the migration that installs it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors
from sql_fixtures import (
    D,
    claim_id,
    composition,
    election,
    indicator,
    load,
    loaded_at,
    result,
    seats,
    tenure,
)

from kzgov import migrations
from kzgov.db import create_engine_for

PUBLIC_VIEWS = (
    "office_tenures",
    "chamber_compositions",
    "party_seat_counts",
    "elections",
    "election_results",
    "body_events",
    "indicators",
    "admin_divisions",
    "sources",
    "source_versions",
    "uncovered_sentences",
    "conflicts",
    "resolved_office_holders",
    "resolved_chamber_compositions",
    "resolved_party_seat_counts",
)
PUBLIC_FUNCTIONS = (
    "office_holders_on(date,timestamp with time zone,date,text[],text)",
    "chamber_seats_on(date,timestamp with time zone,date,text[],text)",
    "party_seats_on(date,timestamp with time zone,date)",
    "elections_between(date,date,timestamp with time zone,date)",
    "election_results_between(date,date,timestamp with time zone,date)",
    "conflicts_on(date,timestamp with time zone)",
)
INTERNAL_FUNCTIONS = ("_source_moments(timestamp with time zone,date)", "grant_reader_access()")
# One call of each public function, as a reader would write it.
CALLS = (
    "select * from kzgov.office_holders_on('2020-01-01')",
    "select * from kzgov.chamber_seats_on('2020-01-01')",
    "select * from kzgov.party_seats_on('2020-01-01')",
    "select * from kzgov.elections_between('2019-01-01', '2022-01-01')",
    "select * from kzgov.election_results_between('2019-01-01', '2022-01-01')",
    "select * from kzgov.conflicts_on('2020-01-01')",
)


def rows(conn: psycopg.Connection, query: str, params: tuple | dict = ()) -> list[dict]:
    """Rows of a query as dicts."""
    with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
        cur.execute(query, params)
        return cur.fetchall()


def holders(conn: psycopg.Connection, office: str, on: dt.date, **axes: object) -> list[str]:
    """Persons office_holders_on gives for office on a date (one per claim), sorted."""
    params = {"on": on, "office": office, "known_at": axes.get("known_at"), "published_by": axes.get("published_by")}
    found = rows(
        conn,
        "select person from kzgov.office_holders_on(%(on)s, coalesce(%(known_at)s, now()), %(published_by)s)"
        " where office = %(office)s",
        params,
    )
    # The same question asked through the function's own office and jurisdiction filter.
    narrowed = rows(
        conn,
        "select person, office, jurisdiction_code from kzgov.office_holders_on(%(on)s,"
        " coalesce(%(known_at)s, now()), %(published_by)s, offices => array[%(office)s], jurisdiction => 'KZ')",
        params,
    )
    assert all((r["office"], r["jurisdiction_code"]) == (office, "KZ") for r in narrowed)
    assert sorted(r["person"] for r in narrowed) == sorted(r["person"] for r in found)
    return sorted(r["person"] for r in found)


def kurultai_now(total: int):
    """A statement of the Lower Kurultai's size as of the source's publication."""
    return composition("Lower Kurultai", basis="as_of_publication", total_seats=total)


# -- valid time ---------------------------------------------------------------------------------------


@pytest.fixture
def history(conn: psycopg.Connection) -> psycopg.Connection:
    """One source telling a small invented history with every kind of bound."""
    load(
        conn,
        "alpha",
        [
            tenure("President", "Aru Bekov", D(2011, 5, 3), D(2019, 3, 20)),
            tenure("President", "Dana Sarsen", D(2019, 3, 20)),
            tenure("Chief Archivist", "Olga Nur", None, D(2020, 1, 1)),
            tenure("Prime Minister", "Ivo Kask", D(2015, 2, 2)),
            tenure("Prime Minister", "Ana Lind", D(2019, 9, 9)),
            composition("Lower Kurultai", D(2007, 6, 1), D(2023, 7, 1), total_seats=107, term_years=5),
            composition("Lower Kurultai", D(2023, 7, 1), total_seats=98),
            seats("Blue Party", 62, D(2021, 1, 15), D(2023, 3, 19), chamber="Lower Kurultai"),
            seats("Green Union", 5, basis="as_of_publication"),
            election("presidential", D(2019, 6, 9), ref="p2019"),
            result("p2019", D(2019, 6, 9), candidate="Dana Sarsen", vote_share=70.96, outcome="won"),
            result("p2019", D(2019, 6, 9), candidate="Aru Bekov", vote_share=16.23, outcome="lost"),
            election("parliamentary", D(2021, 1, 1), ref="m2021", precision="year"),
            result("m2021", D(2021, 1, 1), party="Blue Party", vote_share=71.09, seats=76),
        ],
        published=D(2023, 1, 10),
    )
    return conn


@pytest.mark.parametrize(
    ("office", "on", "expected"),
    [
        pytest.param("President", D(2011, 5, 3), ["Aru Bekov"], id="start-included"),
        pytest.param("President", D(2015, 1, 1), ["Aru Bekov"], id="inside"),
        pytest.param("President", D(2019, 3, 19), ["Aru Bekov"], id="last-day"),
        pytest.param("President", D(2019, 3, 20), ["Dana Sarsen"], id="end-excluded-successor-starts"),
        pytest.param("President", D(2011, 5, 2), [], id="before-any"),
        pytest.param("President", D(2090, 1, 1), ["Dana Sarsen"], id="open-end"),
        pytest.param("Chief Archivist", D(1900, 1, 1), ["Olga Nur"], id="unknown-start-answers-earlier"),
        pytest.param("Chief Archivist", D(2019, 12, 31), ["Olga Nur"], id="unknown-start-last-day"),
        pytest.param("Chief Archivist", D(2020, 1, 1), [], id="unknown-start-end-excluded"),
        pytest.param("Prime Minister", D(2019, 9, 8), ["Ivo Kask"], id="before-inferred-end"),
        pytest.param("Prime Minister", D(2019, 9, 9), ["Ana Lind"], id="inferred-end-excluded"),
        pytest.param("Prime Minister", D(2015, 2, 1), [], id="before-first"),
    ],
)
def test_office_holders_on_valid_time(history, office: str, on: dt.date, expected: list[str]) -> None:
    assert holders(history, office, on) == expected


def test_office_holders_on_unknown_start_shows_null(history) -> None:
    (row,) = rows(history, "select * from kzgov.office_holders_on('1990-01-01') where office = 'Chief Archivist'")
    assert row["valid_from"] is None and row["valid_from_precision"] is None and row["valid_from_unknown"]
    assert row["valid_until"] == D(2020, 1, 1) and not row["valid_until_unknown"]
    assert (
        row["source_key"] == "alpha"
        and row["quote"] == "Olga Nur is Chief Archivist from an unknown date until 2020-01-01."
    )


def test_office_holders_on_inferred_end_says_so(history) -> None:
    successor = claim_id(history, "office_tenure", "Ana Lind is Prime Minister")
    (kask,) = rows(history, "select * from kzgov.office_holders_on('2017-01-01') where office = 'Prime Minister'")
    assert kask["person"] == "Ivo Kask"
    assert kask["valid_until"] == D(2019, 9, 9) and kask["valid_until_precision"] == "day"
    assert kask["valid_until_basis"] == "inferred" and kask["inferred_from_claim"] == successor
    assert not kask["valid_until_unknown"]
    (lind,) = rows(history, "select * from kzgov.office_holders_on('2030-01-01') where office = 'Prime Minister'")
    assert lind["valid_until"] is None and lind["valid_until_unknown"] and lind["valid_until_basis"] == "unknown"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(D(2007, 6, 1), [(107, 5)], id="start-included"),
        pytest.param(D(2023, 6, 30), [(107, 5)], id="last-day"),
        pytest.param(D(2023, 7, 1), [(98, None)], id="end-excluded-next-starts"),
        pytest.param(D(2007, 5, 31), [], id="before"),
        pytest.param(D(2099, 1, 1), [(98, None)], id="open-end"),
    ],
)
def test_chamber_seats_on_valid_time(history, on: dt.date, expected: list[tuple]) -> None:
    found = rows(history, "select * from kzgov.chamber_seats_on(%s)", (on,))
    assert [(r["total_seats"], r["term_years"]) for r in found] == expected
    assert all(r["chamber"] == "Lower Kurultai" and r["source_key"] == "alpha" and r["quote"] for r in found)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(D(2021, 1, 15), [("Blue Party", "Lower Kurultai", 62)], id="start-included"),
        pytest.param(D(2021, 1, 14), [], id="before"),
        pytest.param(
            D(2023, 1, 10),
            [("Blue Party", "Lower Kurultai", 62), ("Green Union", None, 5)],
            id="publication-day-of-present-tense-claim",
        ),
        pytest.param(D(2023, 1, 11), [("Blue Party", "Lower Kurultai", 62)], id="day-after-publication"),
        pytest.param(D(2023, 3, 19), [], id="end-excluded"),
    ],
)
def test_party_seats_on_valid_time(history, on: dt.date, expected: list[tuple]) -> None:
    found = rows(history, "select * from kzgov.party_seats_on(%s)", (on,))
    assert [(r["party"], r["chamber"], r["seats"]) for r in found] == expected
    assert all(r["source_key"] == "alpha" and r["quote"] for r in found)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(D(2019, 6, 9), D(2019, 6, 10), [("presidential", D(2019, 6, 9), "day")], id="the-day"),
        pytest.param(D(2019, 1, 1), D(2019, 6, 9), [], id="to-date-excluded"),
        pytest.param(D(2019, 6, 10), D(2020, 1, 1), [], id="after"),
        pytest.param(
            D(2021, 6, 1), D(2021, 7, 1), [("parliamentary", D(2021, 1, 1), "year")], id="year-precision-overlaps"
        ),
        pytest.param(
            None,
            None,
            [("presidential", D(2019, 6, 9), "day"), ("parliamentary", D(2021, 1, 1), "year")],
            id="unbounded",
        ),
    ],
)
def test_elections_between_valid_time(history, start, end, expected: list[tuple]) -> None:
    found = rows(history, "select * from kzgov.elections_between(%s, %s)", (start, end))
    assert [(r["kind"], r["held_on"], r["held_on_precision"]) for r in found] == expected
    assert all(r["source_key"] == "alpha" and r["election_id"] for r in found)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(
            D(2019, 1, 1),
            D(2020, 1, 1),
            [("Dana Sarsen", 70.96, None, "won"), ("Aru Bekov", 16.23, None, "lost")],
            id="presidential",
        ),
        pytest.param(D(2021, 1, 1), D(2022, 1, 1), [("Blue Party", 71.09, 76, None)], id="party-list"),
        pytest.param(D(2022, 1, 1), None, [], id="none-after"),
    ],
)
def test_election_results_between(history, start, end, expected: list[tuple]) -> None:
    found = rows(history, "select * from kzgov.election_results_between(%s, %s)", (start, end))
    assert [(r["candidate_or_party"], float(r["vote_share"]), r["seats"], r["outcome"]) for r in found] == expected
    elections = {r["election_id"] for r in rows(history, "select election_id from kzgov.elections")}
    assert all(r["election_id"] in elections and r["source_key"] == "alpha" for r in found)


def test_functions_are_callable_with_positional_and_named_arguments(history) -> None:
    named = rows(
        history,
        "select person from kzgov.office_holders_on(on_date => '2016-01-01', published_by => '2023-12-31')"
        " where office = 'President'",
    )
    positional = rows(history, "select person from kzgov.office_holders_on('2016-01-01', now(), '2023-12-31')")
    assert [r["person"] for r in named] == ["Aru Bekov"]
    assert "Aru Bekov" in [r["person"] for r in positional]


def test_filters_keep_only_the_offices_bodies_and_jurisdiction_asked_for(history) -> None:
    def ask(query: str) -> list[tuple]:
        return [tuple(r.values()) for r in rows(history, query)]

    assert ask(
        "select office, person from kzgov.office_holders_on('2020-01-01', offices => array['President', 'Nobody'])"
    ) == [("President", "Dana Sarsen")]
    assert ask("select person from kzgov.office_holders_on('2020-01-01', jurisdiction => 'UZ')") == []
    assert len(ask("select person from kzgov.office_holders_on('2020-01-01', jurisdiction => 'KZ')")) == len(
        ask("select person from kzgov.office_holders_on('2020-01-01')")
    )
    assert ask(
        "select chamber, total_seats from kzgov.chamber_seats_on('2024-01-01', chambers => array['Lower Kurultai'],"
        " jurisdiction => 'KZ')"
    ) == [("Lower Kurultai", 98)]
    assert ask("select chamber from kzgov.chamber_seats_on('2024-01-01', chambers => array['Upper Kurultai'])") == []


# -- the views ----------------------------------------------------------------------------------------


def test_office_tenures_view_uses_inferred_end(history) -> None:
    found = {
        r["person"]: r
        for r in rows(history, "select * from kzgov.office_tenures where office in ('Prime Minister', 'President')")
    }
    assert found["Ivo Kask"]["valid_until"] == D(2019, 9, 9)
    assert found["Ivo Kask"]["valid_until_basis"] == "inferred"
    assert found["Ivo Kask"]["inferred_from_claim"] == found["Ana Lind"]["claim_id"]
    assert found["Ana Lind"]["valid_until"] is None and found["Ana Lind"]["valid_until_basis"] == "unknown"
    assert found["Aru Bekov"]["valid_until_basis"] == "explicit" and found["Aru Bekov"]["inferred_from_claim"] is None


@pytest.mark.parametrize(
    ("view", "count"),
    [
        ("office_tenures", 5),
        ("chamber_compositions", 2),
        ("party_seat_counts", 2),
        ("elections", 2),
        ("election_results", 3),
        ("body_events", 0),
        ("indicators", 0),
        ("admin_divisions", 0),
    ],
)
def test_claim_views_show_each_current_claim_with_both_time_axes(history, view: str, count: int) -> None:
    found = rows(history, f"select * from kzgov.{view}")
    assert len(found) == count
    for row in found:
        assert row["source_key"] == "alpha" and row["source_version"] == 1 and row["quote"]
        assert row["recorded_from"] is not None and row["recorded_until"] is None
        assert {"valid_from", "valid_until", "basis", "valid_window", "valid_from_precision"} <= row.keys()


def test_views_drop_claims_a_new_version_retired(conn) -> None:
    load(conn, "alpha", [tenure("President", "Aru Bekov", D(2011, 5, 3)), seats("Blue Party", 62, D(2021, 1, 1))])
    load(conn, "alpha", [tenure("President", "Aru Bekov", D(2011, 5, 3))])
    assert rows(conn, "select person, source_version from kzgov.office_tenures") == [
        {"person": "Aru Bekov", "source_version": 1}
    ]
    assert rows(conn, "select * from kzgov.party_seat_counts") == []
    (source,) = rows(conn, "select * from kzgov.sources")
    assert (source["key"], source["version"], source["versions"], source["claims"]) == ("alpha", 2, 2, 1)
    versions = rows(conn, "select version, claims, is_latest from kzgov.source_versions order by version")
    assert versions == [
        {"version": 1, "claims": 2, "is_latest": False},
        {"version": 2, "claims": 1, "is_latest": True},
    ]


def test_election_results_view_names_contender_and_election(history) -> None:
    found = rows(history, "select * from kzgov.election_results where kind = 'presidential' order by vote_share desc")
    assert [(r["candidate_or_party"], r["candidate"], r["party"], r["held_on"]) for r in found] == [
        ("Dana Sarsen", "Dana Sarsen", None, D(2019, 6, 9)),
        ("Aru Bekov", "Aru Bekov", None, D(2019, 6, 9)),
    ]


# -- recorded time (known_at) -------------------------------------------------------------------------


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


# -- publication time (published_by) ------------------------------------------------------------------


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


# -- conflicts ----------------------------------------------------------------------------------------

CONFLICT_CASES = {
    "office-holders-overlap": (
        {
            "a": [tenure("President", "Dana Sarsen", D(2019, 3, 20))],
            "b": [tenure("President", "Aru Bekov", D(2011, 5, 3), D(2020, 1, 1))],
        },
        [("office_tenure", "President", "holder", {("a", "Dana Sarsen"), ("b", "Aru Bekov")})],
    ),
    "chamber-total-seats": (
        {
            "a": [kurultai_now(107)],
            "b": [composition("Lower Kurultai", D(2023, 1, 1), total_seats=98)],
        },
        [("chamber_composition", "Lower Kurultai", "total_seats", {("a", "107"), ("b", "98")})],
    ),
    "one-source-two-term-lengths": (
        {
            "a": [
                composition("Presidency", D(2020, 1, 1), body_kind="other", term_years=5),
                composition("Presidency", D(2022, 9, 17), body_kind="other", term_years=7),
            ],
        },
        [("chamber_composition", "Presidency", "term_years", {("a", "5"), ("a", "7")})],
    ),
    "party-seats-same-chamber": (
        {
            "a": [seats("Blue Party", 62, D(2021, 1, 15), chamber="Lower Kurultai")],
            "b": [seats("Blue Party", 40, D(2022, 1, 1), D(2023, 1, 1), chamber="Lower Kurultai")],
        },
        [("party_seats", "Blue Party / Lower Kurultai", "seats", {("a", "62"), ("b", "40")})],
    ),
    "party-seats-chamber-unstated-on-both": (
        {
            "a": [seats("Green Union", 5, D(2021, 1, 1))],
            "b": [
                seats("Green Union", 6, D(2021, 1, 1)),
                seats("Green Union", 9, D(2021, 1, 1), chamber="Upper Kurultai"),
            ],
        },
        [("party_seats", "Green Union / (chamber not stated)", "seats", {("a", "5"), ("b", "6")})],
    ),
    "indicator-rank": (
        {
            "a": [indicator("Valdoria", "Democracy Index", D(2022, 1, 1), D(2023, 1, 1), rank=5, out_of=167)],
            "b": [indicator("Valdoria", "Democracy Index", D(2022, 6, 1), D(2023, 1, 1), rank=6, out_of=167)],
        },
        [("indicator", "Valdoria: Democracy Index", "rank", {("a", "5 of 167"), ("b", "6 of 167")})],
    ),
    "election-vote-share": (
        {
            "a": [
                election("presidential", D(2019, 6, 9), ref="e"),
                result("e", D(2019, 6, 9), candidate="Dana Sarsen", vote_share=70.96),
            ],
            "b": [
                election("presidential", D(2019, 6, 9), ref="e"),
                result("e", D(2019, 6, 9), candidate="Dana Sarsen", vote_share=71.0),
            ],
        },
        [("election_result", "presidential election: Dana Sarsen", "vote_share", {("a", "70.96"), ("b", "71")})],
    ),
    "agreeing-sources": (
        {
            "a": [
                tenure("President", "Dana Sarsen", D(2019, 3, 20)),
                composition("Lower Kurultai", D(2023, 1, 1), total_seats=98),
                indicator("Valdoria", "Ministries", D(2022, 1, 1), D(2023, 1, 1), value=1.0),
            ],
            "b": [
                tenure("President", "Dana Sarsen", D(2020, 1, 1)),
                composition("Lower Kurultai", basis="as_of_publication", total_seats=98, term_years=5),
                indicator("Valdoria", "Ministries", D(2022, 1, 1), D(2023, 1, 1), value=1),
            ],
        },
        [],
    ),
    "successive-holders-do-not-overlap": (
        {
            "a": [tenure("President", "Aru Bekov", D(2011, 5, 3), D(2019, 3, 20))],
            "b": [tenure("President", "Dana Sarsen", D(2019, 3, 20))],
        },
        [],
    ),
    "office-of-several-holders": (
        {
            "a": [tenure("Deputy Prime Minister", "Aru Bekov", D(2019, 1, 1))],
            "b": [tenure("Deputy Prime Minister", "Dana Sarsen", D(2019, 1, 1))],
        },
        [],
    ),
    "different-figures-are-not-compared": (
        {
            "a": [composition("Lower Kurultai", D(2020, 1, 1), total_seats=98)],
            "b": [composition("Lower Kurultai", D(2020, 1, 1), elected_seats=69)],
        },
        [],
    ),
}


@pytest.mark.parametrize("case", list(CONFLICT_CASES))
def test_conflicts_found_for_each_kind_of_disagreement(conn, case: str) -> None:
    sources, expected = CONFLICT_CASES[case]
    for key, specs in sources.items():
        load(conn, key, specs, published=D(2023, 6, 1))
    found = rows(conn, "select * from kzgov.conflicts")
    groups: dict[str, list[dict]] = {}
    for row in found:
        groups.setdefault(row["conflict_id"], []).append(row)
    got = sorted(
        (g[0]["topic"], g[0]["subject"], g[0]["attribute"], frozenset((r["source_key"], r["value"]) for r in g))
        for g in groups.values()
    )
    assert got == sorted((t, s, a, frozenset(v)) for t, s, a, v in expected)
    for group in groups.values():
        assert len({(r["topic"], r["subject"], r["attribute"]) for r in group}) == 1
        assert all(r["quote"] and r["claim_id"] and r["basis"] for r in group)


def test_conflicts_group_by_stretch_of_valid_time(conn) -> None:
    load(
        conn,
        "a",
        [
            seats("Blue Party", 62, D(2010, 1, 1), D(2012, 1, 1)),
            seats("Blue Party", 62, D(2020, 1, 1), D(2022, 1, 1)),
        ],
    )
    load(
        conn,
        "b",
        [
            seats("Blue Party", 40, D(2011, 1, 1), D(2013, 1, 1)),
            seats("Blue Party", 41, D(2021, 1, 1), D(2023, 1, 1)),
        ],
    )
    found = rows(conn, "select conflict_id, value, conflict_from, conflict_until from kzgov.conflicts")
    stretches = {(r["conflict_from"], r["conflict_until"]) for r in found}
    assert stretches == {(D(2010, 1, 1), D(2013, 1, 1)), (D(2020, 1, 1), D(2023, 1, 1))}
    assert len({r["conflict_id"] for r in found}) == 2 and len(found) == 4


@pytest.mark.parametrize(
    ("on", "expected"),
    [(D(2019, 12, 31), 2), (D(2020, 1, 1), 0), (D(2019, 3, 19), 0)],
    ids=["inside-overlap", "overlap-end-excluded", "before-overlap"],
)
def test_conflicts_on_date(conn, on: dt.date, expected: int) -> None:
    load(conn, "a", [tenure("President", "Dana Sarsen", D(2019, 3, 20))])
    load(conn, "b", [tenure("President", "Aru Bekov", D(2011, 5, 3), D(2020, 1, 1))])
    assert len(rows(conn, "select * from kzgov.conflicts_on(%s)", (on,))) == expected


# -- resolved answers ---------------------------------------------------------------------------------


def test_resolved_office_holder_explicit_beats_present_tense_window_and_names_dissenter(conn) -> None:
    load(conn, "dated", [tenure("Prime Minister", "Ivo Kask", D(2015, 2, 2))], published=D(2016, 1, 1))
    load(
        conn,
        "undated",
        [tenure("Prime Minister", "Ana Lind", basis="as_of_publication")],
        latest_mentioned=D(2014, 1, 1),
        retrieved=D(2025, 3, 1),
    )
    (row,) = rows(conn, "select * from kzgov.resolved_office_holders where office = 'Prime Minister'")
    assert (row["person"], row["source_key"], row["tie"]) == ("Ivo Kask", "dated", False)
    assert row["rule"].startswith("in force")
    assert (row["dissenting_sources"], row["dissenting_values"]) == (["undated"], ["Ana Lind"])
    assert row["dissenting_claims"] == [claim_id(conn, "office_tenure", "Ana Lind")]


def test_resolved_office_holder_successor_ends_predecessor_without_dissent(conn) -> None:
    load(conn, "a", [tenure("President", "Aru Bekov", D(2011, 5, 3))], published=D(2012, 1, 1))
    load(conn, "b", [tenure("President", "Dana Sarsen", D(2019, 3, 20))], published=D(2020, 1, 1))
    (row,) = rows(conn, "select * from kzgov.resolved_office_holders where office = 'President'")
    assert (row["person"], row["dissenting_sources"], row["tie"]) == ("Dana Sarsen", [], False)


RESOLVED_SEATS_CASES = {
    # name: (sources {key: (specs, published, latest_mentioned)}, expected (value, source, dissenters, tie, rule))
    "newer-publication-wins-older-statement-is-history": (
        {
            "old": ([kurultai_now(107)], D(2022, 1, 10), None),
            "new": ([kurultai_now(98)], D(2024, 2, 1), None),
        },
        (98, "new", [], False, "latest statement"),
    ),
    "dated-statement-beats-window-that-may-be-as-late": (
        {
            "window": ([kurultai_now(107)], None, D(2022, 1, 1)),
            "dated": ([kurultai_now(98)], D(2024, 2, 1), None),
        },
        (98, "dated", [("window", "107")], False, "latest statement"),
    ),
    "window-certainly-later-wins": (
        {
            "window": ([kurultai_now(107)], None, D(2024, 5, 1)),
            "dated": ([kurultai_now(98)], D(2024, 2, 1), None),
        },
        (107, "window", [], False, "latest statement"),
    ),
    "explicit-open-period-beats-statement-as-of-publication": (
        {
            "explicit": ([composition("Lower Kurultai", D(2023, 7, 1), total_seats=98)], D(2023, 8, 1), None),
            "snapshot": ([kurultai_now(107)], D(2024, 2, 1), None),
        },
        (98, "explicit", [("snapshot", "107")], False, "in force"),
    ),
    "later-explicit-start-supersedes": (
        {
            "history": (
                [
                    composition("Lower Kurultai", D(2007, 6, 1), total_seats=107),
                    composition("Lower Kurultai", D(2023, 7, 1), total_seats=98),
                ],
                D(2024, 1, 1),
                None,
            ),
        },
        (98, "history", [], False, "in force"),
    ),
    "all-ended-latest-end-wins": (
        {
            "a": ([composition("Lower Kurultai", D(1995, 1, 1), D(2007, 6, 1), total_seats=67)], D(2010, 1, 1), None),
            "b": ([composition("Lower Kurultai", D(2007, 6, 1), D(2023, 7, 1), total_seats=107)], D(2010, 1, 1), None),
        },
        (107, "b", [], False, "every claim has ended"),
    ),
    "equal-rank-is-a-tie": (
        {
            "a": ([kurultai_now(107)], D(2024, 2, 1), None),
            "b": ([kurultai_now(98)], D(2024, 2, 1), None),
        },
        (None, None, None, True, "latest statement"),
    ),
}


@pytest.mark.parametrize("case", list(RESOLVED_SEATS_CASES))
def test_resolved_chamber_compositions_rule(conn, case: str) -> None:
    sources, (value, source, dissenters, tie, rule) = RESOLVED_SEATS_CASES[case]
    for key, (specs, published_on, latest) in sources.items():
        load(conn, key, specs, published=published_on, latest_mentioned=latest)
    (row,) = rows(
        conn,
        "select * from kzgov.resolved_chamber_compositions"
        " where chamber = 'Lower Kurultai' and attribute = 'total_seats'",
    )
    assert row["tie"] is tie and row["rule"].startswith(rule)
    if tie:
        assert len(row["dissenting_sources"]) == 1 and {row["value"], int(row["dissenting_values"][0])} == {107, 98}
        return
    assert (row["value"], row["source_key"]) == (value, source)
    assert list(zip(row["dissenting_sources"], row["dissenting_values"], strict=True)) == dissenters


def test_resolved_chamber_compositions_resolve_each_figure(conn) -> None:
    load(
        conn, "a", [composition("Lower Kurultai", D(2023, 7, 1), total_seats=98, term_years=5)], published=D(2024, 1, 1)
    )
    load(conn, "b", [composition("Lower Kurultai", D(2023, 7, 1), elected_seats=69)], published=D(2024, 1, 1))
    found = {
        r["attribute"]: (r["value"], r["source_key"])
        for r in rows(conn, "select * from kzgov.resolved_chamber_compositions")
    }
    assert found == {"total_seats": (98, "a"), "term_years": (5, "a"), "elected_seats": (69, "b")}


def test_resolved_party_seat_counts_per_party_and_chamber(conn) -> None:
    load(
        conn,
        "a",
        [seats("Blue Party", 62, D(2021, 1, 15), chamber="Lower Kurultai"), seats("Green Union", 5, D(2021, 1, 15))],
        published=D(2021, 2, 1),
    )
    load(
        conn,
        "b",
        [seats("Blue Party", 40, basis="as_of_publication", chamber="Lower Kurultai")],
        published=D(2024, 1, 1),
    )
    found = {(r["party"], r["chamber"]): r for r in rows(conn, "select * from kzgov.resolved_party_seat_counts")}
    assert set(found) == {("Blue Party", "Lower Kurultai"), ("Green Union", None)}
    blue = found[("Blue Party", "Lower Kurultai")]
    assert (blue["seats"], blue["source_key"], blue["dissenting_sources"], blue["dissenting_values"]) == (
        62,
        "a",
        ["b"],
        ["40"],
    )
    assert found[("Green Union", None)]["dissenting_sources"] == []


# -- the reader role ----------------------------------------------------------------------------------


@pytest.fixture
def reader(history: psycopg.Connection) -> Iterator[psycopg.Connection]:
    """The test database's connection, acting as kzgov_reader inside a transaction rolled back afterwards."""
    if history.execute("select 1 from pg_roles where rolname = 'kzgov_reader'").fetchone() is None:
        pytest.skip("kzgov_reader could not be created (the test server's user lacks CREATEROLE)")
    history.autocommit = False
    history.execute("set role kzgov_reader")
    yield history
    history.rollback()
    history.autocommit = True


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
        pytest.param("select * from kzgov.office_tenure", REFUSED, id="raw-table"),
        pytest.param("select content from kzgov.source_version", REFUSED, id="raw-source-text"),
        pytest.param("select * from kzgov._claim_values", REFUSED, id="internal-view"),
        pytest.param("select * from kzgov._source_moments(null, null)", REFUSED, id="internal-function"),
        pytest.param("select * from kzgov.refresh_tenure_inferences()", REFUSED, id="refresh-tenure-inferences"),
        pytest.param("select kzgov.grant_reader_access()", REFUSED, id="grant-function"),
        pytest.param("insert into kzgov.sources (key) values ('x')", NOT_WRITABLE, id="insert-into-view"),
        pytest.param("delete from kzgov.office_tenures", NOT_WRITABLE, id="delete-from-view"),
        pytest.param("insert into kzgov.person (name) values ('Intruder')", REFUSED, id="insert-into-table"),
        pytest.param("update kzgov.office_tenure set quote = 'x'", REFUSED, id="update-table"),
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
    relations = rows(
        conn,
        "select c.relname from pg_class c"
        " where c.relnamespace = 'kzgov'::regnamespace and c.relkind in ('r', 'v', 'm', 'p')"
        " and has_table_privilege('kzgov_reader', c.oid, 'select')",
    )
    assert sorted(r["relname"] for r in relations) == sorted(PUBLIC_VIEWS)
    writable = rows(
        conn,
        "select c.relname from pg_class c where c.relnamespace = 'kzgov'::regnamespace"
        " and has_table_privilege('kzgov_reader', c.oid, 'insert, update, delete, truncate')",
    )
    assert writable == []
    functions = rows(
        conn,
        "select p.oid::regprocedure::text as f from pg_proc p where p.pronamespace = 'kzgov'::regnamespace"
        " and has_function_privilege('kzgov_reader', p.oid, 'execute')",
    )
    assert sorted(r["f"] for r in functions) == sorted(f"kzgov.{f}" for f in PUBLIC_FUNCTIONS)
    assert conn.execute("select has_schema_privilege('kzgov_reader', 'kzgov', 'create')").fetchone()[0] is False


def test_no_kzgov_function_is_executable_by_public(conn) -> None:
    public = rows(
        conn,
        "select p.oid::regprocedure::text as f from pg_proc p where p.pronamespace = 'kzgov'::regnamespace"
        " and (p.proacl is null or exists (select from aclexplode(p.proacl) a"
        "      where a.grantee = 0 and a.privilege_type = 'EXECUTE'))",
    )
    assert public == []


def test_functions_are_stable_and_run_with_pinned_search_path(conn) -> None:
    found = rows(
        conn,
        "select p.proname, p.provolatile, p.prosecdef, p.proconfig from pg_proc p"
        " where p.pronamespace = 'kzgov'::regnamespace and p.oid::regprocedure::text = any(%s)",
        ([f"kzgov.{f}" for f in PUBLIC_FUNCTIONS],),
    )
    assert len(found) == len(PUBLIC_FUNCTIONS)
    for row in found:
        assert row["provolatile"] == "s" and row["prosecdef"], row["proname"]
        assert row["proconfig"] == ["search_path=pg_catalog, kzgov, pg_temp"], row["proname"]


# -- comments -----------------------------------------------------------------------------------------


def test_every_view_and_view_column_has_a_comment(conn) -> None:
    missing = rows(
        conn,
        "select c.relname, a.attname from pg_class c"
        " left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped"
        " where c.relnamespace = 'kzgov'::regnamespace and c.relkind = 'v'"
        " and (obj_description(c.oid, 'pg_class') is null"
        "      or (a.attname is not null and col_description(c.oid, a.attnum) is null))",
    )
    assert missing == []
    views = rows(conn, "select relname from pg_class where relnamespace = 'kzgov'::regnamespace and relkind = 'v'")
    assert set(PUBLIC_VIEWS) <= {r["relname"] for r in views}


@pytest.mark.parametrize("function", [*PUBLIC_FUNCTIONS, *INTERNAL_FUNCTIONS])
def test_every_public_and_internal_function_has_a_comment(conn, function: str) -> None:
    (comment,) = conn.execute("select obj_description(%s::regprocedure, 'pg_proc')", (f"kzgov.{function}",)).fetchone()
    assert comment and len(comment) > 40


@pytest.mark.parametrize("function", PUBLIC_FUNCTIONS)
def test_public_function_comment_documents_the_axes(conn, function: str) -> None:
    (comment,) = conn.execute("select obj_description(%s::regprocedure, 'pg_proc')", (f"kzgov.{function}",)).fetchone()
    assert "known_at" in comment and "SECURITY DEFINER" in comment and "Example" in comment
    if "published_by" in function or function.count(",") >= 2:
        assert "published_by" in comment


# -- migration ----------------------------------------------------------------------------------------


def test_migration_down_to_0002_and_up_again_keeps_data(empty_database_url: str) -> None:
    engine = create_engine_for(empty_database_url)
    try:
        migrations.upgrade(engine, "head")
        with psycopg.connect(empty_database_url, autocommit=True) as conn:
            load(conn, "a", [tenure("President", "Dana Sarsen", D(2019, 3, 20))])
            load(conn, "b", [tenure("President", "Aru Bekov", D(2011, 5, 3), D(2020, 1, 1))])
            assert len(rows(conn, "select * from kzgov.conflicts")) == 2
        migrations.downgrade(engine, "0002")
        with psycopg.connect(empty_database_url, autocommit=True) as conn:
            views = conn.execute("select count(*) from pg_views where schemaname = 'kzgov'").fetchone()[0]
            functions = {
                r[0]
                for r in conn.execute(
                    "select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'kzgov'::regnamespace"
                )
            }
            assert views == 0
            assert functions == {
                "kzgov.set_recorded()",
                "kzgov.close_recorded_only()",
                "kzgov.forbid_change()",
                "kzgov.refresh_tenure_inferences()",
            }
            # 0002's state: PUBLIC may execute the functions again, the reader no longer uses the schema.
            assert conn.execute(
                "select bool_and(has_function_privilege('public', oid, 'execute')) from pg_proc"
                " where pronamespace = 'kzgov'::regnamespace"
            ).fetchone()[0]
            if conn.execute("select 1 from pg_roles where rolname = 'kzgov_reader'").fetchone():
                assert not conn.execute("select has_schema_privilege('kzgov_reader', 'kzgov', 'usage')").fetchone()[0]
            assert conn.execute("select count(*) from kzgov.office_tenure").fetchone()[0] == 2
            conn.execute("select * from kzgov.refresh_tenure_inferences()")
        migrations.upgrade(engine, "head")
        assert migrations.current_revision(engine) == migrations.head_revision()
        with psycopg.connect(empty_database_url, autocommit=True) as conn:
            assert holders(conn, "President", D(2019, 12, 1)) == ["Aru Bekov", "Dana Sarsen"]
            assert len(rows(conn, "select * from kzgov.conflicts")) == 2
    finally:
        engine.dispose()
