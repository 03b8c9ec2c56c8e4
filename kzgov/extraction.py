"""What a source would yield, without writing anything: the claims of files, one row each, for review.

`kzgov extract FILE...` prints these rows; users read them before `kzgov load`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kzgov import claims as c

COLUMNS = ["file", "line", "claim", "subject", "value", "valid_from", "valid_until", "basis", "quote"]
# The columns a terminal table shows; csv and json carry them all, json with every field of the claim.
NARROW = ["line", "claim", "subject", "value", "valid_from", "valid_until", "quote"]


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


def summary(claim: c.Claim) -> tuple[str, str, str]:
    """The kind of a claim, what it is about, and what it says of it, for reading at a glance."""
    match claim:
        case c.OfficeTenure():
            extra = [x for x in ("acting" if claim.acting else "", claim.party or "") if x]
            return "office_tenure", claim.office, claim.person + (f" ({', '.join(extra)})" if extra else "")
        case c.ChamberComposition():
            parts = [
                f"{label} {value}"
                for label, value in (
                    ("total", claim.total_seats),
                    ("elected", claim.elected_seats),
                    ("appointed", claim.appointed_seats),
                    ("party list", claim.party_list_seats),
                    ("single-member", claim.single_member_seats),
                    ("term years", claim.term_years),
                )
                if value is not None
            ]
            if claim.election_method:
                parts.append(claim.election_method)
            return "chamber_composition", claim.body, ", ".join(parts)
        case c.PartySeats():
            return (
                "party_seats",
                claim.party,
                f"{claim.seats} seats" + (f" in {claim.chamber}" if claim.chamber else ""),
            )
        case c.Election():
            parts = [claim.status]
            if claim.early:
                parts.append("early")
            if claim.turnout_pct is not None:
                parts.append(f"turnout {_num(claim.turnout_pct)}%")
            return "election", f"{claim.kind} election", ", ".join(parts)
        case c.ElectionResult():
            who = claim.candidate or claim.party or ""
            if claim.candidate and claim.party:
                who = f"{claim.candidate} ({claim.party})"
            parts = [
                text
                for text in (
                    f"{_num(claim.vote_share)}%" if claim.vote_share is not None else "",
                    f"{claim.votes} votes" if claim.votes is not None else "",
                    f"{claim.seats} seats" if claim.seats is not None else "",
                    f"{claim.list_seats} list" if claim.list_seats is not None else "",
                    f"{claim.district_seats} district" if claim.district_seats is not None else "",
                    claim.outcome or "",
                )
                if text
            ]
            election = claim.election_ref.split(":")[0]
            return "election_result", who, f"{', '.join(parts)} ({election} election)"
        case c.BodyEvent():
            return "body_event", claim.body, claim.event + (f": {claim.detail}" if claim.detail else "")
        case c.Indicator():
            value = _num(claim.value) + (f" {claim.unit}" if claim.unit else "")
            if claim.rank is not None:
                value = f"rank {claim.rank}" + (f" of {claim.out_of}" if claim.out_of else "")
            return "indicator", claim.subject, f"{claim.indicator}: {value}"
        case c.AdminDivision():
            return "admin_division", claim.name, claim.kind + (f", centre {claim.center}" if claim.center else "")
    return type(claim).__name__, "", ""


def _bound(date: dt.date | None, precision: str | None) -> str:
    if date is None or precision is None:
        return ""
    return {"year": f"{date.year:04d}", "month": f"{date.year:04d}-{date.month:02d}"}.get(precision, date.isoformat())


def _fields(claim: c.Claim) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(claim):
        if f.name in ("evidence", "period"):
            continue
        out[f.name] = getattr(claim, f.name)
    return out


def rows(path: Path, *, with_fields: bool = False) -> Iterator[tuple[Any, ...]]:
    """One row per claim a file would yield (its columns are COLUMNS, then the claim's fields if asked)."""
    from kzgov.loading import iter_claims, read_source

    source = read_source(path)
    _document, found = iter_claims(source)
    for claim in found:
        kind, subject, value = summary(claim)
        p = claim.period
        row: tuple[Any, ...] = (
            str(path),
            claim.evidence.line,
            kind,
            subject,
            value,
            _bound(p.start, p.start_precision),
            _bound(p.end, p.end_precision),
            p.basis + (" (window)" if p.window else ""),
            claim.evidence.quote,
        )
        yield (*row, _fields(claim)) if with_fields else row
