"""Writing a source's claims into the bitemporal tables.

Each source version loads in one transaction, all or nothing:
1. the file is read and checked (no database access yet);
2. under a per-source lock, its claims are parsed and streamed with COPY into
   private staging tables; a new version of a CSV source is read as its changes
   (kzgov.csvdiff): only the records it adds, and the claims of those it drops;
3. under a lock on the shared name tables, new persons, bodies and offices are
   added, claims the new version no longer makes have their recorded period
   closed, new claims are inserted, and unchanged claims are left exactly as
   they were;
4. ends of tenure inferred from successors are refreshed.
Loading the same content again changes nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import itertools
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import psycopg
from psycopg import sql

from kzgov import claims as c
from kzgov.claims import ParseError
from kzgov.names import canonical, name_key
from kzgov.parsing import iter_csv_claims
from kzgov.parsing.csvformat import iter_records
from kzgov.registry import SourceInfo, registry_for
from kzgov.tables import FACT_TABLES

if TYPE_CHECKING:
    from kzgov import csvdiff  # numpy: imported only when a source has a version to diff against

# A key begins with a letter or digit: "-rf" or "--help" would read as an option wherever a key is typed,
# and "." or ".." as a directory.
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
SOURCE_SUFFIXES = (".txt", ".md", ".csv")


class LoadError(RuntimeError):
    """A source that cannot be loaded; the message names the file and, where it can, the line or field."""


@dataclass
class TableCounts:
    added: int = 0
    unchanged: int = 0
    retired: int = 0


@dataclass
class LoadSummary:
    """What one load did to one source."""

    key: str
    file: Path
    status: str  # new, changed, unchanged
    version: int
    counts: dict[str, TableCounts] = field(default_factory=dict)
    uncovered: int = 0  # sentences with a date or number that yielded no claim
    restated: int = 0  # statements of a claim the document had already made

    @property
    def totals(self) -> TableCounts:
        return TableCounts(
            added=sum(t.added for t in self.counts.values()),
            unchanged=sum(t.unchanged for t in self.counts.values()),
            retired=sum(t.retired for t in self.counts.values()),
        )


@dataclass(frozen=True)
class SourceFile:
    """A source file, read and checked: its key, digest, format and, for a document, its text.

    A structured CSV source is streamed: text is None and the file is read again, block by block,
    wherever its content is needed.
    """

    path: Path
    key: str
    text: str | None
    sha256: str
    format: str
    chars: int = 0  # characters of text in the file: how far its parsing has come, as a share of it


BLOCK = 1 << 20  # bytes read at a time from a streamed source, and the size of its stored chunks


# -- reading ------------------------------------------------------------------------------------------


def source_files(paths: Iterable[Path], on_skip: Callable[[Path, str], None] | None = None) -> list[Path]:
    """The source files named by paths: a directory gives the files directly in it (links to files
    included); its registry file is read as metadata, and what else it holds is skipped, each with
    the reason passed to on_skip. A directory with no source file in it is an error that names it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside: list[Path] = []
            for p in sorted(path.iterdir()):
                reason = _not_a_source(p)
                if reason is None:
                    inside.append(p)
                elif on_skip is not None and p.name != "registry.csv":
                    on_skip(p, reason)
            if not inside:
                raise LoadError(f"{path}: no source files in this directory")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise LoadError(f"{path}: no such file or directory")
    return found


def _not_a_source(p: Path) -> str | None:
    """Why an entry of a loaded directory is not loaded, or None for a source file."""
    if p.name == "registry.csv":
        return "the directory's registry"
    if p.name.startswith("."):
        return "a hidden file"
    if p.is_dir():
        return "a directory: name it to load what it holds"
    if p.is_symlink() and not p.exists():
        return "a link to nothing"
    if not p.is_file():
        return "not a regular file"
    return None


def read_source(path: Path) -> SourceFile:
    """Read a file as a source: refuses empty, binary and non-UTF-8 files, and bad keys.

    A document is read whole; a structured CSV (known by its name or header line) is checked and
    digested block by block, never held in memory.
    """
    from kzgov.parsing import detect_format, is_csv_start

    key = path.stem
    if not KEY_PATTERN.match(key):
        raise LoadError(
            f"{path}: the file name gives the source key {key!r}, which must begin with a letter or digit"
            " and may only use A-Z a-z 0-9 _ . -"
        )
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(BLOCK)
        if is_csv_start(head.decode("utf-8", errors="replace"), str(path)):
            chars = sum(len(text) for text in _decoded_blocks(path, _blocks(handle, head), hasher))
            return SourceFile(path=path, key=key, text=None, sha256=hasher.hexdigest(), format="csv", chars=chars)
        text = "".join(_decoded_blocks(path, [head + handle.read()], hasher))
    try:
        fmt = detect_format(text, str(path))
    except ParseError as exc:
        raise LoadError(str(exc)) from None
    return SourceFile(path=path, key=key, text=text, sha256=hasher.hexdigest(), format=fmt, chars=len(text))


def _blocks(handle: BinaryIO, first: bytes = b"") -> Iterator[bytes]:
    """first, then the rest of an open file, BLOCK bytes at a time."""
    if first:
        yield first
    while block := handle.read(BLOCK):
        yield block


def _decoded_blocks(path: Path, blocks: Iterable[bytes], hasher: Any) -> Iterator[str]:
    """The text of a file's blocks, each decoded as it comes (a character cut at a block's end is finished
    by the next), fed to hasher; refuses empty, binary and non-UTF-8 files, naming the line."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = lines = 0
    blank = True
    for block in blocks:
        hasher.update(block)
        if offset == 0 and (wide := _wide_encoding(block)):
            raise LoadError(f"{path}:1: {wide} text, not UTF-8: save it as UTF-8 (e.g. iconv -f {wide} -t UTF-8)")
        nul = block.find(b"\x00")
        if nul >= 0:
            line = lines + block.count(b"\n", 0, nul) + 1
            raise LoadError(f"{path}:{line}: binary data (NUL byte), not a text source")
        pending = decoder.getstate()[0]  # the start of a character cut off by the previous block
        try:
            text = decoder.decode(block)
        except UnicodeDecodeError as exc:
            at = exc.start - len(pending)  # negative: inside the previous block's last bytes
            bad = block[at] if at >= 0 else pending[exc.start]
            line = lines + block.count(b"\n", 0, max(at, 0)) + 1
            raise LoadError(f"{path}:{line}: not UTF-8 (byte 0x{bad:02x} at offset {offset + at})") from None
        blank = blank and not block.strip()
        lines += block.count(b"\n")
        offset += len(block)
        yield text
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise LoadError(f"{path}:{lines + 1}: not UTF-8 (the file ends inside a character)") from None
    if blank:
        raise LoadError(f"{path}: empty file")


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, when the start of a file is that (a byte order mark, or ASCII text with every
    second byte NUL), else None."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32")):
        if head.startswith(bom):
            return name
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    sample = head[:64] if len(head) % 2 == 0 else head[: min(64, len(head) - 1)]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        if (not odd.strip(b"\x00") and b"\x00" not in even) or (not even.strip(b"\x00") and b"\x00" not in odd):
            return "UTF-16"
    return None


def iter_claims(source: SourceFile) -> tuple[c.ParsedDocument, Iterator[c.Claim]]:
    """The parsed document (metadata, coverage) and its claims, streamed for CSV."""
    from kzgov.parsing import iter_csv_claims, parse_document
    from kzgov.parsing.surnames import complete_surnames

    if source.format == "csv":
        return c.ParsedDocument(format="csv"), iter_csv_claims(source.path)
    document = parse_document(source.text, str(source.path))
    return document, iter(complete_surnames(document.claims))


# -- claims to staging rows ---------------------------------------------------------------------------


@dataclass
class Context:
    """What resolving a claim's period and names needs to know about its source version."""

    published_on: dt.date | None
    retrieved_on: dt.date
    latest_date_mentioned: dt.date | None
    election_keys: dict[str, str] = field(default_factory=dict)


def _period_fields(period: c.Period, ctx: Context) -> tuple[str, str | None, str | None, str, bool]:
    """daterange literal, precisions, basis, window: a statement about the present gets its date here."""
    if period.basis == "as_of_publication":
        if ctx.published_on is not None:
            start, end = ctx.published_on, ctx.published_on + dt.timedelta(days=1)
            return f"[{start},{end})", "day", "day", "as_of_publication", False
        # Unknown publication date: the statement was made at an unknown moment no earlier than the
        # latest date the text mentions and no later than the day our copy was obtained.
        start = ctx.latest_date_mentioned
        end = ctx.retrieved_on + dt.timedelta(days=1)
        if start is not None and start >= end:
            start = None
        return f"[{start or ''},{end})", ("day" if start else None), "day", "as_of_publication", True
    start = period.start.isoformat() if period.start else ""
    end = period.end.isoformat() if period.end else ""
    return f"[{start},{end})", period.start_precision, period.end_precision, period.basis, period.window


def _org(jurisdiction: str, name: str | None, kind: str) -> tuple[str | None, str | None, str]:
    if not name:
        return None, None, kind
    display = canonical("organization", name)
    return name_key(display), display, kind


def _person(name: str | None) -> tuple[str | None, str | None]:
    if not name:
        return None, None
    display = " ".join(name.split())
    return name_key(display), display


def _key(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _stated(**fields: Any) -> tuple[tuple[str, Any], ...]:
    """The fields a claim states (not None, not False), named: the part of its identity that fields added
    to a claim type contribute, empty when it states none of them."""
    return tuple((name, value) for name, value in fields.items() if value is not None and value is not False)


def stage_row(claim: c.Claim, ctx: Context) -> tuple[str, dict[str, Any]]:
    """The staging table and row for a claim; claim_key identifies it across source versions."""
    valid, from_p, until_p, basis, window = _period_fields(claim.period, ctx)
    period_id = (valid, from_p, until_p, basis, window)
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
    j = claim.jurisdiction
    match claim:
        case c.OfficeTenure():
            org_key, org_name, org_kind = _org(j, claim.organization, "party")
            person_key, person_name = _person(claim.person)
            party_key, party_name, _ = _org(j, claim.party, "party")
            office = canonical("office", claim.office)
            row |= dict(
                office_name=office,
                office_org_key=org_key,
                office_org_name=org_name,
                office_org_kind=org_kind,
                person_key=person_key,
                person_name=person_name,
                party_key=party_key,
                party_name=party_name,
                acting=claim.acting,
            )
            # A field added to a claim joins its identity only when the claim states it, so the claims
            # recorded before it existed keep their keys (as do those of sources that never state it).
            table, identity = (
                "office_tenure",
                (j, office, org_key, person_key, party_key, *_stated(acting=claim.acting)),
            )
        case c.ChamberComposition():
            org_key, org_name, org_kind = _org(j, claim.body, claim.body_kind)
            values = (
                claim.total_seats,
                claim.elected_seats,
                claim.appointed_seats,
                claim.term_years,
                claim.election_method,
            )
            row |= dict(
                org_key=org_key,
                org_name=org_name,
                org_kind=org_kind,
                total_seats=values[0],
                elected_seats=values[1],
                appointed_seats=values[2],
                term_years=values[3],
                election_method=values[4],
                party_list_seats=claim.party_list_seats,
                single_member_seats=claim.single_member_seats,
            )
            by_method = _stated(party_list_seats=claim.party_list_seats, single_member_seats=claim.single_member_seats)
            table, identity = "chamber_composition", (j, org_key, *values, *by_method)
        case c.PartySeats():
            party_key, party_name, _ = _org(j, claim.party, "party")
            chamber_key, chamber_name, _ = _org(j, claim.chamber, "chamber")
            row |= dict(
                party_key=party_key,
                party_name=party_name,
                chamber_key=chamber_key,
                chamber_name=chamber_name,
                seats=claim.seats,
            )
            table, identity = "party_seats", (j, party_key, chamber_key, claim.seats)
        case c.Election():
            row |= dict(kind=claim.kind, status=claim.status, early=claim.early, turnout_pct=claim.turnout_pct)
            table = "election"
            identity = (j, claim.kind, claim.status, claim.early, *_stated(turnout_pct=claim.turnout_pct))
        case c.ElectionResult():
            person_key, person_name = _person(claim.candidate)
            party_key, party_name, _ = _org(j, claim.party, "party")
            election_key = ctx.election_keys.get(claim.election_ref)
            election_kind = election_on = None
            if election_key is None:
                # A structured results file names its election as "kind:held_on" (recorded by any source).
                election_kind, _, election_on = claim.election_ref.partition(":")
            row |= dict(
                election_claim_key=election_key,
                election_kind=election_kind or None,
                election_held_on=election_on or None,
                person_key=person_key,
                person_name=person_name,
                party_key=party_key,
                party_name=party_name,
                vote_share=claim.vote_share,
                seats=claim.seats,
                outcome=claim.outcome,
                votes=claim.votes,
                list_seats=claim.list_seats,
                district_seats=claim.district_seats,
            )
            table = "election_result"
            identity = (
                j,
                election_key or claim.election_ref,
                person_key,
                party_key,
                claim.vote_share,
                claim.seats,
                claim.outcome,
                *_stated(votes=claim.votes, list_seats=claim.list_seats, district_seats=claim.district_seats),
            )
        case c.BodyEvent():
            org_key, org_name, org_kind = _org(j, claim.body, "other")
            row |= dict(org_key=org_key, org_name=org_name, org_kind=org_kind, event=claim.event, detail=claim.detail)
            table, identity = "body_event", (j, org_key, claim.event, claim.detail)
        case c.Indicator():
            row |= dict(
                subject=claim.subject,
                indicator=claim.indicator,
                value=claim.value,
                unit=claim.unit,
                rank=claim.rank,
                out_of=claim.out_of,
            )
            table = "indicator"
            identity = (j, claim.subject, claim.indicator, claim.value, claim.unit, claim.rank, claim.out_of)
        case c.AdminDivision():
            row |= dict(name=claim.name, kind=claim.kind, center=claim.center)
            table, identity = "admin_division", (j, claim.name, claim.kind, claim.center)
        case _:
            raise TypeError(f"unknown claim type {type(claim).__name__}")
    row["claim_key"] = _key(table, identity, period_id)
    if isinstance(claim, c.Election):
        ctx.election_keys[claim.ref] = row["claim_key"]
    return table, row


# The columns each table's exclusion constraint compares (besides source, basis and the two periods).
_SAME_CLAIM: dict[str, tuple[str, ...]] = {
    "office_tenure": ("office_name", "office_org_key", "person_key", "acting"),
    "chamber_composition": (
        "org_key",
        "total_seats",
        "elected_seats",
        "appointed_seats",
        "term_years",
        "election_method",
        "party_list_seats",
        "single_member_seats",
    ),
    "party_seats": ("party_key", "chamber_key", "seats"),
    "election": ("kind", "status"),
    "election_result": ("election_claim_key", "election_kind", "election_held_on", "person_key", "party_key"),
    "body_event": ("org_key", "event"),
    "indicator": ("subject", "indicator", "value", "rank"),
    "admin_division": ("name", "kind"),
}


def _bounds(valid: str) -> tuple[str, str]:
    low, high = valid[1:-1].split(",")
    return low or "0000-00-00", high or "9999-99-99"


def merge_restatements(
    rows: list[tuple[str, dict[str, Any]]],
) -> tuple[list[tuple[str, dict[str, Any]]], list[c.Uncovered]]:
    """One document stating one claim twice over overlapping periods keeps its fullest statement.

    The database refuses the same claim twice from one source over overlapping periods; a
    document that restates a fact (once with the holder's party, once without) keeps the
    statement with the most detail, and the other goes to the coverage list naming the one kept.
    """
    kept: list[tuple[str, dict[str, Any]]] = []
    dropped: list[c.Uncovered] = []
    groups: dict[tuple, list[int]] = {}
    detail = lambda row: sum(v is not None for v in row.values())  # noqa: E731 - a one-line ranking
    for table, row in rows:
        identity = (table, row["jurisdiction_code"], row["basis"], *(row.get(f) for f in _SAME_CLAIM[table]))
        low, high = _bounds(row["valid"])
        clash = next(
            (
                i
                for i in groups.get(identity, [])
                if _bounds(kept[i][1]["valid"])[0] < high and low < _bounds(kept[i][1]["valid"])[1]
            ),
            None,
        )
        if clash is None:
            groups.setdefault(identity, []).append(len(kept))
            kept.append((table, row))
            continue
        other = kept[clash][1]
        winner, loser = (row, other) if detail(row) > detail(other) else (other, row)
        kept[clash] = (table, winner)
        dropped.append(
            c.Uncovered(
                c.Evidence(loser["quote"], loser["quote_start"], loser["quote_end"], loser["quote_line"]),
                f"restates the claim quoted at line {winner['quote_line']}",
            )
        )
    return kept, dropped


# Staging columns beyond the common ones, per fact table.
_COMMON = (
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
_STAGE_COLUMNS: dict[str, dict[str, str]] = {
    "office_tenure": {
        "office_name": "text",
        "office_org_key": "text",
        "office_org_name": "text",
        "office_org_kind": "text",
        "person_key": "text",
        "person_name": "text",
        "party_key": "text",
        "party_name": "text",
        "acting": "boolean",
    },
    "chamber_composition": {
        "org_key": "text",
        "org_name": "text",
        "org_kind": "text",
        "total_seats": "int",
        "elected_seats": "int",
        "appointed_seats": "int",
        "term_years": "int",
        "election_method": "text",
        "party_list_seats": "int",
        "single_member_seats": "int",
    },
    "party_seats": {
        "party_key": "text",
        "party_name": "text",
        "chamber_key": "text",
        "chamber_name": "text",
        "seats": "int",
    },
    "election": {"kind": "text", "status": "text", "early": "boolean", "turnout_pct": "numeric"},
    "election_result": {
        "election_claim_key": "text",
        "election_kind": "text",
        "election_held_on": "date",
        "person_key": "text",
        "person_name": "text",
        "party_key": "text",
        "party_name": "text",
        "vote_share": "numeric",
        "seats": "int",
        "outcome": "text",
        "votes": "bigint",
        "list_seats": "int",
        "district_seats": "int",
    },
    "body_event": {
        "org_key": "text",
        "org_name": "text",
        "org_kind": "text",
        "event": "text",
        "detail": "text",
    },
    "indicator": {
        "subject": "text",
        "indicator": "text",
        "value": "numeric",
        "unit": "text",
        "rank": "int",
        "out_of": "int",
    },
    "admin_division": {"name": "text", "kind": "text", "center": "text"},
}
_COMMON_TYPES = {"quote_start": "int", "quote_end": "int", "quote_line": "int", "valid_window": "boolean"}

# How each fact table's rows are selected from its staging table: target columns, expressions, joins.
_INSERTS: dict[str, tuple[dict[str, str], str]] = {
    "office_tenure": (
        {"office_id": "o.id", "person_id": "p.id", "party_id": "pa.id", "acting": "s.acting"},
        "join _office_ids o on (o.jurisdiction_code, o.name, o.org_key) ="
        "  (s.jurisdiction_code, s.office_name, coalesce(s.office_org_key, ''))"
        " join _person_ids p on p.key = s.person_key"
        " left join _org_ids pa on (pa.jurisdiction_code, pa.key) = (s.jurisdiction_code, s.party_key)",
    ),
    "chamber_composition": (
        {
            "organization_id": "o.id",
            "total_seats": "s.total_seats",
            "elected_seats": "s.elected_seats",
            "appointed_seats": "s.appointed_seats",
            "term_years": "s.term_years",
            "election_method": "s.election_method",
            "party_list_seats": "s.party_list_seats",
            "single_member_seats": "s.single_member_seats",
        },
        "join _org_ids o on (o.jurisdiction_code, o.key) = (s.jurisdiction_code, s.org_key)",
    ),
    "party_seats": (
        {"party_id": "pa.id", "chamber_id": "ch.id", "seats": "s.seats"},
        "join _org_ids pa on (pa.jurisdiction_code, pa.key) = (s.jurisdiction_code, s.party_key)"
        " left join _org_ids ch on (ch.jurisdiction_code, ch.key) = (s.jurisdiction_code, s.chamber_key)",
    ),
    "election": ({"kind": "s.kind", "status": "s.status", "early": "s.early", "turnout_pct": "s.turnout_pct"}, ""),
    "election_result": (
        {
            "election_id": "e.id",
            "person_id": "p.id",
            "party_id": "pa.id",
            "vote_share": "s.vote_share",
            "seats": "s.seats",
            "outcome": "s.outcome",
            "votes": "s.votes",
            "list_seats": "s.list_seats",
            "district_seats": "s.district_seats",
        },
        "join lateral (select e.id from kzgov.election e"
        "  where upper_inf(e.recorded) and e.jurisdiction_code = s.jurisdiction_code and ("
        "   (e.source_id = %(source_id)s and e.claim_key = s.election_claim_key)"
        "   or (s.election_claim_key is null and e.kind = s.election_kind"
        "       and lower(e.valid) = s.election_held_on))"
        "  order by (e.source_id = %(source_id)s) desc, e.id limit 1) e on true"
        " left join _person_ids p on p.key = s.person_key"
        " left join _org_ids pa on (pa.jurisdiction_code, pa.key) = (s.jurisdiction_code, s.party_key)",
    ),
    "body_event": (
        {"organization_id": "o.id", "event": "s.event", "detail": "s.detail"},
        "join _org_ids o on (o.jurisdiction_code, o.key) = (s.jurisdiction_code, s.org_key)",
    ),
    "indicator": (
        {
            "subject": "s.subject",
            "indicator": "s.indicator",
            "value": "s.value",
            "unit": "s.unit",
            "rank": "s.rank",
            "out_of": "s.out_of",
        },
        "",
    ),
    "admin_division": ({"name": "s.name", "kind": "s.kind", "center": "s.center"}, ""),
}


# -- writing ------------------------------------------------------------------------------------------


def _stage_name(table: str) -> str:
    return f"_stage_{table}"


def _create_staging(cur: psycopg.Cursor) -> None:
    for table, extra in _STAGE_COLUMNS.items():
        columns = [f"{name} {_COMMON_TYPES.get(name, 'text')}" for name in _COMMON]
        columns += [f"{name} {kind}" for name, kind in extra.items()]
        cur.execute(f"create temporary table {_stage_name(table)} ({', '.join(columns)}) on commit drop")
    cur.execute("create temporary table _touched_offices (office_id bigint) on commit drop")
    cur.execute("create temporary table _stage_retired (claim_key text) on commit drop")


def _copy_claims(
    cur: psycopg.Cursor, rows: Iterator[tuple[str, dict[str, Any]]], progress: Callable[[int], None] | None
) -> int:
    """Stream staging rows into their tables with COPY; one COPY per run of rows of one table."""
    count = 0
    current: str | None = None
    copy_cm = None
    copy = None
    try:
        for table, row in rows:
            if table != current:
                if copy_cm is not None:
                    copy_cm.__exit__(None, None, None)
                columns = list(_COMMON) + list(_STAGE_COLUMNS[table])
                copy_cm = cur.copy(
                    sql.SQL("copy {} ({}) from stdin").format(
                        sql.Identifier(_stage_name(table)), sql.SQL(", ").join(map(sql.Identifier, columns))
                    )
                )
                copy = copy_cm.__enter__()
                current = table
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


# The names a load refers to, from its staging tables alone: built before the write lock is taken.
_NAME_REFS = """
create temporary table _org_refs on commit drop as
select distinct on (jurisdiction_code, key) jurisdiction_code, key, name, kind from (
    select jurisdiction_code, office_org_key as key, office_org_name as name, office_org_kind as kind
      from _stage_office_tenure where office_org_key is not null
    union all select jurisdiction_code, party_key, party_name, 'party' from _stage_office_tenure
      where party_key is not null
    union all select jurisdiction_code, org_key, org_name, org_kind from _stage_chamber_composition
    union all select jurisdiction_code, party_key, party_name, 'party' from _stage_party_seats
    union all select jurisdiction_code, chamber_key, chamber_name, 'chamber' from _stage_party_seats
      where chamber_key is not null
    union all select jurisdiction_code, party_key, party_name, 'party' from _stage_election_result
      where party_key is not null
    union all select jurisdiction_code, org_key, org_name, org_kind from _stage_body_event
) refs order by jurisdiction_code, key, name;

create temporary table _person_refs on commit drop as
select distinct on (key) key, name from (
    select person_key as key, person_name as name from _stage_office_tenure
    union all select person_key, person_name from _stage_election_result where person_key is not null
) refs order by key, name;

analyze _org_refs;
analyze _person_refs;
"""

# Names the load refers to that are not recorded yet are created, then every reference gets its id.
# New rows take their ids from the identity sequences first, so a name row never has to be matched
# back to the row it names (a join the planner, expecting few new names, could make quadratic).
_RESOLVE_NAMES = """
insert into kzgov.jurisdiction (code, name)
select distinct r.code, r.code from (
    select jurisdiction_code as code from _org_refs
    union select jurisdiction_code from _stage_office_tenure
    union select jurisdiction_code from _stage_election
    union select jurisdiction_code from _stage_indicator
    union select jurisdiction_code from _stage_admin_division
) r
where not exists (select 1 from kzgov.jurisdiction j where j.code = r.code)
order by 1;

create temporary table _new_orgs on commit drop as
select nextval(pg_get_serial_sequence('kzgov.organization', 'id')) as id, m.* from (
    select r.* from _org_refs r
    where not exists (select 1 from kzgov.organization_name n
                      where (n.jurisdiction_code, n.normalized) = (r.jurisdiction_code, r.key))
    order by r.jurisdiction_code, r.key
) m;
insert into kzgov.organization (id, jurisdiction_code, kind, name) overriding system value
select id, jurisdiction_code, kind, name from _new_orgs order by id;
insert into kzgov.organization_name (organization_id, jurisdiction_code, name, normalized)
select id, jurisdiction_code, name, key from _new_orgs order by id;

create temporary table _org_ids on commit drop as
select r.jurisdiction_code, r.key, n.organization_id as id
from _org_refs r join kzgov.organization_name n on (n.jurisdiction_code, n.normalized) = (r.jurisdiction_code, r.key);

create temporary table _new_persons on commit drop as
select nextval(pg_get_serial_sequence('kzgov.person', 'id')) as id, m.* from (
    select r.* from _person_refs r
    where not exists (select 1 from kzgov.person_name n where n.normalized = r.key)
    order by r.key
) m;
insert into kzgov.person (id, name) overriding system value select id, name from _new_persons order by id;
insert into kzgov.person_name (person_id, name, normalized) select id, name, key from _new_persons order by id;

create temporary table _person_ids on commit drop as
select r.key, n.person_id as id from _person_refs r join kzgov.person_name n on n.normalized = r.key;

insert into kzgov.office (jurisdiction_code, name, organization_id, single_holder)
select distinct s.jurisdiction_code, s.office_name, o.id,
       s.office_name not in ('Deputy Prime Minister', 'Minister', 'Akim', 'Judge', 'Senator', 'Deputy')
from _stage_office_tenure s
left join _org_ids o on (o.jurisdiction_code, o.key) = (s.jurisdiction_code, s.office_org_key)
where not exists (select 1 from kzgov.office f
                  where f.jurisdiction_code = s.jurisdiction_code and f.name = s.office_name
                    and f.organization_id is not distinct from o.id)
order by 1, 2, 3;

create temporary table _office_ids on commit drop as
select distinct s.jurisdiction_code, s.office_name as name, coalesce(s.office_org_key, '') as org_key, f.id
from _stage_office_tenure s
left join _org_ids o on (o.jurisdiction_code, o.key) = (s.jurisdiction_code, s.office_org_key)
join kzgov.office f on f.jurisdiction_code = s.jurisdiction_code and f.name = s.office_name
 and f.organization_id is not distinct from o.id;
analyze _office_ids;
analyze _person_ids;
analyze _org_ids;
"""


def _sync_aliases(cur: psycopg.Cursor) -> None:
    """Curated aliases (kzgov/data/aliases.csv) become name rows of one organization each."""
    from kzgov.names import aliases

    for alias in aliases():
        if alias.kind != "organization":
            continue
        canonical_key = name_key(alias.canonical)
        cur.execute(
            "insert into kzgov.organization (jurisdiction_code, kind, name)"
            " select 'KZ', %(kind)s, %(name)s where not exists (select 1 from kzgov.organization_name"
            "  where jurisdiction_code = 'KZ' and normalized = %(key)s)",
            {"kind": alias.organization_kind or "other", "name": alias.canonical, "key": canonical_key},
        )
        if cur.rowcount:
            cur.execute(
                "insert into kzgov.organization_name (organization_id, jurisdiction_code, name, normalized)"
                " values (currval(pg_get_serial_sequence('kzgov.organization', 'id')), 'KZ', %s, %s)",
                (alias.canonical, canonical_key),
            )
        valid = None
        if alias.valid_from or alias.valid_until:
            valid = f"[{alias.valid_from or ''},{alias.valid_until or ''})"
        cur.execute(
            "insert into kzgov.organization_name (organization_id, jurisdiction_code, name, normalized, valid)"
            " select n.organization_id, 'KZ', %(alias)s, %(key)s, %(valid)s::daterange"
            " from kzgov.organization_name n where n.jurisdiction_code = 'KZ' and n.normalized = %(canonical)s"
            " and not exists (select 1 from kzgov.organization_name"
            "  where jurisdiction_code = 'KZ' and normalized = %(key)s)",
            {"alias": alias.alias, "key": name_key(alias.alias), "valid": valid, "canonical": canonical_key},
        )


def _counted(statement: str, table: str) -> str:
    """statement, counting the rows it changes; tenure changes also note their office in _touched_offices."""
    if table != "office_tenure":
        return f"with changed as ({statement} returning 1) select count(*) from changed"
    return (
        f"with changed as ({statement} returning office_id),"
        " noted as (insert into _touched_offices select distinct office_id from changed)"
        " select count(*) from changed"
    )


def _apply_table(cur: psycopg.Cursor, table: str, source_id: int, version_id: int, diff: bool = False) -> TableCounts:
    """Retire the source's current claims the new version no longer makes and insert the new ones.

    Staged are the version's claims; with diff, only those of the records it adds, and the claims of
    the records it drops are in _stage_retired: only those can be retired.
    """
    stage = _stage_name(table)
    params = {"source_id": source_id, "version_id": version_id}
    retire = (
        f"update kzgov.{table} t set recorded = tstzrange(lower(t.recorded), kzgov.recorded_now())"
        f" where t.source_id = %(source_id)s and upper_inf(t.recorded)"
        f" and not exists (select 1 from {stage} s where s.claim_key = t.claim_key)"
    )
    if diff:
        retire += " and t.claim_key in (select claim_key from _stage_retired)"
    retired = cur.execute(_counted(retire, table), params).fetchone()[0]
    targets, joins = _INSERTS[table]
    common = [col for col in _COMMON if col != "jurisdiction_code"]
    columns = ["source_id", "source_version_id", "jurisdiction_code", *common, *targets]
    casts = {"valid": "s.valid::daterange"}
    expressions = [
        "%(source_id)s",
        "%(version_id)s",
        "s.jurisdiction_code",
        *(casts.get(col, f"s.{col}") for col in common),
        *targets.values(),
    ]
    insert = (
        f"insert into kzgov.{table} ({', '.join(columns)})"
        f" select distinct on (s.claim_key) {', '.join(expressions)} from {stage} s {joins}"
        f" where not exists (select 1 from kzgov.{table} t where t.source_id = %(source_id)s"
        f"  and upper_inf(t.recorded) and t.claim_key = s.claim_key)"
        f" order by s.claim_key, s.quote_start"
    )
    added = cur.execute(_counted(insert, table), params).fetchone()[0]
    if diff:  # what the new version states is what was current and not retired, plus what it adds
        current = f"select count(*) from kzgov.{table} where source_id = %(source_id)s and upper_inf(recorded)"
        cur.execute(current, params)
    else:
        cur.execute(f"select count(distinct claim_key) from {stage}")
    staged = cur.fetchone()[0]
    if table == "election_result":
        cur.execute(
            f"select s.quote_line, s.election_kind, s.election_held_on from {stage} s"
            " where not exists (select 1 from kzgov.election_result r where r.source_id = %(source_id)s"
            "  and upper_inf(r.recorded) and r.claim_key = s.claim_key) limit 1",
            params,
        )
        orphan = cur.fetchone()
        if orphan is not None:
            raise LoadError(
                f"{orphan[0]}: no recorded {orphan[1]} election held on {orphan[2]}: load its election first"
            )
    return TableCounts(added=added, unchanged=staged - added, retired=retired)


def load_source(
    conn: psycopg.Connection,
    path: Path,
    *,
    published: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    before_commit: Callable[[], None] | None = None,
    watch: Watch | None = None,
) -> LoadSummary:
    """Load one source file in one transaction; returns what changed.

    before_commit, if given, runs last inside the transaction: raising there rolls the load back.
    watch, if given, is told each step as it begins (see Watch); raising there stops the load, rolled back.
    """
    if watch is not None:
        watch("reading", None)
    source = read_source(path)
    try:
        info = registry_for(path)
        document, stream = iter_claims(source)
    except ParseError as exc:
        raise LoadError(str(exc)) from None
    return write_version(
        conn,
        source,
        document,
        stream,
        info=info,
        published=published,
        progress=progress,
        before_commit=before_commit,
        watch=watch,
    )


def write_version(
    conn: psycopg.Connection,
    source: SourceFile,
    document: c.ParsedDocument,
    stream: Iterable[c.Claim],
    *,
    info: SourceInfo | None = None,
    published: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    before_commit: Callable[[], None] | None = None,
    watch: Watch | None = None,
) -> LoadSummary:
    """Write a parsed source as a new version of its source, in one transaction (nothing if unchanged)."""
    path = source.path
    step: Watch = watch or (lambda _step, _done: None)
    published_on = published or (info.published_on if info else None) or document.published
    retrieved_on = (info.retrieved_on if info else None) or dt.date.today()
    ctx = Context(published_on, retrieved_on, document.latest_date_mentioned)
    with conn.transaction(), conn.cursor() as cur:
        # Loads of one source serialise; loads of different sources stage their claims side by side.
        cur.execute("select pg_advisory_xact_lock(hashtext('kzgov.source'), hashtext(%s))", (source.key,))
        cur.execute(
            "insert into kzgov.source (key, jurisdiction_code) values (%s, 'KZ') on conflict (key) do nothing",
            (source.key,),
        )
        cur.execute("select id from kzgov.source where key = %s", (source.key,))
        source_id = cur.fetchone()[0]
        cur.execute(
            "select version, sha256, published_on, id from kzgov.source_version where source_id = %s"
            " order by version desc limit 1",
            (source_id,),
        )
        latest = cur.fetchone()
        if latest is not None and latest[1] == source.sha256 and (published is None or latest[2] == published):
            return _unchanged_summary(cur, source, source_id, latest[0])
        version = 1 if latest is None else latest[0] + 1
        _create_staging(cur)
        restated: list[c.Uncovered] = []
        # A streamed CSV with a previous version is read as its changes: the records it adds are parsed
        # and staged, the claims of those it drops are noted for retiring; the rest stays as it is.
        changes = _changes_since(cur, source, source_id, latest[3]) if latest and source.text is None else None
        if changes is not None:
            stream = iter_csv_claims(path, wanted=changes.wanted)
            if not _stage_retired(cur, changes, source, latest[3], Context(published_on, retrieved_on, None)):
                changes, stream = None, iter_claims(source)[1]  # an old record no longer parses: read it whole
        step("parsing", 0)
        try:
            if watch is not None:
                stream = _watched(stream, source, watch)
            rows: Iterable[tuple[str, dict[str, Any]]] = (stage_row(claim, ctx) for claim in stream)
            if source.format != "csv":  # a document is small; a structured file streams as it is
                rows, restated = merge_restatements(list(rows))
            staged = _copy_claims(cur, iter(rows), progress)
        except ParseError as exc:
            raise LoadError(str(exc)) from None
        except psycopg.DataError as exc:  # a value the parsers let through and the database cannot hold
            raise LoadError(f"{path}: refused by the database: {_refusal(exc)}") from None
        if staged == 0 and changes is None and source.format == "csv":
            raise LoadError(f"{path}: no facts found")
        # From here on the shared name tables are written: one load at a time, so names are never
        # created twice and no two loads wait on each other's rows in opposite orders.
        step("names", None)
        for table in FACT_TABLES:  # temporary tables are never analysed automatically
            cur.execute(f"analyze {_stage_name(table)}")
        cur.execute(_NAME_REFS)
        if source.text is None:
            step("storing text", None)
            _stage_chunks(cur, source, lambda: step("storing text", None))
        step("waiting for other loads", None)
        cur.execute("select pg_advisory_xact_lock(hashtext('kzgov.dimensions'), 0)")
        step("writing", None)
        # Recorded time of everything this load writes: now, after the lock, so it follows every earlier
        # load's commit. (The transaction's start would not: a load started before another that
        # committed first would close that one's rows, inferences included, before they were opened.)
        cur.execute("select set_config('kzgov.recorded_at', clock_timestamp()::text, true)")
        cur.execute(
            "insert into kzgov.source_version (source_id, version, sha256, content, format, title, kind, publisher,"
            " url, published_on, retrieved_on, latest_date_mentioned, file_name)"
            " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) returning id",
            (
                source_id,
                version,
                source.sha256,
                source.text,
                document.format,  # the reader that read it: a seed layout, text, markdown, html or csv
                (info.title if info and info.title else document.title),
                info.kind if info else None,
                info.publisher if info else None,
                info.url if info else None,
                published_on,
                retrieved_on,
                document.latest_date_mentioned,
                path.name,
            ),
        )
        version_id = cur.fetchone()[0]
        if source.text is None:
            cur.execute(
                "insert into kzgov.source_version_chunk (source_version_id, seq, content)"
                " select %s, seq, content from _stage_chunk order by seq",
                (version_id,),
            )
        _sync_aliases(cur)
        try:
            cur.execute(_RESOLVE_NAMES)
        except psycopg.errors.IntegrityError as exc:  # a name the parsers let through (one with no letter)
            raise LoadError(f"{path}: refused by the database: {_refusal(exc)}") from None
        summary = LoadSummary(key=source.key, file=path, status="new" if latest is None else "changed", version=version)
        try:
            for table in FACT_TABLES:
                summary.counts[table] = _apply_table(cur, table, source_id, version_id, diff=changes is not None)
        except LoadError as exc:
            raise LoadError(f"{path}:{exc}") from None
        except psycopg.errors.ExclusionViolation as exc:
            raise LoadError(f"{path}: one claim is stated twice over overlapping periods: {_detail(exc)}") from None
        except psycopg.errors.IntegrityError as exc:
            raise LoadError(f"{path}: refused by the database: {_refusal(exc)}") from None
        for item in [*document.uncovered, *restated]:
            cur.execute(
                "insert into kzgov.uncovered_sentence (source_version_id, quote, quote_start, quote_end, quote_line,"
                " reason) values (%s, %s, %s, %s, %s, %s)",
                (
                    version_id,
                    item.evidence.quote,
                    item.evidence.start,
                    item.evidence.end,
                    item.evidence.line,
                    item.reason,
                ),
            )
        summary.uncovered, summary.restated = len(document.uncovered), len(restated)
        # Inferences follow from the claims of one office: only the offices this load changed can change.
        cur.execute(
            "select * from kzgov.refresh_tenure_inferences(array(select distinct office_id from _touched_offices))"
        )
        if before_commit is not None:
            before_commit()
    return summary


def _current_claims(cur: psycopg.Cursor, source_id: int) -> int:
    """How many claims the source makes now, in every fact table."""
    count = "(select count(*) from kzgov.{} where source_id = %(id)s and upper_inf(recorded))"
    counts = " + ".join(count.format(table) for table in FACT_TABLES)
    return cur.execute(f"select {counts}", {"id": source_id}).fetchone()[0]


def _stored_text(cur: psycopg.Cursor, version_id: int) -> Iterator[str]:
    """A version's text, a chunk at a time (or whole, for a version stored before chunks)."""
    content = cur.execute("select content from kzgov.source_version where id = %s", (version_id,)).fetchone()[0]
    if content is not None:
        yield content
        return
    seq = 0
    while True:
        row = cur.execute(
            "select content from kzgov.source_version_chunk where source_version_id = %s and seq = %s",
            (version_id, seq),
        ).fetchone()
        if row is None:
            return
        yield row[0]
        seq += 1


def _changes_since(cur: psycopg.Cursor, source: SourceFile, source_id: int, previous_id: int) -> csvdiff.Changes | None:
    """A CSV's changes against its source's previous version, when reading only them is exact and pays.

    Exact when every record of the previous version made a claim of its own (as many records as
    current claims: no restatements), so a record that disappears takes its claim with it.
    """
    from kzgov import csvdiff

    cur.execute("select format from kzgov.source_version where id = %s", (previous_id,))
    if cur.fetchone()[0] != "csv":
        return None
    try:
        found = csvdiff.changes(source.path, _stored_records(cur, source, previous_id))
    except ParseError:
        return None  # the previous text no longer reads as CSV: read the new file whole
    if found is None or found.old_records != _current_claims(cur, source_id):
        return None
    return found


def _stored_records(cur: psycopg.Cursor, source: SourceFile, version_id: int) -> Iterator[list[str]]:
    """The records of a stored CSV version, header first."""
    from kzgov import csvdiff

    return iter_records(csvdiff.lines_of(_stored_text(cur, version_id)), f"{source.key} (version {version_id})")


def _stage_retired(
    cur: psycopg.Cursor, changes: csvdiff.Changes, source: SourceFile, previous_id: int, ctx: Context
) -> bool:
    """Stage the claim keys of the records a new version drops; False (nothing staged) if one of them
    no longer parses. Keys go in batches, each COPY closed before the old text is read further."""
    if changes.removed.total() == 0:
        return True
    removed = changes.removed_claims(_stored_records(cur, source, previous_id), str(source.path))
    keys = (stage_row(claim, ctx)[1]["claim_key"] for claim in removed)
    try:
        while batch := list(itertools.islice(keys, 10_000)):
            with cur.copy("copy _stage_retired (claim_key) from stdin") as copy:
                for key in batch:
                    copy.write_row((key,))
    except (ParseError, ValueError):
        cur.execute("truncate _stage_retired")
        return False
    return True


def _stage_chunks(cur: psycopg.Cursor, source: SourceFile, tick: Callable[[], None] | None = None) -> None:
    """Stage a streamed source's text in order, block by block, checking it is still the file we digested.

    The chunks go to a temporary table first, so the file is read and sent while other loads hold the
    write lock; under it, one INSERT ... SELECT moves them (compressed once, here) into place.
    """
    hasher = hashlib.sha256()
    cur.execute("create temporary table _stage_chunk (seq int primary key, content text not null) on commit drop")
    with source.path.open("rb") as handle, cur.copy("copy _stage_chunk (seq, content) from stdin") as copy:
        texts = (text for text in _decoded_blocks(source.path, _blocks(handle), hasher) if text)
        for seq, text in enumerate(texts):
            if tick is not None:
                tick()
            copy.write_row((seq, text))
    if hasher.hexdigest() != source.sha256:
        raise LoadError(f"{source.path}: the file changed while it was being loaded; load it again")


def _detail(exc: psycopg.Error) -> str:
    diag = exc.diag
    return (diag.message_detail or diag.message_primary or str(exc)).splitlines()[0]


def _refusal(exc: psycopg.Error) -> str:
    """What the database refused, in its words, with the field when it names one (never the whole row)."""
    diag = exc.diag
    primary = (diag.message_primary or str(exc)).splitlines()[0]
    found = re.search(r"\bcolumn (\w+)", diag.context or "")  # e.g. COPY _stage_x, line 1, column rank: "..."
    column = diag.column_name or (found.group(1) if found else None)
    return f"{primary} (field {column})" if column else primary


def _unchanged_summary(cur: psycopg.Cursor, source: SourceFile, source_id: int, version: int) -> LoadSummary:
    summary = LoadSummary(key=source.key, file=source.path, status="unchanged", version=version)
    for table in FACT_TABLES:
        cur.execute(f"select count(*) from kzgov.{table} where source_id = %s and upper_inf(recorded)", (source_id,))
        summary.counts[table] = TableCounts(unchanged=cur.fetchone()[0])
    return summary


# -- loading a set of files: progress, the check, stopping -------------------------------------------

# What a load tells its watcher as each step begins: the step's name and, while parsing, how many bytes of
# the file the claims parsed so far come from (None for the other steps). Steps: reading, parsing, names,
# storing text (a streamed file's text), waiting for other loads (the write lock), writing, and, in a set,
# checking other files, commit.
Watch = Callable[[str, "int | None"], None]

WATCH_EVERY = 1000  # claims between two reports of how far parsing has come


def _watched(stream: Iterable[c.Claim], source: SourceFile, step: Watch) -> Iterator[c.Claim]:
    """The claims of stream, reporting every WATCH_EVERY claims how many bytes of the file lie behind them
    (estimated from the characters, exact at the end)."""
    try:
        size = source.path.stat().st_size
    except OSError:  # a source written from memory (its path names no file)
        size = source.chars
    chars = max(source.chars, 1)
    for count, claim in enumerate(stream, 1):
        if count % WATCH_EVERY == 0:
            step("parsing", min(size, size * claim.evidence.end // chars))
        yield claim
    step("parsing", size)


class LoadWatcher:
    """Told how the load of a set of files goes; the default hears nothing. Called from the loading
    threads, one at a time."""

    def planned(self, files: list[Path]) -> None:
        """The files about to be loaded, in order."""

    def step(self, path: Path, name: str, done: int | None) -> None:
        """A file's load began a step (see Watch)."""

    def finished(self, path: Path, summary: LoadSummary) -> None:
        """A file's load committed (or found the file unchanged)."""


class Interrupted(Exception):
    """The user stopped a load: the file(s) under way were rolled back, those committed before stay.

    forced: stopped a second time, without waiting for the loads under way to end (their transactions
    are rolled back by the server when the process exits).
    """

    def __init__(self, committed: list[LoadSummary], rolled_back: list[Path], skipped: list[Path], forced: bool):
        self.committed, self.rolled_back, self.skipped, self.forced = committed, rolled_back, skipped, forced
        super().__init__(self.message())

    def message(self) -> str:
        written = [s.file for s in self.committed if s.status != "unchanged"]
        parts = ["interrupted"]
        if self.rolled_back:
            verb = "left to the server to roll back" if self.forced else "rolled back, nothing of it written"
            parts.append(f"{verb}: {', '.join(map(str, self.rolled_back))}")
        parts.append(
            f"committed before the interruption: {', '.join(map(str, written))}" if written else "nothing committed"
        )
        if self.skipped:
            parts.append(f"not loaded: {', '.join(map(str, self.skipped))}")
        return "; ".join(parts)


class _Stopped(Exception):
    """Raised inside a load the user stopped, so that its transaction rolls back."""


class _Stopper:
    """Stops the loads of a set: sets a flag each load checks at every step, and cancels the statement
    each one runs on the server. A load that began to commit is left to finish."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.connections: dict[Path, psycopg.Connection] = {}
        self.committing: set[Path] = set()

    def check(self) -> None:
        if self.stopped.is_set():
            raise _Stopped()

    def attach(self, path: Path, conn: psycopg.Connection | None) -> None:
        with self.lock:
            if conn is None:
                self.connections.pop(path, None)
                self.committing.discard(path)
            else:
                self.check()
                self.connections[path] = conn

    def begin_commit(self, path: Path) -> None:
        """Called last before a load commits: refuses once stopped, else the load will not be cancelled."""
        with self.lock:
            self.check()
            self.committing.add(path)

    def stop(self) -> None:
        """Stop every load (again: a statement a load began after the last cancel is cancelled too)."""
        with self.lock:
            self.stopped.set()
            running = [conn for path, conn in self.connections.items() if path not in self.committing]
        for conn in running:
            cancel = getattr(conn, "cancel_safe", conn.cancel)
            with contextlib.suppress(psycopg.Error):  # the load closed its connection meanwhile
                cancel()


# What a set's check knows of each source's latest version: sha256, source id, version id.
Known = dict[str, tuple[str, int, int]]


def _first_error(
    files: list[Path], known: Known, url: str | None = None, stop: threading.Event | None = None
) -> str | None:
    """The error of the first file (in order) that does not read and parse completely, or None.

    A file whose digest is its source's latest version's (known) is not parsed: its load skips it.
    A CSV its load will read as its changes (url given to find them) has only those parsed.
    Gives up (None) once stop is set.
    """
    conn = None
    try:
        for path in files:
            try:
                source = read_source(path)
                latest = known.get(source.key)
                if latest is not None and latest[0] == source.sha256:
                    continue
                changes = None
                if latest is not None and source.text is None and url is not None:
                    conn = conn or psycopg.connect(url, autocommit=True)
                    with conn.cursor() as cur:
                        changes = _changes_since(cur, source, latest[1], latest[2])
                stream = iter_csv_claims(path, changes.wanted) if changes else iter_claims(source)[1]
                for count, _ in enumerate(stream):
                    if stop is not None and count % WATCH_EVERY == 0 and stop.is_set():
                        return None
            except (LoadError, ParseError) as exc:
                return str(exc)
    finally:
        if conn is not None:
            conn.close()
    return None


# Above this many bytes to check, the check runs in a process of its own, on another core than the
# loads' parsing; below it, starting that process would cost more than it saves.
CHECK_IN_PROCESS_BYTES = 32 << 20


class _Validation(threading.Thread):
    """Parses every file of a load completely, beside the loads themselves, so that one bad file stops
    them all before any commits: each load waits for the verdict as its last step (wait)."""

    def __init__(self, files: list[Path], known: Known, url: str, stop: threading.Event) -> None:
        super().__init__(name="kzgov-validate", daemon=True)
        self.files = files
        self.known = known  # each source's latest version: a file equal to it will not be loaded again
        self.url = url
        self.stop = stop  # the loads were stopped: so is the check
        self.process: Any = None
        self.error: str | None = None
        self.done = threading.Event()

    def run(self) -> None:
        try:
            if sum(p.stat().st_size for p in self.files) > CHECK_IN_PROCESS_BYTES:
                self.error = self._first_error_in_process()
            else:
                self.error = _first_error(self.files, self.known, self.url, self.stop)
        except BaseException as exc:  # a bug: loads must not commit on an unfinished check
            self.error = f"checking the files failed: {exc!r}"
            raise
        finally:
            self.done.set()

    def _first_error_in_process(self) -> str | None:
        """_first_error, run by a Python process of its own (python -m kzgov.loader, the request as JSON).

        The process has a session of its own, so a Ctrl-C at the terminal reaches the loads, which stop
        it (halt), rather than killing it under them."""
        import json
        import subprocess
        import sys

        request = json.dumps({"files": [str(p) for p in self.files], "known": self.known, "url": self.url})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kzgov.loader"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        if self.stop.is_set():
            self.halt()
        out, err = self.process.communicate(request)
        if self.stop.is_set():
            return None
        if self.process.returncode != 0:
            detail = (err.strip().splitlines() or [f"exit status {self.process.returncode}"])[-1]
            raise RuntimeError(f"the process checking the files failed: {detail}")
        return json.loads(out)["error"]

    def halt(self) -> None:
        """End the checking process, if any (the loads were stopped)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()

    def wait(self, stopper: _Stopper) -> None:
        while not self.done.wait(0.2):
            stopper.check()
        self.raise_if_failed()

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise LoadError(self.error)


def load_paths(
    url: str,
    paths: Iterable[Path],
    *,
    published: dt.date | None = None,
    keep_going: bool = False,
    progress: Callable[[int], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    jobs: int = 2,
    watcher: LoadWatcher | None = None,
    on_skip: Callable[[Path, str], None] | None = None,
) -> list[LoadSummary]:
    """Load every source named by paths, each in its own transaction, up to `jobs` at a time.

    Loads of different sources overlap: one parses and stages its file while another writes the
    shared tables (which they take in turn). Unless keep_going, every file is also parsed completely
    before any load commits, and one bad file means nothing is written at all; with keep_going each
    good file is loaded and each bad one reported (on_error). Summaries come in file order.

    A KeyboardInterrupt while the loads run stops them: the loads under way are rolled back (their
    statements cancelled on the server), the ones not begun are not, and Interrupted says which files
    were committed before. A second KeyboardInterrupt while stopping gives up waiting (forced).
    """
    from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait

    files = source_files(paths, on_skip)
    if not files:
        raise LoadError("no source files to load")
    keys: dict[str, Path] = {}
    for path in files:
        if path.stem in keys:
            raise LoadError(f"{path}: same source key {path.stem!r} as {keys[path.stem]}")
        keys[path.stem] = path
    watcher = watcher or LoadWatcher()
    stopper = _Stopper()
    check = None
    if len(files) > 1 and not keep_going:
        known: Known = {}
        if published is None:  # an unchanged file is skipped by its load, so it need not be parsed here
            with psycopg.connect(url, autocommit=True) as conn:
                rows = conn.execute(
                    "select s.key, v.sha256, s.id, v.id from kzgov.source s cross join lateral (select sha256, id"
                    " from kzgov.source_version v where v.source_id = s.id order by v.version desc limit 1) v"
                    " where s.key = any(%s)",
                    (list(keys),),
                ).fetchall()
                known = {key: (sha, source_id, version_id) for key, sha, source_id, version_id in rows}
        check = _Validation(files, known, url, stopper.stopped)
    lock = threading.Lock()

    def advance(count: int) -> None:
        stopper.check()
        if check is not None:
            check.raise_if_failed()  # a bad file elsewhere: stop this load now, it will not commit
        if progress is not None:
            with lock:
                progress(count)

    def load_one(path: Path) -> LoadSummary:
        def step(name: str, done: int | None) -> None:
            stopper.check()
            with lock:
                watcher.step(path, name, done)

        def before_commit() -> None:
            if check is not None:
                step("checking other files", None)
                check.wait(stopper)
            stopper.begin_commit(path)
            with lock:
                watcher.step(path, "commit", None)

        try:
            with psycopg.connect(url, autocommit=True) as conn:
                stopper.attach(path, conn)
                try:
                    summary = load_source(
                        conn, path, published=published, progress=advance, before_commit=before_commit, watch=step
                    )
                finally:
                    stopper.attach(path, None)
        except Exception as exc:
            if stopper.stopped.is_set():  # a statement cancelled, a step refused: the load was stopped
                raise _Stopped() from exc
            raise
        with lock:
            watcher.finished(path, summary)
        return summary

    watcher.planned(files)
    if check is not None:
        check.start()
    results: dict[Path, LoadSummary] = {}
    failures: dict[Path, LoadError] = {}
    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(files))), thread_name_prefix="kzgov-load")
    futures: dict[Future[LoadSummary], Path] = {}
    forced = False
    try:
        # Largest first, so the two at a time stay busy to the end (summaries still come in file order).
        by_size = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
        futures = {pool.submit(load_one, path): path for path in by_size}
        pending = dict(futures)
        while pending:
            finished, _ = wait(pending, return_when=FIRST_EXCEPTION)
            for future in finished:
                path = pending.pop(future)
                try:
                    results[path] = future.result()
                except LoadError as exc:
                    failures[path] = exc
            if failures and not keep_going:
                for future in pending:
                    future.cancel()  # not started yet: never will be
                wait(pending)  # loads under way finish (or fail) before the first failure is raised
                break
        if check is not None:
            check.join()
    except KeyboardInterrupt:
        forced = _stop_loads(stopper, check, futures)
        raise _interrupted(futures, files, forced) from None
    finally:
        pool.shutdown(wait=not forced, cancel_futures=True)
    if check is not None and check.error is not None:
        raise LoadError(check.error)
    if failures and not keep_going:
        raise failures[min(failures, key=files.index)]
    for path in files:
        if path in failures and on_error:
            on_error(str(failures[path]))
    return [results[path] for path in files if path in results]


def _stop_loads(stopper: _Stopper, check: _Validation | None, futures: dict[Any, Path]) -> bool:
    """Stop the loads under way and wait until each has ended (rolled back, or committed if it had begun
    to); True if a second KeyboardInterrupt cut the wait short."""
    from concurrent.futures import wait

    for future in futures:
        future.cancel()  # not started yet: never will be
    try:
        stopper.stop()
        if check is not None:
            check.halt()
        running = [future for future in futures if not future.done()]
        while running:
            _, still = wait(running, timeout=0.5)
            running = list(still)
            stopper.stop()  # a load that began a statement after the last cancel
            if check is not None:
                check.halt()  # a checking process started after the last halt
    except KeyboardInterrupt:
        return True
    return False


def _interrupted(futures: dict[Any, Path], files: list[Path], forced: bool) -> Interrupted:
    """What an interrupted set of loads committed, rolled back and never began, in file order."""
    committed: dict[Path, LoadSummary] = {}
    rolled_back: set[Path] = set()
    skipped: set[Path] = set()
    for future, path in futures.items():
        if future.cancelled():
            skipped.add(path)
        elif not future.done():
            rolled_back.add(path)
        elif future.exception() is None:
            committed[path] = future.result()
        elif not isinstance(future.exception(), LoadError):
            rolled_back.add(path)  # stopped (a LoadError's file was refused, nothing of it written either)
    skipped |= {path for path in files if path not in futures.values()}
    return Interrupted(
        [committed[p] for p in files if p in committed],
        [p for p in files if p in rolled_back],
        [p for p in files if p in skipped],
        forced,
    )


if __name__ == "__main__":  # the check of a set of files, in a process of its own (_Validation)
    import json
    import sys

    _request = json.load(sys.stdin)
    _known = {key: tuple(latest) for key, latest in _request["known"].items()}
    print(json.dumps({"error": _first_error([Path(f) for f in _request["files"]], _known, _request["url"])}))
