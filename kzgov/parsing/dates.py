"""Dates as documents write them, with their precision, including dates relative to the document's own.

Absolute forms: ``6 February 2024``, ``February 6, 2024``, ``6 Feb. 2024``, ``2024-02-06``,
``06.02.2024``, ``February 2024``, ``2024``. Spans: ``2007–2012``, ``2022–present``,
``from 8 to 9 March 2031``. Relative forms are resolved against an anchor (the document's
date) or the last date the text mentioned: ``on Tuesday``, ``last Tuesday``, ``Monday's``,
``a week ago``, ``last month``, ``the day before``, ``on March 19`` (the year that puts the day
nearest the anchor), ``in late February``. A day that was computed rather than read is marked
``inferred``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kzgov.claims import Precision
from kzgov.parsing.text import NUMBER_WORDS, _day, _month, next_after
from kzgov.parsing.text import _safe_date as _date

_MONTH_WORDS = {*(m for m in calendar.month_name if m), "Sept", *(m[:3] for m in calendar.month_name if m)}
# As written in running text or in capitals ("19 MARCH 2023"); a lower-case "may" is a verb.
_MONTH_NAMES = sorted(_MONTH_WORDS | {m.upper() for m in _MONTH_WORDS}, key=len, reverse=True)
MONTH = r"(?:" + "|".join(_MONTH_NAMES) + r")\.?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAYS = [d.lower() for d in calendar.day_name]
WEEKDAY = r"(?:" + "|".join(calendar.day_name) + r")"
_NUMWORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + "|a|an"
_DASH = r"\s*(?:–|—|-|to|until|till)\s*"

# The year of a date with a month name may be glued to a following number ("3 May 198811 June"),
# so it is not required to end at a word boundary; a bare year is.
_ABSOLUTE = re.compile(
    rf"(?P<iso>(?<![\d\-])(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?![\d\-]))"
    rf"|(?P<dots>(?<![\d.])(?P<td>[0-3]?\d)\.(?P<tm>[01]?\d)\.(?P<ty>{_YEAR})(?![\d.]))"
    rf"|(?P<dmy>(?P<dd>{_DAY})\s+(?:of\s+)?(?P<dm>{MONTH}),?\s+(?P<dy>{_YEAR}))"
    rf"|(?P<mdy>(?P<mm>{MONTH})\s+(?P<md>{_DAY}),?\s+(?P<my>{_YEAR})(?!\d))"
    rf"|(?P<my_>(?P<om>{MONTH}),?\s+(?:of\s+)?(?P<oy>{_YEAR}))"
    rf"|(?P<y>(?<![,.\-/:£$€])(?P<yy>{_YEAR})(?![\d%]|[.,]\d|\s*(?:per\s*cent|percent)))"
)
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:seats|members|deputies|people|persons|votes|voters|ballots|km|candidates|judges|ministers|"
    r"mandates|senators|citizens|residents|troops)\b",
    re.IGNORECASE,
)
# The words around a relative date may open a sentence ("The next day", "Last Tuesday", "Yesterday").
_RELATIVE = re.compile(
    rf"(?P<ago>\b(?P<an>{_NUMWORD}|\d+)\s+(?P<au>day|week|month|year)s?\s+(?:ago|earlier|before)\b)"
    rf"|(?P<lastunit>\b(?P<lq>(?i:last|next|this|previous))\s+(?P<lu>week|month|year)\b)"
    rf"|(?P<dayrel>\b(?:(?i:the)\s+)?(?P<dn>(?i:a|one|two|three)|\d)\s+days?\s+(?P<dd_>before|after|later|earlier)\b"
    r"|\b(?i:the)\s+(?P<dw>day|week)\s+(?P<dd2>before|after)\b|\b(?i:the)\s+(?P<nx>next|following|previous)\s+day\b)"
    rf"|(?P<today>\b(?i:today|yesterday|tomorrow)\b)"
    rf"|(?P<wd>\b(?:(?P<wq>(?i:last|next|this|that|later\s+that|on\s+the|the))\s+)?(?P<wn>{WEEKDAY})(?P<wpos>['’]s)?"
    rf"(?P<wafter>\s+(?:after|before)\b)?)"
    rf"|(?P<md_>\b(?P<mq>(?i:early|mid|late|mid-))?[\s-]*(?P<mdm>{MONTH})\s+(?P<mdd>{_DAY})\b(?!,?\s*{_YEAR}|\d)"
    r"(?:\s+(?P<mdy>(?i:last|this|next))\s+year\b)?)"
    rf"|(?P<dm_>\b(?P<dmd>{_DAY})\s+(?:of\s+)?(?P<dmm>{MONTH})(?!\w|\.\w|,?\s*{_YEAR})"
    r"(?:\s+(?P<dmy>(?i:last|this|next))\s+year\b)?)"
    rf"|(?P<mo>\b(?:(?i:in)\s+)?(?P<mq2>(?i:early|mid|late))[\s-]+(?P<mom>{MONTH})\b(?!\s+\d))"
)


@dataclass(frozen=True, slots=True)
class When:
    """A date in text: its span, first day, precision, and whether it was computed (relative)."""

    start: int
    end: int
    date: dt.date
    precision: Precision
    inferred: bool = False

    @property
    def after(self) -> dt.date:
        """The first day after the day, month or year this date names."""
        return next_after(self.date, self.precision)


@dataclass(frozen=True, slots=True)
class Span:
    """A period in text ("2007–2012", "from 8 to 9 March 2031", "2029–present"): end None is open."""

    start: int
    end: int
    first: When
    last: When | None  # None: to the present ("–present", "–incumbent")


def absolute_dates(text: str) -> list[When]:
    """Every date written out in full in text, in order."""
    found: list[When] = []
    pos = 0
    while True:
        m = _ABSOLUTE.search(text, pos)
        if m is None:
            break
        pos = m.end()
        g = m.groupdict()
        when: tuple[dt.date | None, Precision]
        start = m.start()
        if g["iso"]:
            when = _date(int(g["iy"]), int(g["im"]), int(g["id"])), "day"
        elif g["dots"]:
            when = _date(int(g["ty"]), int(g["tm"]), int(g["td"])), "day"
        elif g["dmy"]:
            # A day glued to the year of a date before it ("198811 June") starts where that year ended.
            if start > 0 and text[start - 1].isdigit() and not (found and found[-1].end == start):
                pos = start + 1
                continue
            when = _date(int(g["dy"]), _month(g["dm"]), _day(g["dd"])), "day"
        elif g["mdy"]:
            when = _date(int(g["my"]), _month(g["mm"]), _day(g["md"])), "day"
        elif g["my_"]:
            when = _date(int(g["oy"]), _month(g["om"]), 1), "month"
        else:
            if _NOT_YEAR_AFTER.match(text, m.end()) or (
                start > 0 and text[start - 1].isdigit() and not (found and found[-1].end == start)
            ):
                continue
            when = _date(int(g["yy"]), 1, 1), "year"
        if when[0] is not None:
            found.append(When(start, m.end(), when[0], when[1]))
    return found


def _nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date of month/day in the year that puts it nearest the anchor."""
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _date(y, month, day)) is not None]
    return min(options, key=lambda d: abs((d - anchor).days)) if options else None


def _count(word: str) -> int:
    word = word.lower()
    if word in ("a", "an"):
        return 1
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _weekday_before(anchor: dt.date, weekday: int, strictly: bool) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return anchor - dt.timedelta(days=back)


def _weekday_after(date: dt.date, weekday: int, strictly: bool) -> dt.date:
    ahead = (weekday - date.weekday()) % 7
    if ahead == 0 and strictly:
        ahead = 7
    return date + dt.timedelta(days=ahead)


def relative_dates(text: str, anchor: dt.date | None, last: dt.date | None) -> list[When]:
    """Dates written relative to the document's date (anchor) or the last date mentioned (last)."""
    found: list[When] = []
    for m in _RELATIVE.finditer(text):
        try:
            resolved = _resolve(m, anchor, last)
        except (ValueError, OverflowError):  # "9000 years ago": no date the calendar holds
            continue
        if resolved is not None:
            found.append(When(m.start(), m.end(), resolved[0], resolved[1], inferred=True))
    return found


def _resolve(
    m: re.Match[str], anchor: dt.date | None, last: dt.date | None, future: bool = False
) -> tuple[dt.date, Precision] | None:
    """The date one relative expression names, from the anchor or the last date mentioned."""
    g = m.groupdict()
    date: dt.date | None = None
    precision: Precision = "day"
    if g["ago"] and anchor:
        n, unit = _count(g["an"]), g["au"].lower()
        if unit == "day":
            date = anchor - dt.timedelta(days=n)
        elif unit == "week":
            date = anchor - dt.timedelta(weeks=n)
        elif unit == "month":
            index = anchor.year * 12 + anchor.month - 1 - n
            date, precision = dt.date(index // 12, index % 12 + 1, 1), "month"
        else:
            date, precision = dt.date(anchor.year - n, 1, 1), "year"
    elif g["lastunit"] and anchor:
        step = {"last": -1, "previous": -1, "next": 1, "this": 0}[g["lq"].lower()]
        unit = g["lu"].lower()
        if unit == "month":
            index = anchor.year * 12 + anchor.month - 1 + step
            date, precision = dt.date(index // 12, index % 12 + 1, 1), "month"
        elif unit == "year":
            date, precision = dt.date(anchor.year + step, 1, 1), "year"
        else:
            return None  # "last week" names no day
    elif g["dayrel"]:
        base = last or anchor
        if base is None:
            return None
        if g["dw"]:
            n = 7 if g["dw"] == "week" else 1
            sign = -1 if g["dd2"] == "before" else 1
        elif g["nx"]:
            n, sign = 1, -1 if g["nx"] == "previous" else 1
        else:
            # "a day after <event>" dates the event a day before the date it is measured from;
            # "a day later" / "two days earlier" date what they describe from it.
            n = _count(g["dn"])
            sign = {"after": -1, "before": 1, "later": 1, "earlier": -1}[g["dd_"].lower()]
        date = base + dt.timedelta(days=sign * n)
    elif g["today"] and anchor:
        date = anchor + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[g["today"].lower()])
    elif g["wd"]:
        weekday = _WEEKDAYS.index(g["wn"].lower())
        qualifier = (g["wq"] or "").lower().split()
        if g["wafter"] and last:
            # "the Saturday after <event>": after the last date mentioned.
            if "after" in g["wafter"]:
                date = _weekday_after(last, weekday, True)
            else:
                date = _weekday_before(last, weekday, True)
        elif "that" in qualifier and last:
            date = _weekday_after(last - dt.timedelta(days=3), weekday, False)
        elif anchor is None:
            return None
        elif "last" in qualifier:
            date = _weekday_before(anchor, weekday, True)
            if (anchor - date).days < 2:
                date -= dt.timedelta(days=7)
        elif "next" in qualifier or future:
            # "will choose its chairman on Friday": the Friday to come.
            date = _weekday_after(anchor, weekday, "next" in qualifier)
        else:
            date = _weekday_before(anchor, weekday, False)
    elif (g["mdy"] or g["dmy"]) and anchor:
        # "on April 14 last year": the day in the year before the document's.
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[(g["mdy"] or g["dmy"]).lower()]
        date = _date(year, _month(g["mdm"] or g["dmm"]), _day(g["mdd"] or g["dmd"]))
    elif g["md_"] and (anchor or last):
        base = anchor or last
        assert base is not None
        date = _nearest_year(_month(g["mdm"]), _day(g["mdd"]), base)
    elif g["dm_"] and (anchor or last):
        base = anchor or last
        assert base is not None
        date = _nearest_year(_month(g["dmm"]), _day(g["dmd"]), base)
    elif g["mo"] and (anchor or last):
        base = anchor or last
        assert base is not None
        month = _month(g["mom"])
        date = _date(base.year if month <= base.month + 1 else base.year - 1, month, 1)
        precision = "month"
    return None if date is None else (date, precision)


# A sentence about what is to come: its bare weekdays are the ones ahead of the document's date.
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|is\s+due|are\s+due|is\s+scheduled|are\s+scheduled|is\s+expected|are\s+expected|gather\s+for)\b",
    re.IGNORECASE,
)


def find_when(text: str, anchor: dt.date | None = None, last: dt.date | None = None) -> list[When]:
    """Every date in text, absolute or relative, in order.

    A relative date counts from the anchor (the document's date) or from the last day the text named
    before it: in this text when it names one, else ``last``.
    """
    absolute = absolute_dates(text)
    taken = [(w.start, w.end) for w in absolute]
    found = list(absolute)
    future = bool(_FUTURE_RE.search(text))
    for m in _RELATIVE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        # "on Friday, 7 March 2031": the weekday only names the day of the date beside it.
        if any(0 <= a - m.end() <= 3 for a, _ in taken) and re.search(WEEKDAY, m.group()):
            continue
        # A weekday or "a day after" counts from the last day named; "5 January" takes the year of the
        # last date of any precision ("the January 2022 unrest ... on 5 January").
        yearless = bool(m.group("md_") or m.group("dm_") or m.group("mo"))
        before = [w for w in found if w.end <= m.start() and (yearless or w.precision == "day")]
        base = max(before, key=lambda w: w.end).date if before else last
        if m.group("dd_") and m.group("dd_").lower() in ("after", "before"):
            # Counted from a day named earlier in the same clause, never across ":" or ";".
            before = [w for w in before if not re.search(r"[;:]", text[w.end : m.start()])]
            base = max(before, key=lambda w: w.end).date if before else last
        if m.group("dd_") and m.group("dd_").lower() in ("after", "before") and not before:
            # "a day after her ministry was merged, she was named": counted from the sentence's own day only.
            continue
        try:
            # The sentence's own year context wins over the document's date for a date without a year.
            resolved = _resolve(m, None if yearless and before else anchor, base, future)
        except (ValueError, OverflowError):  # "5000 years ago": no date the calendar holds
            continue
        if resolved is not None:
            found.append(When(m.start(), m.end(), resolved[0], resolved[1], inferred=True))
    found.sort(key=lambda w: w.start)
    return found


_RANGE = re.compile(rf"{_DASH}|\s*(?:–|—|-)\s*")


def find_spans(text: str, dates: list[When]) -> list[Span]:
    """Periods written as two dates joined by a dash or "to", or a date followed by "–present"."""
    spans: list[Span] = []
    i = 0
    while i < len(dates):
        a = dates[i]
        b = dates[i + 1] if i + 1 < len(dates) else None
        between = text[a.end : b.start] if b is not None else ""
        if b is not None and re.fullmatch(r"\s*(?:–|—|-|to|until|till|through|and)\s*", between, re.IGNORECASE):
            before = text[max(0, a.start - 9) : a.start].lower()
            if "-" in between or "–" in between or "—" in between or re.search(r"(?:from|between)\s*$", before):
                spans.append(Span(a.start, b.end, a, b))
                i += 2
                continue
        open_end = re.match(
            r"\s*(?:–|—|-)\s*(?:present|incumbent|now|today)(?-i:(?![a-z]))", text[a.end :], re.IGNORECASE
        )
        if open_end:
            spans.append(Span(a.start, a.end + open_end.end(), a, None))
        i += 1
    # "from 8 to 9 March 2031": a bare day before the dash takes the month and year after it.
    for m in re.finditer(rf"\bfrom\s+(?P<d>{_DAY})\s+(?:to|–|-)\s+", text):
        b = next((d for d in dates if d.start == m.end() and d.precision == "day"), None)
        if b is None:
            continue
        first = _date(b.date.year, b.date.month, _day(m.group("d")))
        if first is not None and first < b.date:
            spans.append(Span(m.start("d"), b.end, When(m.start("d"), m.end("d"), first, "day"), b))
    spans.sort(key=lambda s: s.start)
    return spans


def month_day_precision(date: dt.date, precision: Precision) -> tuple[dt.date, Precision]:
    """A date with its precision, unchanged (kept for symmetry with text.parse_date)."""
    return date, precision


def parse_when(text: str) -> When | None:
    """Exactly one date written alone (a table cell: "16 December 1991", "18 Aug 2007")."""
    text = text.strip()
    found = absolute_dates(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end >= len(text.rstrip(".")):
        return found[0]
    return None
