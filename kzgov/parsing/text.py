"""Shared text helpers: lines and sentences with character spans, dates with precision, numbers."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kzgov.claims import Period, Precision

# Every upper-case letter of the Latin, Greek and Cyrillic blocks, so names like "Älihan" or
# "Žaqyp" count as capitalised without a Unicode-aware regex engine.
_UPPER_CHARS = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper())
UPPER = f"[{re.escape(_UPPER_CHARS)}]"
CAPWORD = rf"{UPPER}[\w'’\-]*"

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_WORDS_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# A number as written: digits with thousands separators and decimals, or a number word
# (possibly compound, "twenty-five"). Case-insensitive for the words only.
NUM = rf"(?:\d[\d,]*(?:\.\d+)?|(?i:(?:{_WORDS_ALT})(?:-(?:{_WORDS_ALT}))?))"
NUMX = rf"(?:{NUM}(?:\s+(?:thousand|million|billion))?)"

_MONTH_NAMES = "|".join(
    [name for name in calendar.month_name if name]
    + ["Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug"]
    + ["Sep", "Oct", "Nov", "Dec"]
)
_MONTH = rf"(?:{_MONTH_NAMES})\.?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d|21\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# Words after a four-digit number that make it a quantity rather than a year.
_NOT_YEAR_AFTER = (
    r"(?:seats|members|deputies|people|persons|votes|voters|km|sq|ha|candidates|judges|ministers|"
    r"employees|residents|inhabitants|cases|troops|soldiers|users|companies|organi[sz]ations|NGOs)\b"
)

_ISO_DAY = rf"(?<![\d\-])(?P<iy>{_YEAR})-(?P<im>\d\d)-(?P<id>\d\d)(?![\d\-])"
_DMY = rf"\b(?P<dd>{_DAY})\s+(?:of\s+)?(?P<dm>{_MONTH}),?\s+(?P<dy>{_YEAR})\b"
_MDY = rf"\b(?P<mm>{_MONTH})\s+(?P<md>{_DAY}),?\s+(?P<my>{_YEAR})\b"
_MY = rf"\b(?P<om>{_MONTH}),?\s+(?P<oy>{_YEAR})\b"
_Y = rf"(?<![\d,.\-/\w])(?P<yy>{_YEAR})(?!\d|,\d|\.\d|%|-\w|\s+{_NOT_YEAR_AFTER})"

DATE_RE = re.compile("|".join(f"(?:{p})" for p in (_ISO_DAY, _DMY, _MDY, _MY, _Y)))
# The same alternation without named groups, for embedding in other patterns.
DATE = re.sub(r"\(\?P<\w+>", "(?:", DATE_RE.pattern)

FOOTNOTE_MARK_RE = re.compile(r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed|dead link|clarification needed)\]")
_DIGITS_RE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:%|st|nd|rd|th)?(?![\w])|\d+(?:\.\d+)?%")
# "one" is left out on purpose: "any one country", "One Nation" are not quantities.
_COVERAGE_WORDS_RE = re.compile(
    r"\b(?:" + "|".join(w for w in sorted(NUMBER_WORDS, key=len, reverse=True) if w != "one") + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: its span in the text (newline excluded), its 1-based number and text."""

    start: int
    end: int
    number: int
    text: str


def iter_lines(text: str) -> Iterator[Line]:
    """Yield the lines of text with their spans; \\n, \\r\\n and \\r all end a line."""
    number = 1
    pos = 0
    for match in re.finditer(r"\r\n|\r|\n", text):
        yield Line(pos, match.start(), number, text[pos : match.start()])
        pos = match.end()
        number += 1
    if pos < len(text):
        yield Line(pos, len(text), number, text[pos:])


class LineIndex:
    """Maps a character offset to its 1-based line number."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def line_of(self, pos: int) -> int:
        """The line on which offset pos lies."""
        return bisect.bisect_right(self._starts, pos)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "jr", "sr", "inc"}
_ABBREVIATIONS |= {"ltd", "co", "art", "prof", "gen", "col", "u.s", "u.n", "approx", "fig", "vol", "pp"}
_SENTENCE_END_RE = re.compile(
    rf"[.!?]+[\"'”’)\]]*(?:\[[^\]\s]{{1,20}}\])*(?=\s+[\"'“‘(\[]?(?:{UPPER}|\d))",
)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into trimmed sentence spans (absolute offsets)."""
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END_RE.finditer(chunk):
        word = re.search(r"([\w.]+)$", chunk[begin : match.start()])
        if match.group().startswith(".") and word is not None:
            token = word.group(1).lower()
            # An abbreviation or an initial ("A. Smith") does not end a sentence.
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, len(chunk)))
    result = []
    for s, e in spans:
        s, e = trim_span(chunk, s, e)
        if e > s:
            result.append((start + s, start + e))
    return result


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text: its span, its first day and how precise it is."""

    start: int
    end: int
    date: dt.date
    precision: Precision


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _mention_from(match: re.Match[str], offset: int = 0) -> DateMention | None:
    g = match.groupdict()
    found: tuple[dt.date | None, Precision]
    if g["iy"]:
        found = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"])), "day"
    elif g["dd"]:
        found = _safe_date(int(g["dy"]), _month(g["dm"]), _day(g["dd"])), "day"
    elif g["mm"]:
        found = _safe_date(int(g["my"]), _month(g["mm"]), _day(g["md"])), "day"
    elif g["om"]:
        found = _safe_date(int(g["oy"]), _month(g["om"]), 1), "month"
    else:
        found = _safe_date(int(g["yy"]), 1, 1), "year"
    if found[0] is None:
        return None
    return DateMention(match.start() + offset, match.end() + offset, found[0], found[1])


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    digits = re.match(r"\d+", text)
    assert digits is not None, f"{text!r} is not a day"  # callers pass what a _DAY pattern matched
    return int(digits.group())


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Every date in text, most precise reading first, with spans shifted by offset."""
    found = []
    for match in DATE_RE.finditer(text):
        mention = _mention_from(match, offset)
        if mention is not None:
            found.append(mention)
    return found


def parse_date(text: str) -> tuple[dt.date, Precision] | None:
    """Read one date written alone ("20 March 2019", "July 17, 2019", "December 2019", "2019")."""
    match = DATE_RE.fullmatch(text.strip())
    if match is None:
        return None
    mention = _mention_from(match)
    return None if mention is None else (mention.date, mention.precision)


@functools.lru_cache(maxsize=1 << 14)  # a large file states many dates many times (3.7 MB when full)
def parse_iso(text: str) -> tuple[dt.date, Precision] | None:
    """Read YYYY-MM-DD, YYYY-MM or YYYY; None when malformed or impossible (2023-02-30)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    if day is not None:
        found = _safe_date(int(year), int(month), int(day))
        return None if found is None else (found, "day")
    if month is not None:
        found = _safe_date(int(year), int(month), 1)
        return None if found is None else (found, "month")
    found = _safe_date(int(year), 1, 1)
    return None if found is None else (found, "year")


def iso_of(date: dt.date, precision: Precision) -> str:
    """Write a date at its precision: 2019, 2019-06 or 2019-06-09."""
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def next_after(date: dt.date, precision: Precision) -> dt.date:
    """The first day after the day, month or year that starts on date."""
    if precision == "year":
        return dt.date(date.year + 1, 1, 1)
    if precision == "month":
        return dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
    return date + dt.timedelta(days=1)


def event_period(date: dt.date, precision: Precision) -> Period:
    """The whole day, month or year in which something happened."""
    return Period(start=date, start_precision=precision, end=next_after(date, precision), end_precision=precision)


def shift_months(date: dt.date, months: int) -> dt.date:
    """The first day of the month that lies months after (negative: before) date's month."""
    index = date.year * 12 + date.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_number(text: str) -> float | None:
    """Read "5,000", "71", "54.2", "seven", "twenty-five", "1.5 million"; None if not a number."""
    words = text.strip().lower().split()
    if not words:
        return None
    factor = 1
    if len(words) == 2 and words[1] in _MULTIPLIERS:
        factor = _MULTIPLIERS[words[1]]
        words = words[:1]
    if len(words) != 1:
        return None
    word = words[0].rstrip("%")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", word):
        return float(word.replace(",", "")) * factor
    parts = word.split("-")
    if all(part in NUMBER_WORDS for part in parts) and 1 <= len(parts) <= 2:
        return float(sum(NUMBER_WORDS[part] for part in parts)) * factor
    return None


def parse_int(text: str) -> int | None:
    """parse_number restricted to whole numbers."""
    value = parse_number(text)
    if value is None or value != int(value):
        return None
    return int(value)


def mentions_date_or_number(text: str) -> bool:
    """Whether text states a date or a quantity (footnote markers like [3] do not count)."""
    cleaned = FOOTNOTE_MARK_RE.sub(lambda m: " " * len(m.group()), text)
    return bool(DATE_RE.search(cleaned) or _DIGITS_RE.search(cleaned) or _COVERAGE_WORDS_RE.search(cleaned))


@dataclass(frozen=True, slots=True)
class Plain:
    """A span of the document with markup removed, remembering where each character came from."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The document span of plain characters [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def make_plain(text: str, start: int, end: int, drop: re.Pattern[str] | None) -> Plain:
    """Copy text[start:end] without the pieces matched by drop (markup, footnote markers)."""
    chars: list[str] = []
    offsets: list[int] = []
    pos = start
    removals = [] if drop is None else [(m.start() + start, m.end() + start) for m in drop.finditer(text[start:end])]
    for r_start, r_end in [*removals, (end, end)]:
        chars.append(text[pos:r_start])
        offsets.extend(range(pos, r_start))
        pos = r_end
    return Plain("".join(chars), tuple(offsets))
