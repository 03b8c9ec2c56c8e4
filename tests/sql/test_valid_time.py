"""The point-in-time functions on valid time: half-open periods, unknown and inferred bounds, every
function's arguments and filters."""

from __future__ import annotations

import datetime as dt

import pytest
from sql_fixtures import D, claim_id, holders, rows


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
