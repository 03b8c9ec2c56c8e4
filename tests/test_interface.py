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
    "persons": interface.persons(),
    "person_record": interface.person_record([1, 2]),
    "popolo_memberships": interface.popolo_memberships(D(2020, 1, 1), NOW, D(2030, 1, 1)),
    "popolo_persons": interface.popolo_persons([1]),
    "popolo_organizations": interface.popolo_organizations([1]),
    "chamber_compositions": interface.chamber_compositions(),
    "party_seat_counts": interface.party_seat_counts(),
}
# Calls about the interface itself (its views and their comments), which answer on an empty database too,
# and calls that build others.
ABOUT = {"public_views", "view_rows", "comments", "comment_on", "point_in_time_tables"}


def test_every_call_is_listed() -> None:
    offered = {
        name
        for name, f in inspect.getmembers(interface, inspect.isfunction)
        if f.__module__ == interface.__name__ and not name.startswith("_")
    }
    assert offered - {"contains_pattern"} - ABOUT == set(CALLS)


def test_public_views_are_those_the_reader_may_read_with_their_comments(conn: psycopg.Connection) -> None:
    _, views = interface.public_views().run(conn)
    names = [name for name, _ in views]
    assert {"office_tenures", "conflicts", "sources", "resolved_office_holders"} <= set(names)
    assert not any(name.startswith("_") for name in names)
    assert all(comment for _, comment in views)
    for name in names:
        columns, _ = interface.view_rows(name).run(conn)
        _, described = interface.comments(name).run(conn)
        assert [c for c, _ in described] == columns, name
        assert interface.comment_on(name).run(conn)[1][0][0], name
    assert interface.comment_on("office_holders_on(date, timestamptz, date, text[], text)").run(conn)[1][0][0]


def test_point_in_time_tables_call_the_listed_functions() -> None:
    tables = interface.point_in_time_tables(D(2020, 1, 1), NOW, None)
    assert [t.name for t in tables] == [
        "office_holders_on",
        "chamber_seats_on",
        "party_seats_on",
        "elections_between",
        "election_results_between",
        "conflicts_on",
    ]
    assert all(f"kzgov.{t.name}(" in t.query.sql for t in tables)
    assert "conflicts_on" not in [t.name for t in interface.point_in_time_tables(D(2020, 1, 1), NOW, D(2020, 1, 1))]


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
    before_b = conn.execute("select min(loaded_at) from kzgov_internal.source_version where version = 1").fetchone()
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
