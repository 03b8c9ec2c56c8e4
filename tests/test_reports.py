"""kzgov.reports: DataFrames from the SQL interface, for an Engine or a URL, with the same three time axes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import psycopg
import pytest
from sql_fixtures import D, composition, election, load, loaded_at, result, seats, tenure

from kzgov import reports


@pytest.fixture
def loaded(conn: psycopg.Connection) -> psycopg.Connection:
    """Two sources that disagree about the president, and a re-load that changes the chamber's size."""
    load(
        conn,
        "alpha",
        [
            tenure("President", "Dana Sarsen", D(2019, 3, 20)),
            composition("Lower Kurultai", D(2020, 1, 1), total_seats=107),
            seats("Blue Party", 62, D(2021, 1, 15), chamber="Lower Kurultai"),
            election("presidential", D(2019, 6, 9), ref="p"),
            result("p", D(2019, 6, 9), candidate="Dana Sarsen", vote_share=70.96, outcome="won"),
        ],
        published=D(2023, 1, 10),
    )
    load(conn, "beta", [tenure("President", "Aru Bekov", D(2011, 5, 3), D(2020, 1, 1))], published=D(2024, 5, 1))
    load(conn, "gamma", [composition("Lower Kurultai", D(2020, 1, 1), total_seats=98)], published=D(2024, 6, 1))
    load(conn, "gamma", [composition("Lower Kurultai", D(2020, 1, 1), total_seats=99)], published=D(2024, 7, 1))
    return conn


@pytest.fixture(params=["engine", "url"])
def target(request: pytest.FixtureRequest, loaded, engine, database_url: str):
    """What a report script passes: an Engine, or a URL string."""
    return engine if request.param == "engine" else database_url


@pytest.mark.parametrize(
    ("on", "published_by", "expected"),
    [
        (D(2019, 12, 1), None, ["Aru Bekov", "Dana Sarsen"]),
        (D(2019, 12, 1), D(2023, 12, 31), ["Dana Sarsen"]),
        (D(2020, 1, 1), None, ["Dana Sarsen"]),
        ("2019-03-19", None, ["Aru Bekov"]),
    ],
    ids=["both-sources", "later-source-not-yet-published", "end-excluded", "date-as-text"],
)
def test_office_holders_on(target, on, published_by, expected: list[str]) -> None:
    frame = reports.office_holders_on(target, on, published_by=published_by)
    assert isinstance(frame, pd.DataFrame)
    assert sorted(frame["person"]) == expected
    assert {"office", "person", "valid_from", "valid_until", "basis", "source_key", "quote"} <= set(frame.columns)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [("gamma-v1", [98, 107]), ("gamma-v2", [99, 107]), ("now", [99, 107])],
)
def test_chamber_seats_on_known_at(target, loaded, moment: str, expected: list[int]) -> None:
    known_at = {"gamma-v1": loaded_at(loaded, "gamma", 1), "gamma-v2": loaded_at(loaded, "gamma", 2), "now": None}[
        moment
    ]
    frame = reports.chamber_seats_on(target, D(2021, 1, 1), known_at=known_at)
    assert sorted(frame["total_seats"]) == expected
    assert set(frame["chamber"]) == {"Lower Kurultai"}


def test_chamber_seats_on_published_by(target) -> None:
    frame = reports.chamber_seats_on(target, D(2021, 1, 1), published_by=D(2024, 6, 30))
    assert sorted(frame["total_seats"]) == [98, 107]


def test_party_seats_on(target) -> None:
    frame = reports.party_seats_on(target, D(2022, 1, 1))
    assert frame[["party", "chamber", "seats"]].to_dict("records") == [
        {"party": "Blue Party", "chamber": "Lower Kurultai", "seats": 62}
    ]
    assert reports.party_seats_on(target, D(2021, 1, 14)).empty


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [(D(2019, 6, 9), D(2019, 6, 10), 1), (D(2019, 6, 10), None, 0), (None, D(2019, 6, 9), 0)],
)
def test_elections_between(target, start, end, count: int) -> None:
    frame = reports.elections_between(target, start, end)
    assert len(frame) == count
    if count:
        assert frame.loc[0, "kind"] == "presidential" and frame.loc[0, "held_on_precision"] == "day"


def test_election_results(target) -> None:
    frame = reports.election_results(target, D(2019, 1, 1), D(2020, 1, 1))
    assert frame[["candidate_or_party", "outcome", "source_key"]].to_dict("records") == [
        {"candidate_or_party": "Dana Sarsen", "outcome": "won", "source_key": "alpha"}
    ]
    assert float(frame.loc[0, "vote_share"]) == pytest.approx(70.96)


@pytest.mark.parametrize(
    ("topic", "on_date", "expected"),
    [
        (None, None, {("office_tenure", "holder"), ("chamber_composition", "total_seats")}),
        ("office_tenure", None, {("office_tenure", "holder")}),
        ("party_seats", None, set()),
        (None, D(2020, 1, 1), {("chamber_composition", "total_seats")}),
    ],
    ids=["all", "one-topic", "topic-without-conflicts", "on-a-date"],
)
def test_conflicts(target, topic, on_date, expected: set[tuple[str, str]]) -> None:
    frame = reports.conflicts(target, topic, on_date=on_date)
    assert set(zip(frame["topic"], frame["attribute"], strict=True)) == expected


def test_conflicts_known_at_before_reload(target, loaded) -> None:
    frame = reports.conflicts(target, "chamber_composition", known_at=loaded_at(loaded, "gamma", 1))
    assert sorted(frame["value"]) == ["107", "98"]


def test_conflicts_refuses_unknown_topic(target) -> None:
    with pytest.raises(ValueError, match="unknown topic 'presidents'"):
        reports.conflicts(target, "presidents")


def test_sources(target) -> None:
    frame = reports.sources(target)
    assert list(frame["key"]) == ["alpha", "beta", "gamma"]
    gamma = frame.set_index("key").loc["gamma"]
    assert (gamma["version"], gamma["claims"], gamma["published_on"]) == (2, 1, dt.date(2024, 7, 1))


def test_narrowed_to_named_offices_chambers_and_jurisdiction(target) -> None:
    holders = reports.office_holders_on(target, D(2019, 12, 1), offices=["President"], jurisdiction="KZ")
    assert sorted(holders["person"]) == ["Aru Bekov", "Dana Sarsen"]
    assert set(holders["office"]) == {"President"} and set(holders["jurisdiction_code"]) == {"KZ"}
    assert reports.office_holders_on(target, D(2019, 12, 1), jurisdiction="MN").empty
    assert reports.chamber_seats_on(target, D(2021, 1, 1), chambers=["Senate"]).empty
    assert sorted(reports.chamber_seats_on(target, D(2021, 1, 1), chambers=["Lower Kurultai"])["total_seats"]) == [
        99,
        107,
    ]
