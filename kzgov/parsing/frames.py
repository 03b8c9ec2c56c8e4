"""Frames: claims assembled from a sentence's mentions by the kind of statement it makes.

A sentence is read once into its mentions (persons, offices, bodies, parties, dates, numbers);
each frame below looks for one kind of statement among them: an office taken, held or left; the
seats or term of a body; a party's seats; an election and its results; something that happened
to a body. Frames are written for kinds of statement and their usual verbs, never for one
source's sentences. What a pronoun, "the post" or "the chamber" stands for comes from the
document context the reader keeps between sentences.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from kzgov.claims import (
    DEFAULT_JURISDICTION,
    Basis,
    BodyEvent,
    BodyEventKind,
    ChamberComposition,
    Claim,
    Election,
    ElectionKind,
    ElectionResult,
    Evidence,
    Indicator,
    OfficeTenure,
    PartySeats,
    Period,
    is_body_kind,
)
from kzgov.parsing.dates import Span, When, find_spans, find_when
from kzgov.parsing.mentions import (
    Mention,
    Number,
    People,
    PersonMention,
    candidate_names,
    fold,
    generic_offices,
    lexicon,
    number_value,
    numbers,
    office_heads,
)
from kzgov.parsing.text import Plain

COUNTRY = {DEFAULT_JURISDICTION: "Kazakhstan"}
_RANK = {"year": 0, "month": 1, "day": 2}


@dataclass(slots=True)
class Sent:
    """One sentence read into its mentions."""

    plain: Plain
    evidence: Evidence
    dates: list[When]
    spans: list[Span]
    known: list[Mention]  # offices, bodies, parties, places from the vocabulary
    offices: list[Mention]
    bodies: list[Mention]
    parties: list[Mention]
    persons: list[PersonMention]
    numbers: list[Number]
    section: str = ""

    @property
    def text(self) -> str:
        """The sentence's markup-free text."""
        return self.plain.text

    def dates_after(self, pos: int) -> list[When]:
        """Dates starting at or after pos."""
        return [d for d in self.dates if d.start >= pos]

    def date_for(self, pos: int, *, point: bool = False) -> When | None:
        """The date a verb at pos speaks of: the closest in the sentence, not one that dates another event.

        A date after the verb that "a day after ..." introduces dates the event it names, not the verb;
        one an election noun governs ("the election held on ...") is the election's; for an event at a
        point (``point``), a date after "since" or "until" bounds some other period.
        """
        usable = []
        attached: When | None = None
        for d in self.dates:
            if d.start > 2 and re.search(r"[;:]", self.text[min(pos, d.end) : max(pos, d.start)]):
                continue  # another clause's date (a date leading the sentence, as in a timeline, governs them all)
            lead = self.text[max(0, d.start - 45) : d.start]
            if d.start > pos and _DATES_OTHER_EVENT_RE.match(self.text, d.start):
                continue
            if (
                d.precision == "year"
                and _ATTRIBUTIVE_YEAR_RE.match(self.text, d.end)
                and not re.search(r"\b(?:in|on|since|until|from|by|of|to)\s+(?:the\s+)?$", lead, re.IGNORECASE)
            ):
                continue  # "the 1995 Constitution": a year naming a thing, not dating the verb
            if _ATTACHED_RE.search(lead) or (
                attached is not None and re.fullmatch(r"\s*(?:and|or|,)\s*", self.text[attached.end : d.start])
            ):
                attached = d  # "elections ... in May 2034 and October 2039": both the elections' dates
                continue
            if point and re.search(r"\b(?:since|until|till|before|after)\s+(?:the\s+)?$", lead, re.IGNORECASE):
                continue
            usable.append(d)
        if not usable:
            return None
        # A date the verb's own "on" or "in" introduces, just after it, wins over a nearer one before it.
        after = [d for d in usable if d.start >= pos and d.start - pos <= 60]
        if after and re.search(
            r"\b(?:on|in|of)\s+(?:\w+,\s*)?$", self.text[max(0, after[0].start - 14) : after[0].start]
        ):
            return after[0]
        return min(usable, key=lambda d: (d.start - pos) if d.start >= pos else (pos - d.end) + 5)

    def nearest_date(self, pos: int, after_first: bool = True) -> When | None:
        """The first date after pos, else the last before it (or the other way round)."""
        after = self.dates_after(pos)
        if after and after_first:
            return after[0]
        before = [d for d in self.dates if d.end <= pos]
        return before[-1] if before else (after[0] if after else None)

    def person_at(self, pos: int) -> PersonMention | None:
        """The person whose name starts at pos."""
        return next((p for p in self.persons if p.start == pos), None)


# A date that belongs to a noun between the verb and it: "the election held on Friday, 7 March 2031".
_ATTACHED_RE = re.compile(
    r"\b(?:election|vote|referendum|poll)s?\s+(?:held\s+|which\s+took\s+place\s+|of\s+(?:his|her|its|their)\s+own\s+)?"
    r"(?:on|in)\s+(?:\w+,\s*)?$",
    re.I,
)
_ATTRIBUTIVE_YEAR_RE = re.compile(
    r"\s+(?:[A-Z]\w+|constitution|election|elections|referendum|reform|amendments|vote|census|law)\b"
)
_DATES_OTHER_EVENT_RE = re.compile(r"(?:a|one|two|three|\d)\s+days?\s+(?:after|before)\b", re.IGNORECASE)


@dataclass(slots=True)
class DocContext:
    """What the document said before the sentence being read, and what it is about."""

    anchor: dt.date | None = None  # the document's own date (dateline, publication)
    dated: bool = False  # the anchor is the day the document was written (a news story, a release)
    last_date: dt.date | None = None  # the last date the text mentioned
    last_day: dt.date | None = None  # the last day the text named (the time a narrative has reached)
    title: str = ""
    topic_office: str | None = None  # the office the page is about
    topic_body: tuple[str, str] | None = None  # (name, kind) of the body the page is about
    section_office: str | None = None  # the office the current section's heading names
    subject_person: str | None = None  # the person a biography is about
    last_person: str | None = None  # who "he" or "she" is
    recent_persons: list[str] = field(default_factory=list)  # persons named, the latest last
    last_office: str | None = None
    prev_offices: list[str] = field(default_factory=list)  # offices the previous sentence named
    last_body: tuple[str, str] | None = None
    last_chamber: str | None = None  # what "the chamber" or "the house" stands for
    last_party: str | None = None
    people: People = field(default_factory=People)
    elections: dict[str, Election] = field(default_factory=dict)
    last_election: str | None = None  # the ref of the election last spoken about
    election_kind: ElectionKind | None = None  # the kind of election the document is about, where it says


# -- vocabulary of statements -------------------------------------------------------------------------------

_PASSIVE = r"(?:sworn\s+in|appointed|named|installed|inaugurated|elected|confirmed|approved|chosen|made|endorsed)"
_START_RE = re.compile(
    rf"\b(?:(?:was|were|has\s+been|had\s+been|is|be|being)\s+(?:(?:first|formally|officially|then|later|subsequently)\s+)?"
    rf"{_PASSIVE}(?:\s+(?:as|to\s+the\s+post\s+of|to\s+the\s+office\s+of|to\s+become|to\s+(?:head|lead|run)))?"
    rf"|{_PASSIVE}\s+as|sworn\s+in(?:\s+as)?"
    r"|(?:first\s+)?(?:became|becomes|become)|took\s+office(?:\s+as)?|took\s+over\s+as|assumed(?:\s+the)?"
    r"(?:\s+office\s+of|\s+post\s+of|\s+presidency|\s+office)?"
    r"|returned\s+as|started\s+the\s+job|took\s+the\s+oath(?:\s+of\s+office)?(?:\s+as)?|put\s+\w+\s+in\s+charge\s+of"
    r"|moved\s+(?:across\s+)?to\s+(?:run|head|lead)|took\s+(?:the\s+helm|charge)\s+of|returned\s+to"
    r"|(?:was|were)\s+(?:brought\s+back|recalled|moved|transferred|promoted)\b[^.;,]{0,40}?\s+as"
    r"|(?:takes?|took)\s+over(?:\s+the\s+(?:chairmanship|leadership)\s+of)?(?=\s+the\s))\b",
    re.IGNORECASE,
)
_AGENT_START_RE = re.compile(
    r"\b(?:endorsed|approved|appointed|named|elected|elects|chose|picked|confirmed|installed|nominated)\s*$",
    re.IGNORECASE,
)
_AGENT_AS_RE = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:to\s+replace\s+\w+\s+)?(?:as|to\s+(?:the\s+)?(?:newly\s+created\s+)?(?:post|office)\s+of|(?=\s))"
    r"\s+(?:the\s+)?(?:their\s+|its\s+|his\s+|her\s+)?(?:country's\s+)?(?:new\s+)?",
    re.IGNORECASE,
)
_END_RE = re.compile(
    r"\b(?:stepped\s+down|steps\s+down|stepping\s+down|stepped\s+aside|steps\s+aside|resigned|resigns|left\s+office"
    r"|gave\s+up|lost\s+office|(?:left|leaves|quit|quits)\s+the\s+(?:post|office|job|chair)"
    r"|was\s+dismissed|was\s+removed|was\s+ousted|ended|ends|was\s+replaced|retired"
    r"|(?:announced|announces|tendered|submitted)\s+(?:his|her|their)\s+resignation)\b",
    re.IGNORECASE,
)
_HOLD_RE = re.compile(
    r"\b(?:has\s+(?:been|headed|led|chaired|served\s+as|held)|had\s+(?:already\s+)?(?:been|headed|led|chaired|served\s+as|held)"
    r"|heads|headed|leads|led|chairs|chaired|served\s+as|serves\s+as|held|holds|remains|remained|ran\s+the)\b",
    re.IGNORECASE,
)
_PRESENT_HOLD_RE = re.compile(
    r"\b(?:remains|is\s+(?:now\s+|currently\s+)?(?:the\s+)?|serves\s+as|heads|chairs|leads)\s*$"
)
_SINCE_RE = re.compile(r"\b(?:since|from|between)\s*$", re.IGNORECASE)
_REPLACE_RE = re.compile(
    r"\b(?:replaced|replacing|succeeded|succeeding|the\s+successor\s+to|successor\s+of|in\s+place\s+of)\s*$",
    re.IGNORECASE,
)
_HANDOVER_RE = re.compile(r"\b(?:gave\s+up|handed\s+over|passed|went)\b[^.;]{0,40}?\bto\s*$", re.IGNORECASE)
_PRONOUN_RE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_POST_RE = re.compile(
    r"\b(?:the|that|this|his|her)\s+(?:post|job|office|position|premiership|presidency|role)\b"
    r"|\bthe\s+newly\s+created\s+post\b|\bhead\s+of\s+state\b|\bhead\s+of\s+government\b"
    r"|\b(?:run|ran|led|ruled|lead|rule)\s+the\s+country\b|\bthe\s+(?:country's\s+)?leader\b",
    re.IGNORECASE,
)
_NOT_CURRENT_RE = re.compile(r"\b(?:former|then|ex|late|acting|interim|future|would-be|outgoing)[\s-]*$", re.IGNORECASE)
_PAST_COUNT_RE = re.compile(
    r"\b(?:present|backed|voted|attended|signed|supported|opposed|abstained|took\s+part)\b", re.IGNORECASE
)
_SEAT_NOUN = (
    r"(?:seats?|members?|deputies|deputy\s+mandates|mandates|senators|MPs|judges|representatives|councillors|lawmakers)"
)
_BODY_MEMBERS = {"senator": "Senate", "senators": "Senate"}


@functools.lru_cache(maxsize=4096)
def _names_something_else(name: str) -> bool:
    """Whether a "person" is really an office, body, party or place the vocabulary knows."""
    return bool(lexicon().find(name, {"office", "body", "party", "place"}))


def _looks_female(name: str) -> bool:
    """Whether a name looks like a woman's by its surname's ending (Kazakh and Russian surnames)."""
    surname = name.split()[-1].lower()
    return surname.endswith(("ova", "eva", "yeva", "ina", "yna", "aya", "kyzy", "qyzy")) or (
        len(name.split()) == 1 and surname.endswith("a")
    )


def _acting_before(text: str, pos: int) -> bool:
    """Whether the office named at pos is held in an acting capacity ("acting prime minister")."""
    return bool(re.search(r"\b(?:acting|interim|caretaker)\s+$", text[max(0, pos - 12) : pos], re.IGNORECASE))


def _inside_parentheses(text: str, pos: int) -> bool:
    return text.count("(", 0, pos) > text.count(")", 0, pos)


def _office_for_body(body: str) -> str | None:
    """The office of whoever heads a body ("led the cabinet": the prime minister).

    Besides the government, the office the vocabulary names after the body: "Chair of the National
    Bank" heads the National Bank, "Head of the Presidential Administration" the administration.
    """
    if body == "Government of Kazakhstan":
        return "Prime Minister"
    return office_heads().get(fold(body))


def chair_of(body: str) -> str:
    """The office that presides over a body."""
    return f"Chair of the {body}"


class Frames:
    """Reads sentences into claims, keeping the document context between them."""

    def __init__(self, ctx: DocContext, jurisdiction: str = DEFAULT_JURISDICTION) -> None:
        self.ctx = ctx
        self.jurisdiction = jurisdiction
        self.claims: list[Claim] = []
        self.pending_early: list[ElectionKind] = []  # kinds of election called early, with no date of their own
        self.mentioned: list[tuple[int, str]] = []
        self.election_before: str | None = None
        self.touched = 0  # claims made more exact by later statements (a turnout, a precise date)
        self.line_date: When | None = None  # the date a timeline's line begins with
        # Indexes into claims, so that what a sentence asks of the claims so far costs what it asks, not
        # what the document has said: where the first claim with each evidence stands (a sentence's own
        # claims are from there on), where each election's claim stands, where its results stand, and
        # the elections of each year in the order recorded.
        self._first_with: dict[Evidence, int] = {}
        self._election_at: dict[str, int] = {}
        self._results_at: dict[str, list[int]] = {}
        self._elections_in: dict[int, list[str]] = {}
        self._elections_indexed = 0

    # -- reading a sentence --------------------------------------------------------------------------------

    def read(self, plain: Plain, evidence: Evidence, section: str = "") -> Sent:
        """A sentence with its mentions found."""
        text = plain.text
        dates = find_when(text, self.ctx.anchor, self.ctx.last_day)
        if not dates and self.line_date is not None:
            # The rest of a timeline's line: the line's date, placed before the sentence.
            dates = [When(0, 0, self.line_date.date, self.line_date.precision)]
        known = lexicon().find(text)
        masked = [(m.start, m.end) for m in known]
        generic = [g for g in generic_offices(text) if not any(a <= g.start < b for a, b in masked)]
        offices = sorted([m for m in known if m.kind == "office"] + generic, key=lambda m: m.start)
        masked += [(g.start, g.end) for g in generic]
        masked += [(d.start, d.end) for d in dates]
        persons = []
        for p in candidate_names(text, masked):
            full = self.ctx.people.complete(p.name)
            if full is not None and len(p.name) >= 3:
                persons.append(PersonMention(p.start, p.end, full))
        bodies = [m for m in known if m.kind == "body"]
        for m in re.finditer(r"\b(senators?)\b", text, re.IGNORECASE):
            bodies.append(Mention("body", _BODY_MEMBERS[m.group(1).lower()], m.start(), m.end(), "chamber"))
        bodies.sort(key=lambda m: m.start)
        return Sent(
            plain,
            evidence,
            dates,
            find_spans(text, dates),
            known,
            offices,
            bodies,
            [m for m in known if m.kind == "party"],
            persons,
            numbers(text),
            section,
        )

    def sentence(self, s: Sent) -> list[Claim]:
        """Every claim one sentence makes."""
        before = len(self.claims)
        self.mentioned = []  # (position, ref) of the elections this sentence names
        self.election_before = self.ctx.last_election
        for frame in (
            self.tenures,
            self.acting,
            self.compositions,
            self.terms,
            self.elections,
            self.results,
            self.party_seats,
            self.events,
        ):
            frame(s)
        made = self.claims[before:]
        # Context for the sentences after this one.
        if s.dates:
            self.ctx.last_date = s.dates[-1].date
        days = [d for d in s.dates if d.precision == "day"]
        if days:
            self.ctx.last_day = days[-1].date
        subject = self._subject(s)
        for p in s.persons:
            if p.name in self.ctx.recent_persons:
                self.ctx.recent_persons.remove(p.name)
            self.ctx.recent_persons.append(p.name)
        if subject is not None:
            self.ctx.last_person = subject
            if subject in self.ctx.recent_persons:
                self.ctx.recent_persons.remove(subject)
            self.ctx.recent_persons.append(subject)  # the subject is whom a pronoun most likely means
        self.ctx.prev_offices = [o.canonical for o in s.offices]
        if s.offices:
            self.ctx.last_office = s.offices[-1].canonical
        named = sorted(s.bodies + s.parties, key=lambda m: m.start)
        if named:
            # "It" in the next sentence is most often what this one was about: the first body it named.
            first = named[0]
            self.ctx.last_body = (first.canonical, "party" if first.kind == "party" else (first.note or "other"))
        chambers = [b for b in s.bodies if b.note == "chamber"]
        if chambers:
            self.ctx.last_chamber = chambers[0].canonical
        if s.parties:
            self.ctx.last_party = s.parties[0].canonical if len(s.parties) == 1 else s.parties[-1].canonical
        return made

    def _subject(self, s: Sent) -> str | None:
        """Who the sentence is about: its first person, or "he"/"she" at its start."""
        lead = _PRONOUN_RE.match(s.text.strip())
        if lead and not (s.persons and s.persons[0].start < 3):
            return self.referent(lead.group())
        if s.persons and s.persons[0].start < 60:
            return s.persons[0].name
        return s.persons[0].name if s.persons else None

    # -- helpers -------------------------------------------------------------------------------------------

    def add(self, claim: Claim) -> None:
        """Keep a claim, once: two frames reading the same statement the same way make one claim."""
        if claim not in self.claims[-12:]:
            self._first_with.setdefault(claim.evidence, len(self.claims))
            if isinstance(claim, ElectionResult):
                self._results_at.setdefault(claim.election_ref, []).append(len(self.claims))
            self.claims.append(claim)

    def _replace(self, i: int, claim: Claim) -> None:
        """Put claim in the place of claims[i] (a statement made more exact), keeping the indexes true."""
        self.claims[i] = claim
        if self._first_with.get(claim.evidence, i) >= i:
            self._first_with[claim.evidence] = i

    def _own(self, s: Sent) -> list[Claim]:
        """The claims kept so far whose evidence is the sentence's, in order."""
        first = self._first_with.get(s.evidence)
        return [] if first is None else [c for c in self.claims[first:] if c.evidence == s.evidence]

    def _election_index(self, ref: str, e: Election) -> int:
        """Where the claim of election ref stands in claims."""
        i = self._election_at.get(ref)
        if i is None or self.claims[i] is not e:
            i = self.claims.index(e)
            self._election_at[ref] = i
        return i

    def _elections_of(self, year: int) -> list[str]:
        """The refs of the elections recorded in a year, in the order recorded."""
        if self._elections_indexed != len(self.ctx.elections):  # recorded other than by election(): index anew
            self._elections_in = {}
            for ref, e in self.ctx.elections.items():
                assert e.period.start is not None
                self._elections_in.setdefault(e.period.start.year, []).append(ref)
            self._elections_indexed = len(self.ctx.elections)
        return self._elections_in.get(year, [])

    def _basis(self, *dates: When | None) -> Basis:
        return "inferred" if any(d is not None and d.inferred for d in dates) else "explicit"

    def _period_at(self, w: When) -> Period:
        return Period(
            start=w.date,
            start_precision=w.precision,
            end=w.after,
            end_precision=w.precision,
            basis=self._basis(w),
        )

    def _since(self, w: When) -> Period:
        return Period(start=w.date, start_precision=w.precision, basis=self._basis(w))

    def _until(self, w: When) -> Period:
        return Period(end=w.date, end_precision=w.precision, basis=self._basis(w))

    def _between(self, a: When, b: When | None) -> Period | None:
        if b is None:
            return self._since(a)
        end = b.date
        if end <= a.date:
            end = b.after
        if end <= a.date:
            return None
        return Period(
            start=a.date,
            start_precision=a.precision,
            end=end,
            end_precision=b.precision,
            basis=self._basis(a, b),
        )

    def _office_in(self, s: Sent, start: int, end: int) -> Mention | None:
        found = [m for m in s.offices if start <= m.start < end]
        return found[0] if found else None

    def _post(self, s: Sent, start: int, end: int) -> str | None:
        """The office "the post", "the job", "head of state" refers to, inside [start, end)."""
        m = _POST_RE.search(s.text, start, end)
        if m is None:
            return None
        word = m.group().lower()
        if "head of state" in word or "presidency" in word or "country" in word:
            return "President"
        if "head of government" in word or "premiership" in word:
            return "Prime Minister"
        before = [
            o
            for o in s.offices
            if o.end <= m.start()
            and not re.search(r"\b(?:a|an|any|every|no)\s+$", s.text[max(0, o.start - 8) : o.start])
        ]
        if before:
            return before[-1].canonical
        return self.ctx.section_office or self.ctx.topic_office or self.ctx.last_office

    def _person_before(self, s: Sent, pos: int) -> str | None:
        # "she left the premiership to P and went on to run X": a verb after "and" has the first verb's subject.
        if re.search(r"\band\s+$", s.text[max(0, pos - 8) : pos]) and not re.search(
            r"\b(?:he|she|it|they)\s+and\s+$", s.text[max(0, pos - 16) : pos]
        ):
            first = re.match(r"\s*(?:(?:on|in)\s+[^,]{3,30}?\s+)?(he|she)\b", s.text, re.IGNORECASE)
            if first:
                return self.ctx.last_person or self.ctx.subject_person
            if s.persons and s.persons[0].start < 40:
                return s.persons[0].name
        before = [p for p in s.persons if p.end <= pos]
        pronoun = None
        for pm in _PRONOUN_RE.finditer(s.text, 0, pos):
            pronoun = pm
        for pm in re.finditer(
            r"\b(?:his|her)\s+(?:\w+\s+)?(?:premiership|presidency|term|tenure|mandate|government)\b",
            s.text[:pos],
            re.I,
        ):
            if pronoun is None or pm.start() > pronoun.start():
                pronoun = pm
        if before and (pronoun is None or before[-1].start > pronoun.start()):
            return before[-1].name
        if pronoun is not None:
            # "Ormanov was re-elected ...; he has kept that post since 2029": an antecedent in the sentence first.
            female = pronoun.group().split()[0].lower() in ("she", "her")
            same = [p for p in before if p.end <= pronoun.start() and _looks_female(p.name) == female]
            return same[-1].name if same else self.referent(pronoun.group().split()[0])
        return None

    def referent(self, pronoun: str) -> str | None:
        """Whom "he" or "she" stands for: the latest person of the document whose name fits the pronoun.

        Kazakh and Russian surnames tell a woman's name by its ending (Nazarbayeva, Temirova); a
        pronoun that does not fit the latest person looks further back.
        """
        female = pronoun.lower() in ("she", "her", "hers", "herself")
        subject = self.ctx.subject_person
        if subject is not None and _looks_female(subject) == female:
            return subject  # in a biography, "he" is the one it is about
        for name in reversed(self.ctx.recent_persons):
            if _looks_female(name) == female:
                return name
        return self.ctx.last_person or self.ctx.subject_person

    def _office_of(self, person: str) -> str | None:
        """The office the document last said person held."""
        for claim in reversed(self.claims):
            if isinstance(claim, OfficeTenure) and claim.person == person and not claim.acting:
                return claim.office
        return None

    def _chamber(self, word: str, s: Sent | None = None, pos: int | None = None) -> str | None:
        """The body "the chamber" or "the house" stands for: the chamber last named before it."""
        word = word.lower()
        if word in ("chamber", "house"):
            named = [b for b in s.bodies if b.note == "chamber" and b.end <= pos] if s and pos is not None else []
            if named:
                return named[-1].canonical
            if self.ctx.last_chamber:
                return self.ctx.last_chamber
            body = self.ctx.topic_body
            return body[0] if body and body[1] in ("chamber", "parliament") else None
        found = lexicon().find(word, {"body"})
        return found[0].canonical if found else None

    def institution(self, office: str) -> str:
        """An office named as an institution, with its country: "President of Kazakhstan"."""
        country = COUNTRY.get(self.jurisdiction)
        return f"{office} of {country}" if country and not office.endswith(country) else office

    def tenure(
        self, office: str, person: str, period: Period, s: Sent, *, party: str | None = None, acting: bool = False
    ) -> None:
        """Keep a tenure, unless the person is really an office or body name."""
        if not person or fold(person) == fold(office) or _names_something_else(person):
            return
        self.add(
            OfficeTenure(
                evidence=s.evidence,
                period=period,
                jurisdiction=self.jurisdiction,
                office=office,
                person=person,
                party=party,
                acting=acting,
            )
        )

    # -- office tenures -------------------------------------------------------------------------------------

    def tenures(self, s: Sent) -> None:
        """Offices taken, held and left, and one holder replacing another."""
        done: set[tuple[str, str, str]] = set()
        taken: list[tuple[dt.date, str]] = []

        def keep(kind: str, office: str | None, person: str | None, period: Period | None) -> None:
            if office is None or person is None or period is None or (kind, office, person) in done:
                return
            done.add((kind, office, person))
            if kind in ("start", "hold"):
                taken.append((period.start or dt.date.min, office))
            self.tenure(office, person, period, s)

        self._starts(s, keep)
        self._holds(s, keep)
        self._earlier(s, keep)
        self._replacements(s, keep)
        self._ends(s, keep)
        self._titles(s, keep)
        if taken:
            # "... moved to run the administration. That job went to P": the post the text just told of,
            # though it was named by its body, not by its title; of two, the one taken last.
            self.ctx.last_office = max(taken, key=lambda t: t[0])[1]

    def _starts(self, s: Sent, keep: object) -> None:
        """ "P became / was sworn in as / took office as O on D"; "<agent> endorsed P as O"."""
        text = s.text
        assert callable(keep)
        for m in _START_RE.finditer(text):
            if re.search(r"\b(?:acting|interim)\s*$", text[: m.start()], re.IGNORECASE):
                continue
            person = self._person_before(s, m.start())
            if re.match(r"moved|took\s+(?:the\s+helm|charge)|(?:takes?|took)\s+over", m.group(), re.IGNORECASE):
                # "moved over to run the Water Agency", "took the helm of a new commission",
                # "takes over the chairing of the board from Temirov"
                source = re.match(r"[^.;,]{0,40}?\bfrom\s+", text[m.end() :])
                given = s.person_at(m.end() + source.end()) if source else None
                if given is not None:
                    body_of = next((b for b in s.bodies if 0 <= b.start - m.end() < 8), None)
                    when = s.date_for(m.end())
                    if body_of is not None and when is not None and body_of.note in ("chamber", "parliament"):
                        keep("end", chair_of(body_of.canonical), given.name, self._until(when))
                body = next((b for b in s.bodies if 0 <= b.start - m.end() < 8), None)
                chamber = re.match(r"\s+the\s+(?:\w+\s+)?(chamber|house)\b", text[m.end() :], re.IGNORECASE)
                if body is None and chamber:
                    name = self._chamber(chamber.group(1), s, m.end())
                    body = Mention("body", name, m.end(), m.end(), "chamber") if name else None
                if body is not None and body.note in ("chamber", "parliament"):
                    date = s.date_for(m.end())
                    if date is not None:
                        keep("start", chair_of(body.canonical), person, self._since(date))
                    continue
                date = s.date_for(m.start())
                if body is not None and date is not None:
                    keep(
                        "start",
                        _office_for_body(body.canonical) or f"Head of the {body.canonical}",
                        person,
                        self._since(date),
                    )
                continue
            if "charge of" in m.group().lower():  # "put her in charge of the audit office": the one put in charge
                who = re.match(r"put\s+(\w+)", m.group(), re.IGNORECASE)
                named = next((p for p in s.persons if m.start() < p.start < m.end()), None)
                if named is not None:
                    person = named.name
                elif who and who.group(1).lower() in ("him", "her"):
                    person = self.ctx.last_person or self.ctx.subject_person
                body = next((b for b in s.bodies if b.start >= m.end() and b.start - m.end() < 10), None)
                office = chair_of(body.canonical) if body is not None and body.note == "agency" else None
                date = s.date_for(m.start())
                if office and date:
                    keep("start", office, person, self._since(date))
                continue
            office_m = self._office_in(s, m.end(), min(len(text), m.end() + 60))
            if office_m is not None and _acting_before(text, office_m.start):
                continue
            office = office_m.canonical if office_m else self._post(s, m.end(), min(len(text), m.end() + 60))
            if office is None and re.match(r"\s+(?:the\s+)?(?:government|cabinet)\b", text[m.end() :], re.IGNORECASE):
                office = "Prime Minister"
            if office is None and re.match(
                r"\s*(?:(?:again|formally|officially|first)\s+)?(?:on|in)\b", text[m.end() :]
            ):
                # "Kenzhin had been named in August 2033": the office the text just spoke of.
                if re.search(r"appointed|named|confirmed|sworn", m.group(), re.IGNORECASE):
                    office = self.ctx.prev_offices[-1] if self.ctx.prev_offices else self.ctx.section_office
                if office is None and re.search(r"sworn|oath|inaugurated", m.group(), re.IGNORECASE):
                    office = self.ctx.section_office
                office = office or self.ctx.topic_office
            if office is None and re.search(r"\b(?:job|office|oath|post)\b", m.group(), re.IGNORECASE):
                office = self.ctx.section_office or self.ctx.topic_office
            if office is None and re.search(r"inaugurated|sworn", m.group(), re.IGNORECASE):
                # "Nazarbayev is inaugurated" after a presidential election: its winner takes the presidency.
                election = next((c for c in reversed(self.claims) if isinstance(c, Election)), None)
                if (
                    election is not None
                    and election.kind == "presidential"
                    and ("inaugurated" in m.group().lower() or person == self._elect_name())
                ):
                    office = "President"
            if person is None or office is None:
                continue
            if re.search(r"\bre-?(?:appointed|elected)\b", text[max(0, m.start() - 3) : m.end()], re.IGNORECASE):
                continue
            date = s.date_for(m.end())
            if date is None:
                continue
            # "became chair on October 3, 2031, and kept the role until June 8, 2034".
            until = next(
                (
                    d
                    for d in s.dates
                    if d.start > date.end and re.search(r"\buntil\s+$", text[max(0, d.start - 7) : d.start])
                ),
                None,
            )
            period = self._between(date, until) if until is not None else self._since(date)
            keep("start", office, person, period)
        for p in s.persons:
            if not _AGENT_START_RE.search(text[max(0, p.start - 40) : p.start]):
                continue
            am = _AGENT_AS_RE.match(text, p.end)
            if am is None:
                continue
            as_at = (
                max((x.start() for x in re.finditer(r"\b(?:as|post|office)\b", text[p.end : am.end()])), default=0)
                + p.end
            )
            office_m = self._office_in(s, as_at, am.end() + 40)
            office = office_m.canonical if office_m else self._post(s, as_at, am.end() + 40)
            if office is None and re.match(
                r"(?:speaker|chair(?:man|woman|person)?)\b", text[am.end() :], re.IGNORECASE
            ):
                body = next((b for b in s.bodies if b.kind == "body" and b.note == "chamber"), None)
                office = chair_of(body.canonical) if body else None
            date = s.date_for(p.start)
            if office and date:
                keep("start", office, p.name, self._since(date))
        for p in s.persons:
            lead = re.match(
                r"\s*(?:,[^,]{0,60},\s*)?to\s+(?:lead|head|chair|preside\s+over|replace\s+\w+\s+at\s+the\s+head\s+of)\s+"
                r"(?:them|it|the\s+chamber|the\s+house|the\s+)",
                text[p.end :],
            )
            if lead is None or not _AGENT_START_RE.search(text[max(0, p.start - 40) : p.start]):
                continue
            body = next((b for b in s.bodies if b.note == "chamber"), None)
            date = s.date_for(p.start)
            if body is not None and date is not None:
                keep("start", chair_of(body.canonical), p.name, self._since(date))
        for m in re.finditer(
            r"\b(?:named|appointed|made|elected|chose|nominated)\s+(?P<who>him|her)\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?",
            text,
            re.IGNORECASE,
        ):
            office_m = self._office_in(s, m.end(), m.end() + 2)
            date = s.date_for(m.start())
            person = self.referent(m.group("who"))
            if office_m is not None and date is not None and person is not None:
                keep("start", office_m.canonical, person, self._since(date))

    def _holds(self, s: Sent, keep: object) -> None:
        """ "P has headed O since D", "P, speaker of the house since D", "from 2031 to 2033"."""
        text = s.text
        assert callable(keep)
        for d in s.dates:
            if not _SINCE_RE.search(text[max(0, d.start - 8) : d.start]) or (d.inferred and d.precision != "day"):
                continue
            span = next((sp for sp in s.spans if sp.first is d), None)
            head = text[: d.start]
            hold = None
            for hm in _HOLD_RE.finditer(head):
                hold = hm
            office: str | None = None
            person: str | None = None
            by = re.match(r"\s+by\s+", text[hold.end() :]) if hold is not None else None
            if hold is not None and by is not None and re.search(r"chair|led|head|presid", hold.group(), re.I):
                # "The Senate ... has been led by P since D": P presides over the body named before.
                holder = s.person_at(hold.end() + by.end())
                subject = self._body_subject(s, hold.start())
                if holder is not None and subject is not None:
                    office = _office_for_body(subject[0]) or chair_of(subject[0])
                    keep(
                        "hold",
                        office,
                        holder.name,
                        self._between(d, span.last) if span and span.last else self._since(d),
                    )
                continue
            if hold is not None:
                person = self._person_before(s, hold.start())
                office_m = self._office_in(s, hold.end(), d.start)
                if office_m is not None and _acting_before(text, office_m.start):
                    continue  # the acting frame reads "worked as interim prime minister from ..."
                office = office_m.canonical if office_m else self._post(s, hold.end(), d.start)
                if office is None:
                    office = self._headed(s, hold, d.start)
            else:
                # An appositive: "P, speaker of the house since D" / "Incumbent P since D".
                office_m = next((o for o in reversed(s.offices) if o.end <= d.start and d.start - o.end < 30), None)
                office = office_m.canonical if office_m else None
                chair = re.search(
                    r"\b(chair(?:man|woman|person)?|speaker)\s+of\s+the\s+(chamber|house)\s+since\s*$",
                    head,
                    re.IGNORECASE,
                )
                if chair:
                    body = self._chamber(chair.group(2), s, chair.start(2))
                    office = chair_of(body) if body else office
                person = self._person_before(s, d.start) if office else None
            if office and person:
                period = self._between(d, span.last) if span and span.last else self._since(d)
                keep("hold", office, person, period)

    def _earlier(self, s: Sent, keep: object) -> None:
        """ "Before that she chaired X, a post she took in 2029": an earlier tenure, ended by the one just told."""
        text = s.text
        assert callable(keep)
        lead = re.match(r"\s*(?:before\s+that|previously|earlier)\s*,?\s+", text, re.IGNORECASE)
        if lead is None:
            return
        hold = re.compile(r"\b(?:chaired|headed|led|ran|held|served\s+as|was)\b").search(
            text, lead.end(), lead.end() + 30
        )
        if hold is None:
            return
        person = self._person_before(s, hold.start()) or self.ctx.last_person
        office_m = self._office_in(s, hold.end(), hold.end() + 40)
        office = office_m.canonical if office_m else self._headed(s, hold, min(len(text), hold.end() + 60))
        if person is None or office is None:
            return
        given = re.search(
            r"\b(?:a|the)\s+(?:post|job|position|office)\s+(?:he|she)\s+(?:was\s+given|took|assumed|got)\s+", text
        )
        start = s.date_for(given.end()) if given else None
        later = [
            c
            for c in self.claims
            if isinstance(c, OfficeTenure)
            and c.person == person
            and c.evidence != s.evidence
            and c.period.start is not None
        ]
        end = later[-1].period if later else None
        if end is None and start is None:
            return
        if start is not None and end is not None and end.start is not None and end.start > start.date:
            period = Period(
                start=start.date,
                start_precision=start.precision,
                end=end.start,
                end_precision=end.start_precision,
                basis=self._basis(start),
            )
        elif start is not None:
            period = self._since(start)
        else:
            assert end is not None and end.start is not None
            period = Period(end=end.start, end_precision=end.start_precision, basis="explicit")
        keep("earlier", office, person, period)

    def _headed(self, s: Sent, hold: re.Match[str], until: int) -> str | None:
        """The office of one who "headed the X" or "chaired the chamber"."""
        text = s.text
        body = next((b for b in s.bodies if hold.end() <= b.start < until), None)
        # "was in charge of the Mazhilis": whoever presides over it.
        in_charge = body is not None and re.search(r"\bin\s+charge\s+of\s+(?:the\s+)?$", text[hold.end() : body.start])
        if body is not None:
            office = _office_for_body(body.canonical)
            if office is None and (
                re.search(r"chair", hold.group(), re.IGNORECASE) or (in_charge and body.note == "chamber")
            ):
                office = chair_of(body.canonical)
            if office is None and (re.search(r"head|led|lead", hold.group(), re.IGNORECASE) or in_charge):
                office = f"Head of the {body.canonical}"
            return office
        chamber = re.match(r"\s+(?:the\s+)?(chamber|house)\b", text[hold.end() :], re.IGNORECASE)
        if chamber and re.search(r"chair|led|head|presid", hold.group(), re.IGNORECASE):
            found = self._chamber(chamber.group(1), s, hold.end())
            return chair_of(found) if found else None
        if re.match(r"\s+(?:the\s+)?(?:government|cabinet)\b", text[hold.end() :], re.IGNORECASE):
            return "Prime Minister"
        return None

    def _replacements(self, s: Sent, keep: object) -> None:
        """ "Q replaced P", "Q succeeded P in D", "the successor to P", "gave up O to Q"."""
        text = s.text
        assert callable(keep)
        # "... elected Q as their speaker, to replace him": "him" is whom the text spoke of before.
        for _m in re.finditer(
            r"\b(?:to\s+replace|replacing|to\s+succeed|succeeding)\s+(?:him|her)\b", text, re.IGNORECASE
        ):
            mine = [c for c in self._own(s) if isinstance(c, OfficeTenure)]
            previous = self.ctx.last_person
            # When the text already said when the one replaced left, that stands.
            told = bool(mine) and any(
                isinstance(c, OfficeTenure) and c.person == previous and c.office == mine[-1].office and c.period.end
                for c in self.claims
            )
            if mine and previous and not told and previous != mine[-1].person and mine[-1].period.start is not None:
                start = mine[-1].period
                keep(
                    "end",
                    mine[-1].office,
                    previous,
                    dataclasses.replace(
                        start, start=None, start_precision=None, end=start.start, end_precision=start.start_precision
                    ),
                )
        for p in s.persons:
            before = text[max(0, p.start - 30) : p.start]
            if _REPLACE_RE.search(before):
                taken = [c.office for c in self._own(s) if isinstance(c, OfficeTenure)]
                chaired = re.search(r"\b(?:is|was)\s+(?:chaired|presided\s+over|headed|led)\s+by\b", text[: p.start])
                # The office named beside the one replaced ("defence minister, replacing P", "replaced P as prime
                # minister"), else the one the replacement took in this sentence, else the page's.
                beside = next((o for o in s.offices if 0 <= o.start - p.end <= 8 or 0 <= p.start - o.end <= 30), None)
                office = beside.canonical if beside else (taken[-1] if taken else None)
                if office is None and chaired:
                    subject = self._body_subject(s, chaired.start())
                    office = chair_of(subject[0]) if subject else None
                office = office or self.ctx.topic_office
                # The day the replacement took the office, where this sentence gives it; else the nearest.
                started = [
                    c for c in self._own(s) if isinstance(c, OfficeTenure) and c.period.start and c.office == office
                ]
                ref = (
                    When(0, 0, started[-1].period.start, started[-1].period.start_precision)
                    if started and started[-1].period.start and started[-1].period.start_precision
                    else s.date_for(p.end)
                )
                if re.search(r"successor", before, re.IGNORECASE) and s.dates:
                    ref = s.dates[0]
                if office and ref:
                    keep("end", office, p.name, self._until(ref))
                # "Q succeeded P as O on D": Q took the office then.
                verb = re.search(r"\b(?:replaced|succeeded)\s*$", before, re.IGNORECASE)
                successor = self._person_before(s, p.start - (len(before) - verb.start())) if verb else None
                named_as = re.match(r"\s+as\s+(?:the\s+)?", text[p.end :])
                if successor and named_as and office and ref and successor != p.name:
                    as_office = self._office_in(s, p.end, p.end + named_as.end() + 2)
                    keep("start", as_office.canonical if as_office else office, successor, self._since(ref))
            handover = _HANDOVER_RE.search(text[max(0, p.start - 60) : p.start])
            if handover and handover.group().lower().startswith("went"):
                # "That job went on Tuesday to P": only a post goes to someone, and no one gave it.
                post = _POST_RE.search(text, max(0, p.start - 60 + handover.start() - 30), p.start)
                office = self._post(s, post.start(), p.start) if post else None
                ref = s.date_for(p.start)
                if office and ref:
                    keep("start", office, p.name, self._since(ref))
            elif handover:
                office = self._post(s, max(0, p.start - 60), p.start) or (s.offices[0].canonical if s.offices else None)
                ref = s.date_for(p.start)
                giver = self._person_before(s, max(0, p.start - 60) + handover.start())
                if office is None and giver is not None:
                    office = self._office_of(giver)  # "Alpysov handed over to Marat Kenzhin": his office
                if office and ref:
                    keep("start", office, p.name, self._since(ref))
                    if giver:
                        keep("end", office, giver, self._until(ref))
            took = re.match(r"\s+took\s+over\s+the\s+(?:government|cabinet)\b", text[p.end :], re.IGNORECASE)
            if took and s.dates:
                keep("start", "Prime Minister", p.name, self._since(s.dates[-1]))

    def _ends(self, s: Sent, keep: object) -> None:
        """ "P stepped down in D", "her first term as premier ended on D", "removed P from the KNB on D"."""
        text = s.text
        assert callable(keep)
        for m in _END_RE.finditer(text):
            if re.search(r"\b(?:government|cabinet)\b", text[max(0, m.start() - 40) : m.end() + 20], re.IGNORECASE):
                continue
            if re.match(r"\s+up\s+to\b", text[m.end() - 3 :]) or re.search(
                r"\b(?:would|will|may|might)\s+$", text[: m.start()]
            ):
                continue
            person = self._person_before(s, m.start())
            date = s.date_for(m.start())
            if re.match(r"gave\s+up", m.group(), re.IGNORECASE):
                # "gave up the chairmanship to take it": what was given up is what ended; "gave up her
                # seat" ends no office.
                given = self._given_up(s, m.end())
                if person and given and date:
                    keep("end", given, person, self._until(date))
                continue
            office_m = self._office_in(s, max(0, m.start() - 40), m.end() + 60)
            holder = next((p for p in reversed(s.persons) if p.end <= m.start()), None)
            start = holder.start if holder else max(0, m.start() - 40)
            office = office_m.canonical if office_m else self._post(s, start, m.end() + 40)
            if office is None and person is not None:
                # "... elected Q as their chairman, a day after P stepped down": the office Q took in this sentence.
                taken = [c.office for c in self._own(s) if isinstance(c, OfficeTenure) and c.person != person]
                office = self._office_of(person) or (taken[-1] if taken else None)
                office = office or self.ctx.section_office or self.ctx.topic_office
            if person and office and date:
                keep("end", office, person, self._until(date))
        for m in re.finditer(r"\bremoved\s+", text):
            p = s.person_at(m.end())
            body = next((b for b in s.bodies if p is not None and 0 <= b.start - p.end < 20), None)
            date = s.date_for(m.start())
            if p and body and date:
                office = chair_of(body.canonical) if body.note == "agency" else _office_for_body(body.canonical)
                keep("end", office, p.name, self._until(date))
        # "Beisenova, until then Speaker of the Mazhilis, succeeded him": the office ended on the last date mentioned.
        for m in re.finditer(r"\buntil\s+then\s+", text, re.IGNORECASE):
            office_m = self._office_in(s, m.end(), m.end() + 2)
            person = self._person_before(s, m.start())
            if office_m and person and self.ctx.last_date:
                last = next((d for d in reversed(self._dates_before_sentence()) if d is not None), None)
                if last is not None:
                    keep("end", office_m.canonical, person, self._until(last))

    def _given_up(self, s: Sent, pos: int) -> str | None:
        """The office named by what someone gave up, right after pos: an office, a post, a body's chair."""
        text = s.text
        office_m = self._office_in(s, pos, pos + 25)
        if office_m is not None:
            return office_m.canonical
        chair = re.match(r"\s+(?:the|his|her)\s+(?:speaker['’]s\s+)?(?:chair|chairmanship|speakership)\b", text[pos:])
        if chair:
            body = next((b for b in s.bodies if 0 <= b.start - (pos + chair.end()) < 12), None)
            name = body.canonical if body else self.ctx.last_chamber
            return chair_of(name) if name else None
        post = _POST_RE.match(text, len(text) - len(text[pos:].lstrip()))  # after the spaces at pos
        return self._post(s, post.start(), post.end()) if post else None

    def _dates_before_sentence(self) -> list[When | None]:
        """The last date the text mentioned before this sentence, at the precision it was written."""
        for claim in reversed(self.claims):
            p = claim.period
            for bound, precision in ((p.end, p.end_precision), (p.start, p.start_precision)):
                if bound is not None and precision is not None and bound == self.ctx.last_date:
                    return [When(0, 0, bound, precision)]
        if self.ctx.last_date is None:
            return []
        return [When(0, 0, self.ctx.last_date, "month" if self.ctx.last_date.day == 1 else "day")]

    def _titles(self, s: Sent, keep: object) -> None:
        """A title before a name ("First Deputy Prime Minister Dana Oralova") in a dated story holds on its date;
        "P remains chairman of X" holds now."""
        text = s.text
        assert callable(keep)
        if not self.ctx.dated:
            return
        for o in s.offices:
            # "Foreign Minister Dana Beisenova", "the Chair of the Mazhilis, Bolat Ormanov, also spoke"
            p = (
                s.person_at(o.end + 1)
                or s.person_at(o.end)
                or (s.person_at(o.end + 2) if text[o.end : o.end + 1] == "," else None)
            )
            if p is not None and text[o.end : o.end + 1] == "," and not re.match(r"\s*,", text[p.end :]):
                p = None  # "the chairman, P." with no closing comma is no apposition
            if (
                p is None
                or _NOT_CURRENT_RE.search(text[max(0, o.start - 24) : o.start])
                or re.search(r"['’]s\s*$", text[max(0, o.start - 4) : o.start])
            ):
                continue
            if re.match(r"\s*,?\s*(?:who|was|had|became|is\s+to)\b", text[p.end :]) and s.dates:
                continue  # the sentence says more about the tenure than the title does
            keep("title", o.canonical, p.name, Period.as_of_publication())
        for o in s.offices:
            if _PRESENT_HOLD_RE.search(text[max(0, o.start - 30) : o.start]):
                person = self._person_before(s, o.start)
                if person:
                    keep("title", o.canonical, person, Period.as_of_publication())

    def acting(self, s: Sent) -> None:
        """Acting holders: "P was acting O from D1 until D2", "P served as acting O from D"."""
        text = s.text
        for m in re.finditer(r"\b(?:acting|interim|caretaker)\s+", text, re.IGNORECASE):
            office_m = next((o for o in s.offices if 0 <= o.start - m.end() <= 2), None)
            if office_m is None:
                continue
            person = self._person_before(s, m.start())
            if person is None:
                continue
            after = [d for d in s.dates if d.start >= office_m.end]
            span = next((sp for sp in s.spans if sp.start >= office_m.end), None)
            period: Period | None
            if span is not None:
                period = self._between(span.first, span.last)
            elif after and re.match(r"\s*(?:from|since)\b", text[office_m.end :]):
                until = None
                if len(after) > 1 and re.search(
                    r"\b(?:until|till|to)\b|\b(?:confirmed|appointed|approved|sworn\s+in)\b",
                    text[after[0].end : after[1].start],
                    re.IGNORECASE,
                ):
                    until = after[1]
                period = self._between(after[0], until)
            else:
                continue
            if period is not None:
                self.tenure(office_m.canonical, person, period, s, acting=True)

    # -- bodies: seats, terms --------------------------------------------------------------------------------

    def _composition(
        self, s: Sent, body: str, kind: str, period: Period, election_method: str | None = None, **seats: int | None
    ) -> None:
        if election_method is None and all(v is None for v in seats.values()):
            return
        self.add(
            ChamberComposition(
                evidence=s.evidence,
                period=period,
                jurisdiction=self.jurisdiction,
                body=body,
                body_kind=kind if is_body_kind(kind) else "other",
                election_method=election_method,
                **seats,
            )
        )

    def _body_subject(self, s: Sent, pos: int) -> tuple[str, str] | None:
        """The body a statement at pos is about: the last named before it, "it"/"the chamber", or the page's."""
        seated = ("chamber", "parliament", "court", "council", "government")
        before = [b for b in s.bodies if b.end <= pos and b.note in seated]
        if before:
            b = before[-1]
            return b.canonical, b.note
        head = s.text[:pos]
        if re.search(r"\b(?:the|this)\s+(?:chamber|house)\b", head, re.IGNORECASE):
            chamber = self._chamber("chamber", s, pos)
            return (chamber, "chamber") if chamber else None
        if re.search(r"\b(?:it|its|they|them|their)\b", head, re.IGNORECASE):
            for body in (self.ctx.last_body, self.ctx.topic_body):
                if body is not None and body[1] in seated:
                    return body
        return None

    def compositions(self, s: Sent) -> None:
        """How many seats a body has or had, and how they are filled."""
        text = s.text
        m: re.Match[str] | None
        if _PAST_COUNT_RE.search(text) and not re.search(r"\b(?:has|had|have)\s+(?:had\s+)?\d", text):
            return
        self._counts(s)
        # "<body> shrank / grew from N to M (deputies)".
        for m in re.finditer(
            r"\b(?:shrank|shrunk|grew|increased|decreased|reduced|expanded|went)\s+from\s+(?P<a>\d+)\s+to\s+(?P<b>\d+)\b",
            text,
        ):
            subject = self._body_subject(s, m.start())
            when = s.date_for(m.end(), point=True) or self._election_date()
            if subject is None or when is None:
                continue
            self._composition(s, subject[0], subject[1], self._until(when), total_seats=int(m.group("a")))
            self._composition(s, subject[0], subject[1], self._since(when), total_seats=int(m.group("b")))
        # "The Senate is enlarged to 61 senators", "the reform of June 2032 enlarged it to 61".
        for m in re.finditer(
            r"\b(?:enlarged|expanded|increased|raised|reduced|cut)\s+(?:it\s+|(?P<obj>the\s+[\w\s-]{3,40}?\s+))?to\s+"
            r"(?P<n>\d+)(?!\s*%)\b",
            text,
            re.IGNORECASE,
        ):
            # "enlarged the Senate to 61": the body named between; "it", or nothing: the sentence's subject.
            named = next((b for b in s.bodies if m.group("obj") and m.start("obj") <= b.start < m.start("n")), None)
            if m.group("obj") and named is None:
                continue  # "raised the threshold to 7"
            subject = (named.canonical, named.note or "other") if named else self._body_subject(s, m.start("n"))
            when = s.date_for(m.start(), point=True)
            if subject is not None and when is not None:
                self._composition(s, subject[0], subject[1], self._since(when), total_seats=int(m.group("n")))
        # "the Senate was 47 until 2031".
        for m in re.finditer(
            rf"\b(?:was|were|stood\s+at)\s+(?P<n>\d+)\s+(?:{_SEAT_NOUN}\s+)?until\s+", text, re.IGNORECASE
        ):
            subject = self._body_subject(s, m.start())
            until = next((d for d in s.dates if d.start == m.end()), None)
            if subject is not None and until is not None:
                self._composition(s, subject[0], subject[1], self._until(until), total_seats=int(m.group("n")))
                # "..., and the Senate 39": the same verb and date, said once for both.
                also = re.match(r",?\s+and\s+(?:the\s+)?", text[until.end :])
                other = next((b for b in s.bodies if also and b.start == until.end + also.end()), None)
                count = re.match(r"\s+(\d+)\b(?!\s*%)", text[other.end :]) if other is not None else None
                if other is not None and count is not None and other.note in ("chamber", "parliament", "council"):
                    seats = int(count.group(1))
                    self._composition(s, other.canonical, other.note, self._until(until), total_seats=seats)
        # "the 107-member Mazhilis", "the 98-seat chamber": the size as the text's present has it.
        for m in re.finditer(
            r"\b(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)-(?:seat|member|strong)\s+(?P<what>chamber|house)?", text, re.I
        ):
            n = next((x for x in s.numbers if x.start == m.start("n")), None)
            body = next(
                (b for b in s.bodies if b.start == m.end() and b.note in ("chamber", "parliament", "court", "council")),
                None,
            )
            name = body.canonical if body else (self._chamber(m.group("what")) if m.group("what") else None)
            if n is not None and n.integer is not None and name is not None:
                self._composition(
                    s, name, body.note if body else "chamber", Period.as_of_publication(), total_seats=n.integer
                )
        # "Until 2036, the Senate had 52 members".
        m = re.match(
            r"\s*(?:until|till|before)\s+(?P<d>\S+(?:\s+\S+){0,2}?),?\s+(?:the\s+)?(?P<rest>.*)", text, re.IGNORECASE
        )
        if m:
            d = next((x for x in s.dates if x.start == m.start("d")), None)
            hm = re.search(rf"\bhad\s+(?:only\s+|just\s+)?(?P<n>\d+)\s+{_SEAT_NOUN}", m.group("rest"))
            subject = self._body_subject(s, len(text))
            if d and hm and subject:
                self._composition(s, subject[0], subject[1], self._until(d), total_seats=int(hm.group("n")))
        # "It had 41 councillors until the 2030 reform and has 45 now".
        m = re.search(
            rf"\bhad\s+(?P<a>\d+)\s+{_SEAT_NOUN}\s+until\s+(?:the\s+)?(?P<d>[^,;]+?)\s+and\s+(?:has|now\s+has)\s+(?P<b>\d+)",
            text,
        )
        if m:
            d = next((x for x in s.dates if m.start("d") <= x.start < m.end("d")), None)
            subject = self._body_subject(s, m.start())
            if d and subject:
                self._composition(s, subject[0], subject[1], self._until(d), total_seats=int(m.group("a")))
                self._composition(s, subject[0], subject[1], self._since(d), total_seats=int(m.group("b")))
        self._methods(s)
        # "Elected by the city councils (36)", "Appointed by the President (9)": seats by how they are filled.
        for m in re.finditer(
            r"\b(?P<how>elected|appointed|chosen|named|nominated)\s+by\b[^()]{2,60}\((?P<n>\d{1,3})\)", text, re.I
        ):
            subject = self._body_subject(s, m.start()) or self.ctx.topic_body or self.ctx.last_body
            if subject is None or subject[1] not in ("chamber", "parliament", "council", "court"):
                continue
            key = "elected_seats" if m.group("how").lower() in ("elected", "chosen") else "appointed_seats"
            self._composition(
                s, subject[0], subject[1], Period.as_of_publication(), election_method=None, **{key: int(m.group("n"))}
            )
        # "District councils ... elect 30 of them. The president names the other 6."
        for m in re.finditer(
            r"\b(?:choose|chooses|elect|elects|select|selects)\s+(?P<n>\d+|[a-z]+)\s+of\s+them\b", text
        ):
            n = next((x for x in s.numbers if x.start == m.start("n")), None)
            subject = self.ctx.last_body
            if n and n.integer and subject and subject[1] != "party":
                appointed = bool(re.search(r"\bpresident\b", text[: m.start()], re.IGNORECASE))
                key = "appointed_seats" if appointed else "elected_seats"
                self._composition(
                    s, subject[0], subject[1], Period.as_of_publication(), election_method=None, **{key: n.integer}
                )
        for m in re.finditer(
            r"\bpresident\s+(?:picks|appoints|names|chooses|selects)\s+(?:the\s+)?(?:other|remaining)?\s*(?P<n>\d+|[a-z]+)\b",
            text,
            re.IGNORECASE,
        ):
            n = next((x for x in s.numbers if x.start == m.start("n")), None)
            subject = self.ctx.last_body
            if n and n.integer and subject and subject[1] != "party":
                self._composition(s, subject[0], subject[1], Period.as_of_publication(), appointed_seats=n.integer)

    def _counts(self, s: Sent) -> None:
        """ "<body> has (had) N members", "<body> consists of N deputies", "... has had 120 members since D"."""
        text = s.text
        # "There are 23 judges on the Supreme Court" / "There are 115 seats in the Senate".
        for m in re.finditer(
            rf"\bthere\s+are\s+(?P<n>\d[\d,]*|[a-z]+)\s+{_SEAT_NOUN}\s+(?:in|on|of)\s+(?:the\s+)?", text, re.I
        ):
            n = next((x for x in s.numbers if x.start == m.start("n")), None)
            body = next(
                (b for b in s.bodies if b.start == m.end() and b.note in ("chamber", "parliament", "court", "council")),
                None,
            )
            if n is not None and n.integer is not None and body is not None:
                self._composition(s, body.canonical, body.note, Period.as_of_publication(), total_seats=n.integer)
        for m in re.finditer(
            r"\b(?P<verb>has\s+had|have\s+had|has|have|had|consists\s+of|consisted\s+of|is\s+made\s+up\s+of|comprises"
            r"|numbers|is\s+composed\s+of)\s+(?:only\s+|just\s+)?"
            rf"(?P<n>\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+(?:(?:elected|appointed|voting)\s+)?{_SEAT_NOUN}\b",
            text,
        ):
            n = next((x for x in s.numbers if x.start == m.start("n")), None)
            if n is None or n.integer is None:
                continue
            subject = self._body_subject(s, m.start())
            if subject is None or subject[1] == "party":
                continue
            verb = m.group("verb").lower()
            since = next(
                (
                    d
                    for d in s.dates_after(m.end())
                    if re.search(r"\bsince\b", text[m.end() : d.start])
                    and not re.search(r"\b(?:and|by|which|who|when)\b|[,;]", text[m.end() : d.start])
                ),
                None,
            )
            until = next(
                (
                    d
                    for d in s.dates
                    if re.search(r"\b(?:until|till|before)\s*(?:the\s+)?$", text[max(0, d.start - 12) : d.start], re.I)
                ),
                None,
            )
            if since is not None:
                period = self._since(since)
            elif until is not None:
                period = self._until(until)
            elif verb.startswith("had") or verb == "consisted of":
                continue  # a past count with no date says nothing placeable
            else:
                lead = next(
                    (
                        d
                        for d in s.dates
                        if d.end <= m.start()
                        and re.search(
                            r"\b(?:since|from)\s*(?:the\s+)?(?:\w+\s+)?$", text[max(0, d.start - 30) : d.start], re.I
                        )
                    ),
                    None,
                )
                period = self._since(lead) if lead else Period.as_of_publication()
            self._composition(s, subject[0], subject[1], period, total_seats=n.integer)
            # "..., down from N before ...": the count the new one replaced.
            down = re.search(r"\b(?:down|up)\s+from\s+(?P<n>\d+)\b", text[m.end() :])
            if down and since is not None:
                self._composition(s, subject[0], subject[1], self._until(since), total_seats=int(down.group("n")))

    def _methods(self, s: Sent) -> None:
        """Seats by method: "72 elected on party lists and 33 in single-member districts"."""
        text = s.text
        list_m = re.search(
            r"\b(?:all\s+)?(?P<n>\d+)\s+(?:of\s+them\s+)?(?:elected\s+)?(?:deputies\s+|seats\s+|members\s+|mandates\s+)?(?:are\s+|were\s+)?(?:elected\s+)?"
            r"(?:on|from|by|came\s+from|come\s+from|(?:handed\s+out|allocated|distributed|filled|awarded)\s+(?:by|on|from))\s+"
            r"(?:the\s+)?(?:national\s+|nationwide\s+)?party[\s-]+lists?\b"
            r"|\(party\s+lists?,\s+(?P<n2>\d+)\s+(?:deputy\s+)?(?:mandates|seats)\)"
            r"|\b(?P<n3>\d+)\s+party[\s-]+list\s+(?:mandates|seats)\b",
            text,
            re.IGNORECASE,
        )
        district_m = re.search(
            r"\b(?P<n>\d+)\s+(?:deputies\s+|seats\s+|members\s+)?(?:are\s+|were\s+)?(?:elected\s+)?in\s+single[\s-]+member"
            r"\s+(?:territorial\s+)?(?:districts|constituencies)\b",
            text,
            re.IGNORECASE,
        )
        found = list_m or district_m
        if found is None:
            return
        subject = self._body_subject(s, len(text)) or self.ctx.topic_body
        if subject is None and self.ctx.election_kind == "mazhilis":
            subject = ("Mazhilis", "chamber")
        if subject is None or subject[1] == "party":
            return
        span = next((sp for sp in s.spans if sp.last is not None), None)
        if span is not None:
            period = self._between(span.first, span.last)
        else:
            # The sentence's own day ("2040-03-02 — ... 50 of them chosen by party list"), else the election's.
            own = s.date_for(found.start(), point=True)
            when = (
                own
                or self._election_date()
                or next(
                    (
                        d
                        for d in s.dates
                        if re.search(r"\b(?:since|from|as\s+of)\s*$", text[max(0, d.start - 9) : d.start])
                    ),
                    None,
                )
            )
            period = self._since(when) if when else Period.as_of_publication()
        if period is None:
            return
        lists = int(list_m.group("n") or list_m.group("n2") or list_m.group("n3")) if list_m else None
        districts = int(district_m.group("n")) if district_m else None
        # The method in words too, as the older readers and structured sources give it.
        method = "; ".join(
            text
            for text in (
                f"party lists ({lists})" if lists is not None else "",
                f"single-member districts ({districts})" if districts is not None else "",
            )
            if text
        )
        self._composition(
            s,
            subject[0],
            subject[1],
            period,
            party_list_seats=lists,
            single_member_seats=districts,
            election_method=method,
        )

    def _election_date(self) -> When | None:
        """The date of the election a change of seats follows: the latest the text has dated so far.

        A briefing on a new parliament names the election that made it and, in passing, older ones
        ("down from 71% in the 2021 election"); the seats it lists are those of the latest.
        """
        held = [
            e
            for e in self.ctx.elections.values()
            if e.kind != "referendum" and e.period.start is not None and e.period.start_precision is not None
        ]
        if not held:
            return None
        e = max(held, key=lambda e: e.period.start or dt.date.min)
        assert e.period.start is not None and e.period.start_precision is not None
        return When(0, 0, e.period.start, e.period.start_precision)

    def terms(self, s: Sent) -> None:
        """How long a term of a body or an office lasts."""
        text = s.text
        if self._term_changed(s):
            return
        m = re.search(
            r"\b(?P<n>\d+|[a-z]+)[\s-]+year\s+(?:[a-z]+\s+)?terms?\b"
            r"|\b(?:elected|chosen|serves?|sits?)\s+(?:for\s+|every\s+)?(?P<n2>\d+|[a-z]+)\s+years\b"
            r"|\bevery\s+(?P<n3>\d+|[a-z]+)\s+years\b"
            r"|\bterms?\s+(?:of|lasts|has\s+been|is|was)\s+(?P<n4>\d+|[a-z]+)\s+years\b",
            text,
            re.IGNORECASE,
        )
        if m is None or re.search(r"\brenew", text[max(0, m.start() - 40) : m.end()], re.IGNORECASE):
            return  # "a third of the seats are up for renewal every two years": a rotation, not the term
        group = next(i for i in range(1, 5) if m.group(i))
        n = next((x for x in s.numbers if x.start == m.start(group)), None)
        if n is None or n.integer is None or not 2 <= n.integer <= 12:
            return
        head = text[: m.start()]
        office = next((o for o in s.offices if o.canonical == "President" and o.start < m.start()), None)
        body = self._body_subject(s, m.start())
        when = next(
            (
                d
                for d in s.dates
                if re.search(r"\b(?:since|from|after)\b", text[max(0, d.start - 40) : d.start], re.IGNORECASE)
            ),
            None,
        )
        if when is None and s.dates and re.search(r"\b(?:signed|adopted|amendments?)\b", text, re.IGNORECASE):
            when = s.dates[0]
        period = self._since(when) if when else Period.as_of_publication()
        # "P is inaugurated for a six-year term": the term of the presidency P took in this sentence.
        took = next(
            (
                c
                for c in self._own(s)
                if isinstance(c, OfficeTenure)
                and c.office == "President"
                and c.period.start is not None
                and c.period.start_precision is not None
            ),
            None,
        )
        if took is not None and when is None:
            assert took.period.start_precision is not None
            period = Period(
                start=took.period.start, start_precision=took.period.start_precision, basis=took.period.basis
            )
        presidential = (
            office is not None
            or took is not None
            or re.search(r"\bpresiden", head + m.group() + text[m.end() : m.end() + 25], re.IGNORECASE)
        )
        if presidential and (
            body is None or (office is not None and office.start < min((b.start for b in s.bodies), default=10_000))
        ):
            self._office_term("President", float(n.integer), period, s)
        elif body is not None:
            self._composition(s, body[0], body[1], period, term_years=n.integer)
        elif self.ctx.section_office == "President" or self.ctx.topic_office == "President":
            self._office_term("President", float(n.integer), period, s)

    def _term_changed(self, s: Sent) -> bool:
        """ "The presidential term is extended from five years to seven": the old length ends, the new begins."""
        text = s.text
        m = re.search(
            r"\bterms?\b[^.;]{0,30}?\b(?:shortened|extended|lengthened|cut|reduced|increased|changed|raised)\s+"
            r"from\s+(?P<a>\d+|[a-z]+)(?:\s+years?)?\s+to\s+(?P<b>\d+|[a-z]+)\b",
            text,
            re.IGNORECASE,
        )
        if m is None or not re.search(r"\bpresiden", text[max(0, m.start() - 40) : m.start() + 8], re.IGNORECASE):
            return False
        old, new = number_value(m.group("a").lower()), number_value(m.group("b").lower())
        when = s.date_for(m.start())
        if old is None or new is None or when is None or not (2 <= old <= 12 and 2 <= new <= 12) or old == new:
            return False
        self._office_term("President", float(old), self._until(when), s)
        self._office_term("President", float(new), self._since(when), s)
        return True

    def _office_term(self, office: str, years: float, period: Period, s: Sent) -> None:
        self.add(
            Indicator(
                evidence=s.evidence,
                period=period,
                jurisdiction=self.jurisdiction,
                subject=office,
                indicator="term length",
                value=years,
                unit="years",
            )
        )

    # -- elections and results -----------------------------------------------------------------------------

    def election(
        self, s: Sent, kind: ElectionKind, when: When, *, early: bool | None = None, turnout: float | None = None
    ) -> str:
        """The ref of the election of kind on a date, recording it (or making its record more exact)."""
        for ref in self._elections_of(when.date.year):  # an election of another year is never the same one
            e = self.ctx.elections[ref]
            if e.kind != kind and not {e.kind, kind} <= {"parliamentary", "mazhilis"}:
                continue
            start = e.period.start
            assert start is not None
            precision = e.period.start_precision or "year"
            same = (
                start.year == when.date.year
                and (precision == "year" or when.precision == "year" or start.month == when.date.month)
                and (precision != "day" or when.precision != "day" or start == when.date)
            )
            if not same:
                continue
            updated = e
            if _RANK[when.precision] > _RANK[precision]:
                updated = dataclasses.replace(updated, period=self._period_at(when), evidence=s.evidence)
            if early is not None and updated.early is None:
                updated = dataclasses.replace(updated, early=early)
            if turnout is not None and updated.turnout_pct is None:
                updated = dataclasses.replace(updated, turnout_pct=turnout)
            if updated is not e:
                self.ctx.elections[ref] = updated
                self._replace(self._election_index(ref, e), updated)
                self.touched += 1
                for i in self._results_at.get(ref, []):
                    c = self.claims[i]
                    if isinstance(c, ElectionResult) and c.election_ref == ref:
                        self.claims[i] = dataclasses.replace(c, period=updated.period)
            self.ctx.last_election = ref
            return ref
        ref = f"{kind}:{when.date.isoformat()}:{when.precision}"
        e = Election(
            evidence=s.evidence,
            period=self._period_at(when),
            jurisdiction=self.jurisdiction,
            kind=kind,
            early=early,
            turnout_pct=turnout,
            ref=ref,
        )
        self.ctx.elections[ref] = e
        self.ctx.last_election = ref
        self.add(e)
        if self.claims and self.claims[-1] is e:
            self._election_at[ref] = len(self.claims) - 1
        if self._elections_indexed == len(self.ctx.elections) - 1:
            self._elections_in.setdefault(when.date.year, []).append(ref)
            self._elections_indexed += 1
        return ref

    def _kind(self, s: Sent, phrase: str) -> ElectionKind | None:
        """The kind of election a phrase names, or the sentence, section or document implies."""
        p = fold(phrase)
        f = fold(s.text)
        if "referend" in p or "plebiscite" in p:
            return "referendum"
        if "president" in p:
            return "presidential"
        if "senat" in p:
            return "senate"
        if re.search(r"mazhilis|majilis|majlis|lower house", p):
            return "mazhilis"
        if re.search(r"parliamentary|legislative|parliament", p):
            return (
                "mazhilis"
                if re.search(r"mazhilis|majilis|lower house", f) or self.ctx.election_kind == "mazhilis"
                else "parliamentary"
            )
        if re.search(r"\blocal\b|maslikhat", p):
            return "local"
        # Unsaid: what the sentence speaks of, else the section, else the document.
        if re.search(r"mazhilis|majilis|lower house|\bseats\b", f):
            return "mazhilis"
        if (
            re.search(r"\b(?:chamber|house|deputies)\b", f)
            and self.ctx.last_body
            and self.ctx.last_body[1] == "chamber"
        ):
            by_chamber: dict[str, ElectionKind] = {"Mazhilis": "mazhilis", "Senate": "senate"}
            return by_chamber.get(self.ctx.last_body[0], "parliamentary")
        if re.search(r"president|head of state", f) or re.search(r"president", fold(s.section)):
            return "presidential"
        if self.ctx.election_kind:
            return self.ctx.election_kind
        office = self.ctx.section_office or self.ctx.topic_office
        return "presidential" if office == "President" else None

    _ELECTION_RE = re.compile(
        r"(?P<phrase>(?:\b(?:early|snap|extraordinary|pre-term|first|last|next|popular|nationwide|national|constitutional"
        r"|general)\s+)*(?:\b(?:presidential|parliamentary|legislative|mazhilis|majilis|mäjilis|senate|local|maslikhat)\s+)?"
        r"(?:elections?|votes?|referendums?|polls?)\b)(?P<tail>(?:\s+(?:of|to)\s+(?:the\s+)?(?:deputies\s+of\s+the\s+)?"
        r"(?:[A-Z][\w]*)(?:\s+(?:of\s+)?(?:the\s+)?[A-Z][\w]*){0,8})?)",
        re.IGNORECASE,
    )

    def elections(self, s: Sent) -> None:
        """Elections and referendums held on a date or in a year."""
        text = s.text
        when: When | None
        for m in self._ELECTION_RE.finditer(text):
            phrase = m.group("phrase")
            low = phrase.lower()
            # "The vote of 12 February 2033": a vote dated as an election is one.
            dated_vote = any(
                re.fullmatch(r"\s+of\s+", text[m.end("phrase") : d.start]) and d.precision == "day" for d in s.dates
            )
            if dated_vote:
                pass
            elif (
                re.match(r"(?:votes?|polls?)\b", low)
                and not re.search(r"\b(?:popular|nationwide|national|presidential|parliamentary)\b", low)
                and not re.search(
                    r"\bthe\s+vote\s+(?:would|will|was)\b", text[max(0, m.start() - 4) : m.end() + 8], re.IGNORECASE
                )
            ):
                continue
            if re.search(r"\b(?:next|upcoming)\b", low) or (
                not dated_vote and re.match(r"\s*(?:of|taken|cast)\b", text[m.end("phrase") :]) and "vote" in low
            ):
                continue
            if re.match(
                r"\s*(?:programme|program|commission|campaign|law|code|observers?|results?)\b",
                text[m.end() :],
                re.IGNORECASE,
            ):
                continue
            # "first elections to the new unicameral Parliament": the words after the phrase may say which.
            kind = self._kind(s, phrase + m.group("tail") + " " + text[m.end() : m.end() + 40])
            if kind is None and dated_vote and self.ctx.last_election:
                kind = self.ctx.elections[self.ctx.last_election].kind  # the election the text speaks of
            if kind is None:
                continue
            early = True if re.search(r"\b(?:early|snap|extraordinary|pre-term)\b", low) else None
            if early is None and re.search(r"\b(?:brought\s+forward|ahead\s+of\s+schedule)\b", text, re.IGNORECASE):
                early = True
            if early is None and re.match(r"\s+(?:was|were)\s+held\s+early\b", text[m.end("phrase") :], re.IGNORECASE):
                early = True  # "the parliamentary elections were held early"
            if early is None and re.search(
                r"\b(?:was|is)\s+(?:a\s+)?regular\s+(?:election|vote|poll)\b|\bheld\s+on\s+schedule\b", text, re.I
            ):
                early = False  # "The poll of 4 June was a regular vote, held as planned"
            dates = self._election_dates(s, m)
            if not dates:
                if early:
                    self.pending_early.append(kind)
                continue
            for when in dates:
                self.mentioned.append((m.start(), self.election(s, kind, when, early=early)))
        # "She won her second term in May 2031": an election the text does not call one.
        for m in re.finditer(r"\bwon\s+(?:a|an|his|her|another|the)\s+(?:\w+\s+){0,2}(?:term|mandate)\s+in\s+", text):
            when = next((d for d in s.dates if d.start == m.end()), None)
            kind = self._kind(s, "")
            if when is not None and kind is not None:
                self.election(s, kind, when)
        # "Turnout was 58.17 per cent".
        t = re.search(
            r"\bturnout\s*(?::|was|is|of|stood\s+at|reached)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)",
            text,
            re.IGNORECASE,
        )
        if t and self.ctx.last_election:
            e = self.ctx.elections[self.ctx.last_election]
            if e.period.start and e.period.start_precision:
                self.election(
                    s, e.kind, When(0, 0, e.period.start, e.period.start_precision), turnout=float(t.group("n"))
                )

    def _election_dates(self, s: Sent, m: re.Match[str]) -> list[When]:
        """The dates of an election phrase: beside it ("election of 12 April 2037", "the April 2037 election",
        "on June 2", "in May 2034 and October 2039")."""
        text = s.text
        for d in s.dates:
            gap = text[m.end("phrase") : d.start] if d.start >= m.end("phrase") else None
            if gap is not None and (
                (
                    len(gap) <= 16
                    and re.fullmatch(
                        r"[\s,]*(?:(?:held\s+)?(?:on|of|in)\s+)?(?:the\s+)?(?:Sunday,?\s*|Saturday,?\s*)?", gap, re.I
                    )
                )
                or 0 <= d.start - m.end() <= 6
                or re.fullmatch(
                    r"\s*(?:(?:was|were|would\s+be|will\s+be)\s+)?(?:held|brought\s+forward|moved|scheduled|set)?\s*(?:on|in|to|for)?"
                    r"\s*(?:Sunday|Saturday)?,?\s*",
                    gap,
                    re.I,
                )
                or re.fullmatch(r"\s+of\s+(?:his|her|its|their)\s+own\s+in\s+", gap)
                # "the elections were held early, on June 2, 2034", "setting the election for 17 May"
                or (
                    len(gap) <= 40
                    and re.fullmatch(
                        r"[^.;]*?\b(?:held|took\s+place|set|scheduled|called)\b[^.;]*?\b(?:on|in|for)\s+", gap, re.I
                    )
                )
                or re.fullmatch(r"\s+for\s+", gap)
            ):
                found = [d]
                # "in May 2034 and October 2039"
                nxt = next((x for x in s.dates if x.start > d.end), None)
                if nxt is not None and re.fullmatch(r"\s*(?:and|,)\s*", text[d.end : nxt.start]):
                    found.append(nxt)
                return found
            if (
                d.end <= m.start()
                and m.start() - d.end <= 4
                and re.fullmatch(r"(?:['’]s)?[\s—–-]*", text[d.end : m.start()])
            ):
                return [d]  # "the April 2037 election", "last week's early parliamentary election"
        before = text[max(0, m.start() - 20) : m.start()]
        opens_line = bool(s.dates) and s.dates[0].end > 0 and s.dates[0].start <= 2 and m.start() - s.dates[0].end <= 40
        if self.line_date is not None and (
            opens_line
            or not re.search(
                r"\b(?:next|previous|last|earlier|the|that|this|calls?|called|calling)\s+(?:\w+\s+)?$", before, re.I
            )
        ):
            return [self.line_date]  # "2037-05-11 — Second round of the Senate election", not "the election" told of
        return []

    def finish(self) -> None:
        """What could only be settled at the end: an early election named without its date."""
        for kind in self.pending_early:
            same = [
                ref
                for ref, e in self.ctx.elections.items()
                if e.kind == kind or {e.kind, kind} <= {"mazhilis", "parliamentary"}
            ]
            if len(same) == 1:
                e = self.ctx.elections[same[0]]
                if e.early is None:
                    updated = dataclasses.replace(e, early=True)
                    self.ctx.elections[same[0]] = updated
                    self._replace(self._election_index(same[0], e), updated)
                self.touched += 1

    def _result_election(self, s: Sent, pos: int | None = None, end: int | None = None) -> str | None:
        """The election a result at pos belongs to: one the sentence names before it, else the one the text
        spoke of before the sentence; a share followed by "in the <election>" belongs to that one."""
        if pos is not None:
            after = [(at, ref) for at, ref in self.mentioned if at > pos]
            if after and re.match(r"\s+in\s+the\s+", s.text[end if end is not None else pos :]):
                return after[0][1]
            before = [ref for at, ref in self.mentioned if at <= pos]
            if before:
                return before[-1]
            return self.election_before
        own = [e for e in self.ctx.elections.values() if e.evidence == s.evidence]
        if own:
            return own[-1].ref
        return self.ctx.last_election

    def result(
        self,
        s: Sent,
        election: str,
        *,
        candidate: str | None = None,
        party: str | None = None,
        vote_share: float | None = None,
        votes: int | None = None,
        seats: int | None = None,
    ) -> None:
        """Keep a candidate's or party's result."""
        if candidate is None and party is None:
            return
        self.add(
            ElectionResult(
                evidence=s.evidence,
                period=self.ctx.elections[election].period,
                jurisdiction=self.jurisdiction,
                election_ref=election,
                candidate=candidate,
                party=party,
                vote_share=vote_share,
                votes=votes,
                seats=seats,
            )
        )

    _SHARE_VERB_RE = re.compile(
        r"(?:received|receives|won|wins|polled|obtained|got|gets|gained|gains|took|takes|secured|secures|garnered|"
        r"re-?elected\s+with|elected\s+with|with|\("
        r"|fall\s+to|fell\s+to|rose\s+to|share\s+of|approved\s+with|–|—|-|:|chosen\s+by|down\s+from|up\s+from)\s*$",
        re.IGNORECASE,
    )

    def results(self, s: Sent) -> None:
        """Shares of the vote, votes and seats won by a candidate or party."""
        text = s.text
        m: re.Match[str] | None
        for m in re.finditer(r"(?P<n>\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent|percent)", text):
            head = text[: m.start()]
            verb = self._SHARE_VERB_RE.search(head, max(0, len(head) - 40))
            if verb is None and re.search(
                r"\b(?:received|receives|won|wins|gained|polled|obtained|got|secured|took)\b", head, re.I
            ):
                # "..., and Serik Alpysov, once chair of a trade union, 0.81%": a list the verb before governs.
                listed = re.search(r",\s*$", head)
                if listed is not None and any(
                    p.end <= m.start() and re.search(r"\band\s+$", head[: p.start]) for p in s.persons
                ):
                    verb = listed
            if verb is None:
                # "narrowly ahead of the Green Party on 6.02%": a share right after a name.
                named = [p.end for p in s.parties] + [p.end for p in s.persons]
                on = re.search(r"\s+(?:on|at)\s*$", head)
                if on is not None and on.start() in named:
                    verb = on
            yes = re.match(r"\s+(?:vote|voted)\s+yes\b|\s+in\s+favou?r\b", text[m.end() :], re.IGNORECASE)
            if verb is None and not yes:
                continue
            if re.match(r"\s*(?:threshold|of\s+the\s+(?:registered|eligible))", text[m.end() :], re.IGNORECASE):
                continue
            if re.search(r"\b(?:turnout|threshold|barrier)\b[^.;]{0,30}$", head, re.IGNORECASE):
                continue
            election = self._result_election(s, m.start(), m.end())
            down = verb is not None and re.match(r"(?:down|up)\s+from", verb.group(), re.IGNORECASE)
            if election is None:
                continue
            if down:
                # "down from 82.2% in 2016": the share of the election of that year, not of this one.
                year = next((d for d in s.dates if re.fullmatch(r"\s+in\s+", text[m.end() : d.start])), None)
                told = [ref for at, ref in self.mentioned if at > m.end()]
                if year is not None and year.precision == "year" and not told:
                    current = self.ctx.last_election
                    election = self.election(s, self.ctx.elections[election].kind, year)
                    self.ctx.last_election = current  # the text still speaks of its own election
                elif not told:
                    continue  # an earlier share of an election the text does not date
            if yes or (verb and "approved" in verb.group().lower()):
                who: tuple[str | None, str | None] = (None, "Yes")
            elif re.search(r"\bagainst\s+all\b", text, re.IGNORECASE) and not s.persons:
                who = (None, "Against all")
            else:
                who = self._result_who(s, verb.start() if verb else m.start(), down=bool(down))
            if who == (None, None):
                continue
            # "88.40% of the vote, or 6 512 907 ballots", "2.07% (152 336 votes)".
            counted = re.match(
                r"\s*(?:of\s+the\s+(?:vote|votes|ballots)\s*)?(?:,\s*or\s+|\(\s*)(?P<v>\d{1,3}(?:[\s,\u00a0\u202f]\d{3})+|\d+)\s+(?:votes|ballots)\b",
                text[m.end() :],
                re.IGNORECASE,
            )
            votes = int(re.sub(r"\D", "", counted.group("v"))) if counted else None
            self.result(s, election, candidate=who[0], party=who[1], vote_share=float(m.group("n")), votes=votes)
        # "Respublica won 40 of the 75 seats (in the council)".
        for m in re.finditer(
            r"\b(?:won|wins|took|takes|gained|secured|got|enough\s+for|earning|winning)\s+(?:all\s+)?(?P<n>\d+)\s+"
            r"(?:of\s+the\s+\d+\s+)?(?:[\w-]+\s+)?(?:seats|mandates)\b",
            text,
        ):
            election = self._result_election(s)
            party = next((p for p in reversed(s.parties) if p.end <= m.start()), None)
            if election and party:
                self.result(s, election, party=party.canonical, seats=int(m.group("n")))
        # "In 2030 the 48 seats combine 30 list mandates and 18 single-member districts".
        m = re.search(
            r"\b(?P<a>\d+)\s+(?:party[\s-]+)?list\s+(?:mandates|seats)\s+and\s+(?P<b>\d+)\s+(?:single[\s-]+member\s+)?(?:district|constituenc)",
            text,
            re.IGNORECASE,
        )
        if m:
            total = int(m.group("a")) + int(m.group("b"))
            for claim in reversed(self.claims):
                if isinstance(claim, ElectionResult) and claim.seats == total and claim.list_seats is None:
                    i = self.claims.index(claim)
                    self.claims[i] = dataclasses.replace(
                        claim, list_seats=int(m.group("a")), district_seats=int(m.group("b"))
                    )
                    self.touched += 1
                    break

    def _result_who(self, s: Sent, verb_pos: int, *, down: bool = False) -> tuple[str | None, str | None]:
        """The candidate or party a result belongs to: "P (Party) – N", "P received N", "the X party ... N"."""
        window = s.text[:verb_pos]
        person = next(
            (p for p in reversed(s.persons) if p.end <= verb_pos and not _inside_parentheses(s.text, p.start)), None
        )
        party = next((p for p in reversed(s.parties) if p.end <= verb_pos), None)
        if person is not None and (
            party is None
            or party.start > person.start
            or _inside_parentheses(s.text, party.start)
            or person.start > party.end
        ):
            paren = re.match(r"\s*\(([^()]{2,90})\)", s.text[person.end :])
            party_name = None
            if paren:
                inside = lexicon().find(paren.group(1), {"party"})
                party_name = inside[0].canonical if inside and inside[0].start == 0 else None
            return person.name, party_name
        if party is not None:
            # "The governing Birlik party – called Otan Zholy until 2030 – saw its share fall to N": the subject.
            if re.search(r"\b(?:its|their)\s+(?:party[\s-]+list\s+)?share\b", window, re.IGNORECASE) or down:
                first = s.parties[0]
                return None, first.canonical
            return None, party.canonical
        if re.search(r"\b(?:re-?elected|wins|won)\b", window, re.IGNORECASE) and re.match(
            r"\s*(?:he|she)\b", window, re.IGNORECASE
        ):
            return self.ctx.last_person, None
        return None, None

    # -- party seats -----------------------------------------------------------------------------------------

    def party_seats(self, s: Sent) -> None:
        """Seats of parties.

        "credited the X party with 4 seats and Y with 9", "X holds 71 of the house's mandates, Y nine".
        """
        text = s.text
        for m in re.finditer(
            r"\b(?:holds|held|has|had|controls|controlled)\s+(?P<n>\d+|[a-z]+)\s+"
            r"(?:of\s+the\s+(?:chamber['’]s\s+)?(?:\d+\s+)?)?(?:seats|mandates)\b",
            text,
            re.IGNORECASE,
        ):
            party = next((p for p in reversed(s.parties) if p.end <= m.start() and m.start() - p.end <= 3), None)
            n = next((x for x in s.numbers if x.start == m.start("n")), None)
            if party is None or n is None or n.integer is None:
                continue
            chamber = self._seat_chamber(s) or (self._chamber("chamber") if "chamber" in m.group().lower() else None)
            since = next(
                (d for d in s.dates if re.search(r"\bsince\s+(?:the\s+)?$", text[max(0, d.start - 12) : d.start])), None
            )
            period = self._since(since) if since else Period.as_of_publication()
            self._party_seats(s, party.canonical, n.integer, period, chamber)
            # "..., Birlik nine and the Green Party five": the same count for the others listed.
            for other in (p for p in s.parties if p.start > m.end()):
                count = re.match(r"\s+(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\b", text[other.end :])
                between = text[m.end() : other.start]
                if count is None or not re.search(r"(?:,|\band)\s+(?:the\s+)?$", between[-8:]):
                    break
                k = next((x for x in s.numbers if x.start == other.end + count.start("n")), None)
                if k is None or k.integer is None:
                    break
                self._party_seats(s, other.canonical, k.integer, period, chamber)
        for m in re.finditer(r"\bcredited\s+(?P<rest>.+)", text):
            rest_start = m.start("rest")
            for pm in re.finditer(r"(?P<who>[^,;]+?)\s+with\s+(?P<n>\d+)(?:\s+seats)?", text[rest_start:]):
                who = pm.group("who").strip()
                who = re.sub(r"^(?:and\s+)?(?:the\s+)?", "", who)
                parties = lexicon().find(who, {"party"})
                name = (
                    parties[0].canonical
                    if parties
                    else (who.split()[0].capitalize() if re.match(r"self-nominated", who, re.I) else None)
                )
                if name and re.match(r"self-nominated", who, re.I):
                    name = "Self-nominated"
                when = self._election_date()
                if name:
                    period = self._since(when) if when else Period.as_of_publication()
                    self._party_seats(s, name, int(pm.group("n")), period, self._seat_chamber(s))

    def _seat_chamber(self, s: Sent) -> str | None:
        for body in (*(b.canonical for b in s.bodies if b.note == "chamber"), *(self._chamber_in(s.section),)):
            if body:
                return body
        return self.ctx.last_body[0] if self.ctx.last_body and self.ctx.last_body[1] == "chamber" else None

    def _chamber_in(self, text: str) -> str | None:
        found = [m for m in lexicon().find(text, {"body"}) if m.note == "chamber"]
        return found[0].canonical if found else None

    def _party_seats(self, s: Sent, party: str, seats: int, period: Period, chamber: str | None) -> None:
        self.add(
            PartySeats(
                evidence=s.evidence,
                period=period,
                jurisdiction=self.jurisdiction,
                party=party,
                seats=seats,
                chamber=chamber,
            )
        )

    def seat_item(self, s: Sent) -> bool:
        """A list item "Party – 62" under a heading about seats."""
        if not re.search(r"\bseat|\bmandate|composition|distribution|faction", s.section, re.IGNORECASE):
            return False
        m = re.fullmatch(
            r"\s*(?P<who>[^–—:\-\d][^–—:]{1,80}?)\s*[–—:\-]\s*(?P<n>\d{1,3})\s*(?:seats?)?\s*[.;]?\s*", s.text
        )
        if m is None:
            return False
        who = m.group("who").strip()
        found = lexicon().find(who, {"party"})
        if found:
            name = found[0].canonical
        elif re.match(r"(?:self-nominated|independent|non-partisan)", who, re.IGNORECASE):
            name = "Self-nominated"
        else:
            return False
        when = self._election_date()
        period = self._since(when) if when else Period.as_of_publication()
        self._party_seats(s, name, int(m.group("n")), period, self._chamber_in(s.section) or self._seat_chamber(s))
        return True

    # -- events that happen to bodies ------------------------------------------------------------------------

    def event(
        self,
        s: Sent,
        body: str,
        event: BodyEventKind,
        when: When | None,
        detail: str | None = None,
        *,
        undated: bool = False,
    ) -> None:
        """Keep an event of a body."""
        if when is None and not undated:
            return
        self.add(
            BodyEvent(
                evidence=s.evidence,
                period=self._period_at(when) if when is not None else Period(),
                jurisdiction=self.jurisdiction,
                body=body,
                event=event,
                detail=detail,
            )
        )

    def events(self, s: Sent) -> None:
        """Governments resigning or dismissed, bodies renamed, created or first meeting, independence."""
        self._government_events(s)
        self._renames(s)
        self._institution_events(s)
        self._appointment_events(s)

    def _government_events(self, s: Sent) -> None:
        """A government's end.

        "received the resignation of the cabinet headed by P", "Government of P resigns", "dismissed the government".
        """
        text = s.text
        verb = re.search(
            r"\b(?P<v>resign(?:ed|s|ation)?|dismiss(?:ed|es|al)?|sacked|fired|stepped\s+down|steps\s+down)\b",
            text,
            re.I,
        )
        if not verb or re.search(r"\b(?:would|will|must|should)\s+(?:\w+\s+)?$", text[: verb.start()]):
            return
        govs = list(re.finditer(r"\b(?:government|cabinet)\b", text, re.IGNORECASE))
        if not govs:
            return
        gov = min(govs, key=lambda g: abs(g.start() - verb.start()))
        if abs(gov.start() - verb.start()) > 60:
            return
        if re.search(r"\bsteps?\s+down\s+with\b|\bunder\s+the\s+constitution\b", text, re.IGNORECASE):
            return  # a rule of the constitution, not an event
        kind: BodyEventKind = "resigned" if verb.group("v").lower().startswith(("resign", "step")) else "dismissed"
        when = s.date_for(verb.start())
        if kind == "resigned":
            relative = next((d for d in s.dates if _DATES_OTHER_EVENT_RE.match(text, d.start)), None)
            if relative is not None and relative.start < verb.start():
                when = relative
        # Its leader: "the government of P", "the government led by P", "P's cabinet", "whose government" (P before).
        leader = None
        after = re.match(r"\s+(?:of|led\s+by|headed\s+by)\s+", text[gov.end() :])
        if after:
            p = s.person_at(gov.end() + after.end())
            leader = p.name if p else None
        if leader is None:
            p = next(
                (
                    p
                    for p in s.persons
                    if 0 <= gov.start() - p.end <= 3 and re.match(r"['’]s", text[p.end : gov.start()])
                ),
                None,
            )
            whose = re.search(r"\bwhose\s+$", text[max(0, gov.start() - 10) : gov.start()])
            if p is not None:
                leader = p.name
            elif whose:
                p = next((p for p in reversed(s.persons) if p.end <= whose.start()), None)
                leader = p.name if p else None
        if re.search(r"\b(?:previous|former|outgoing)\s+$", text[: gov.start()], re.IGNORECASE):
            leader = None
        surname = leader.split()[-1] if leader else None
        self.event(s, "Government of Kazakhstan", kind, when, f"{surname} government" if surname else None)
        if leader and when is not None:
            self.tenure("Prime Minister", leader, self._until(when), s)

    def _renames(self, s: Sent) -> None:
        """ "X renamed (as|to) Y", "it became Y in D", "known as X until D", "Until D, it was called X"."""
        text = s.text
        m: re.Match[str] | None
        for m in re.finditer(r"\brenam(?:ed|ing|es)\b", text, re.IGNORECASE):
            when = s.date_for(m.start())
            itself = re.match(r"\s+itself\s+", text[m.end() :])
            if itself and s.parties and s.parties[0].start < m.start():
                new = next((p for p in s.parties if p.start >= m.end()), None)
                if new is not None:
                    self.event(
                        s, s.parties[0].canonical, "renamed", when, new.canonical
                    )  # "Otan ... renames itself Nur Otan"
                continue
            before = [p for p in s.parties if p.end <= m.start()]
            after = [p for p in s.parties if p.start >= m.end()]
            if re.search(r"\bcapital\b", text[max(0, m.start() - 12) : m.end() + 20], re.IGNORECASE):
                place = re.search(
                    r"\bas\s+([A-Z][\w-]+)|\bcapital\s+renamed\s+([A-Z][\w-]+)", text[max(0, m.start() - 10) :]
                )
                city = (place.group(1) or place.group(2)) if place else None
                self.event(s, "Capital city", "renamed", when, city)
            elif before and after:
                self.event(s, before[-1].canonical, "renamed", when, after[0].canonical)
            elif after and re.search(r"\bit\b", text[m.end() : m.end() + 5], re.IGNORECASE) and self.ctx.last_party:
                self.event(s, self.ctx.last_party, "renamed", when, after[0].canonical)
        m = re.search(r"\bit\s+became\s+", text)
        if m and s.dates and self.ctx.last_party:
            new = next((p for p in s.parties if p.start >= m.end()), None)
            if new and new.canonical != self.ctx.last_party:
                self.event(s, self.ctx.last_party, "renamed", s.date_for(new.end), new.canonical)
        m = re.search(r"\bknown\s+as\s+(?P<old>.+?)\s+until\s+", text)
        if m:
            old = next((p for p in s.parties if m.start("old") <= p.start < m.end("old")), None)
            new = next((p for p in s.parties if p.end <= m.start()), None)
            d = next((d for d in s.dates if d.start >= m.end() - 1), None)
            if old and d:
                self.event(s, old.canonical, "renamed", d, new.canonical if new else None)
        m = re.match(
            r"\s*until\s+(?P<d>[^,]+),\s+it\s+was\s+(?:called|named|known\s+as)\s+(?P<old>.+)", text, re.IGNORECASE
        )
        if m:
            old = next((p for p in s.parties if p.start >= m.start("old")), None)
            d = next((d for d in s.dates if d.start == m.start("d")), None)
            if old and d:
                self.event(s, old.canonical, "renamed", d, self.ctx.last_party)

    def _institution_events(self, s: Sent) -> None:
        """Independence, first sittings, posts created, constitutions adopted or amended, bodies replaced."""
        text = s.text
        if re.search(r"\bindependen(?:ce|t)\b", text, re.IGNORECASE) and not re.search(
            r"\bindependent\s+(?:history|candidate|deput|observer|media)", text, re.IGNORECASE
        ):
            d = next(
                (
                    d
                    for d in s.dates
                    if d.precision == "day"
                    and (
                        re.search(
                            r"independen\w*(?:\s+(?:was\s+)?(?:declared|proclaimed)|\s+\w+){0,2}\s+(?:on|in)\s+$",
                            text[max(0, d.start - 45) : d.start],
                            re.I,
                        )
                        or re.match(r"[\s—–-]*independence\s+(?:declared|proclaimed|day)", text[d.end :], re.IGNORECASE)
                    )
                ),
                None,
            )
            if d and not re.search(r"\b(?:before|after|until)\s+independence\b", text, re.IGNORECASE):
                self.event(s, COUNTRY.get(self.jurisdiction, self.jurisdiction), "independence", d)
        m = re.search(
            r"\bfirst\s+(?:met|sat|convened)\b|\b(?:first|opening|inaugural)\s+(?:sitting|session)\b"
            r"|\b(?:met|sat|convened)\s+for\s+the\s+first\s+time\b",
            text,
            re.I,
        )
        if m is None:
            opened = re.search(r"\bopen(?:s|ed)\b", text)
            if opened and any(b.note == "chamber" and 0 <= opened.start() - b.end <= 2 for b in s.bodies):
                m = opened  # "The fourth Mazhilis opens"
        if m:
            subject = self._body_subject(s, m.start()) or (
                (self.ctx.last_chamber, "chamber")
                if self.ctx.last_chamber and re.search(r"\b(?:deputies|senators|their)\b", text)
                else None
            )
            if subject:
                self.event(s, subject[0], "first_sitting", s.date_for(m.end()))
        # "dissolved the Senate on 14 March", "the Mazhilis was dissolved".
        for m in re.finditer(r"\bdissolv(?:ed|es|ing)\b", text, re.IGNORECASE):
            after = next(
                (b for b in s.bodies if 0 <= b.start - m.end() <= 6 and b.note in ("chamber", "parliament")), None
            )
            before = next(
                (b for b in reversed(s.bodies) if 0 <= m.start() - b.end <= 12 and b.note in ("chamber", "parliament")),
                None,
            )
            passive = re.search(r"\b(?:was|were|been)\s+$", text[max(0, m.start() - 10) : m.start()])
            # "Supreme Council dissolved, after ...": a headline's passive without its verb.
            headline = (
                before is not None and m.start() - before.end <= 2 and re.match(r"\s*(?:[,;.]|$|by\b)", text[m.end() :])
            )
            body = after or (before if passive or headline else None)
            if body is not None:
                self.event(s, body.canonical, "dissolved", s.date_for(m.end(), point=True))
        m = re.search(
            r"\b(?:the\s+post|the\s+office|it)\s+was\s+(?:created|established|founded|set\s+up)\b|\bnewly\s+created\s+post\s+of\s+(?P<o>\w+)",
            text,
            re.IGNORECASE,
        )
        if m:
            office = self.ctx.topic_office
            if m.group("o"):
                found = lexicon().find(m.group("o"), {"office"})
                office = found[0].canonical if found else None
            if office:
                self.event(s, self.institution(office), "established", s.date_for(m.end()))
        m = re.search(r"\bconstitution\b[^.;]{0,30}?\b(?:adopted|approved|ratified)\b", text, re.IGNORECASE)
        if m:
            # "adopted by referendum in April 2031": the referendum's date is the adoption's.
            d = next((d for d in s.dates if 0 <= d.start - m.end() <= 30), None) or s.date_for(m.end())
            self.event(s, "Constitution", "adopted", d)
            if d and re.search(r"\breferendum\b", text[m.end() : m.end() + 30], re.IGNORECASE):
                self.election(s, "referendum", d)
        m = re.search(
            r"\bamendments?\b[^.;]{0,40}?\bsign(?:ed|s)\b|\bsign(?:ed|s)\b[^.;]{0,30}?\bamendments?\b",
            text,
            re.IGNORECASE,
        )
        if m and s.dates:
            self.event(s, "Constitution", "amended", s.date_for(m.end()))
        m = re.search(r"\b(?:replaces|replaced)\s+the\s+", text)
        if m:
            new = next((b for b in reversed(s.bodies) if b.end <= m.start()), None)
            old = next((b for b in s.bodies if b.start >= m.end()), None)
            if new and old:
                self.event(s, new.canonical, "established", s.date_for(m.start()), f"replaces the {old.canonical}")
        m = re.search(r"\b(?:were|was|have\s+been|has\s+been)\s+abolished\b", text)
        if m:
            body = next((b for b in reversed(s.bodies) if b.end <= m.start()), None)
            if body is not None:
                # What of the body went: the subject up to the body's name ("Seats reserved for the
                # guilds in the upper house were abolished"); nothing when the body itself is the subject.
                what = re.sub(r"[\s,]*\b(?:in|of|from|at|for)\s+(?:the\s+)?$", "", text[: body.start], flags=re.I)
                what = what.strip(" ,;:–—-")
                detail = what if 3 <= len(what) <= 90 and not re.fullmatch(r"(?i)the|a|an", what) else None
                self.event(s, body.canonical, "abolished", s.date_for(m.start()), detail, undated=True)
        m = re.search(r"\bcongress\s+(?:on|in)\s+", text, re.IGNORECASE)
        if m and s.parties and not re.search(r"\brenam", text, re.IGNORECASE):
            d = s.date_for(m.end())
            self.event(s, s.parties[0].canonical, "congress", d)
        m = re.search(r"\binauguration\b", text, re.IGNORECASE)
        if m:
            named = next((o for o in s.offices if o.start > m.start()), None) or (
                next(iter(lexicon().find("President", {"office"})), None)
                if re.search(r"president", text, re.I)
                else None
            )
            if named is not None:
                self.event(
                    s, self.institution(named.canonical), "inauguration", s.date_for(m.end()), self._elect_name()
                )
        # Elections called: "The vote was called by a presidential decree of 8 February 2036".
        m = re.search(
            r"\b(?:elections?|vote)\s+(?:was|were|has\s+been)\s+called\b"
            r"|\bcalled\s+(?:an?\s+)?(?:early\s+|snap\s+)?(?:presidential\s+|parliamentary\s+)?elections?\b"
            r"|\bannounced\b[^.;]{0,40}\b(?:vote|election)\s+would\s+be\s+(?:brought\s+forward|held|moved)",
            text,
            re.IGNORECASE,
        )
        if m and s.dates:
            elections = [e for e in self.ctx.elections.values() if e.kind != "referendum"]
            kind = elections[-1].kind if elections else self._kind(s, m.group())
            elected_body = {"mazhilis": "Mazhilis", "parliamentary": "Mazhilis", "senate": "Senate"}.get(kind or "")
            if kind == "presidential":
                elected_body = self.institution("President")
            date = s.date_for(m.start()) if "announced" in m.group().lower() else s.date_for(m.end())
            if elected_body:
                self.event(s, elected_body, "election_called", date)
        m = re.search(
            r"\bresults?\b[^.;]{0,60}?\b(?:established|approved|announced|certified)\b|\b(?:established|approved|announced|certified)\b[^.;]{0,20}?\bresults?\b",
            text,
            re.IGNORECASE,
        )
        if m and re.search(r"\bcommission\b|\bCEC\b", text, re.IGNORECASE):
            when = s.date_for(m.end())
            if when is None and self.ctx.anchor and self.ctx.dated and re.search(r"\btoday\b", text, re.IGNORECASE):
                when = When(0, 0, self.ctx.anchor, "day", True)
            self.event(s, "Central Election Commission", "results_established", when)

    def _elect_name(self) -> str | None:
        for claim in reversed(self.claims):
            if isinstance(claim, ElectionResult) and claim.candidate:
                return claim.candidate
        return None

    def _appointment_events(self, s: Sent) -> None:
        """Reappointments.

        "P was reappointed as premier on D", "P was re-elected (speaker) on D", "deputies backed the nomination".
        """
        text = s.text
        m = re.search(r"\bre-?appointed\b", text, re.IGNORECASE)
        if m:
            person = self._person_before(s, m.start())
            office = self._office_in(s, m.end(), m.end() + 30)
            name = office.canonical if office else (self._office_of(person) if person else None)
            name = name or self.ctx.section_office or self.ctx.topic_office
            if person and name:
                self.event(s, self.institution(name), "reappointed", s.date_for(m.end()), person)
        m = re.search(r"\bre-?elected\b", text, re.IGNORECASE)
        if m and not re.search(r"\bwith\s+\d", text[m.end() : m.end() + 12]):
            person = self._person_before(s, m.start())
            chair = next((o for o in s.offices if o.canonical.startswith("Chair of the ")), None)
            body = chair.canonical.removeprefix("Chair of the ") if chair else None
            if body is None and re.search(
                r"\bchair(?:man|woman|person)?\s+of\s+the\s+(?:chamber|house)\b|\bspeaker\b", text, re.I
            ):
                body = self._chamber("chamber")
            if person and body:
                self.event(s, body, "reelected", s.date_for(m.end(), point=True), person)
        m = re.search(
            r"\b(?:backed|approved|endorsed|confirmed)\s+(?:the\s+)?(?:nomination|appointment|candidacy)\b", text, re.I
        )
        if m:
            approver = next((b for b in s.bodies if b.end <= m.start() and b.note in ("chamber", "parliament")), None)
            when = s.date_for(m.start()) or (
                When(0, 0, self.ctx.last_date, "day", True) if self.ctx.last_date and self.ctx.dated else None
            )
            if approver is not None:
                self.event(s, approver.canonical, "approved", when)
