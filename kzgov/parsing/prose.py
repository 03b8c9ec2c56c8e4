"""Line-oriented prose shared by the encyclopedia and web page formats: headings, paragraphs, lists."""

from __future__ import annotations

import re

from kzgov.claims import Claim, OfficeTenure, Period
from kzgov.parsing.document import Builder, uncovered_reason
from kzgov.parsing.rules import _person, aop
from kzgov.parsing.text import Line, find_dates, trim_span
from kzgov.parsing.vocab import office_prefix

FOOTNOTE_LINE_RE = re.compile(r"^\s*\d{1,3}\.\s+\^")
NAV_LINE_RE = re.compile(
    r"^\s*(?:See also|Main articles?|Further information|Further reading|Related articles?)\b:?",
    re.IGNORECASE,
)
BANNER_RE = re.compile(
    r"Learn how and when to remove this (?:message|template)|This article (?:needs|has multiple issues)"
    r"|This section (?:needs|does not cite)"
)
FIND_SOURCES_RE = re.compile(r"Find sources:\s*[\"“](?P<title>[^\"”]{1,100})[\"”]")
# A flattened office-holder table: "Office Name Party Since", then one holder per line.
HOLDER_HEADER_RE = re.compile(
    r"^\s*(?:Office|Position|Post|Title)\s+(?:Name|Holder|Incumbent|Officeholder)\b(?P<rest>[\w\s]*)$"
)
READ_MORE_RE = re.compile(r"(?:\.\.\.|…)\s*Read more\s*$")


def is_heading(text: str) -> bool:
    """A short line without closing punctuation: a section title."""
    t = text.strip()
    if not t or len(t) > 60 or len(t.split()) > 8:
        return False
    return t[-1] not in '.!?:;,"”’)]' and (t[0].isupper() or t[0].isdigit() or t[0] in '“"')


def process_lines(b: Builder, lines: list[Line], *, read_more: bool = False) -> None:
    """Read the body lines of a plain-text document: each non-empty line is a heading or a paragraph."""
    section: str | None = None
    holder_columns: list[str] | None = None
    for line in lines:
        start, end = trim_span(b.text, line.start, line.end)
        if start == end:
            holder_columns = None  # a blank line ends a flattened table
            continue
        text = b.text[start:end]
        if holder_columns is not None:
            if office_prefix(b.sentence(start, end).text) is not None:
                holder_row(b, start, end, holder_columns)
                continue
            holder_columns = None  # the table ended without a blank line
        header = HOLDER_HEADER_RE.match(text)
        if header:
            holder_columns = text.split()
            continue
        if BANNER_RE.search(text):
            b.skip(start, end, "editorial banner, not a fact")
        elif FOOTNOTE_LINE_RE.match(text):
            # The footnote's own index is not a number the text states.
            caret = text.index("^")
            b.record(start + caret, end, [], text[caret:], f"footnote: {uncovered_reason(text[caret + 1 :])}")
        elif NAV_LINE_RE.match(text):
            b.skip(start, end, "navigation link")
        elif is_heading(text):
            section = text
            b.skip(start, end, "heading")
        else:
            if read_more:
                more = READ_MORE_RE.search(text)
                if more:
                    # Keep the ellipsis that shows the text was cut, drop the link.
                    end = start + more.start() + (3 if more.group().startswith("...") else 1)
            b.paragraph(start, end, section)


def holder_row(b: Builder, start: int, end: int, columns: list[str]) -> None:
    """One line of a flattened office-holder table: "<Office> <Name> [<Party>] [<date>]"."""
    s = b.sentence(start, end)
    text = s.text
    dates = find_dates(text)
    date = dates[-1] if dates and not text[dates[-1].end :].strip() else None
    rest = text[: date.start] if date else text
    split = office_prefix(rest)
    claims: list[Claim] = []
    if split is not None:
        words = split[1].split()
        has_party = any(c.lower() == "party" for c in columns)
        # Names in such tables are given and family name; whatever follows is the party.
        person = _person(" ".join(words[:2] if has_party and len(words) > 2 else words))
        party = " ".join(words[2:]) if has_party and len(words) > 2 else None
        starts = any(c.lower() in ("since", "from", "took", "start", "assumed") for c in columns)
        ends = any(c.lower() in ("until", "to", "left", "end") for c in columns)
        if date and starts:
            period = Period(start=date.date, start_precision=date.precision)
        elif date and ends:
            period = Period(end=date.date, end_precision=date.precision)
        else:
            period = aop()
        if person is not None:
            claims.append(
                OfficeTenure(
                    evidence=s.evidence,
                    period=period,
                    jurisdiction=b.ctx.jurisdiction,
                    office=split[0],
                    person=person,
                    party=party,
                )
            )
    b.record(start, end, claims, text, None if claims else "table row without an office and holder")
