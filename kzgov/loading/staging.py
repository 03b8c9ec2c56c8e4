"""Claims to staging rows: each claim's period resolved, its names keyed, its identity (claim_key) computed,
and the rows streamed with COPY into private staging tables, one per kind (kzgov.loading.specs)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from kzgov import claims as c
from kzgov.loading.specs import BY_TABLE, SPECS, spec_for

# The staged columns every kind has, and the SQL types of those that are not text.
COMMON = (
    "claim_key",
    "jurisdiction_code",
    "valid",
    "valid_from_precision",
    "valid_until_precision",
    "basis",
    "valid_window",
    "quote",
    "quote_start",
    "quote_end",
    "quote_line",
)
_COMMON_TYPES = {"quote_start": "int", "quote_end": "int", "quote_line": "int", "valid_window": "boolean"}

Row = tuple[str, dict[str, Any]]  # a fact table and a staged row for it


@dataclass
class Context:
    """What resolving a claim's period and names needs to know about its source version."""

    published_on: dt.date | None
    retrieved_on: dt.date
    latest_date_mentioned: dt.date | None
    election_keys: dict[str, str] = field(default_factory=dict)  # claim keys of the document's elections by ref


def period_fields(period: c.Period, ctx: Context) -> tuple[str, str | None, str | None, str, bool]:
    """daterange literal, precisions, basis, window: a statement about the present gets its date here."""
    if period.basis == "as_of_publication":
        if ctx.published_on is not None:
            day, next_day = ctx.published_on, ctx.published_on + dt.timedelta(days=1)
            return f"[{day},{next_day})", "day", "day", "as_of_publication", False
        # Unknown publication date: the statement was made at an unknown moment no earlier than the
        # latest date the text mentions and no later than the day our copy was obtained.
        earliest = ctx.latest_date_mentioned
        end = ctx.retrieved_on + dt.timedelta(days=1)
        if earliest is not None and earliest >= end:
            earliest = None
        return f"[{earliest or ''},{end})", ("day" if earliest else None), "day", "as_of_publication", True
    start = period.start.isoformat() if period.start else ""
    until = period.end.isoformat() if period.end else ""
    return f"[{start},{until})", period.start_precision, period.end_precision, period.basis, period.window


def claim_key(*parts: Any) -> str:
    """The key of a claim's identity: the same claim has it in every version of its source."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def stage_row(claim: c.Claim, ctx: Context) -> Row:
    """The staging table and row for a claim; claim_key identifies it across source versions."""
    spec = spec_for(claim)
    valid, from_p, until_p, basis, window = period_fields(claim.period, ctx)
    ev = claim.evidence
    row: dict[str, Any] = {
        "jurisdiction_code": claim.jurisdiction,
        "valid": valid,
        "valid_from_precision": from_p,
        "valid_until_precision": until_p,
        "basis": basis,
        "valid_window": window,
        "quote": ev.quote,
        "quote_start": ev.start,
        "quote_end": ev.end,
        "quote_line": ev.line,
    }
    staged, identity = spec.stage(claim, ctx)
    row |= staged
    # The period as the source states it. A statement about the present in a source of unknown date states
    # no period of its own: its window comes from the copy (the latest date it mentions, the day it was
    # obtained), so it is left out, and an edited copy obtained another day restates the same claim.
    undated = basis == "as_of_publication" and window
    stated = ("as of publication, date unknown",) if undated else (valid, from_p, until_p, basis, window)
    row["claim_key"] = claim_key(spec.table, (claim.jurisdiction, *identity), stated)
    if spec.keyed_by is not None:
        ctx.election_keys[getattr(claim, spec.keyed_by)] = row["claim_key"]
    return spec.table, row


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _bound_no_finer(bound: str, precision: str | None, other: str, other_precision: str | None) -> bool:
    """True when a period bound says no more than another: the same day at the same precision, or a coarser
    precision whose span holds the other bound ("2022" holds "September 2022"). An unknown bound is not a
    coarse one: a period with no end and one with an end are two statements."""
    if (bound, precision) == (other, other_precision):
        return True
    if not bound or not other or precision is None or other_precision is None:
        return False
    if _PRECISION_RANK[precision] <= _PRECISION_RANK[other_precision]:
        return False
    width = 4 if precision == "year" else 7  # YYYY or YYYY-MM of an ISO date
    return bound[:width] == other[:width]


def _says_no_more(row: dict[str, Any], other: dict[str, Any], columns: tuple[str, ...]) -> bool:
    """True when row states nothing other does not: each of its values is other's or left unsaid, and each
    bound of its period is other's or the same at a coarser precision."""
    if (row["basis"], row["valid_window"]) != (other["basis"], other["valid_window"]):
        return False
    (start, until), (other_start, other_until) = _bounds(row["valid"]), _bounds(other["valid"])
    if not (
        _bound_no_finer(start, row["valid_from_precision"], other_start, other["valid_from_precision"])
        and _bound_no_finer(until, row["valid_until_precision"], other_until, other["valid_until_precision"])
    ):
        return False
    return all(row.get(col) in (None, False) or row.get(col) == other.get(col) for col in columns)


def _bounds(valid: str) -> tuple[str, str]:
    low, high = valid[1:-1].split(",")
    return low, high


def merge_restatements(rows: list[Row]) -> tuple[list[Row], list[c.Uncovered]]:
    """One document stating one claim twice keeps one statement of it.

    A restatement says no more than another statement of the same document: the same kind, jurisdiction,
    basis and values, except those it leaves unsaid (a tenure once with the holder's party, once without),
    over the same period, or the same at a coarser precision ("from 2022" beside "from September 2022").
    The fuller statement is kept and the other goes to the coverage list naming the one kept. Anything else
    is a claim of its own, kept, even where it overlaps another (a person who held an office twice; a
    tenure stated with its end and without): the identical claim twice is one claim (its claim_key), the
    rest is the source's to state.
    """
    kept: list[Row] = []
    dropped: list[tuple[dict[str, Any], int]] = []  # a restatement, and the place of the statement kept for it
    groups: dict[tuple[Any, ...], list[int]] = {}
    for table, row in rows:
        spec = BY_TABLE[table]
        same = spec.same_claim()
        # Names are compared by their keys: two spellings of one name state the same thing.
        values = tuple(col for col in spec.columns() if col not in same and not col.endswith(("_name", "_kind")))
        identity = (table, row["jurisdiction_code"], *(row.get(f) for f in same))
        group = groups.setdefault(identity, [])
        fuller = next((i for i in group if _says_no_more(row, kept[i][1], values)), None)
        if fuller is not None:
            dropped.append((row, fuller))
            continue
        lesser = next((i for i in group if _says_no_more(kept[i][1], row, values)), None)
        if lesser is None:
            group.append(len(kept))
            kept.append((table, row))
            continue
        dropped.append((kept[lesser][1], lesser))
        kept[lesser] = (table, row)
    # Each restatement names the statement finally kept in its place.
    restated = [
        c.Uncovered(
            c.Evidence(loser["quote"], loser["quote_start"], loser["quote_end"], loser["quote_line"]),
            f"restates the claim quoted at line {kept[place][1]['quote_line']}",
        )
        for loser, place in dropped
    ]
    return kept, restated


def scalar(cur: psycopg.Cursor[Any]) -> Any:
    """The one value of the one row the cursor's last statement returned."""
    row = cur.fetchone()
    assert row is not None
    return row[0]


def stage_name(table: str) -> str:
    """The staging table of a fact table."""
    return f"_stage_{table}"


def create_staging(cur: psycopg.Cursor[Any]) -> None:
    """The load's private staging tables, dropped at commit."""
    for spec in SPECS:
        columns = [f"{name} {_COMMON_TYPES.get(name, 'text')}" for name in COMMON]
        columns += [f"{name} {kind}" for name, kind in spec.columns().items()]
        cur.execute(f"create temporary table {stage_name(spec.table)} ({', '.join(columns)}) on commit drop")
    cur.execute("create temporary table _touched_offices (office_id bigint) on commit drop")
    cur.execute("create temporary table _stage_retired (claim_key text) on commit drop")


def copy_claims(cur: psycopg.Cursor[Any], rows: Iterator[Row], progress: Callable[[int], None] | None) -> int:
    """Stream staging rows into their tables with COPY; one COPY per run of rows of one table."""
    count = 0
    current: str | None = None
    columns: list[str] = []
    copy_cm = None
    copy = None
    try:
        for table, row in rows:
            if table != current:
                if copy_cm is not None:
                    copy_cm.__exit__(None, None, None)
                columns = [*COMMON, *BY_TABLE[table].columns()]
                copy_cm = cur.copy(
                    sql.SQL("copy {} ({}) from stdin").format(
                        sql.Identifier(stage_name(table)), sql.SQL(", ").join(map(sql.Identifier, columns))
                    )
                )
                copy = copy_cm.__enter__()
                current = table
            assert copy is not None
            copy.write_row([row.get(column) for column in columns])
            count += 1
            if progress is not None and count % 5000 == 0:
                progress(5000)
    except BaseException as exc:
        if copy_cm is not None:
            copy_cm.__exit__(type(exc), exc, exc.__traceback__)
            copy_cm = None
        raise
    finally:
        if copy_cm is not None:
            copy_cm.__exit__(None, None, None)
    if progress is not None:
        progress(count % 5000)
    return count
