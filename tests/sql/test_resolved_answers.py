"""Resolved answers: one answer by a stated rule, naming the rule and the dissenting sources."""

from __future__ import annotations

import pytest
from sql_fixtures import D, claim_id, composition, kurultai_now, load, rows, seats, tenure


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
