"""A renamed party keeps one identity, and the views name it as it was called on the day a claim speaks of."""

from __future__ import annotations

from pathlib import Path

import psycopg

from kzgov.loading import load_paths

# Nur Otan was renamed Amanat on 1 March 2022 (kzgov/data/aliases.csv gives the former name its end).
RESULTS = """election_kind,held_on,candidate,party,vote_share,seats,quote
parliamentary,2012-01-15,,Nur Otan,80.99,83,Nur Otan won 83 seats in 2012.
parliamentary,2023-03-19,,Amanat,53.9,62,Amanat won 62 seats in 2023.
"""
ELECTIONS = """kind,held_on,status,early,quote
parliamentary,2012-01-15,held,,The 2012 election.
parliamentary,2023-03-19,held,true,The 2023 election.
"""
SEATS = """party,chamber,seats,valid_from,valid_until,quote
Amanat,Mazhilis,83,2012-01-20,2016-03-25,The ruling party held 83 seats.
Nur Otan,Mazhilis,62,2023-03-29,,The ruling party holds 62 seats.
"""
EVENTS = """body,event,date,detail,quote
Nur Otan,renamed,2022-03-01,Amanat,The party was renamed on 1 March 2022.
Amanat,congress,2023-01-10,,The party met on 10 January 2023.
"""


def test_views_show_the_name_in_use_on_the_claims_day_and_one_party_id(database_url: str, tmp_path: Path) -> None:
    for name, text in (("elections", ELECTIONS), ("results", RESULTS), ("seats", SEATS), ("events", EVENTS)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    load_paths(database_url, [tmp_path / "elections.csv"])
    load_paths(database_url, [tmp_path / n for n in ("results.csv", "seats.csv", "events.csv")])
    with psycopg.connect(database_url) as conn:
        results = conn.execute(
            "select held_on::text, candidate_or_party, party, party_id from kzgov.election_results order by held_on"
        ).fetchall()
        seats = conn.execute(
            "select valid_from::text, party, party_id from kzgov.party_seat_counts order by valid_from"
        ).fetchall()
        events = conn.execute("select event, body from kzgov.body_events order by valid_from").fetchall()
    assert [(r[0], r[1], r[2]) for r in results] == [
        ("2012-01-15", "Nur Otan", "Nur Otan"),
        ("2023-03-19", "Amanat", "Amanat"),
    ]
    assert [(r[0], r[1]) for r in seats] == [("2012-01-20", "Nur Otan"), ("2023-03-29", "Amanat")]
    assert len({r[3] for r in results} | {r[2] for r in seats}) == 1  # one party under both names
    # A renaming is named by the name it ended; what happened later, by the name then in use.
    assert events == [("renamed", "Nur Otan"), ("congress", "Amanat")]
