"""Collecting one document's claims and its uncovered statements, shared by the text formats."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

from kzgov.claims import DEFAULT_JURISDICTION, Claim, DocumentFormat, ParsedDocument, ParseError, Period, Uncovered
from kzgov.parsing.context import Context, Sentence
from kzgov.parsing.rules import run_rules
from kzgov.parsing.text import (
    FOOTNOTE_MARK_RE,
    LineIndex,
    find_dates,
    make_plain,
    mentions_date_or_number,
    split_sentences,
)

MARKDOWN_RE = re.compile(r"\*\*|__|`|" + FOOTNOTE_MARK_RE.pattern)
_PM_HEADS_RE = re.compile(
    r"prime\s+minister[^.]{0,40}?head\s+of\s+government|head\s+of\s+government[^.\n]{0,15}?prime\s+minister",
    re.IGNORECASE,
)

# Why a statement with a number or date produced no claim, by what it looks like.
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"\bRetrieved\b|\bArchived\b|\(PDF\)|\bJournal\b|\bpp?\.\s*\d|^\s*\^"),
        "citation, not a fact",
    ),
    (re.compile(r"\bArticles?\s+\d+", re.IGNORECASE), "reference to an article of a law or constitution"),
    (
        re.compile(r"\b(?:law|legislation|decree|order|programme|program|amendments?|code)\b", re.IGNORECASE),
        "adoption of a law or programme: no claim type for it",
    ),
    (
        re.compile(r"\b(?:Council of Europe|United Nations|UN|lease|agreement|treaty|observer)\b"),
        "international relations: outside the schema",
    ),
    (re.compile(r"\bindependence\b", re.IGNORECASE), "historical context, no body or office named"),
]


def uncovered_reason(text: str) -> str:
    """A short reason why a statement mentioning a number or date yielded no claim."""
    for pattern, reason in _REASONS:
        if pattern.search(text):
            return reason
    return "no rule for this kind of statement"


def guess_subject(title: str | None, text: str) -> str:
    """The country a document is about: its title's "... of X", else the place it names most."""
    if title:
        m = re.search(r"\bof\s+(?:the\s+)?(?:Republic\s+of\s+)?([A-Z][\w'’-]+)\s*$", title.strip())
        if m:
            return m.group(1)
    # Places the text speaks of ("in X", "of X"), ranked by how often they occur anywhere.
    candidates = set(re.findall(r"\b(?:in|of)\s+([A-Z][a-z]{3,})(?:['’]s)?\b", text))
    if not candidates:
        return "Kazakhstan"
    counts = Counter({c: len(re.findall(rf"\b{c}\b", text)) for c in candidates})
    return max(sorted(counts), key=lambda c: counts[c])


class Builder:
    """Runs the rules over a document's statements, keeping claims and uncovered statements in order."""

    def __init__(self, text: str, name: str, *, subject: str, jurisdiction: str = DEFAULT_JURISDICTION) -> None:
        self.text = text
        self.name = name
        self.ctx = Context(
            text=text,
            lines=LineIndex(text),
            subject=subject,
            jurisdiction=jurisdiction,
            pm_heads_government=bool(_PM_HEADS_RE.search(text)),
        )
        self.claims: list[Claim] = []
        self.uncovered: list[Uncovered] = []

    def sentence(self, start: int, end: int, section: str | None = None) -> Sentence:
        """The sentence at [start, end) with markup and footnote markers removed."""
        return Sentence(make_plain(self.text, start, end, MARKDOWN_RE), self.ctx.evidence(start, end), section)

    def statement(self, start: int, end: int, section: str | None = None) -> None:
        """Run every rule over one statement and record its claims or why it has none."""
        s = self.sentence(start, end, section)
        self.record(start, end, run_rules(s, self.ctx), s.text)

    def paragraph(self, start: int, end: int, section: str | None = None) -> None:
        """Split a paragraph into sentences and run the rules over each."""
        for s_start, s_end in split_sentences(self.text, start, end):
            self.statement(s_start, s_end, section)

    def record(self, start: int, end: int, claims: list[Claim], text: str, reason: str | None = None) -> None:
        """Keep claims; a statement with none that mentions a number or date becomes uncovered."""
        if claims:
            self.claims.extend(claims)
        elif mentions_date_or_number(text):
            self.uncovered.append(Uncovered(self.ctx.evidence(start, end), reason or uncovered_reason(text)))

    def skip(self, start: int, end: int, reason: str) -> None:
        """A statement deliberately not read (a footnote, a banner): uncovered if it has numbers."""
        self.record(start, end, [], self.text[start:end], reason)

    def _resolve_cabinets(self) -> None:
        # A tenure "in X's Cabinet" ended no later than that cabinet did.
        for claim, cabinet in self.ctx.pending_cabinets:
            end = self.ctx.cabinet_ends.get(cabinet)
            if end is None:
                continue
            period = Period(end=end[0], end_precision=end[1], basis="inferred")
            for i, existing in enumerate(self.claims):
                if existing is claim:
                    self.claims[i] = dataclasses.replace(claim, period=period)

    def finish(
        self, fmt: DocumentFormat, title: str | None, published: dt.date | None, body_start: int = 0
    ) -> ParsedDocument:
        """The parsed document; ParseError when it stated no fact at all."""
        self._resolve_cabinets()
        if not self.claims:
            raise ParseError(f"{self.name}: no facts found")
        dates = [d.date for d in find_dates(self.text[body_start:])]
        return ParsedDocument(
            format=fmt,
            title=title,
            published=published,
            latest_date_mentioned=max(dates) if dates else None,
            claims=self.claims,
            uncovered=self.uncovered,
        )
