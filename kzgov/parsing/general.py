"""Any readable document: blocks, then mentions, then frames, into typed claims.

Text of any layout, Markdown and HTML are read into the same blocks (``blocks``); the document's
own date, title, topic and persons are taken first; then every sentence, key-value line and
table row is read into claims (``frames``, ``columns``). A document that states nothing
placeable still loads, its sentences with numbers or dates listed as uncovered.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

from kzgov.claims import (
    ChamberComposition,
    Claim,
    ElectionKind,
    ElectionResult,
    Evidence,
    Indicator,
    OfficeTenure,
    ParsedDocument,
    PartySeats,
    Period,
    Uncovered,
)
from kzgov.names import name_key
from kzgov.parsing import columns
from kzgov.parsing.blocks import Block, DocumentModel, document_format, read_document, strip, sub
from kzgov.parsing.dates import When, absolute_dates, find_spans, find_when
from kzgov.parsing.document import uncovered_reason
from kzgov.parsing.frames import DocContext, Frames, chair_of
from kzgov.parsing.mentions import candidate_names, fold, lexicon, number_value
from kzgov.parsing.text import LineIndex, Plain, mentions_date_or_number, split_sentences

# A dateline's place before its date: "ASTANA, ", "NUR-SULTAN, Kazakhstan, ", "... | Astana, ".
_DATELINE_RE = re.compile(
    r"(?:^|[|•–—(]\s*)"
    r"(?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ\-' ]{2,40}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
    r"(?:,\s+[A-Z][\w ]{2,30})?,\s*$"
)
_PUBLISHED_RE = re.compile(
    r"\b(?:published|updated|posted|page\s+saved|saved|retrieved|accessed|issued|released)\s*(?:on|:)?\s*$",
    re.IGNORECASE,
)


class Reader:
    """One document's reading: its context, its frames, its uncovered sentences."""

    def __init__(self, doc: DocumentModel, continues: Reader | None = None) -> None:
        """continues: the reader of the part of a long document before this one, whose context (the
        document's date, topic, persons and the last things it spoke of) this part carries on."""
        self.doc = doc
        self.lines = LineIndex(doc.text)
        self.continued = continues is not None
        self.ctx: DocContext = continues.ctx if continues is not None else DocContext(title=doc.title or "")
        if continues is not None:
            self.ctx.elections.clear()  # an election's results are attached within one part
            self.ctx.last_election = None
        self.frames = Frames(self.ctx)
        self.uncovered: list[Uncovered] = []
        self.published: dt.date | None = continues.published if continues is not None else None

    # -- evidence -------------------------------------------------------------------------------------------

    def evidence(self, p: Plain) -> Evidence:
        """The verbatim source span a plain text came from."""
        start, end = p.offsets[0], p.offsets[-1] + 1
        return Evidence(self.doc.text[start:end], start, end, self.lines.line_of(start))

    # -- the document as a whole ------------------------------------------------------------------------------

    def survey(self) -> None:
        """The document's date, title, topic and the full names of the persons it names."""
        if self.continued:
            self.learn_names()
            return
        blocks = self.doc.blocks
        for i, b in enumerate(blocks):
            text = b.text.text
            if self.ctx.anchor is None and i < 8 and b.kind in ("paragraph", "heading", "title"):
                dateline = next(
                    (
                        d
                        for d in absolute_dates(text[:200])
                        if d.precision == "day" and _DATELINE_RE.search(text[: d.start])
                    ),
                    None,
                )
                if dateline is not None:
                    self.ctx.anchor = dateline.date
                    self.ctx.dated = True
                    self.published = dateline.date
            for d in absolute_dates(text):
                if _PUBLISHED_RE.search(text[: d.start]) and d.precision == "day" and self.published is None:
                    self.published = d.date
                    if self.ctx.anchor is None:
                        self.ctx.anchor = d.date  # a page's saved or published date: no dateline of a story
        if self.ctx.anchor is None:
            # A document dated only to the month ("Policy Briefing | April 2023") still anchors "last month".
            for b in blocks[:4]:
                found = absolute_dates(b.text.text)
                if found and found[0].precision == "month" and "|" in b.text.text:
                    self.ctx.anchor = found[0].date
                    break
        title = self.doc.title or ""
        # A page is about an office or body when its title is little more than its name ("List of ... of X").
        bare = re.sub(
            r"(?i)^\s*(?:list|lists|chronology|history|timeline)\s+of\s+|\s+of\s+(?:the\s+)?(?:republic\s+of\s+)?kazakhstan\s*$",
            "",
            title,
        )
        topic = [
            m for m in lexicon().find(bare) if m.kind in ("office", "body") and len(bare) - (m.end - m.start) <= 12
        ]
        offices = [m for m in topic if m.kind == "office"]
        bodies = [m for m in topic if m.kind == "body"]
        if offices:
            self.ctx.topic_office = offices[0].canonical
        elif bodies:
            self.ctx.topic_body = (bodies[0].canonical, bodies[0].note or "other")
        biography = re.match(r"^\s*([A-ZÀ-Þ][A-ZÀ-Þ'\-]+),\s+([A-Z][a-z]+)", title)
        if biography:
            self.ctx.subject_person = f"{biography.group(2)} {biography.group(1).title()}"
            self.ctx.people.learn(self.ctx.subject_person)
        kinds = fold(title + " " + " ".join(b.text.text for b in blocks[:12] if b.kind != "table"))
        headings = fold(" ".join([title, *(b.text.text for b in blocks[:12] if b.kind in ("title", "heading"))]))
        named = re.search(r"\b(presidential|senate|mazhilis|majilis)\s+elections?\b", headings)
        if named:
            # "THE FEBRUARY 2033 SENATE ELECTION": the election a heading names is the one the text is about.
            heading_kinds: dict[str, ElectionKind] = {
                "presidential": "presidential",
                "senate": "senate",
                "mazhilis": "mazhilis",
                "majilis": "mazhilis",
            }
            self.ctx.election_kind = heading_kinds[named.group(1)]
        elif re.search(r"mazhilis|majilis|lower house", kinds) and re.search(r"election|result|seat|parliament", kinds):
            self.ctx.election_kind = "mazhilis"
        elif re.search(r"presidential election", kinds):
            self.ctx.election_kind = "presidential"
        self.learn_names()
        if self.ctx.subject_person is None and title and len(title.split()) <= 4:
            names = candidate_names(title, [(m.start, m.end) for m in lexicon().find(title)])
            if (
                names
                and names[0].start == 0
                and len(names[0].name.split()) >= 2
                and names[0].end >= len(title.strip()) - 1
            ):
                self.ctx.subject_person = names[0].name

    def learn_names(self) -> None:
        """The full names of the persons the text names, so that a surname alone can be completed."""
        for b in self.doc.blocks:
            for p in self._texts(b):
                masked = [(m.start, m.end) for m in lexicon().find(p)] + [(d.start, d.end) for d in absolute_dates(p)]
                for name in candidate_names(p, masked):
                    if len(name.name.split()) >= 2:
                        self.ctx.people.learn(name.name)

    def _texts(self, b: Block) -> list[str]:
        if b.kind == "table":
            return [c.text.text for row in b.rows for c in row]
        return [b.text.text]

    # -- reading ----------------------------------------------------------------------------------------------

    def run(self) -> ParsedDocument:
        """Read every block into claims."""
        self.survey()
        section_office: str | None = None
        for b in self.doc.blocks:
            if b.kind in ("heading", "title"):
                heading = b.text.text
                if re.search(r"[a-z][A-Z]", heading) and re.search(r"(?i)took office|left office", heading):
                    continue  # the header row of a table whose cell borders were lost: no new section
                found = [m for m in lexicon().find(heading) if m.kind == "office"]
                section_office = found[0].canonical if found else None
                chairs = re.match(
                    r"(?i)\s*(?:list\s+of\s+)?(?:chair(?:men|women|persons|s)|speakers|presiding\s+officers)\b", heading
                )
                if section_office is None and chairs and self.ctx.topic_body:
                    section_office = chair_of(self.ctx.topic_body[0])  # "Chairmen" on the Senate's page
                self.ctx.section_office = section_office if b.kind == "heading" else None
                if b.kind == "title":
                    continue
            if b.kind == "table":
                columns.read_table(self, b, section_office)
            elif b.kind == "keyvalue":
                self.keyvalue(b)
            else:
                if b.kind == "item" and self.bio_item(b):
                    continue
                if self.glued_row(b, section_office):
                    continue
                if b.kind == "heading":
                    # A heading is read whole (it may date an election) but is no statement to list as unread.
                    self.statement(b.text, b.section, report=False)
                else:
                    self.prose(b.text, b.section)
        self.frames.finish()
        claims = date_present_sizes(
            drop_redundant(assemble_tenures(self.frames.claims, self.doc.text, self.lines, self.ctx.subject_person)),
            self.doc.text,
            self.lines,
        )
        claims = merge_results(claims, self.doc.text, self.lines)
        dates = [d.date for d in absolute_dates(self.doc.text)]
        return ParsedDocument(
            format=self.doc.format,
            title=self.doc.title,
            published=self.published,
            latest_date_mentioned=max(dates) if dates else None,
            claims=claims,
            uncovered=self.uncovered,
        )

    def prose(self, p: Plain, section: str = "") -> None:
        """A paragraph's sentences, one after another."""
        if not p.text.strip():
            return
        # A line of a timeline ("2037-05-11 — Second round ...; Birlik wins ..."): its date dates all it tells.
        lead = absolute_dates(p.text[:40])
        line_date = lead[0] if lead and lead[0].start <= 2 and re.match(r"\s*[—–:-]", p.text[lead[0].end :]) else None
        self.frames.line_date = line_date
        try:
            for a, b in split_sentences(p.text, 0, len(p.text)):
                piece = strip(sub(p, a, b))
                if not piece.text:
                    continue
                self.statement(piece, section)
        finally:
            self.frames.line_date = None

    def statement(self, piece: Plain, section: str = "", *, report: bool = True) -> None:
        """One sentence: its claims, or why it has none."""
        s = self.frames.read(piece, self.evidence(piece), section)
        if self.frames.seat_item(s):
            return
        touched = self.frames.touched
        made = self.frames.sentence(s)
        if not made and self.frames.touched == touched and report and mentions_date_or_number(piece.text):
            self.uncovered.append(Uncovered(s.evidence, uncovered_reason(piece.text)))

    # -- key-value lines (infoboxes, data sheets) -----------------------------------------------------------------

    def keyvalue(self, b: Block) -> None:
        """A key and its value: an incumbent, a date of formation, seats, a term, the last election..."""
        assert b.key is not None and b.value is not None
        key = fold(b.key.text).strip(" :")
        value = b.value.text
        s = self.frames.read(b.text, self.evidence(b.text), b.section)
        ev_before = len(self.frames.claims)
        touched = self.frames.touched
        office = self.ctx.topic_office
        body = self.ctx.topic_body
        dates = find_when(value, self.ctx.anchor)
        if key in ("incumbent", "holder", "current holder", "officeholder") and office:
            self._holder(s, office, value, dates)
        elif re.fullmatch(r"(?:chair(?:man|woman|person)?|speaker|president|leader|head)", key) and body:
            self._holder(
                s, f"Chair of the {body[0]}" if body[1] == "chamber" else f"Head of the {body[0]}", value, dates
            )
        elif key in ("formation", "established", "founded", "created", "formed") and dates:
            subject = self.frames.institution(office) if office else (body[0] if body else None)
            if subject:
                self.frames.event(s, subject, "established", dates[0])
        elif key in ("seats", "members", "total seats", "number of seats") and body:
            n = number_value(value)
            if n is not None and n == int(n):
                self.frames._composition(s, body[0], body[1], Period.as_of_publication(), total_seats=int(n))
        elif key in ("term length", "term", "length of term", "term of office"):
            self.frames.terms(self.frames.read(b.value, self.evidence(b.text), b.section))
            if len(self.frames.claims) == ev_before:
                self._term_value(s, value)
        elif key in ("last election", "most recent election", "last elections") and dates:
            by_office: dict[str, ElectionKind] = {"President": "presidential"}
            by_chamber: dict[str, ElectionKind] = {"Senate": "senate", "Mazhilis": "mazhilis"}
            kind = by_office.get(office or "") or by_chamber.get(body[0] if body else "")
            if kind:
                self.frames.election(s, kind, dates[0])
        elif key == "turnout":
            n = number_value(value.replace("%", ""))
            if n is not None and self.ctx.last_election:
                e = self.ctx.elections[self.ctx.last_election]
                if e.period.start and e.period.start_precision:
                    self.frames.election(s, e.kind, When(0, 0, e.period.start, e.period.start_precision), turnout=n)
        elif len(value.split()) > 6:
            self.prose(b.value, b.section)
            return  # its sentences are listed as uncovered one by one
        else:
            # A key no rule knows: its value may still state something ("Elected by regional assemblies (32)").
            self.statement(b.value, b.section, report=False)
        if (
            len(self.frames.claims) == ev_before
            and self.frames.touched == touched
            and mentions_date_or_number(b.text.text)
        ):
            self.uncovered.append(Uncovered(s.evidence, "a key and value no rule reads"))

    def _holder(self, s: object, office: str, value: str, dates: list[When]) -> None:
        from kzgov.parsing.frames import Sent

        assert isinstance(s, Sent)
        names = candidate_names(value, [(d.start, d.end) for d in dates])
        if not names:
            return
        name = re.sub(r"(?<=[a-z])(?:since|from)$", "", names[0].name)
        since = next((d for d in dates if re.search(r"(?:since|from)\s*$", value[: d.start], re.IGNORECASE)), None)
        period = self.frames._since(since) if since else Period.as_of_publication()
        self.frames.tenure(office, name, period, s)

    def _term_value(self, s: object, value: str) -> None:
        from kzgov.parsing.frames import Sent

        assert isinstance(s, Sent)
        m = re.match(r"\s*(\w+)\s+years?\b", value, re.IGNORECASE)
        n = number_value(m.group(1)) if m else None
        if n is None or not 1 <= n <= 12:
            return
        if self.ctx.topic_office:
            from kzgov.claims import Indicator

            self.frames.add(
                Indicator(
                    evidence=s.evidence,
                    period=Period.as_of_publication(),
                    subject=self.ctx.topic_office,
                    indicator="term length",
                    value=n,
                    unit="years",
                )
            )
        elif self.ctx.topic_body:
            self.frames._composition(
                s, self.ctx.topic_body[0], self.ctx.topic_body[1], Period.as_of_publication(), term_years=int(n)
            )

    # -- rows that lost their cell borders, and career lists ---------------------------------------------------

    def bio_item(self, b: Block) -> bool:
        """A career line of a biography: "Minister of Transport (2000–2001)" held by the person it is about."""
        person = self.ctx.subject_person
        m = re.match(r"^\s*(?P<office>[A-Z][^()]{3,90}?)\s*\((?P<years>[^()]*\d{4}[^()]*)\)\s*[.;]?\s*$", b.text.text)
        if person is None or m is None:
            return False
        # "Prime Minister of Kazakhstan": the country's name only repeats the jurisdiction.
        named = re.sub(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?Kazakhstan\s*$", "", m.group("office").strip())
        found = lexicon().find(named, {"office"})
        office = found[0].canonical if found and found[0].end >= len(named) - 1 else named
        years = sub(b.text, m.start("years"), m.end("years"))
        dates = find_when(years.text)
        spans = find_spans(years.text, dates)
        s = self.frames.read(b.text, self.evidence(b.text), b.section)
        used = set()
        for sp in spans:
            period = self.frames._between(sp.first, sp.last)
            used.update({id(sp.first), id(sp.last)})
            if period is not None:
                self.frames.tenure(office, person, period, s)
        for d in dates:
            if id(d) not in used:
                self.frames.tenure(
                    office,
                    person,
                    Period(
                        start=d.date,
                        start_precision=d.precision,
                        end=_last_day_within(d),
                        end_precision=d.precision,
                    ),
                    s,
                )
        return True

    def glued_row(self, b: Block, section_office: str | None) -> bool:
        """A table row whose cell borders were lost when the page was copied."""
        text = b.text.text
        # "1995–1998Five years" under a term-of-office heading.
        m = re.match(r"^\s*(?P<span>\d{4}\s*[–—-]\s*(?:\d{4}|present))(?P<n>[A-Z][a-z]+|\d+)\s+years\b", text)
        office = section_office or self.ctx.topic_office
        if m and office and re.search(r"\bterm", fold(b.section)):
            dates = find_when(m.group("span"))
            spans = find_spans(m.group("span"), dates)
            n = number_value(m.group("n").lower())
            if spans and n:
                sp = spans[0]
                period = self.frames._between(sp.first, sp.last)
                if period is not None:
                    s = self.frames.read(b.text, self.evidence(b.text), b.section)
                    from kzgov.claims import Indicator

                    self.frames.add(
                        Indicator(
                            evidence=s.evidence,
                            period=period,
                            subject=office,
                            indicator="term length",
                            value=n,
                            unit="years",
                        )
                    )
                    return True
        # "1Jane Doe(b. 1950)3 May 198811 June 20011992, 1996" under a list of holders.
        m = re.match(r"^\s*\d{1,3}(?P<name>[A-Z][^\d()]{3,60}?)\s*(?:\(b\.\s*\d{4}\))?(?P<rest>\d.*)$", text)
        if m and office:
            dates = [d for d in find_when(m.group("rest")) if d.precision == "day"]
            if not dates:
                return False
            s = self.frames.read(b.text, self.evidence(b.text), b.section)
            rest = m.group("rest")
            first = dates[0]
            second = dates[1] if len(dates) > 1 else None
            open_end = re.search(r"(?:incumbent|present|in office)(?![a-z])", rest[first.end :], re.IGNORECASE)
            period = self.frames._between(
                first, None if open_end and (second is None or open_end.start() < second.start - first.end) else second
            )
            if period is not None:
                self.frames.tenure(office, m.group("name").strip(), period, s)
            tail_from = (
                second.end if second and not open_end else (first.end + open_end.end() if open_end else first.end)
            )
            kind: ElectionKind | None = "presidential" if office == "President" else None
            if kind:
                for y in find_when(rest[tail_from:]):
                    if y.precision == "year":
                        self.frames.election(s, kind, y)
            return True
        return False


_STATES = (Indicator, ChamberComposition, PartySeats)


def _key(claim: OfficeTenure) -> tuple[str, str]:
    return fold(claim.office), name_key(claim.person)


def assemble_tenures(claims: list[Claim], text: str, lines: LineIndex, subject: str | None = None) -> list[Claim]:
    """One tenure from what a document says of it in several places.

    A start stated in one sentence and an end in a later one ("became prime minister on 6 March
    2031" ... "left the premiership on 2 October 2034") make one tenure, quoted from the first
    to the last; a tenure given in years ("Prime Minister (2031–2034)") takes the days the text
    gives for its start and end in the same years. Pieces used this way are not kept twice.
    """
    tenures = [
        c for c in claims if isinstance(c, OfficeTenure) and not c.acting and c.period.basis != "as_of_publication"
    ]
    groups: dict[tuple[str, str], list[OfficeTenure]] = {}
    for t in tenures:
        groups.setdefault(_key(t), []).append(t)
    replace: dict[int, Claim | None] = {}
    extra: list[Claim] = []
    for group in groups.values():
        full = [c for c in group if c.period.start is not None and c.period.end is not None]
        starts = [c for c in group if c.period.start is not None and c.period.end is None]
        ends = [c for c in group if c.period.end is not None and c.period.start is None]
        used: set[int] = set()
        for f in full:
            period = f.period
            for bound, pieces in (("start", starts), ("end", ends)):
                for p in pieces:
                    fine, fine_p = getattr(p.period, bound), getattr(p.period, f"{bound}_precision")
                    coarse, coarse_p = getattr(period, bound), getattr(period, f"{bound}_precision")
                    if id(p) not in used and _finer_same(fine, fine_p, coarse, coarse_p):
                        period = dataclasses.replace(period, **{bound: fine, f"{bound}_precision": fine_p})
                        used.add(id(p))
            if (
                period is not f.period
                and period.start is not None
                and period.end is not None
                and period.start < period.end
            ):
                replace[id(f)] = dataclasses.replace(f, period=period)
        open_starts = sorted((c for c in starts if id(c) not in used), key=lambda c: c.period.start or dt.date.min)
        for e in sorted((c for c in ends if id(c) not in used), key=lambda c: c.period.end or dt.date.max):
            assert e.period.end is not None
            before = [s for s in open_starts if s.period.start is not None and s.period.start < e.period.end]
            if not before:
                continue
            s = before[-1]
            merged = dataclasses.replace(
                s,
                period=dataclasses.replace(
                    s.period,
                    end=e.period.end,
                    end_precision=e.period.end_precision,
                    basis="inferred" if "inferred" in (s.period.basis, e.period.basis) else "explicit",
                ),
                evidence=_joined(s.evidence, e.evidence, text, lines),
            )
            used.update({id(s), id(e)})
            extra.append(merged)
            replace[id(e)] = None
        for s in starts:
            if id(s) in used and id(s) not in replace:
                replace[id(s)] = None
    # A career told in years, then in months: a post ending in the year the next one began ended then.
    if subject is not None:
        career = sorted(
            (
                c
                for c in (replace.get(id(c), c) for c in tenures)
                if isinstance(c, OfficeTenure) and c.person == subject
            ),
            key=lambda c: c.period.start or dt.date.min,
        )
        for a in career:
            pa = a.period
            if pa.end is None or pa.end_precision != "year" or pa.start is None:
                continue
            nxt = [
                b.period.start
                for b in career
                if b is not a
                and b.office != a.office
                and b.period.start is not None
                and b.period.start_precision in ("month", "day")
                and b.period.start.year == pa.end.year
                and b.period.start > pa.start
            ]
            if nxt:
                original = next(c for c in tenures if replace.get(id(c), c) is a)
                replace[id(original)] = dataclasses.replace(
                    a, period=dataclasses.replace(pa, end=min(nxt), end_precision="month", basis="inferred")
                )
    # An acting holder with no stated end held the office until the same person took it in full.
    for c in claims:
        if not (isinstance(c, OfficeTenure) and c.acting and c.period.start is not None and c.period.end is None):
            continue
        later = [
            t.period.start
            for t in tenures
            if _key(t) == _key(c) and t.period.start is not None and t.period.start > c.period.start
        ]
        if later:
            replace[id(c)] = dataclasses.replace(
                c, period=dataclasses.replace(c.period, end=min(later), end_precision="day", basis="inferred")
            )
    out: list[Claim] = []
    for c in claims:
        if id(c) in replace:
            r = replace[id(c)]
            if r is not None:
                out.append(r)
            continue
        out.append(c)
    return out + extra


def _agrees(bound: dt.date | None, precision: str | None, other: dt.date | None, other_p: str | None) -> bool:
    """Whether other gives the same date as bound, at bound's precision or finer."""
    if bound is None or other is None or precision is None or other_p is None:
        return False
    rank = {"year": 0, "month": 1, "day": 2}
    if rank[other_p] < rank[precision] or other.year != bound.year:
        return False
    return precision == "year" or (other.month == bound.month and (precision == "month" or other.day == bound.day))


def _identity(claim: Claim) -> tuple[object, ...] | None:
    """What a claim states, apart from its period and evidence."""
    if isinstance(claim, OfficeTenure):
        return ("tenure", *_key(claim), claim.acting)
    fields = [f.name for f in dataclasses.fields(claim) if f.name not in ("evidence", "period", "jurisdiction")]
    return (type(claim).__name__, *(getattr(claim, f) for f in fields)) if isinstance(claim, _STATES) else None


def drop_redundant(claims: list[Claim]) -> list[Claim]:
    """Claims that say less than another claim of the same document about the same thing are dropped.

    A statement about the present ("Seats: 50") adds nothing to "has 50 members since 2023" in the
    same text; "stepped down in May 2033" adds nothing to a tenure ending 14 May 2033.
    """
    by_identity: dict[tuple[object, ...], list[Claim]] = {}
    for c in claims:
        ident = _identity(c)
        if ident is not None:
            by_identity.setdefault(ident, []).append(c)
    drop: set[int] = set()
    for group in by_identity.values():
        for c in group:
            p = c.period
            for other in group:
                if other is c or id(other) in drop:
                    continue
                q = other.period
                if (
                    p.basis == "as_of_publication"
                    and q.basis != "as_of_publication"
                    and q.end is None
                    and q.start is not None
                ) or (
                    p.basis != "as_of_publication"
                    and q.basis != "as_of_publication"
                    and (
                        (
                            p.end is None
                            and p.start is not None
                            and q.start is not None
                            and q.end is not None
                            and _agrees(p.start, p.start_precision, q.start, q.start_precision)
                        )
                        or (
                            p.start is None
                            and p.end is not None
                            and q.end is not None
                            and q.start is not None
                            and _agrees(p.end, p.end_precision, q.end, q.end_precision)
                        )
                    )
                ):
                    drop.add(id(c))
                elif (
                    p.start is not None
                    and p.end is not None
                    and q.start is not None
                    and q.end is not None
                    and (p.start, p.end) != (q.start, q.end)
                    and _agrees(p.start, p.start_precision, q.start, q.start_precision)
                    and _agrees(p.end, p.end_precision, q.end, q.end_precision)
                ):
                    drop.add(id(c))  # "(2014–2016)" beside "from October 2014 until 2016"
                if id(c) in drop:
                    break
    # A composition stated now ("Seats: 110") that an open-ended one of the same body states in full: what
    # it says is one of the sets of values an open-ended one says (each such set kept once, by body, so
    # that a document of many compositions is not read once for each of them).
    compositions = [c for c in claims if isinstance(c, ChamberComposition)]
    stated_in_full: set[tuple[str, frozenset[tuple[str, object]]]] = set()
    for other in compositions:
        q = other.period
        if q.basis == "as_of_publication" or q.end is not None or q.start is None:
            continue
        said = [(f, v) for f, v in _values(other).items() if v is not None]
        for size in range(len(said) + 1):
            stated_in_full.update((other.body, frozenset(part)) for part in itertools.combinations(said, size))
    for c in compositions:
        if c.period.basis != "as_of_publication":
            continue
        if (c.body, frozenset((f, v) for f, v in _values(c).items() if v is not None)) in stated_in_full:
            drop.add(id(c))
    return [c for c in claims if id(c) not in drop]


def date_present_sizes(claims: list[Claim], text: str, lines: LineIndex) -> list[Claim]:
    """A size stated for the present dates from the end of a different size the same document gives.

    "It has 40 seats." beside "Until 2031 the council had 45 seats": the 40 hold since 2031. Only when
    nothing else in the document starts a size of that body on or after that end.
    """
    by_body: dict[str, list[ChamberComposition]] = {}
    for c in claims:
        if isinstance(c, ChamberComposition) and c.total_seats is not None:
            by_body.setdefault(c.body, []).append(c)
    replace: dict[int, Claim] = {}
    for group in by_body.values():
        # The last size the body had (a size stated for the present is never one of them), and the sizes
        # starting on or after its end: the same for every size of the body stated for the present.
        past = [o for o in group if o.period.basis == "explicit" and o.period.end is not None]
        if not past:
            continue
        last = max(past, key=lambda o: o.period.end or dt.date.min)
        end, end_p = last.period.end, last.period.end_precision
        assert end is not None and end_p is not None
        later = [o for o in group if o.period.start is not None and o.period.start >= end]
        for c in group:
            if c.period.basis != "as_of_publication":
                continue
            if last.total_seats == c.total_seats or any(o is not c for o in later):
                continue
            replace[id(c)] = dataclasses.replace(
                c,
                evidence=_joined(c.evidence, last.evidence, text, lines),
                period=Period(start=end, start_precision=end_p, basis="inferred"),
            )
    return [replace.get(id(c), c) for c in claims]


_RESULT_FIELDS = ("vote_share", "votes", "seats", "list_seats", "district_seats", "outcome")


def merge_results(claims: list[Claim], text: str, lines: LineIndex) -> list[Claim]:
    """A party's or candidate's result told in parts ("61.5% of the votes cast, which gave it 52 of the 90
    seats") is one result with each figure, where the parts agree and are told near each other.

    A share and a seat count of one party in one election are one statement of its result; kept
    apart, they would be two claims of one result over one period, and only one could stand.
    """
    out: list[Claim] = []
    at: dict[tuple[str, str | None, str | None], int] = {}
    for c in claims:
        if not isinstance(c, ElectionResult):
            out.append(c)
            continue
        key = (c.election_ref, c.candidate, c.party)
        i = at.get(key)
        kept = out[i] if i is not None else None
        if isinstance(kept, ElectionResult):
            mine = {f: getattr(c, f) for f in _RESULT_FIELDS}
            theirs = {f: getattr(kept, f) for f in _RESULT_FIELDS}
            agree = all(mine[f] is None or theirs[f] is None or mine[f] == theirs[f] for f in _RESULT_FIELDS)
            evidence = _joined(kept.evidence, c.evidence, text, lines)
            near = evidence.start <= min(kept.evidence.start, c.evidence.start) and evidence.end >= max(
                kept.evidence.end, c.evidence.end
            )
            if agree and near and i is not None:
                both = {f: theirs[f] if theirs[f] is not None else mine[f] for f in _RESULT_FIELDS}
                out[i] = dataclasses.replace(kept, evidence=evidence, **both)
                continue
        at[key] = len(out)
        out.append(c)
    return out


def _values(claim: ChamberComposition) -> dict[str, object]:
    return {
        f.name: getattr(claim, f.name)
        for f in dataclasses.fields(claim)
        if f.name not in ("evidence", "period", "jurisdiction", "body", "body_kind")
    }


def _finer_same(fine: dt.date | None, fine_p: str | None, coarse: dt.date | None, coarse_p: str | None) -> bool:
    """Whether fine is a more precise date inside the year (or month) coarse names."""
    if fine is None or coarse is None or fine_p is None or coarse_p is None:
        return False
    rank = {"year": 0, "month": 1, "day": 2}
    if rank[fine_p] <= rank[coarse_p] or fine.year != coarse.year:
        return False
    return coarse_p == "year" or fine.month == coarse.month


def _joined(a: Evidence, b: Evidence, text: str, lines: LineIndex) -> Evidence:
    """The evidence of two statements: the text from the first to the last, when they are near."""
    start, end = min(a.start, b.start), max(a.end, b.end)
    if end - start > 1500:
        return a
    return Evidence(text[start:end], start, end, lines.line_of(start))


def _last_day_within(d: When) -> dt.date:
    """The end of a post held within one year or month, "(2031)": its last day, so that the end
    stays inside the year or month the text gives, as a range's end year does in "(2029–2031)"."""
    return d.after - dt.timedelta(days=1) if d.precision != "day" else d.after


# A long document is read a part at a time, each part a run of whole paragraphs of about this many
# characters: the reading's working memory (the document model keeps where each character came from)
# stays that of one part however long the text, and its time grows with the text.
PART_CHARS = 1 << 20


def parse(text: str, name: str) -> ParsedDocument:
    """Read a document of any layout into its claims."""
    parts = _parts(text) if len(text) > PART_CHARS else [(0, text)]
    if len(parts) == 1 or document_format(parts[0][1], name) == "html":
        parsed = Reader(read_document(text, name)).run()
        _drop_unplaced(parsed)
        return parsed
    reader: Reader | None = None
    whole: ParsedDocument | None = None
    line = 1
    for offset, part in parts:
        reader = Reader(read_document(part, name), continues=reader)
        parsed = reader.run()
        claims = [_moved(c, offset, line) for c in parsed.claims]
        uncovered = [Uncovered(_moved_evidence(u.evidence, offset, line), u.reason) for u in parsed.uncovered]
        if whole is None:
            whole = dataclasses.replace(parsed, claims=claims, uncovered=uncovered)
        else:
            whole.claims.extend(claims)
            whole.uncovered.extend(uncovered)
            latest = [d for d in (whole.latest_date_mentioned, parsed.latest_date_mentioned) if d is not None]
            whole.latest_date_mentioned = max(latest) if latest else None
        line += part.count("\n")
    assert whole is not None
    _drop_unplaced(whole)
    return whole


def _parts(text: str) -> list[tuple[int, str]]:
    """(offset, text) of consecutive parts of about PART_CHARS, each ending after a blank line where
    there is one near, else after a line, else where the size is reached."""
    parts: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + PART_CHARS)
        if end < len(text):
            window = text[start + PART_CHARS // 2 : end]
            cut = max(window.rfind("\n\n"), window.rfind("\r\n\r\n"))
            if cut < 0:
                cut = window.rfind("\n")
            if cut >= 0:
                end = start + PART_CHARS // 2 + cut + 1
        parts.append((start, text[start:end]))
        start = end
    return parts


def _moved_evidence(e: Evidence, offset: int, line: int) -> Evidence:
    """Evidence found in a part, placed in the whole text (line: the whole text's line the part starts on)."""
    return Evidence(e.quote, e.start + offset, e.end + offset, None if e.line is None else e.line + line - 1)


def _moved(claim: Claim, offset: int, line: int) -> Claim:
    return dataclasses.replace(claim, evidence=_moved_evidence(claim.evidence, offset, line))


def _drop_unplaced(parsed: ParsedDocument) -> None:
    """Tenures of a person with no name beyond a single word that the document never completed are dropped."""
    parsed.claims = [c for c in parsed.claims if not (isinstance(c, OfficeTenure) and len(c.person.split()) < 2)]
