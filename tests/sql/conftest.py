"""Fixtures shared by the tests of the SQL interface (sql/); the helpers they call are in tests/sql_fixtures.py."""

from __future__ import annotations

import psycopg
import pytest
from sql_fixtures import D, composition, election, load, result, seats, tenure


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
