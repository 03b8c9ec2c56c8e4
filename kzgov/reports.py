"""kzgov's questions as pandas DataFrames, for report scripts.

Each function runs one call of the SQL interface (kzgov.interface, which knows the views and functions of
sql/ and their arguments) and returns its rows as a DataFrame: what was true when, what the database knew
when, and what had been published by when are all decided in the database, never here. Every function
takes a SQLAlchemy Engine or a database URL (``kzgov.db.create_engine_for`` makes an engine of it,
disposed after the call), and dates as ``datetime.date`` or ISO text.

    from kzgov import reports
    reports.office_holders_on("postgresql://...", "2023-06-01")
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from kzgov import interface

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.engine import Engine

DateLike = dt.date | str
MomentLike = dt.datetime | str

TOPICS = interface.TOPICS  # the topics conflicts() takes


@contextlib.contextmanager
def _engine(engine_or_url: Engine | str) -> Iterator[Engine]:
    """The engine given, or one made for the URL given and disposed afterwards."""
    if not isinstance(engine_or_url, str):
        yield engine_or_url
        return
    from kzgov.db import create_engine_for

    engine = create_engine_for(engine_or_url)
    try:
        yield engine
    finally:
        engine.dispose()


def _date(value: DateLike | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _day(value: DateLike) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _moment(value: MomentLike | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _frame(engine_or_url: Engine | str, query: interface.Query) -> pd.DataFrame:
    """The rows of query as a DataFrame."""
    import pandas as pd

    with _engine(engine_or_url) as engine, engine.connect() as conn:
        # A plain string goes to the driver as it is (psycopg's %(name)s parameters, as kzgov.interface writes).
        return pd.read_sql_query(query.sql, conn, params=dict(query.params))


def office_holders_on(
    engine_or_url: Engine | str,
    on_date: DateLike,
    known_at: MomentLike | None = None,
    published_by: DateLike | None = None,
    offices: Sequence[str] | None = None,
    jurisdiction: str | None = None,
) -> pd.DataFrame:
    """Who held which office on on_date, one row per source claim (kzgov.office_holders_on); offices and
    jurisdiction narrow the question."""
    return _frame(
        engine_or_url,
        interface.office_holders_on(_day(on_date), _moment(known_at), _date(published_by), offices, jurisdiction),
    )


def chamber_seats_on(
    engine_or_url: Engine | str,
    on_date: DateLike,
    known_at: MomentLike | None = None,
    published_by: DateLike | None = None,
    chambers: Sequence[str] | None = None,
    jurisdiction: str | None = None,
) -> pd.DataFrame:
    """Size and make-up of chambers, courts and councils on on_date, one row per source claim; chambers and
    jurisdiction narrow the question."""
    return _frame(
        engine_or_url,
        interface.chamber_seats_on(_day(on_date), _moment(known_at), _date(published_by), chambers, jurisdiction),
    )


def party_seats_on(
    engine_or_url: Engine | str,
    on_date: DateLike,
    known_at: MomentLike | None = None,
    published_by: DateLike | None = None,
) -> pd.DataFrame:
    """Seats parties held on on_date, one row per source claim (chamber None when the source does not say)."""
    return _frame(engine_or_url, interface.party_seats_on(_day(on_date), _moment(known_at), _date(published_by)))


def elections_between(
    engine_or_url: Engine | str,
    from_date: DateLike | None,
    to_date: DateLike | None,
    known_at: MomentLike | None = None,
    published_by: DateLike | None = None,
) -> pd.DataFrame:
    """Elections held in [from_date, to_date) (None: unbounded), one row per source claim."""
    return _frame(
        engine_or_url,
        interface.elections_between(_date(from_date), _date(to_date), _moment(known_at), _date(published_by)),
    )


def election_results(
    engine_or_url: Engine | str,
    from_date: DateLike | None = None,
    to_date: DateLike | None = None,
    known_at: MomentLike | None = None,
    published_by: DateLike | None = None,
) -> pd.DataFrame:
    """Results of the elections held in [from_date, to_date) (None: unbounded), one row per source claim."""
    return _frame(
        engine_or_url,
        interface.election_results_between(_date(from_date), _date(to_date), _moment(known_at), _date(published_by)),
    )


def conflicts(
    engine_or_url: Engine | str,
    topic: str | None = None,
    on_date: DateLike | None = None,
    known_at: MomentLike | None = None,
) -> pd.DataFrame:
    """Where claims disagree, one row per claim grouped by conflict_id (kzgov.conflicts_on; None: all dates, now).

    topic narrows to one fact table: office_tenure, chamber_composition, party_seats, indicator or election_result.
    """
    return _frame(engine_or_url, interface.conflicts_on(_date(on_date), _moment(known_at), topic=topic))


def sources(engine_or_url: Engine | str) -> pd.DataFrame:
    """Every source: its latest version's metadata and how many claims it currently makes (kzgov.sources)."""
    return _frame(engine_or_url, interface.sources())
