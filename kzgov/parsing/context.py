"""What rules read: one sentence with its evidence, and what the document said before it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kzgov.claims import BodyKind, Claim, Election, Evidence, Precision
from kzgov.parsing.text import LineIndex, Plain


@dataclass(frozen=True, slots=True)
class Sentence:
    """A fact statement: its markup-free text for the rules and its verbatim evidence."""

    plain: Plain
    evidence: Evidence
    section: str | None = None

    @property
    def text(self) -> str:
        """The markup-free text."""
        return self.plain.text


@dataclass(slots=True)
class Context:
    """Document-wide state the rules share: who the document is about and what it said already."""

    text: str
    lines: LineIndex
    subject: str
    jurisdiction: str
    pm_heads_government: bool
    last_body: tuple[str, BodyKind] | None = None  # (name, body_kind) of the chamber last spoken about
    last_council: str | None = None  # the council or cabinet "the council" refers back to
    elections: list[Election] = field(default_factory=list)
    cabinet_ends: dict[str, tuple[dt.date, Precision]] = field(default_factory=dict)
    # Tenures that ended with a named cabinet, whose end the document may state anywhere.
    pending_cabinets: list[tuple[Claim, str]] = field(default_factory=list)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the document span [start, end)."""
        return Evidence(self.text[start:end], start, end, self.lines.line_of(start))

    def sub_evidence(self, sentence: Sentence, start: int, end: int) -> Evidence:
        """Evidence for plain characters [start, end) of a sentence."""
        raw_start, raw_end = sentence.plain.span(start, end)
        return self.evidence(raw_start, raw_end)

    def latest_election(self, kind: str | None = None) -> Election | None:
        """The latest-dated held election (of a kind) mentioned so far."""
        held = [e for e in self.elections if e.status == "held" and (kind is None or e.kind == kind)]
        dated = [e for e in held if e.period.start is not None]
        if not dated:
            return None
        return max(dated, key=lambda e: e.period.start or dt.date.min)
