"""kzgov.interface: one call per view or function of the SQL interface, whose named columns the SQL returns."""

from __future__ import annotations

import datetime as dt
import inspect

import psycopg
import pytest
from sql_fixtures import PUBLIC_FUNCTIONS, D, load, seats, tenure

from kzgov import interface

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)

# Every call the module offers, with arguments of every kind given.
CALLS = {
    "office_holders_on": interface.office_holders_on(D(2020, 1, 1), NOW, D(2030, 1, 1), ["President"], "KZ"),
    "chamber_seats_on": interface.chamber_seats_on(D(2020, 1, 1), NOW, D(2030, 1, 1), ["Senate"], "KZ"),
    "party_seats_on": interface.party_seats_on(D(2020, 1, 1), NOW, D(2030, 1, 1), ["Senate"]),
    "elections_between": interface.elections_between(D(2019, 1, 1), None, NOW, D(2030, 1, 1)),
    "election_results_between": interface.election_results_between(None, D(2030, 1, 1), NOW, D(2030, 1, 1)),
    "conflicts_on": interface.conflicts_on(D(2020, 1, 1), NOW, "office_tenure", "50%_off\\"),
    "office_tenures": interface.office_tenures(["President"]),
    "sources": interface.sources(),
    "chamber_compositions": interface.chamber_compositions(),
    "party_seat_counts": interface.party_seat_counts(),
}


def test_every_call_is_listed() -> None:
    offered = {
        name
        for name, f in inspect.getmembers(interface, inspect.isfunction)
        if f.__module__ == interface.__name__ and not name.startswith("_")
    }
    assert offered - {"contains_pattern"} == set(CALLS)


def test_every_public_function_has_its_call() -> None:
    assert {f.split("(")[0] for f in PUBLIC_FUNCTIONS} <= set(CALLS)


def test_calls_return_the_columns_they_name_in_that_order(conn: psycopg.Connection) -> None:
    for name, query in CALLS.items():
        columns, rows = query.run(conn)
        assert rows == [], name
        assert query.columns, name
        assert [c for c in columns if c in query.columns] == list(query.columns), name


def test_calls_pass_their_arguments_to_the_sql(conn: psycopg.Connection) -> None:
    load(conn, "a", [tenure("President", "Dana Sarsen", D(2019, 3, 20)), seats("Blue Party", 62, D(2021, 1, 15))])
    load(conn, "b", [tenure("President", "Aru Bekov", D(2011, 5, 3), D(2020, 1, 1))])

    def column(query: interface.Query, name: str) -> list[object]:
        columns, rows = query.run(conn)
        return [row[columns.index(name)] for row in rows]

    assert column(interface.office_holders_on(D(2019, 12, 1)), "person") == ["Aru Bekov", "Dana Sarsen"]
    assert column(interface.office_holders_on(D(2019, 12, 1), offices=["Prime Minister"]), "person") == []
    assert column(interface.office_holders_on(D(2019, 12, 1), jurisdiction="UZ"), "person") == []
    before_b = conn.execute("select min(loaded_at) from kzgov.source_version where version = 1").fetchone()
    assert before_b is not None
    assert column(interface.office_holders_on(D(2019, 12, 1), before_b[0]), "person") == ["Dana Sarsen"]
    assert column(interface.party_seats_on(D(2022, 1, 1), chambers=["Senate"]), "party") == ["Blue Party"]
    assert column(interface.conflicts_on(matching="PRESIDENT"), "value") == ["Aru Bekov", "Dana Sarsen"]
    assert column(interface.conflicts_on(matching="presidents"), "value") == []
    assert column(interface.conflicts_on(topic="party_seats"), "value") == []
    assert column(interface.office_tenures(["President"]), "person") == ["Aru Bekov", "Dana Sarsen"]
    assert column(interface.sources(), "key") == ["a", "b"]
    assert column(interface.party_seat_counts(), "seats") == [62]
    assert column(interface.chamber_compositions(), "chamber") == []


def test_conflicts_on_refuses_an_unknown_topic() -> None:
    with pytest.raises(ValueError, match="unknown topic 'presidents'"):
        interface.conflicts_on(topic="presidents")
