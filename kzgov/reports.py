"""kzgov's questions as pandas DataFrames, for report scripts.

Each function is one call of a view or function of the SQL interface (sql/) with bound
parameters: what was true when, what the database knew when, and what had been published by
when are all decided there, never here. Every function takes a SQLAlchemy Engine or a database
URL (``kzgov.db.create_engine_for`` makes an engine of it, disposed after the call).

    from kzgov import reports
    reports.office_holders_on("postgresql://...", "2023-06-01")
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.engine import Engine

DateLike = dt.date | str
MomentLike = dt.datetime | str

TOPICS = ("office_tenure", "chamber_composition", "party_seats", "indicator", "election_result")


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


def _moment(value: MomentLike | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _frame(engine_or_url: Engine | str, query: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """The rows of query, run with bound params, as a DataFrame."""
    import pandas as pd
    from sqlalchemy import text

    with _engine(engine_or_url) as engine, engine.connect() as conn:
        return pd.read_sql_query(text(query), conn, params=params or {})


# known_at NULL asks the SQL for what is recorded now; published_by NULL means no restriction.
_AXES = "cast(:known_at as timestamptz), cast(:published_by as date)"


# Optional narrowing: exact names (as in the office or chamber column) and an ISO jurisdiction code.
_NARROW = "cast(:names as text[]), cast(:jurisdiction as text)"


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
        f"select * from kzgov.office_holders_on(cast(:on_date as date), {_AXES}, {_NARROW})",
        {
            "on_date": _date(on_date),
            "known_at": _moment(known_at),
            "published_by": _date(published_by),
            "names": list(offices) if offices is not None else None,
            "jurisdiction": jurisdiction,
        },
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
        f"select * from kzgov.chamber_seats_on(cast(:on_date as date), {_AXES}, {_NARROW})",
        {
            "on_date": _date(on_date),
            "known_at": _moment(known_at),
            "published_by": _date(published_by),
            "names": list(chambers) if chambers is not None else None,
            "jurisdiction": jurisdiction,
        },
    )


def party_seats_on(
    engine_or_url: Engine | str,
    on_date: DateLike,
    known_at: MomentLike | None = None,
    published_by: DateLike | None = None,
) -> pd.DataFrame:
    """Seats parties held on on_date, one row per source claim (chamber None when the source does not say)."""
    return _frame(
        engine_or_url,
        f"select * from kzgov.party_seats_on(cast(:on_date as date), {_AXES})",
        {"on_date": _date(on_date), "known_at": _moment(known_at), "published_by": _date(published_by)},
    )


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
        f"select * from kzgov.elections_between(cast(:from_date as date), cast(:to_date as date), {_AXES})",
        {
            "from_date": _date(from_date),
            "to_date": _date(to_date),
            "known_at": _moment(known_at),
            "published_by": _date(published_by),
        },
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
        f"select * from kzgov.election_results_between(cast(:from_date as date), cast(:to_date as date), {_AXES})",
        {
            "from_date": _date(from_date),
            "to_date": _date(to_date),
            "known_at": _moment(known_at),
            "published_by": _date(published_by),
        },
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
    if topic is not None and topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}: expected one of {', '.join(TOPICS)}")
    return _frame(
        engine_or_url,
        "select * from kzgov.conflicts_on(cast(:on_date as date), cast(:known_at as timestamptz))"
        " where cast(:topic as text) is null or topic = cast(:topic as text)",
        {"on_date": _date(on_date), "known_at": _moment(known_at), "topic": topic},
    )


def sources(engine_or_url: Engine | str) -> pd.DataFrame:
    """Every source: its latest version's metadata and how many claims it currently makes (kzgov.sources)."""
    return _frame(engine_or_url, "select * from kzgov.sources order by key")
