"""Reading the tables of a document by what their header says they hold."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kzgov.claims import (
    AdminDivision,
    Claim,
    DivisionKind,
    ElectionResult,
    OfficeTenure,
    PartySeats,
    Period,
    ResultOutcome,
)
from kzgov.parsing.document import Builder
from kzgov.parsing.rules import _person, aop
from kzgov.parsing.text import parse_date, parse_int, parse_number
from kzgov.parsing.vocab import canonical_office, find_bodies, institution_head, office_prefix

_EMPTY_CELLS = {"", "-", "—", "–", "n/a", "none", "vacant", "?"}


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: its cells without markup, and the span of its line in the document."""

    cells: list[str]
    start: int
    end: int


Reader = Callable[[Builder, Row], list[Claim]]


def _column(header: list[str], pattern: str, exclude: set[int] | None = None) -> int | None:
    for i, cell in enumerate(header):
        if (exclude is None or i not in exclude) and re.search(pattern, cell, re.IGNORECASE):
            return i
    return None


def _cell(row: Row, index: int | None) -> str | None:
    if index is None or index >= len(row.cells):
        return None
    value = row.cells[index].strip()
    return None if value.lower() in _EMPTY_CELLS else value


def read_table(b: Builder, header: list[str], rows: list[Row]) -> None:
    """Turn each row into claims according to the header; rows that yield none may be uncovered."""
    reader = _choose_reader(b, header)
    for row in rows:
        claims = reader(b, row) if reader is not None else []
        b.record(row.start, row.end, claims, b.text[row.start : row.end], None if claims else _no_claim(reader))


def _no_claim(reader: Reader | None) -> str:
    return "table row without a readable fact" if reader is not None else "table with no recognised columns"


def _choose_reader(b: Builder, header: list[str]) -> Reader | None:
    party = _column(header, r"\bpart(?:y|ies)\b")
    candidate = _column(header, r"\bcandidate|nominee\b")
    votes = _column(header, r"vote|share|%|percent")
    seats = _column(header, r"\bseats?\b|\bmandates\b")
    if votes is not None and (party is not None or candidate is not None) and b.ctx.elections:
        return _results_reader(header, party, candidate, votes, seats)
    leader = _column(header, r"\bleader|chair(?:man|person)?\b|\bhead\b")
    if party is not None and (seats is not None or leader is not None):
        return _party_reader(b, header, party, seats, leader)
    office = _column(header, r"\binstitution|office|position|post|title|body\b")
    holder = _column(
        header,
        r"\bhead|leader|holder|incumbent|name|officeholder\b",
        {office} if office is not None else None,
    )
    if office is not None and holder is not None:
        return _office_reader(header, office, holder)
    region = _column(header, r"\bregion|province|oblys|oblast|division\b")
    center = _column(header, r"\bcent(?:re|er)|capital|administrative\b", {region} if region is not None else None)
    if region is not None and center is not None:
        return _region_reader(header, region, center)
    return None


def _party_reader(
    b: Builder, header: list[str], party_col: int, seats_col: int | None, leader_col: int | None
) -> Reader:
    # The chamber only when the seats column names it ("Seats (Mazhilis)"): never guessed.
    chamber = None
    if seats_col is not None:
        bodies = find_bodies(header[seats_col], b.ctx.subject)
        chamber = bodies[0].name if bodies else None

    def read(b: Builder, row: Row) -> list[Claim]:
        party = _cell(row, party_col)
        if party is None:
            return []
        ev = b.ctx.evidence(row.start, row.end)
        out: list[Claim] = []
        seats = parse_int(_cell(row, seats_col) or "")
        if seats is not None and seats >= 0:
            out.append(
                PartySeats(
                    evidence=ev,
                    period=aop(),
                    jurisdiction=b.ctx.jurisdiction,
                    party=party,
                    seats=seats,
                    chamber=chamber,
                )
            )
        leader = _person(_cell(row, leader_col))
        if leader is not None:
            out.append(
                OfficeTenure(
                    evidence=ev,
                    period=aop(),
                    jurisdiction=b.ctx.jurisdiction,
                    office="Party Leader",
                    person=leader,
                    organization=party,
                )
            )
        return out

    return read


def _office_reader(header: list[str], office_col: int, holder_col: int) -> Reader:
    role_col = _column(header, r"\brole|function|description|responsibilit")
    since_col = _column(header, r"\bsince|took office|from|start|assumed")
    until_col = _column(header, r"\buntil\b|\bleft office\b|\bto\b|\bend(?:ed)?\b")
    party_col = _column(header, r"\bpart(?:y|ies)\b")

    def read(b: Builder, row: Row) -> list[Claim]:
        institution, holder = _cell(row, office_col), _cell(row, holder_col)
        if institution is None or holder is None:
            return []
        office = canonical_office(institution) or institution_head(
            institution, _cell(row, role_col) or "", b.ctx.pm_heads_government
        )
        split = office_prefix(holder)
        person = _person(split[1] if split else holder)
        if person is None:
            return []
        start = parse_date(_cell(row, since_col) or "")
        end = parse_date(_cell(row, until_col) or "")
        if start or end:
            if start and end and end[0] <= start[0]:
                return []
            period = Period(
                start=start[0] if start else None,
                start_precision=start[1] if start else None,
                end=end[0] if end else None,
                end_precision=end[1] if end else None,
            )
        else:
            period = aop()
        tenure = OfficeTenure(
            evidence=b.ctx.evidence(row.start, row.end),
            period=period,
            jurisdiction=b.ctx.jurisdiction,
            office=office,
            person=person,
            party=_cell(row, party_col),
        )
        return [tenure]

    return read


def _region_reader(header: list[str], region_col: int, center_col: int) -> Reader:
    kind_col = _column(header, r"\btype|kind|status\b")

    def read(b: Builder, row: Row) -> list[Claim]:
        name = _cell(row, region_col)
        if name is None:
            return []
        kind: DivisionKind = "city" if re.search(r"\bcity\b", _cell(row, kind_col) or "", re.IGNORECASE) else "region"
        division = AdminDivision(
            evidence=b.ctx.evidence(row.start, row.end),
            period=aop(),
            jurisdiction=b.ctx.jurisdiction,
            name=name,
            kind=kind,
            center=_cell(row, center_col),
        )
        return [division]

    return read


def _results_reader(
    header: list[str], party_col: int | None, candidate_col: int | None, votes_col: int, seats_col: int | None
) -> Reader:
    outcome_col = _column(header, r"\bresult|outcome|status\b")

    def read(b: Builder, row: Row) -> list[Claim]:
        election = b.ctx.elections[-1]
        share = parse_number((_cell(row, votes_col) or "").rstrip("%").strip())
        seats = parse_int(_cell(row, seats_col) or "")
        candidate = _person(_cell(row, candidate_col))
        party = _cell(row, party_col)
        if (candidate is None and party is None) or (share is None and seats is None):
            return []
        if share is not None and not 0 <= share <= 100:
            return []
        said = (_cell(row, outcome_col) or "").lower()
        outcome: ResultOutcome | None = (
            "won" if re.search(r"won|elected|winner", said) else "lost" if "lost" in said else None
        )
        if "majority" in said:
            outcome = "majority"
        result = ElectionResult(
            evidence=b.ctx.evidence(row.start, row.end),
            period=election.period,
            jurisdiction=b.ctx.jurisdiction,
            election_ref=election.ref,
            candidate=candidate,
            party=party,
            vote_share=share,
            seats=seats if seats is not None and seats >= 0 else None,
            outcome=outcome,
        )
        return [result]

    return read
