"""Structured CSV: one fact table per file, recognised by its header, read one record at a time.

Evidence spans are character offsets into the decoded file: the reader is fed one physical line at a
time (opened with newline='' so line endings are kept exactly) and the text of each record is kept
to locate its quote field.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import IO, TypeVar, get_args, overload

from kzgov.claims import (
    BODY_KINDS,
    DEFAULT_JURISDICTION,
    AdminDivision,
    BodyEvent,
    BodyEventKind,
    ChamberComposition,
    Claim,
    DivisionKind,
    Election,
    ElectionKind,
    ElectionResult,
    ElectionStatus,
    Evidence,
    Indicator,
    OfficeTenure,
    ParseError,
    PartySeats,
    Period,
    Precision,
    ResultOutcome,
)
from kzgov.parsing.text import event_period, iso_of, parse_iso


@dataclass(frozen=True, slots=True)
class Table:
    """A fact table: the columns it needs and the ones it may have."""

    label: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ("jurisdiction",)


TABLES: dict[str, Table] = {
    t.label: t
    for t in (
        Table(
            "office tenure",
            ("office", "person", "valid_from", "valid_until", "quote"),
            ("jurisdiction", "party", "organization", "acting"),
        ),
        Table(
            "chamber composition",
            (
                "body",
                "total_seats",
                "elected_seats",
                "appointed_seats",
                "term_years",
                "valid_from",
                "valid_until",
                "quote",
            ),
            ("jurisdiction", "body_kind", "election_method", "party_list_seats", "single_member_seats"),
        ),
        Table("party seats", ("party", "chamber", "seats", "valid_from", "valid_until", "quote")),
        Table(
            "election",
            ("kind", "held_on", "status", "early", "quote"),
            ("jurisdiction", "election", "held_on_precision", "turnout_pct"),
        ),
        Table(
            "election result",
            ("election_kind", "held_on", "candidate", "party", "vote_share", "seats", "quote"),
            ("jurisdiction", "outcome", "votes", "list_seats", "district_seats"),
        ),
        Table("body event", ("body", "event", "date", "detail", "quote")),
        Table(
            "indicator",
            ("subject", "indicator", "value", "unit", "rank", "out_of", "valid_from", "valid_until", "quote"),
        ),
        Table("admin division", ("name", "kind", "center", "valid_from", "valid_until", "quote")),
    )
}

_ELECTION_KINDS: frozenset[ElectionKind] = frozenset(get_args(ElectionKind))
_STATUSES: frozenset[ElectionStatus] = frozenset(get_args(ElectionStatus))
_OUTCOMES: frozenset[ResultOutcome] = frozenset(get_args(ResultOutcome))
_DIVISION_KINDS: frozenset[DivisionKind] = frozenset(get_args(DivisionKind))
_PRECISIONS: frozenset[Precision] = frozenset(get_args(Precision))
_EVENTS: frozenset[BodyEventKind] = frozenset(get_args(BodyEventKind))
_BOOLEANS = {"": None, "true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
INT4_MAX = 2**31 - 1  # the largest integer the database's integer columns hold
NUMBER_MAX = 1e15  # decimals beyond this lose digits as floats on their way to the database's numeric columns
INT8_MAX = 2**63 - 1  # and its bigint columns
_Word = TypeVar("_Word", bound=str)  # one of a fixed set of words: a Literal type


def _header_names(fields: list[str]) -> list[str]:
    return [f.strip().lstrip("\ufeff").strip().lower() for f in fields]


def choose_table(header: list[str], name: str, line: int = 1) -> Table:
    """The table a header describes; ParseError naming the file for duplicates, gaps or strangers."""
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise ParseError(f"{name}:{line}: duplicated column {column!r}")
        seen.add(column)
    matching = [t for t in TABLES.values() if set(t.required) <= seen]
    if matching:
        table = max(matching, key=lambda t: len(t.required))
        unknown = [c for c in header if c not in table.required and c not in table.optional]
        if unknown:
            raise ParseError(f"{name}:{line}: unknown column {unknown[0]!r} in a {table.label} file")
        return table
    best = max(TABLES.values(), key=lambda t: len(set(t.required) & seen))
    shared = len(set(best.required) & seen)
    if shared >= 2 and shared * 2 >= len(best.required):
        missing = [c for c in best.required if c not in seen]
        raise ParseError(f"{name}:{line}: missing required column {missing[0]!r} for a {best.label} file")
    raise ParseError(f"{name}: unknown header: {','.join(header)!r} is not one of the known fact tables")


def looks_like_header(line: str) -> bool:
    """Whether a first line reads as the header of one of the fact tables (even a faulty one)."""
    names = _header_names(line.split(","))
    if len(names) < 3 or not all(re.fullmatch(r"[a-z_]+", n) for n in names):
        return False
    known = {c for t in TABLES.values() for c in t.required}
    return "quote" in names and len(set(names) & known) >= 3


class _LineFeed:
    """Feeds csv.reader one physical line at a time and keeps the text of the current record."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.pending: list[str] = []
        self.lines_read = 0

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        line = self.stream.readline()
        if not line:
            raise StopIteration
        self.pending.append(line)
        self.lines_read += 1
        return line

    def take(self) -> str:
        """The raw text of the record csv.reader just returned."""
        raw = "".join(self.pending)
        self.pending.clear()
        return raw


def line_breaks(text: str) -> int:
    """How many line endings text holds, each of \\r\\n, \\r and \\n counted once."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _without_newline(raw: str) -> str:
    if raw.endswith("\r\n"):
        return raw[:-2]
    if raw.endswith(("\n", "\r")):
        return raw[:-1]
    return raw


def field_spans(record: str) -> list[tuple[int, int, bool]]:
    """The span of each field of one raw CSV record (standard dialect) and whether it was quoted."""
    spans: list[tuple[int, int, bool]] = []
    i, n = 0, len(record)
    while True:
        if i < n and record[i] == '"':
            j = i + 1
            while j < n:
                if record[j] == '"':
                    if j + 1 < n and record[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            end = min(j + 1, n)
            # Anything after the closing quote up to the comma belongs to the field as csv reads it.
            comma = record.find(",", end)
            field_end = n if comma < 0 else comma
            spans.append((i, field_end, True))
            i = field_end
        else:
            comma = record.find(",", i)
            field_end = n if comma < 0 else comma
            spans.append((i, field_end, False))
            i = field_end
        if i >= n:
            return spans
        i += 1  # past the comma
        if i == n:
            spans.append((n, n, False))
            return spans


@dataclass(slots=True)
class _Record:
    """One data row: its values by column and where it lies in the file."""

    name: str
    line: int
    values: dict[str, str]

    def fail(self, column: str, message: str) -> ParseError:
        """An error naming the file, the record's line and the field."""
        return ParseError(f"{self.name}:{self.line}: field {column}: {message}")

    def text(self, column: str, required: bool = False) -> str | None:
        """A stripped value; None when empty (an error when required).

        Outside the verbatim quote, runs of whitespace of any kind are one space, and a value may hold
        no invisible control or format character: a right-to-left override in a name shows another
        name than the one that is matched and stored.
        """
        value = self.values.get(column, "").strip()
        if not value:
            if required:
                raise self.fail(column, "empty")
            return None
        if column != "quote" and not value.isprintable():
            value = " ".join(value.split())  # a no-break space or tab copied from a web page is a space
            hidden = next((ch for ch in value if unicodedata.category(ch) in ("Cc", "Cf")), None)
            if hidden is not None:
                what = unicodedata.name(hidden, "a control character")
                raise self.fail(column, f"holds an invisible character U+{ord(hidden):04X} ({what})")
        return value

    def named(self, column: str, required: bool = False) -> str | None:
        """The name of a person or body: text with a letter or digit (what names are matched by)."""
        value = self.text(column, required)
        # Checked character by character: the cached name_key would hold every name of a large file.
        if value is not None and not any(map(str.isalnum, value)):
            raise self.fail(column, f"{value!r} is not a name: it has no letter or digit")
        return value

    def date(self, column: str, required: bool = False) -> tuple[dt.date, Precision] | None:
        """An ISO date with its precision."""
        value = self.text(column, required)
        if value is None:
            return None
        found = parse_iso(value)
        if found is None:
            raise self.fail(column, f"not a valid date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}")
        return found

    def integer(self, column: str, required: bool = False, maximum: int = INT4_MAX) -> int | None:
        """A whole, non-negative number, no larger than the database column holds (maximum)."""
        value = self.text(column, required)
        if value is None:
            return None
        if not re.fullmatch(r"[+-]?\d+", value):
            raise self.fail(column, f"not an integer: {value!r}")
        number = int(value)
        if number < 0:
            raise self.fail(column, f"negative: {number}")
        if number > maximum:
            raise self.fail(column, f"{number} is too large (at most {maximum})")
        return number

    def number(self, column: str) -> float | None:
        """A decimal number ("71", "52.4", "52.4%"); not "NaN", "inf", "1e400" or "1_000", which Python's
        float() would take."""
        value = self.text(column)
        if value is None:
            return None
        digits = value.removesuffix("%")
        if not re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", digits):
            raise self.fail(column, f"not a number: {value!r}")
        number = float(digits)
        if not math.isfinite(number) or abs(number) > NUMBER_MAX:
            raise self.fail(column, f"{value} is too large (at most {NUMBER_MAX:g})")
        return number

    def percent(self, column: str) -> float | None:
        """A number of per cent, 0-100 ("71", "52.4", "52.4%")."""
        value = self.number(column)
        if value is not None and not 0 <= value <= 100:
            raise self.fail(column, f"{value:g} is outside 0-100")
        return value

    def boolean(self, column: str) -> bool | None:
        """true/yes/1 or false/no/0 (any case); None when empty."""
        value = (self.text(column) or "").lower()
        if value not in _BOOLEANS:
            raise self.fail(column, f"not true or false: {value!r}")
        return _BOOLEANS[value]

    @overload
    def choice(self, column: str, allowed: Collection[_Word], default: _Word) -> _Word: ...
    @overload
    def choice(self, column: str, allowed: Collection[_Word], default: None = None) -> _Word | None: ...
    def choice(self, column: str, allowed: Collection[_Word], default: _Word | None = None) -> _Word | None:
        """One of a fixed set of words, lower-cased."""
        value = self.text(column)
        if value is None:
            return default
        lowered = value.lower()
        word = next((w for w in allowed if w == lowered), None)
        if word is None:
            raise self.fail(column, f"{value!r} is not one of {', '.join(sorted(allowed))}")
        return word

    def period(self) -> Period:
        """The period from valid_from (inclusive) to valid_until (exclusive)."""
        start, end = self.date("valid_from"), self.date("valid_until")
        if start and end and end[0] <= start[0]:
            raise self.fail("valid_until", f"ends on or before valid_from ({iso_of(*end)} <= {iso_of(*start)})")
        return Period(
            start=start[0] if start else None,
            start_precision=start[1] if start else None,
            end=end[0] if end else None,
            end_precision=end[1] if end else None,
        )

    def jurisdiction(self) -> str:
        """A two-letter country code, KZ by default."""
        value = self.text("jurisdiction")
        if value is None:
            return DEFAULT_JURISDICTION
        if not re.fullmatch(r"[A-Za-z]{2}", value):
            raise self.fail("jurisdiction", f"not a two-letter country code: {value!r}")
        return value.upper()


def _held_on(r: _Record, column: str = "held_on") -> tuple[dt.date, Precision]:
    found = r.date(column, required=True)
    assert found is not None
    stated = r.choice("held_on_precision", _PRECISIONS)
    if stated is not None and stated != found[1]:
        raise r.fail("held_on_precision", f"{stated!r} does not match held_on {r.text(column)!r}")
    _event_period(r, column, found)
    return found


def _event_period(r: _Record, column: str, when: tuple[dt.date, Precision]) -> Period:
    """The day, month or year of an event, which must end within the dates supported (by 9999-12-31)."""
    try:
        return event_period(*when)
    except (ValueError, OverflowError):
        raise r.fail(column, f"{iso_of(*when)} is out of range: all of it must fall before 9999-12-31") from None


def _tenure(r: _Record, ev: Evidence) -> Claim:
    return OfficeTenure(
        evidence=ev,
        period=r.period(),
        jurisdiction=r.jurisdiction(),
        office=r.text("office", True) or "",
        person=r.named("person", True) or "",
        party=r.named("party"),
        organization=r.named("organization"),
        acting=bool(r.boolean("acting")),
    )


def _composition(r: _Record, ev: Evidence) -> Claim:
    total, elected, appointed = (
        r.integer("total_seats"),
        r.integer("elected_seats"),
        r.integer("appointed_seats"),
    )
    if total is not None and (elected or 0) + (appointed or 0) > total:
        raise r.fail("total_seats", f"elected and appointed seats add up to more than {total}")
    party_list, single_member = r.integer("party_list_seats"), r.integer("single_member_seats")
    if total is not None and (party_list or 0) + (single_member or 0) > total:
        column = "party_list_seats" if single_member is None else "single_member_seats"
        raise r.fail(column, f"party-list and single-member seats add up to more than total_seats {total}")
    term = r.integer("term_years")
    if term is not None and not 1 <= term <= 99:
        raise r.fail("term_years", f"{term} is outside 1-99")
    stated = (total, elected, appointed, term, party_list, single_member, r.text("election_method"))
    if all(value is None for value in stated):
        raise r.fail("total_seats", "no seats, term or election method is given")
    return ChamberComposition(
        evidence=ev,
        period=r.period(),
        jurisdiction=r.jurisdiction(),
        body=r.named("body", True) or "",
        body_kind=r.choice("body_kind", BODY_KINDS, "chamber"),
        total_seats=total,
        elected_seats=elected,
        appointed_seats=appointed,
        term_years=term,
        election_method=r.text("election_method"),
        party_list_seats=party_list,
        single_member_seats=single_member,
    )


def _party_seats(r: _Record, ev: Evidence) -> Claim:
    return PartySeats(
        evidence=ev,
        period=r.period(),
        jurisdiction=r.jurisdiction(),
        party=r.named("party", True) or "",
        seats=r.integer("seats", True) or 0,
        chamber=r.named("chamber"),
    )


def _election(r: _Record, ev: Evidence) -> Claim:
    kind = r.choice("kind", _ELECTION_KINDS)
    if kind is None:
        raise r.fail("kind", "empty")
    held = _held_on(r)
    early = r.boolean("early")
    return Election(
        evidence=ev,
        period=_event_period(r, "held_on", held),
        jurisdiction=r.jurisdiction(),
        kind=kind,
        status=r.choice("status", _STATUSES, "held"),
        early=early,
        turnout_pct=r.percent("turnout_pct"),
        ref=f"{kind}:{iso_of(*held)}",
    )


def _result(r: _Record, ev: Evidence) -> Claim:
    kind = r.choice("election_kind", _ELECTION_KINDS)
    if kind is None:
        raise r.fail("election_kind", "empty")
    held = _held_on(r)
    share = r.percent("vote_share")
    candidate, party = r.named("candidate"), r.named("party")
    if candidate is None and party is None:
        raise r.fail("candidate", "neither a candidate nor a party is given")
    seats, list_seats, district_seats = r.integer("seats"), r.integer("list_seats"), r.integer("district_seats")
    if seats is not None and (list_seats or 0) + (district_seats or 0) > seats:
        column = "list_seats" if district_seats is None else "district_seats"
        raise r.fail(column, f"list and district seats add up to more than seats {seats}")
    return ElectionResult(
        evidence=ev,
        period=_event_period(r, "held_on", held),
        jurisdiction=r.jurisdiction(),
        election_ref=f"{kind}:{iso_of(*held)}",
        candidate=candidate,
        party=party,
        vote_share=share,
        votes=r.integer("votes"),
        seats=seats,
        list_seats=list_seats,
        district_seats=district_seats,
        outcome=r.choice("outcome", _OUTCOMES),
    )


def _body_event(r: _Record, ev: Evidence) -> Claim:
    event = r.choice("event", _EVENTS)
    if event is None:
        raise r.fail("event", "empty")
    when = r.date("date", True)
    assert when is not None
    return BodyEvent(
        evidence=ev,
        period=_event_period(r, "date", when),
        jurisdiction=r.jurisdiction(),
        body=r.named("body", True) or "",
        event=event,
        detail=r.text("detail"),
    )


def _indicator(r: _Record, ev: Evidence) -> Claim:
    value, rank, out_of = r.number("value"), r.integer("rank"), r.integer("out_of")
    for column, number in (("rank", rank), ("out_of", out_of)):
        if number == 0:
            raise r.fail(column, "0: ranks start at 1")
    if rank is not None and out_of is not None and rank > out_of:
        raise r.fail("rank", f"{rank} is more than out_of ({out_of})")
    if value is None and rank is None:
        raise r.fail("value", "neither a value nor a rank is given")
    return Indicator(
        evidence=ev,
        period=r.period(),
        jurisdiction=r.jurisdiction(),
        subject=r.text("subject", True) or "",
        indicator=r.text("indicator", True) or "",
        value=value,
        unit=r.text("unit"),
        rank=rank,
        out_of=out_of,
    )


def _division(r: _Record, ev: Evidence) -> Claim:
    kind = r.choice("kind", _DIVISION_KINDS)
    if kind is None:
        raise r.fail("kind", "empty")
    return AdminDivision(
        evidence=ev,
        period=r.period(),
        jurisdiction=r.jurisdiction(),
        name=r.text("name", True) or "",
        kind=kind,
        center=r.text("center"),
    )


_BUILDERS: dict[str, Callable[[_Record, Evidence], Claim]] = {
    "office tenure": _tenure,
    "chamber composition": _composition,
    "party seats": _party_seats,
    "election": _election,
    "election result": _result,
    "body event": _body_event,
    "indicator": _indicator,
    "admin division": _division,
}


def iter_records(stream: IO[str], name: str) -> Iterator[list[str]]:
    """The fields of each record of a CSV stream (opened with newline=''), header first, blank lines
    skipped: what a record says, to compare one version of a file with another."""
    reader = csv.reader(stream, strict=True)
    try:
        yield from (fields for fields in reader if fields)
    except csv.Error as exc:
        raise ParseError(f"{name}:{reader.line_num}: malformed CSV: {exc}") from None


def iter_stream_claims(stream: IO[str], name: str, wanted: Callable[[int], bool] | None = None) -> Iterator[Claim]:
    """Claims of a CSV read from an open text stream (opened with newline='').

    wanted, if given, is asked for each data record by its index (0 for the first after the header,
    blank lines not counted, as iter_records gives them) whether to build its claim: the others are
    read past, with their fields counted, but not checked.
    """
    feed = _LineFeed(stream)
    reader = csv.reader(feed, strict=True)
    offset = 0
    table: Table | None = None
    header: list[str] = []
    build: Callable[[_Record, Evidence], Claim] | None = None
    index = -1
    try:
        for fields in reader:
            raw = feed.take()
            start = offset
            offset += len(raw)
            if not fields:
                continue  # a blank line
            if table is not None:
                index += 1
                if wanted is not None and len(fields) == len(header) and not wanted(index):
                    continue
            breaks = line_breaks(raw)
            physical = breaks if raw.endswith(("\n", "\r")) else breaks + 1
            first_line = feed.lines_read - physical + 1
            if table is None:
                header = _header_names(fields)
                table = choose_table(header, name, first_line)
                build = _BUILDERS[table.label]
                continue
            if len(fields) != len(header):
                raise ParseError(f"{name}:{first_line}: expected {len(header)} fields, got {len(fields)}")
            record = _Record(name, first_line, dict(zip(header, fields, strict=True)))
            assert build is not None
            try:
                claim = build(record, _evidence(raw, start, first_line, header.index("quote"), fields))
            except ParseError:
                raise
            except ValueError as exc:  # e.g. a year 9999 event whose period would end past the calendar
                raise ParseError(f"{name}:{first_line}: {exc}") from None
            yield claim
    except csv.Error as exc:
        raise ParseError(f"{name}:{feed.lines_read}: malformed CSV: {exc}") from None
    if table is None:
        raise ParseError(f"{name}: unknown header: the file is empty")


def _evidence(raw: str, start: int, line: int, quote_index: int, fields: list[str]) -> Evidence:
    """The quote field's own text when it stands verbatim in the record, else the whole record."""
    record = _without_newline(raw)
    spans = field_spans(record)
    if len(spans) == len(fields):
        s, e, quoted = spans[quote_index]
        if quoted:
            s, e = s + 1, e - 1
        value = record[s:e]
        if value and value == fields[quote_index]:
            return Evidence(value, start + s, start + e, line + line_breaks(record[:s]))
    return Evidence(record, start, start + len(record), line)


def iter_csv_file(path_like: str, name: str, wanted: Callable[[int], bool] | None = None) -> Iterator[Claim]:
    """Claims of a CSV file, opened as UTF-8 with line endings kept."""
    with open(path_like, encoding="utf-8", newline="") as stream:
        yield from iter_stream_claims(stream, name, wanted)
