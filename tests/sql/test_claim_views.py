"""The claim views: one row per currently recorded claim, with both time axes."""

from __future__ import annotations

import pytest
from sql_fixtures import D, load, rows, seats, tenure


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
