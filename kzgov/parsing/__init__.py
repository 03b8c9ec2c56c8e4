"""Document parsers: one source document in, typed claims with verbatim evidence out.

Parsers never touch the database. Each text format has its own module; the sentence rules they
share live in ``rules``; structured CSV is read record by record in ``csvformat``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from kzgov.claims import Claim, ParsedDocument, ParseError
from kzgov.parsing import csvformat, encyclopedia, frontmatter, general, webpage
from kzgov.parsing.prose import READ_MORE_RE, is_heading

__all__ = ["ParseError", "detect_format", "is_csv_start", "iter_csv_claims", "parse_document"]

_TAG_RE = re.compile(r"^\[(?:FACTBOX|SECTION|TABLE)\]", re.MULTILINE)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"\r\n|\r|\n", text)]


def _first_line(text: str) -> str:
    return next((line for line in _lines(text) if line), "")


def _looks_encyclopedic(lines: list[str]) -> bool:
    """Headings between paragraphs of full sentences."""
    filled = [line for line in lines if line]
    headings = sum(1 for line in filled if is_heading(line))
    paragraphs = sum(1 for line in filled if len(line) >= 80 and re.search(r"[a-z]{2}[.!?](?:\[\d+\])*(?:\s|$)", line))
    return len(filled) >= 3 and headings >= 1 and paragraphs >= 1


def _is_csv(first_line: str, name: str) -> bool:
    return name.lower().endswith(".csv") or csvformat.looks_like_header(first_line.lstrip("\ufeff"))


def is_csv_start(head: str, name: str) -> bool:
    """Whether a file whose text begins with head is structured CSV (by its name or its header line)."""
    return _is_csv(_first_line(head), name)


def detect_format(text: str, name: str) -> str:
    """The reader for a document: "csv", one of the seed layouts, or "general" for any other text."""
    first = _first_line(text)
    if _is_csv(first, name):
        return "csv"
    if first.lstrip("\ufeff") == "---" or _TAG_RE.search(text):
        return "frontmatter"
    lines = _lines(text)
    if any(READ_MORE_RE.search(line) for line in lines) and any(is_heading(line) for line in lines):
        return "webpage"
    return "general"


def parse_document(text: str, name: str) -> ParsedDocument:
    """Parse a whole document of any format into its claims and uncovered statements."""
    if not text.strip(" \t\r\n\ufeff"):
        raise ParseError(f"{name}: empty document")
    fmt = detect_format(text, name)
    if fmt == "csv":
        claims = list(csvformat.iter_stream_claims(io.StringIO(text, newline=""), name))
        if not claims:
            raise ParseError(f"{name}: no facts found")
        bounds = [d for c in claims for d in (c.period.start, c.period.end) if d is not None]
        return ParsedDocument(format="csv", latest_date_mentioned=max(bounds) if bounds else None, claims=claims)
    if fmt == "general":
        return _general_or_encyclopedia(text, name)
    parser = {"frontmatter": frontmatter.parse, "webpage": webpage.parse}[fmt]
    return parser(text, name)


# The older reader keeps a document only where it reads much more of it than the general reader: its
# rules misread short texts (counts of members present as seats, past sizes as present ones).
_OLDER_MIN_CLAIMS = 10


def _general_or_encyclopedia(text: str, name: str) -> ParsedDocument:
    """The general reader's claims, unless the older encyclopedia reader explains more of the document.

    The encyclopedia reader's sentence rules were written for flattened encyclopedia articles; while
    the general reader does not yet cover everything they read there (administrative divisions,
    rankings, flattened office-holder tables), a document in that layout keeps the fuller reading.
    """
    document = general.parse(text, name)
    if len(text) > general.PART_CHARS or not _looks_encyclopedic(_lines(text)):
        return document  # the older reader holds a whole document at once: not for long ones
    try:
        older = encyclopedia.parse(text, name)
    except ParseError:
        return document
    fuller = len(older.claims) >= max(_OLDER_MIN_CLAIMS, len(document.claims))
    return older if fuller else document


def iter_csv_claims(path: Path, wanted: Callable[[int], bool] | None = None) -> Iterator[Claim]:
    """Stream the claims of a structured CSV file without reading it whole (of the records wanted)."""
    return csvformat.iter_csv_file(str(path), str(path), wanted)
