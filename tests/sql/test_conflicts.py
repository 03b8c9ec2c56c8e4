"""Conflicts: disagreeing claims side by side, grouped by subject, attribute and stretch of valid time."""

from __future__ import annotations

import datetime as dt

import pytest
from sql_fixtures import D, composition, election, indicator, kurultai_now, load, result, rows, seats, tenure

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
