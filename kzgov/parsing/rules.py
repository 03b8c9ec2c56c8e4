"""Sentence rules: each reads one statement of a document and returns the claims it makes.

The rules are written for kinds of sentence ("<Name> was sworn in as <office> on <date>",
"<body> has <N> seats, ... <M> appointed"), never for one source's exact wording.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kzgov.claims import (
    AdminDivision,
    BodyEvent,
    BodyEventKind,
    BodyKind,
    ChamberComposition,
    Claim,
    Election,
    ElectionKind,
    ElectionResult,
    Indicator,
    OfficeTenure,
    Period,
    Precision,
    ResultOutcome,
)
from kzgov.parsing.context import Context, Sentence
from kzgov.parsing.text import (
    CAPWORD,
    DATE,
    NUM,
    NUMX,
    DateMention,
    event_period,
    find_dates,
    iso_of,
    parse_date,
    parse_int,
    parse_number,
    shift_months,
)
from kzgov.parsing.vocab import (
    CAPPHRASE,
    OFFICE,
    body_kind,
    canonical_office,
    clean_body_name,
    find_bodies,
    office_prefix,
    strip_jurisdiction,
)

Rule = Callable[[Sentence, Context], list[Claim]]

NAME = rf"{CAPWORD}(?:\s+{CAPWORD}){{0,3}}"
_OF_PLACE = rf"(?:\s+of\s+(?:the\s+)?{CAPPHRASE})?"
_NOT_NAMES = {"He", "She", "It", "They", "His", "Her", "Their", "The", "This", "That", "Then", "There", "In"}
_NOT_NAMES |= {"After", "Before", "Since", "When", "Following", "On", "A", "An"}


def aop() -> Period:
    """A statement about the document's present."""
    return Period.as_of_publication()


def _person(name: str | None) -> str | None:
    """A person's name as written, without a title in front; None if it is no name."""
    if not name:
        return None
    name = re.sub(r"\s+", " ", name.strip())
    split = office_prefix(name)
    if split is not None:
        name = split[1]
    words = name.split()
    while words and words[0] in {"Incumbent", "Former", "Kazakh", "Acting", "Then-president"}:
        words = words[1:]
    if not words or not words[0][0].isupper() or words[0] in _NOT_NAMES or canonical_office(" ".join(words)):
        return None
    return " ".join(words)


def _first_date_after(s: Sentence, pos: int) -> DateMention | None:
    found = find_dates(s.text[pos:], pos)
    return found[0] if found else None


def _any_date(s: Sentence, pos: int) -> DateMention | None:
    """The first date after pos, else the last one before it."""
    after = _first_date_after(s, pos)
    if after is not None:
        return after
    before = find_dates(s.text[:pos])
    return before[-1] if before else None


def _possessor(word: str) -> str:
    """ "Mamin's" -> "Mamin"."""
    return re.sub(r"['’]s$", "", word)


def _date_of(text: str | None) -> tuple[dt.date, Precision] | None:
    return None if text is None else parse_date(text)


# -- office tenures --------------------------------------------------------------------------------------

_START_RE = re.compile(
    rf"(?P<name>{NAME})\s+(?:was\s+|has\s+been\s+|had\s+been\s+)?"
    r"(?:sworn\s+in\s+as|appointed(?:\s+as)?|inaugurated\s+as|installed\s+as|became|took\s+office\s+as|"
    r"named(?:\s+as)?)\s+(?:the\s+)?(?:new\s+)?"
    rf"(?P<office>{OFFICE}){_OF_PLACE}\s+(?:on|in|since)\s+(?P<date>{DATE})"
)
_PRESIDENCY_START_RE = re.compile(
    rf"(?P<name>{NAME})\s+(?:assumed|took\s+over)\s+the\s+presidency\s+(?:on|in)\s+(?P<date>{DATE})"
)
_TITLED_START_RE = re.compile(
    rf"(?P<office>{OFFICE})\s+(?P<name>{NAME})\s+(?:took\s+office|was\s+sworn\s+in|assumed\s+office|"
    rf"was\s+appointed|was\s+inaugurated|has\s+been\s+in\s+office\s+since)\s+(?:on\s+|in\s+)?(?P<date>{DATE})"
)
_SINCE_RE = re.compile(
    rf"(?P<name>{NAME})\s+(?:has\s+(?:been|served\s+as)|is)\s+(?:the\s+)?(?P<office>{OFFICE}){_OF_PLACE}"
    rf"\s+since\s+(?P<date>{DATE})"
)
_END_RE = re.compile(
    rf"(?P<name>{NAME})\s+(?:resigned|stepped\s+down|was\s+dismissed|was\s+removed|left\s+office)\s+as\s+"
    rf"(?:the\s+)?(?P<office>{OFFICE}){_OF_PLACE}\s+(?:on|in)\s+(?P<date>{DATE})"
)
_RANGE_RE = re.compile(
    rf"(?P<name>{NAME}),?\s+(?:who\s+)?(?:had\s+)?served\s+as\s+(?:the\s+)?(?P<office>{OFFICE}){_OF_PLACE}"
    rf"\s+from\s+(?P<d1>{DATE})\s+(?:to|until|till)\s+(?P<d2>{DATE})"
)
_IN_CABINET_RE = re.compile(
    rf"(?P<name>{NAME}),?\s+who\s+(?:had\s+)?(?:previously\s+)?served\s+as\s+(?:the\s+)?(?P<office>{OFFICE})"
    rf"\s+in\s+(?:the\s+)?(?P<cabinet>{CAPWORD})\s+[Cc]abinet"
)
_CURRENT_RES = [
    re.compile(rf"(?:[Tt]he\s+)?(?P<office>{OFFICE}){_OF_PLACE},\s+(?:currently|presently|now)\s+(?P<name>{NAME})"),
    re.compile(
        rf"[Tt]he\s+(?:current|incumbent|present|most\s+recent|sitting)\s+(?P<office>{OFFICE}){_OF_PLACE}"
        rf"\s+is\s+(?P<name>{NAME})"
    ),
    re.compile(rf"(?P<name>{NAME})\s+is\s+(?:the\s+)?(?:current|incumbent|present|sitting)\s+(?P<office>{OFFICE})"),
    re.compile(
        rf"[Tt]he\s+(?:current|present|incumbent)\s+(?:cabinet|government)\s+is\s+(?:headed|led|chaired)\s+by\s+"
        rf"(?P<name>{NAME})"
    ),
]
_INFERRED_START_RE = re.compile(
    rf"(?P<name>{NAME}),\s+who\s+had\s+(?:assumed|taken)\s+(?:the\s+)?(?:(?P<presidency>presidency)|"
    rf"office(?:\s+as\s+(?:the\s+)?(?P<office>{OFFICE}))?)\s+(?P<n>{NUM})\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<dir>before|after)\s+the\s+(?:elections?|vote|polls?)\b"
)


def rule_tenures(s: Sentence, ctx: Context) -> list[Claim]:
    """Office tenures stated with a start, an end, both, or as the present state."""
    p = s.text
    out: list[Claim] = []

    def add(office: str | None, name: str | None, period: Period) -> OfficeTenure | None:
        person = _person(name)
        if office is None or person is None:
            return None
        claim = OfficeTenure(
            evidence=s.evidence, period=period, jurisdiction=ctx.jurisdiction, office=office, person=person
        )
        out.append(claim)
        return claim

    for regex in (_START_RE, _TITLED_START_RE, _SINCE_RE):
        for m in regex.finditer(p):
            found = parse_date(m["date"])
            if found:
                add(canonical_office(m["office"]), m["name"], Period(start=found[0], start_precision=found[1]))
    for m in _PRESIDENCY_START_RE.finditer(p):
        found = parse_date(m["date"])
        if found:
            add("President", m["name"], Period(start=found[0], start_precision=found[1]))
    for m in _END_RE.finditer(p):
        found = parse_date(m["date"])
        if found:
            add(canonical_office(m["office"]), m["name"], Period(end=found[0], end_precision=found[1]))
    for m in _RANGE_RE.finditer(p):
        first, last = parse_date(m["d1"]), parse_date(m["d2"])
        if first and last and last[0] > first[0]:
            period = Period(start=first[0], start_precision=first[1], end=last[0], end_precision=last[1])
            add(canonical_office(m["office"]), m["name"], period)
    for index, regex in enumerate(_CURRENT_RES):
        for m in regex.finditer(p):
            office = "Prime Minister" if index == 3 else canonical_office(m["office"])
            add(office, m["name"], aop())
    for m in _IN_CABINET_RE.finditer(p):
        if _RANGE_RE.search(p):
            continue
        claim = add(canonical_office(m["office"]), m["name"], Period())
        if claim is not None:
            # The tenure ended with that cabinet, which the document may date anywhere.
            ctx.pending_cabinets.append((claim, _possessor(m["cabinet"])))
    for m in _INFERRED_START_RE.finditer(p):
        office = "President" if m["presidency"] else canonical_office(m["office"] or "")
        try:
            start = _relative_start(ctx, parse_int(m["n"]), m["unit"], m["dir"])
        except (ValueError, OverflowError):
            start = None  # shifted outside the calendar: no date worth claiming
        if start is not None:
            add(office, m["name"], start)
    return out


def _relative_start(ctx: Context, count: int | None, unit: str, direction: str) -> Period | None:
    """A start inferred from "N months before the elections", at the precision the shift allows."""
    if count is None or not ctx.elections:
        return None
    ref = ctx.elections[-1].period
    if ref.start is None or ref.start_precision is None:
        return None
    sign = -1 if direction == "before" else 1
    if unit in ("month", "week", "day") and ref.start_precision == "year":
        return None
    if unit == "year":
        start = ref.start.replace(year=ref.start.year + sign * count, month=1, day=1)
        return Period(start=start, start_precision="year", basis="inferred")
    if unit == "month":
        return Period(start=shift_months(ref.start, sign * count), start_precision="month", basis="inferred")
    days = count * (7 if unit == "week" else 1)
    if ref.start_precision != "day":
        return None
    return Period(start=ref.start + sign * dt.timedelta(days=days), start_precision="day", basis="inferred")


_CABINET_END_RE = re.compile(
    rf"(?:[Tt]he\s+)?(?P<who>{CAPWORD})(?:['’]s)?\s+(?P<what>[Cc]abinet|[Gg]overnment)\s+"
    r"(?:resigned|was\s+dismissed|stepped\s+down|was\s+dissolved)\b"
)


def rule_cabinet_resigned(s: Sentence, ctx: Context) -> list[Claim]:
    """ "The X Cabinet resigned on D": the cabinet ends, and so does X's time as prime minister."""
    out: list[Claim] = []
    for m in _CABINET_END_RE.finditer(s.text):
        who = _possessor(m["who"])
        if who in _NOT_NAMES or who in {"Kazakhstan", ctx.subject}:
            continue
        when = _first_date_after(s, m.end())
        if when is None:
            continue
        body = f"{who} {m['what']}"
        out.append(
            BodyEvent(
                evidence=s.evidence,
                period=event_period(when.date, when.precision),
                jurisdiction=ctx.jurisdiction,
                body=body,
                event="abolished",
                detail="resigned",
            )
        )
        out.append(
            OfficeTenure(
                evidence=s.evidence,
                period=Period(end=when.date, end_precision=when.precision),
                jurisdiction=ctx.jurisdiction,
                office="Prime Minister",
                person=who,
            )
        )
        ctx.cabinet_ends[who] = (when.date, when.precision)
    return out


# -- chamber, court and council composition --------------------------------------------------------------

_MEMBER_NOUN = r"(?:seats|members|deputies|judges|justices|senators|MPs|councillors|councilors)"
_TOTAL_RE = re.compile(rf"\b(?P<n>{NUM})\s+{_MEMBER_NOUN}\b")
_SIZE_RE = re.compile(rf"\b(?P<n>{NUM})[-\s]member\b")
_ALL_ELECTED_RE = re.compile(r"\ball\s+of\s+(?:whom|them)\s+(?:are\s+|were\s+)?(?:\w+ly\s+)?elected\b")
_THEN_ELECTED_RE = re.compile(r"\s*,?\s*(?:(?:who|which|that)\s+are\s+)?(?:directly\s+|popularly\s+)?elected\b")
_ELECTED_RE = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:of\s+(?:whom|them)\s+)?(?:are\s+|were\s+)?(?:directly\s+|indirectly\s+|popularly\s+)?"
    r"elected\b"
)
_APPOINTED_RE = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:of\s+(?:whom|them)\s+)?(?:are\s+|were\s+)?(?:appointed|nominated)\b"
    rf"|\b(?P<n2>{NUM})\s+(?:presidential\s+)?appointees\b"
    rf"|\bappoints?\s+(?P<n3>{NUM})\s+of\s+(?:its|the|their)\s+members\b"
)
_TERM_RE = re.compile(
    rf"\b(?P<n>{NUM})[-\s]year\s+terms?\b|\belected\s+for\s+(?P<n2>{NUM})\s+years\b"
    rf"|\bterms?\s+of\s+(?P<n3>{NUM})\s+years\b"
)
_ON_BODY_RE = re.compile(rf"\b{NUM}\s+{_MEMBER_NOUN}\s+(?:on|of|in)\s+the\s+")
_SEAT_LIST_RE = re.compile(rf"(?P<body>{CAPPHRASE})\s*[-–—:]\s*(?P<n>{NUM})\s+seats\b")
_WON_SEATS_RE = re.compile(rf"\b(?:won|winning|took|gained|holds?|held|secured|received)\s+{NUM}\s+seats\b")
# Words that point back at the chamber last spoken of: "All MPs", "its members", "Out of the 7 members".
_REFERS_TO_MEMBERS_RE = re.compile(
    r"\b(?:MPs|deputies|senators)\b|\b(?:the|its|their|these|all|of\s+whom)\s+(?:\w+\s+)?(?:members|seats|judges)\b",
    re.IGNORECASE,
)
_METHODS_RE = re.compile(
    r"proportional\s+representation|party[\s-]lists?|single[\s-]member\s+(?:constituencies|districts)"
    r"|double[\s-]seat\s+constituencies|multi[\s-]member\s+(?:constituencies|districts)"
    r"|m[äa]sl[iy]k?hats?|(?:local|regional|provincial)\s+(?:assemblies|councils|legislatures)"
    r"|Assembly\s+of\s+People|popular\s+vote"
    r"|directly\s+elected|direct\s+(?:election|vote)",
    re.IGNORECASE,
)
_ELECTORATE_RE = re.compile(
    r"m[äa]sl[iy]k?hats?|(?:local|regional|provincial)\s+(?:assemblies|councils|legislatures)", re.IGNORECASE
)
_METHOD_COUNT_RE = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:seats\s+|members\s+|deputies\s+)?(?:of\s+(?:whom|them)\s+)?(?:are\s+|were\s+)?"
    r"(?:elected\s+)?(?:[-–]\s*)?"
    r"(?P<prep>by|in|from|through|via)\s+(?:the\s+)?(?P<m>[^,;.()]+?)(?=\s*(?:[,;.()]|\band\b|$))"
)
_SINCE_DATE_RE = re.compile(rf"\b[Ss]ince\s+(?P<date>{DATE})")
_OFFICE_SUBJECT_RE = re.compile(rf"^(?:[Tt]he\s+)?(?P<office>{OFFICE})")


def _first_int(regex: re.Pattern[str], text: str) -> tuple[int | None, re.Match[str] | None]:
    for m in regex.finditer(text):
        value = next((parse_int(v) for v in m.groupdict().values() if v is not None), None)
        if value is not None:
            return value, m
    return None, None


def _method_label(phrase: str, prep: str | None) -> str:
    phrase = re.sub(r"\s+", " ", phrase.strip())
    if re.fullmatch(r"directly elected|direct (?:election|vote)", phrase, re.IGNORECASE):
        return "direct election"
    if _ELECTORATE_RE.fullmatch(phrase) and prep in (None, "by"):
        return f"elected by {phrase}"
    return phrase


def _method_counts(p: str) -> list[int]:
    """Seats filled by each method of election the sentence counts ("69 by proportional representation")."""
    counts = []
    for m in _METHOD_COUNT_RE.finditer(p):
        value = parse_int(m["n"])
        if value is not None and _METHODS_RE.search(m["m"]):
            counts.append(value)
    return counts


def _election_method(p: str) -> str | None:
    """Methods of election named in a sentence, with the seats each fills where given."""
    parts: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for m in _METHOD_COUNT_RE.finditer(p):
        keyword = _METHODS_RE.search(m["m"])
        if keyword is None or parse_int(m["n"]) is None:
            continue
        parts.append((m.start(), f"{_method_label(keyword.group(), m['prep'])} ({parse_int(m['n'])})"))
        end = m.end()
        paren = re.match(r"\s*\([^()]*\)", p[end:])
        covered.append((m.start(), end + (paren.end() if paren else 0)))
    for m in _METHODS_RE.finditer(p):
        if any(a <= m.start() < b for a, b in covered):
            continue
        parts.append((m.start(), _method_label(m.group(), None)))
    labels: list[str] = []
    for _, label in sorted(parts):
        if label not in labels:
            labels.append(label)
    return "; ".join(labels) or None


def rule_composition(s: Sentence, ctx: Context) -> list[Claim]:
    """The size, elected and appointed seats, term and method of a chamber, court or council."""
    p = s.text
    since = _SINCE_DATE_RE.search(p)
    found = parse_date(since["date"]) if since else None
    period = Period(start=found[0], start_precision=found[1]) if found else aop()

    def claim(name: str, kind: BodyKind, election_method: str | None = None, **seats: int | None) -> ChamberComposition:
        return ChamberComposition(
            evidence=s.evidence,
            period=period,
            jurisdiction=ctx.jurisdiction,
            body=name,
            body_kind=kind,
            election_method=election_method,
            **seats,
        )

    listed = []
    for m in _SEAT_LIST_RE.finditer(p):
        name = clean_body_name(m["body"], ctx.subject)
        if name is not None and parse_int(m["n"]) is not None:
            listed.append(claim(name, body_kind(name), total_seats=parse_int(m["n"])))
    if listed:
        return list(listed)
    if _WON_SEATS_RE.search(p):
        return []  # seats a party won are an election result, not the size of the chamber

    total, total_match = _first_int(_TOTAL_RE, p)
    if total is None:
        total, total_match = _first_int(_SIZE_RE, p)
    elected, _ = _first_int(_ELECTED_RE, p)
    if (
        elected is None
        and total is not None
        and total_match is not None
        and (_ALL_ELECTED_RE.search(p) or _THEN_ELECTED_RE.match(p, total_match.end()))
    ):
        elected = total
    # Seats counted by method of election are all elected ones: "69 by PR and 29 in constituencies".
    by_method = sum(_method_counts(p))
    if by_method and (elected is None or by_method > elected) and (total is None or by_method <= total):
        elected = by_method
    appointed, _ = _first_int(_APPOINTED_RE, p)
    term, _ = _first_int(_TERM_RE, p)
    if total is None and elected is None and appointed is None and term is None:
        return []
    if total is None and elected is None and appointed is None and _OFFICE_SUBJECT_RE.match(p):
        # "The president is elected by the Chamber for six years": the office's term, not the chamber's.
        return []

    bodies = [b for b in find_bodies(p, ctx.subject) if b.kind != "other"]
    body = None
    on = _ON_BODY_RE.search(p)
    if on is not None:
        body = next(((b.name, b.kind) for b in bodies if b.start >= on.end()), None)
    if body is None and bodies:
        body = (bodies[0].name, bodies[0].kind)
    if body is None and _REFERS_TO_MEMBERS_RE.search(p):
        body = ("Senate", "chamber") if re.search(r"\bsenators\b", p) else ctx.last_body
    if body is None:
        return []
    ctx.last_body = body
    return [
        claim(
            body[0],
            body[1],
            total_seats=total,
            elected_seats=elected,
            appointed_seats=appointed,
            term_years=term,
            election_method=_election_method(p),
        )
    ]


def rule_office_term(s: Sentence, ctx: Context) -> list[Claim]:
    """ "The president is chosen ... for a six-year term": the length of an office's term."""
    m = _OFFICE_SUBJECT_RE.match(s.text)
    if m is None or find_bodies(s.text[: m.end()], ctx.subject):
        return []
    term, _ = _first_int(_TERM_RE, s.text)
    office = canonical_office(m["office"])
    if term is None or office is None:
        return []
    return [
        Indicator(
            evidence=s.evidence,
            period=aop(),
            jurisdiction=ctx.jurisdiction,
            subject=office,
            indicator="term length",
            value=float(term),
            unit="years",
        )
    ]


# -- elections and results -------------------------------------------------------------------------------

_KINDS: dict[str, ElectionKind] = {
    "presidential": "presidential",
    "parliamentary": "parliamentary",
    "legislative": "parliamentary",
    "mazhilis": "mazhilis",
    "majilis": "mazhilis",
    "mäjilis": "mazhilis",
    "senate": "senate",
    "local": "local",
    "maslikhat": "local",
    "mäslihat": "local",
    "referendum": "referendum",
}
_KIND_WORDS = "presidential|parliamentary|legislative|mazhilis|majilis|mäjilis|senate|local|maslikhat|mäslihat"
_ELECTION_RE = re.compile(
    r"(?:(?P<early>[Ee]arly|[Ss]nap|[Ee]xtraordinary|[Pp]re-term)\s+)?"
    rf"(?P<kind>(?i:{_KIND_WORDS}))\s+elections?\b|\b(?P<referendum>[Rr]eferendum)\b"
)
_SCHEDULED_RE = re.compile(r"\b(?:scheduled|will\s+be\s+held|to\s+be\s+held|planned|due|expected)\b")
_NEXT_RE = re.compile(r"\b(?:next|upcoming|forthcoming|future)\s+$", re.IGNORECASE)
_DATE_BEFORE_RE = re.compile(rf"(?P<date>{DATE})\s+$")


def rule_elections(s: Sentence, ctx: Context) -> list[Claim]:
    """Elections held or scheduled on a date or in a year."""
    p = s.text
    matches = list(_ELECTION_RE.finditer(p))
    out: list[Claim] = []
    for i, m in enumerate(matches):
        kind = _KINDS[(m["kind"] or m["referendum"]).lower()]
        segment_end = matches[i + 1].start() if i + 1 < len(matches) else len(p)
        segment = p[m.end() : segment_end]
        # The date must follow closely, in the same clause: "... elections were held in X on 9 June 2019".
        dates = [d for d in find_dates(segment) if d.start <= 60 and ";" not in segment[: d.start]]
        when: tuple[dt.date, Precision] | None = (dates[0].date, dates[0].precision) if dates else None
        before = _DATE_BEFORE_RE.search(p[max(0, m.start() - 30) : m.start()])
        if before is not None:
            when = parse_date(before["date"]) or when
        if when is None:
            continue
        lead = p[max(0, m.start() - 20) : m.start()]
        scheduled = bool(_NEXT_RE.search(lead)) or bool(
            _SCHEDULED_RE.search(segment[: dates[0].start] if dates else segment)
        )
        election = Election(
            evidence=s.evidence,
            period=event_period(when[0], when[1]),
            jurisdiction=ctx.jurisdiction,
            kind=kind,
            status="scheduled" if scheduled else "held",
            early=True if m["early"] else None,
            ref=f"{kind}:{iso_of(when[0], when[1])}",
        )
        ctx.elections.append(election)
        out.append(election)
    return out


_SHARE = (
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|just\s+over\s+)?"
    r"(?P<share>\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)"
)
_RESULT_VERBS = r"(?P<verb>re-?elected|elected|won|received|got|obtained|secured|took|gained)"
_PARTY_SHARE_RE = re.compile(
    rf"(?P<name>{NAME})\s+of\s+(?:the\s+)?(?P<party>{CAPPHRASE})(?:\s+[Pp]arty)?,?\s+(?:\w+ly\s+)?{_RESULT_VERBS}\s+"
    rf"(?:with\s+)?{_SHARE}"
)
_NAME_SHARE_RE = re.compile(
    rf"(?P<name>{NAME})\s+(?:was\s+|were\s+)?(?:\w+ly\s+)?{_RESULT_VERBS}\s+"
    rf"(?:the\s+(?:election|presidency|vote|race)\s+)?(?:with\s+)?{_SHARE}"
)
_PARTY_SEATS_RE = re.compile(
    rf"(?:[Tt]he\s+)?(?P<party>{CAPPHRASE})(?:\s+[Pp]arty)?\s+(?:won|took|gained|secured|received|obtained)\s+"
    rf"(?P<seats>{NUM})\s+seats\b(?:\s+(?:with|and)\s+{_SHARE})?"
)
_MAJORITY_RE = re.compile(
    rf"(?:[Tt]he\s+)?(?P<party>{CAPPHRASE})(?:\s+[Pp]arty)?\s+win\w*\s+(?:a|an|the)\s+(?:\w+\s+)?majority\b"
)
_LAST_ELECTION_RE = re.compile(
    rf"\b(?:last|most\s+recent|previous|latest)\s+(?P<kind>{_KIND_WORDS})\s+elections?\b", re.I
)
_LOSER_RE = re.compile(r"\b(?:challengers?|rivals?|runner-up|second|lost|defeated|trailed)\b", re.IGNORECASE)


def _result_election(p: str, ctx: Context) -> Election | None:
    last = _LAST_ELECTION_RE.search(p)
    if last is not None:
        return ctx.latest_election(_KINDS[last["kind"].lower()])
    return ctx.elections[-1] if ctx.elections else None


def _party(name: str) -> str:
    return re.sub(r"^(?:[Tt]he)\s+", "", name.strip())


_ELECTORAL_RE = re.compile(
    r"\b(?:votes?|ballots?|elect\w*|challengers?|rivals?|runner-up|candidates?|seats)\b", re.IGNORECASE
)


def rule_results(s: Sentence, ctx: Context) -> list[Claim]:
    """Vote shares, seats and majorities won in an election the document mentioned."""
    p = s.text
    election = _result_election(p, ctx)
    if election is None or not _ELECTORAL_RE.search(p):
        return []
    out: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def add(
        span: tuple[int, int],
        *,
        candidate: str | None = None,
        party: str | None = None,
        vote_share: float | None = None,
        seats: int | None = None,
        outcome: ResultOutcome | None = None,
    ) -> None:
        taken.append(span)
        out.append(
            ElectionResult(
                evidence=s.evidence,
                period=election.period,
                jurisdiction=ctx.jurisdiction,
                election_ref=election.ref,
                candidate=candidate,
                party=party,
                vote_share=vote_share,
                seats=seats,
                outcome=outcome,
            )
        )

    def outcome(verb: str) -> ResultOutcome | None:
        if verb.lower() in ("elected", "re-elected", "reelected", "won"):
            return "won"
        return "lost" if _LOSER_RE.search(p) else None

    for m in _PARTY_SHARE_RE.finditer(p):
        share, name = float(m["share"]), _person(m["name"])
        if name is not None and 0 <= share <= 100:
            add(
                m.span(),
                candidate=name,
                party=_party(m["party"]),
                vote_share=share,
                outcome=outcome(m["verb"]),
            )
    for m in _NAME_SHARE_RE.finditer(p):
        share, name = float(m["share"]), _person(m["name"])
        if name is None or not 0 <= share <= 100 or any(a <= m.start() < b for a, b in taken):
            continue
        if name.endswith(("Party", "party")) or clean_body_name(name, ctx.subject):
            add(m.span(), party=_party(name), vote_share=share, outcome=outcome(m["verb"]))
        else:
            add(m.span(), candidate=name, vote_share=share, outcome=outcome(m["verb"]))
    for m in _PARTY_SEATS_RE.finditer(p):
        seats = parse_int(m["seats"])
        if seats is None or any(a <= m.start() < b for a, b in taken):
            continue
        stated = float(m["share"]) if m["share"] else None
        add(m.span(), party=_party(m["party"]), seats=seats, vote_share=stated)
    for m in _MAJORITY_RE.finditer(p):
        if not any(a <= m.start() < b for a, b in taken):
            add(m.span(), party=_party(m["party"]), outcome="majority")
    return out


# -- bodies created, abolished, renamed, moved -----------------------------------------------------------

_ESTABLISHED = r"established|created|founded|set\s+up|formed"
_EVENT_OF: dict[str, BodyEventKind] = {
    "established": "established",
    "created": "established",
    "founded": "established",
    "set up": "established",
    "formed": "established",
    "abolished": "abolished",
    "dissolved": "abolished",
    "disbanded": "abolished",
    "liquidated": "abolished",
    "renamed": "renamed",
    "replaced": "replaced",
}
_PASSIVE_EVENT_RE = re.compile(
    rf"(?P<np>{CAPPHRASE}(?:\s+\([A-Z][A-Za-z]*\))?)\s+(?:was|were|has\s+been|had\s+been)\s+"
    rf"(?:officially\s+|formally\s+)?(?P<verb>{_ESTABLISHED}|abolished|dissolved|disbanded|liquidated|renamed|replaced)\b"
)
_RENAMED_TO_RE = re.compile(rf"renamed\s+(?:to\s+|as\s+)?(?:the\s+)?(?P<new>{CAPPHRASE})")
_REPLACED_BY_RE = re.compile(rf"replaced\s+by\s+(?:the\s+|a\s+)?(?P<new>{CAPPHRASE})")
_PAREN_EVENT_RE = re.compile(
    r"\((?:the\s+last\s+of\s+which\s+|which\s+|it\s+)?(?:was\s+|were\s+)?"
    rf"(?P<verb>{_ESTABLISHED})\s+(?:on\s+|in\s+)?(?P<date>{DATE})\)"
)
_ACTIVE_EVENT_RE = re.compile(
    rf"\b(?P<verb>{_ESTABLISHED})\s+(?:on\s+|in\s+)?(?P<date>{DATE}),?\s+(?:the\s+|a\s+)?(?P<body>{CAPPHRASE})"
    rf"|\b(?P<verb2>{_ESTABLISHED})\s+(?:the\s+|a\s+)(?:new\s+)?(?P<body2>{CAPPHRASE})\s+(?:on|in)\s+(?P<date2>{DATE})"
)
_CAPITAL_RE = re.compile(
    r"\b(?:(?:transferred|moved|relocated)\s+(?:its|the|their)\s+capital(?:\s+city)?"
    r"|capital(?:\s+city)?\s+(?:was\s+)?(?:transferred|moved|relocated))"
    rf"\s+from\s+(?P<old>{NAME})\s+to\s+(?P<new>{NAME})"
)
_NP_LEAD_RE = re.compile(
    r"^(?:(?:[Tt]here\s+(?:is|are|was|were)|[Ii]t\s+is)\s+)?(?:also\s+)?(?:[Aa]n?\s+|[Tt]he\s+)?(?:[\w-]+-member\s+)?"
)


def _clean_np(phrase: str) -> str:
    words = re.sub(r"\s*\([A-Z][A-Za-z]*\)$", "", phrase.strip()).split()
    while words and (words[0] in {"The", "A", "An", "In", "Its"} or re.search(r"['’]s$", words[0])):
        words = words[1:]
    return " ".join(words)


def rule_body_events(s: Sentence, ctx: Context) -> list[Claim]:
    """Bodies established, abolished, renamed or replaced, and the capital moved, on a date."""
    p = s.text
    out: list[Claim] = []

    def add(
        body: str, event: BodyEventKind, when: DateMention | tuple[dt.date, Precision] | None, detail: str | None = None
    ) -> None:
        if not body or when is None:
            return
        date, precision = (when.date, when.precision) if isinstance(when, DateMention) else when
        out.append(
            BodyEvent(
                evidence=s.evidence,
                period=event_period(date, precision),
                jurisdiction=ctx.jurisdiction,
                body=body,
                event=event,
                detail=detail,
            )
        )

    for m in _PASSIVE_EVENT_RE.finditer(p):
        event = _EVENT_OF[re.sub(r"\s+", " ", m["verb"])]
        detail = None
        if event in ("renamed", "replaced"):
            new = (_RENAMED_TO_RE if event == "renamed" else _REPLACED_BY_RE).search(p, m.start("verb"))
            detail = _clean_np(new["new"]) if new else None
        add(_clean_np(m["np"]), event, _any_date(s, m.end()), detail)
    for m in _PAREN_EVENT_RE.finditer(p):
        before = re.split(r"[,;:]\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", p[: m.start()].rstrip())[-1]
        body = _NP_LEAD_RE.sub("", before.strip()).strip()
        add(body, "established", _date_of(m["date"]))
    for m in _ACTIVE_EVENT_RE.finditer(p):
        phrase = m["body"] or m["body2"]
        name = clean_body_name(phrase, ctx.subject) or strip_jurisdiction(_clean_np(phrase), ctx.subject)
        add(name, "established", _date_of(m["date"] or m["date2"]))
    for m in _CAPITAL_RE.finditer(p):
        add("capital", "moved", _any_date(s, m.end()), m["new"].strip())
    return out


# -- indicators ------------------------------------------------------------------------------------------

_RANK_RE = re.compile(
    r"\b(?:is\s+|was\s+)?[Rr]ank(?:ed|s)?\s+(?P<rank>\d+)(?:st|nd|rd|th)?\s+(?:(?:out\s+)?of|among)\s+"
    r"(?P<of>\d[\d,]*)(?:\s+(?:countries|nations|economies|states|territories))?\s+(?:in|on|by)\s+"
    r"(?:the\s+)?(?P<name>[^,.;()]+)"
)
_SUBJECT_BEFORE_RE = re.compile(rf"(?P<subject>{CAPWORD}(?:\s+{CAPWORD})*)\s+(?:is\s+|was\s+)?$")


def _indicator(
    s: Sentence,
    ctx: Context,
    period: Period,
    *,
    subject: str,
    indicator: str,
    value: float | None = None,
    unit: str | None = None,
    rank: int | None = None,
    out_of: int | None = None,
) -> Indicator:
    return Indicator(
        evidence=s.evidence,
        period=period,
        jurisdiction=ctx.jurisdiction,
        subject=subject,
        indicator=indicator,
        value=value,
        unit=unit,
        rank=rank,
        out_of=out_of,
    )


def rule_rank(s: Sentence, ctx: Context) -> list[Claim]:
    """ "Ranked 78th out of 163 countries in the 2022 Global Peace Index"."""
    out: list[Claim] = []
    for m in _RANK_RE.finditer(s.text):
        name = m["name"].strip()
        year = re.match(r"(?:the\s+)?(\d{4})\s+", name)
        if year:
            name = name[year.end() :]
        years = [d for d in find_dates(s.text) if d.precision == "year"]
        when = parse_date(year.group(1)) if year else ((years[0].date, "year") if years else None)
        period = event_period(when[0], "year") if when else aop()
        before = _SUBJECT_BEFORE_RE.search(s.text[: m.start()])
        subject = before["subject"] if before and before["subject"] not in _NOT_NAMES else ctx.subject
        out.append(
            _indicator(
                s,
                ctx,
                period,
                subject=subject,
                indicator=name.strip(),
                rank=int(m["rank"]),
                out_of=int(m["of"].replace(",", "")),
            )
        )
    return out


_DIVIDED_RE = re.compile(
    r"^(?P<subject>.*?)\s+(?:is|are|was)\s+(?:administratively\s+|currently\s+)?(?:divided|subdivided|split)\s+"
    r"into\s+(?P<rest>.+)$",
    re.DOTALL,
)
# The shortest phrase after a number that ends in a plural noun: "14 provinces", "three municipal regions".
_NOT_NOUN = r"(?!(?:and|or|the|of|in|on|with|each|is|was|has|as|its|this|are|were)\b)"
_COUNT_NOUN_RE = re.compile(
    rf"\b(?P<n>{NUMX})\s+(?P<noun>(?:{_NOT_NOUN}[a-z][\w-]*\s+){{0,2}}?{_NOT_NOUN}[a-z][\w-]*(?<!ou)(?<!s)s)\b"
)
_GENERIC_SUBJECTS = {"country", "state", "nation", "republic", "it"}


def _subject_of(phrase: str, ctx: Context) -> str:
    phrase = re.sub(r"^(?:[Tt]he)\s+", "", phrase.strip())
    if not phrase or phrase.lower() in _GENERIC_SUBJECTS:
        return ctx.subject
    return phrase[0].upper() + phrase[1:]


def _counts(s: Sentence, ctx: Context, text: str, subject: str, period: Period) -> list[Claim]:
    out: list[Claim] = []
    for m in _COUNT_NOUN_RE.finditer(text):
        value = parse_number(m["n"])
        if value is not None:
            noun = re.sub(r"\s+", " ", m["noun"])
            out.append(_indicator(s, ctx, period, subject=subject, indicator=f"number of {noun}", value=value))
    return out


def rule_divided(s: Sentence, ctx: Context) -> list[Claim]:
    """ "X is divided into 14 provinces": counts of the parts of a country or body."""
    m = _DIVIDED_RE.match(s.text)
    if m is None:
        return []
    return _counts(s, ctx, m["rest"], _subject_of(m["subject"], ctx), aop())


_THERE_ARE_RE = re.compile(
    r"^There\s+(?:are|were|is)\s+(?P<rest>.+?)\s+(?:in|within|on)\s+(?:the\s+)?(?P<where>[^,.;]+?)\s*[.;]?$",
    re.DOTALL,
)


def rule_there_are(s: Sentence, ctx: Context) -> list[Claim]:
    """ "There are three deputy prime ministers and 17 ministers in the council"."""
    m = _THERE_ARE_RE.match(s.text)
    if m is None or _TOTAL_RE.search(m["rest"]):
        return []
    where = m["where"].strip()
    if where[:1].islower():
        # "in the council" refers back to the council or cabinet last named.
        last = ctx.last_council or ""
        head = where.split()[-1]
        if last and (head in last.lower() or (head in ("cabinet", "government") and body_kind(last) == "government")):
            subject = last
        else:
            subject = where[0].upper() + where[1:]
    else:
        subject = clean_body_name(where, ctx.subject) or where
    return _counts(s, ctx, m["rest"], subject, aop())


_NUMBER_OF_RE = re.compile(
    rf"\b[Tt]he\s+number\s+of\s+(?P<what>[\w\s-]+?)(?:\s+in\s+(?P<where>{CAPWORD}))?\s+(?:has\s+|had\s+)?"
    rf"(?:(?:increased|grew|rose|decreased|fell|declined|dropped|went\s+up|went\s+down)\s+(?:from\s+(?P<a>{NUMX})\s+)?to"
    rf"|is|was|stands\s+at|stood\s+at|reached)\s+(?:about\s+|around\s+|over\s+)?(?P<b>{NUMX})"
)


def rule_number_of(s: Sentence, ctx: Context) -> list[Claim]:
    """ "The number of NGOs increased from 5,000 to 22,000": the latest value, as of publication."""
    out: list[Claim] = []
    for m in _NUMBER_OF_RE.finditer(s.text):
        value = parse_number(m["b"])
        if value is None:
            continue
        dates = find_dates(s.text)
        period = event_period(dates[-1].date, dates[-1].precision) if dates else aop()
        what = re.sub(r"\s+", " ", m["what"].strip())
        subject = m["where"] or ctx.subject
        out.append(_indicator(s, ctx, period, subject=subject, indicator=f"number of {what}", value=value))
    return out


_QUOTA_RE = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+quota\s+for\s+(?P<who>.+?)(?=\s+(?:under|in|on|within)\b|[,.;]|$)"
)


def rule_quota(s: Sentence, ctx: Context) -> list[Claim]:
    """ "a 25% quota for young candidates and women", in force from the date the sentence gives."""
    out: list[Claim] = []
    for m in _QUOTA_RE.finditer(s.text):
        dates = find_dates(s.text)
        latest = max(dates, key=lambda d: d.date) if dates else None
        period = Period(start=latest.date, start_precision=latest.precision) if latest else aop()
        who = re.sub(r"\s+", " ", m["who"].strip())
        out.append(
            _indicator(
                s,
                ctx,
                period,
                subject=ctx.subject,
                indicator=f"quota for {who}",
                value=float(m["n"]),
                unit="%",
            )
        )
    return out


_CHAMBERS_RE = re.compile(
    rf"\b(?:has|have|with|of)\s+(?P<n>{NUM})\s+chambers\b"
    rf"|\b(?:the\s+)?(?P<n2>{NUM})\s+chambers\s+of\s+(?:the\s+)?(?P<of>[Pp]arliament|[Ll]egislature|{CAPPHRASE})"
)


def rule_chambers(s: Sentence, ctx: Context) -> list[Claim]:
    """ "The legislature ... has two chambers"."""
    m = _CHAMBERS_RE.search(s.text)
    value = parse_int(m["n"] or m["n2"]) if m else None
    if m is None or value is None:
        return []
    if m["of"]:
        named = m["of"]
        subject = clean_body_name(named, ctx.subject) or named[0].upper() + named[1:]
    else:
        bodies = find_bodies(s.text[: m.start()], ctx.subject)
        subject = bodies[0].name if bodies else ctx.subject
    return [_indicator(s, ctx, aop(), subject=subject, indicator="number of chambers", value=float(value))]


_CANDIDATES_RE = re.compile(
    rf"\b(?P<n>{NUM})\s+candidates\s+(?:were|are|had\s+been|have\s+been)\s+(?:officially\s+)?registered\b"
)


def rule_candidates(s: Sentence, ctx: Context) -> list[Claim]:
    """ "seven candidates were registered": a count attached to the election just mentioned."""
    m = _CANDIDATES_RE.search(s.text)
    value = parse_int(m["n"]) if m else None
    if value is None or not ctx.elections:
        return []
    election = ctx.elections[-1]
    return [
        _indicator(
            s,
            ctx,
            election.period,
            subject=election.ref,
            indicator="registered candidates",
            value=float(value),
        )
    ]


# -- administrative divisions ----------------------------------------------------------------------------

_ADMIN_INTRO_RE = re.compile(r"\b(?:regions?|provinces?|oblys\w*|oblasts?|divisions?|cities)\b", re.IGNORECASE)
_ITEM_RE = re.compile(rf"(?P<name>{CAPWORD}(?:[\s-]+{CAPWORD})*)(?:\s*\((?P<center>[^()]+)\))?(?P<star>\*)?")
_SEPARATOR_RE = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def rule_admin_list(s: Sentence, ctx: Context) -> list[Claim]:
    """ "The regions ... and cities* are: Abai (Semey), Almaty*, ...": one division per item."""
    p = s.text
    colon = p.find(":")
    if colon < 0 or not _ADMIN_INTRO_RE.search(p[:colon]):
        return []
    # A star in the introduction ("cities (...)*") marks which items are cities.
    star_means_city = "*" in p[:colon]
    only_cities = not re.search(r"region|province|oblys|oblast", p[:colon], re.IGNORECASE)
    body_end = len(p.rstrip().rstrip("."))
    items: list[tuple[int, int]] = []
    pos = colon + 1
    for sep in _SEPARATOR_RE.finditer(p, pos, body_end):
        items.append((pos, sep.start()))
        pos = sep.end()
    items.append((pos, body_end))
    out: list[Claim] = []
    for start, end in items:
        while start < end and p[start].isspace():
            start += 1
        m = _ITEM_RE.fullmatch(p, start, end)
        if m is None:
            return []  # not a list of divisions after all
        is_city = bool(m["star"]) if star_means_city else only_cities
        name = m["name"].strip()
        center = m["center"].strip() if m["center"] else (name if is_city else None)
        out.append(
            AdminDivision(
                evidence=ctx.sub_evidence(s, start, end),
                period=aop(),
                jurisdiction=ctx.jurisdiction,
                name=name,
                kind="city" if is_city else "region",
                center=center,
            )
        )
    return out if len(out) >= 3 else []


RULES: list[Rule] = [
    rule_admin_list,
    rule_tenures,
    rule_cabinet_resigned,
    rule_composition,
    rule_office_term,
    rule_elections,
    rule_results,
    rule_body_events,
    rule_rank,
    rule_divided,
    rule_there_are,
    rule_number_of,
    rule_quota,
    rule_chambers,
    rule_candidates,
]


def run_rules(s: Sentence, ctx: Context) -> list[Claim]:
    """Every claim the sentence makes, in rule order; updates what later sentences refer back to."""
    out: list[Claim] = []
    for rule in RULES:
        out.extend(rule(s, ctx))
    bodies = find_bodies(s.text, ctx.subject)
    # A cabinet that resigned is not the one "the cabinet" of later sentences refers to.
    gone = {c.body for c in out if isinstance(c, BodyEvent) and c.event == "abolished"}
    councils = [b for b in bodies if b.kind in ("government", "council") and b.name not in gone]
    if councils:
        ctx.last_council = councils[-1].name
    if not any(isinstance(c, ChamberComposition) for c in out):
        chambers = [b for b in bodies if b.kind in ("chamber", "court", "council")]
        if chambers:
            ctx.last_body = (chambers[0].name, chambers[0].kind)
    return out
