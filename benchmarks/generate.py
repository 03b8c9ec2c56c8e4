"""Realistic synthetic sources in kzgov's structured CSV format, streamed to disk with a fixed seed.

The generator invents a world of jurisdictions (two-letter codes), each with a century of government
(1925-2025): presidents, prime ministers, ministers, regional akims, chamber chairs, and the many-holder
seats of deputies, senators, judges and deputy prime ministers; chambers whose size changes with every
term; parties whose seat counts follow each election. Several sources report each fact, each with its
own failings: coarser precision (a month or a year instead of a day), unknown starts and ends, shifted
dates, a wrong holder, a wrong seat count or party. Each source writes three files (tenures, chamber
compositions, party seats); every file is one kzgov source whose key is its file name. The manifest
(claim counts, seed, jurisdictions) is the hidden file .manifest.json, which `kzgov load DIR` skips: the
loader takes every other file of a directory as a source and refuses one it cannot read.

Within one file the same claim subject (person and office; chamber and figures; party, chamber and
seats) never appears twice over overlapping periods: kzgov's exclusion constraints refuse that, so a
per-source guard clamps or drops a noisy claim that would overlap an earlier one.

Jurisdictions are generated one after another and written at once, so memory holds one jurisdiction's
world at a time, whatever the size. The same size and seed always give byte-identical files.

    python -m benchmarks.generate --size 100k --out /tmp/kzgov-bench-data
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

SEED = 20260101
FIRST_YEAR = 1925
TODAY = dt.date(2026, 1, 1)  # the generated sources were all written "now": ongoing tenures have no end
CLAIMS_PER_JURISDICTION = 4000  # jurisdictions scale with the size, up to the 676 two-letter codes
SOURCES = ("almanac", "gazette", "registry", "encyclopedia", "yearbook", "wire")
KINDS = ("tenures", "chambers", "parties")
SIZES = {"100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
MANIFEST = ".manifest.json"  # hidden: kzgov loads every other file of the directory

TENURE_HEADER = ("jurisdiction", "office", "organization", "person", "party", "valid_from", "valid_until", "quote")
CHAMBER_HEADER = (
    "jurisdiction",
    "body",
    "body_kind",
    "total_seats",
    "elected_seats",
    "appointed_seats",
    "term_years",
    "election_method",
    "valid_from",
    "valid_until",
    "quote",
)
PARTY_HEADER = ("jurisdiction", "party", "chamber", "seats", "valid_from", "valid_until", "quote")
HEADERS = {"tenures": TENURE_HEADER, "chambers": CHAMBER_HEADER, "parties": PARTY_HEADER}

MINISTRIES = (
    "Finance",
    "Defence",
    "Foreign Affairs",
    "Justice",
    "Health",
    "Education",
    "Energy",
    "Agriculture",
    "Internal Affairs",
    "Culture",
    "Transport",
    "Labour",
    "Trade",
    "Industry",
    "Ecology",
    "Digital Development",
    "Emergency Situations",
    "Information",
    "Sport",
    "National Economy",
    "Science",
    "Water Resources",
    "Tourism",
    "Social Protection",
)
REGIONS = (
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Coastal",
    "Mountain",
    "River",
    "Lake",
    "Steppe",
    "Forest",
    "Desert",
    "Valley",
    "Highland",
    "Border",
    "Capital",
)
LOWER_HOUSES = ("National Assembly", "House of Representatives", "Chamber of Deputies", "People's Khural", "Sejm")
UPPER_HOUSES = ("Senate", "Council of the Republic", "House of Elders", "Federal Council")
COURTS = ("Supreme Court", "High Court of Justice", "Court of Cassation")
COUNCILS = ("Constitutional Council", "Constitutional Court", "Council of State")
PARTY_WORDS = (
    "Progress",
    "Unity",
    "Labour",
    "Renewal",
    "Democratic",
    "Green",
    "Agrarian",
    "Liberal",
    "Patriots'",
    "Social",
    "Republican",
    "People's",
)
METHODS = ("proportional", "majoritarian", "mixed", "indirect")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_size(text: str) -> int:
    """A claim count from 100k, 1M, 10M or a plain number (2000, 2_000)."""
    cleaned = text.strip().replace("_", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", cleaned)
    if match is None:
        raise ValueError(f"not a size: {text!r} (e.g. 2000, 100k, 1M, 10M)")
    number, unit = float(match.group(1)), match.group(2).lower()
    value = int(number * {"": 1, "k": 1_000, "m": 1_000_000}[unit])
    if value < 100:
        raise ValueError(f"size {text!r} is too small: at least 100 claims")
    return value


def size_label(claims: int) -> str:
    """100k, 1M, 10M, or the plain count."""
    for label, value in SIZES.items():
        if value == claims:
            return label
    return f"{claims}"


# -- names --------------------------------------------------------------------------------------------


def _fold(name: str) -> str:
    """Roughly how kzgov folds spellings together (case, y, doubled letters, zh/kh/q): kept apart here."""
    key = name.lower().replace("zh", "j").replace("kh", "h").replace("q", "k").replace("y", "")
    return re.sub(r"([a-z])\1+", r"\1", key)


def _distinct(words: Iterator[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    kept = []
    for word in words:
        if _fold(word) not in seen:
            seen.add(_fold(word))
            kept.append(word)
    return tuple(kept)


_ONSETS = ("A", "Ai", "Ar", "As", "Ba", "Be", "Da", "Er", "Ga", "Gul", "Ka", "Ma", "Mi", "Nur", "Sa", "Se", "Ta")
_ONSETS += ("Ul", "Ye", "Zha", "Bo", "Ti", "Ra", "Ol", "Ku")
_ENDINGS = ("lan", "gerim", "lat", "ken", "zhan", "mir", "bek", "gul", "ra", "na", "set", "dos", "riz", "nara")
GIVEN = _distinct(o + e for o in _ONSETS for e in _ENDINGS)
_ROOTS = tuple(o + e for o in _ONSETS for e in ("bek", "zhan", "ken", "mur", "sul", "tay", "bol", "nis"))
SURNAMES = _distinct(r + s for r in _ROOTS for s in ("ov", "ev", "uly", "ova", "in", "enko"))
PATRONYMICS = _distinct(g + s for g in GIVEN[:60] for s in ("ovich", "uly", "ovna"))


class PersonNames:
    """Distinct person names from a running counter: the counter goes through a fixed permutation of
    given name x patronymic x surname, so neighbouring persons do not share names."""

    def __init__(self) -> None:
        self.count = 0
        self.total = len(GIVEN) * len(PATRONYMICS) * len(SURNAMES)
        self.step = 2_654_435_761 % self.total  # coprime with total (checked below): a permutation
        while _gcd(self.step, self.total) != 1:
            self.step += 1

    def new(self) -> str:
        if self.count >= self.total:
            raise RuntimeError("the generator ran out of distinct person names")
        index = (self.count * self.step) % self.total
        self.count += 1
        index, surname = divmod(index, len(SURNAMES))
        given, patronymic = divmod(index, len(PATRONYMICS))
        return f"{GIVEN[given]} {PATRONYMICS[patronymic]} {SURNAMES[surname]}"


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def jurisdiction_codes(seed: int) -> list[str]:
    """All two-letter codes in a fixed shuffled order (KZ excluded: it is the seeds' own)."""
    codes = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b != "KZ"]
    random.Random(f"{seed}:codes").shuffle(codes)
    return codes


# -- the world: facts as they were -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tenure:
    office: str
    organization: str | None
    person: str
    party: str | None
    start: dt.date
    end: dt.date | None  # None: still in office


@dataclass(frozen=True, slots=True)
class Composition:
    body: str
    body_kind: str
    total: int
    elected: int
    appointed: int
    term_years: int
    method: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class Seats:
    party: str
    chamber: str
    seats: int
    start: dt.date
    end: dt.date | None


Fact = Tenure | Composition | Seats


@dataclass
class Jurisdiction:
    """One jurisdiction's fixed features, drawn from its own random stream."""

    code: str
    rng: random.Random
    founded: int
    term_years: int
    lower: str
    upper: str
    court: str
    council: str
    parties: tuple[str, ...]
    ministries: tuple[str, ...]
    regions: tuple[str, ...]
    elections: tuple[dt.date, ...] = ()
    party_of: dict[str, str] = field(default_factory=dict)

    @classmethod
    def draw(cls, code: str, seed: int) -> Jurisdiction:
        rng = random.Random(f"{seed}:{code}")
        founded = FIRST_YEAR + rng.choice((0, 0, 0, 5, 15, 30, 45, 66))
        term = rng.choice((4, 5, 5, 6))
        parties = tuple(f"{w} Party" for w in rng.sample(PARTY_WORDS, rng.randint(3, 7)))
        jurisdiction = cls(
            code=code,
            rng=rng,
            founded=founded,
            term_years=term,
            lower=rng.choice(LOWER_HOUSES),
            upper=rng.choice(UPPER_HOUSES),
            court=rng.choice(COURTS),
            council=rng.choice(COUNCILS),
            parties=parties,
            ministries=tuple(rng.sample(MINISTRIES, rng.randint(8, len(MINISTRIES)))),
            regions=tuple(rng.sample(REGIONS, rng.randint(4, len(REGIONS)))),
        )
        jurisdiction.elections = jurisdiction._election_days()
        return jurisdiction

    def _election_days(self) -> tuple[dt.date, ...]:
        days, year = [], self.founded
        while year < TODAY.year:
            days.append(dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28)))
            # An early election now and then shortens a term.
            year += self.term_years if self.rng.random() > 0.12 else self.rng.randint(2, self.term_years)
        return tuple(days)

    def terms(self) -> Iterator[tuple[dt.date, dt.date | None]]:
        """Consecutive terms between elections; the last one is ongoing."""
        for i, start in enumerate(self.elections):
            yield start, (self.elections[i + 1] if i + 1 < len(self.elections) else None)

    def party(self, person: str) -> str:
        if person not in self.party_of:
            self.party_of[person] = self.rng.choice(self.parties)
        return self.party_of[person]


def _compositions(j: Jurisdiction) -> Iterator[Fact]:
    bodies = (
        (j.lower, "chamber", 60 + 10 * j.rng.randint(0, 30), 0.0),
        (j.upper, "chamber", 20 + 2 * j.rng.randint(0, 20), 0.3),
        (j.court, "court", 9 + j.rng.randint(0, 40), 1.0),
        (j.council, "council", 5 + j.rng.randint(0, 8), 1.0),
    )
    for body, kind, base, appointed_share in bodies:
        for k, (start, end) in enumerate(j.terms()):
            # Every term has its own total (base + 3k): no two terms of a body state the same figures.
            total = base + 3 * k
            appointed = round(total * appointed_share)
            method = "appointed" if appointed == total else j.rng.choice(METHODS)
            yield Composition(body, kind, total, total - appointed, appointed, j.term_years, method, start, end)


def _party_seats(j: Jurisdiction) -> Iterator[Fact]:
    for chamber, size in ((j.lower, 100), (j.upper, 40)):
        for start, end in j.terms():
            weights = [j.rng.random() ** 2 for _ in j.parties]
            scale = size / sum(weights)
            for party, weight in zip(j.parties, weights, strict=True):
                seats = round(weight * scale)
                if seats:
                    yield Seats(party, chamber, seats, start, end)


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, high))


def _single_holder_offices(j: Jurisdiction) -> list[tuple[str, int]]:
    """Offices held by one person at a time, with the year each was created."""
    offices = [("President", j.founded), ("Prime Minister", j.founded)]
    offices += [(f"Chair of the {j.lower}", j.founded), (f"Chair of the {j.upper}", j.founded + 10)]
    offices += [(f"Chief Justice of the {j.court}", j.founded)]
    offices += [(f"Minister of {m}", j.founded + j.rng.randint(0, 70)) for m in j.ministries]
    offices += [(f"Akim of {r} Region", j.founded + j.rng.randint(0, 40)) for r in j.regions]
    return offices


def _tenures_of(j: Jurisdiction, office: str, created: int, names: PersonNames) -> Iterator[Fact]:
    """One office's holders over the century: terms of a few years, re-appointments merged, returns."""
    rng = j.rng
    start = dt.date(created, rng.randint(1, 12), rng.randint(1, 28))
    aligned = office == "President"
    holders: list[str] = []
    while start < TODAY:
        if aligned:
            end = start + dt.timedelta(days=365 * rng.choice((5, 7)) + rng.randint(-30, 30))
        else:
            end = start + _days(rng, 120, 365 * 8)
        # Now and then a former holder returns after someone else's tenure.
        person = holders[-2] if len(holders) >= 2 and rng.random() < 0.06 else names.new()
        while rng.random() < 0.3 and end < TODAY:  # re-appointed: one continuous tenure
            end += _days(rng, 365, 365 * 5)
        holders.append(person)
        yield Tenure(office, None, person, j.party(person), start, end if end < TODAY else None)
        start = end


def _seat_tenures(j: Jurisdiction, office: str, organization: str | None, names: PersonNames) -> Iterator[Fact]:
    """One seat of a many-holder office: a holder per term, re-elections merged into one tenure."""
    terms = list(j.terms())
    i = j.rng.randint(0, min(3, len(terms) - 1))
    while i < len(terms):
        person = names.new()
        start, end = terms[i]
        while end is not None and j.rng.random() < 0.35 and i + 1 < len(terms):
            i += 1
            end = terms[i][1]
        yield Tenure(office, organization, person, j.party(person), start, end)
        i += 1


def world(j: Jurisdiction, names: PersonNames) -> Iterator[Fact]:
    """A jurisdiction's facts, in the order they are written: bodies, parties, single-holder offices, seats."""
    yield from _compositions(j)
    yield from _party_seats(j)
    for office, created in _single_holder_offices(j):
        yield from _tenures_of(j, office, min(created, TODAY.year - 1), names)
    seat_offices = [
        ("Deputy", j.lower),
        ("Senator", j.upper),
        ("Judge", j.court),
        ("Deputy Prime Minister", None),
    ]
    while True:  # as many seats as the quota asks for; the caller stops reading
        for office, organization in seat_offices:
            yield from _seat_tenures(j, office, organization, names)


# -- sources: what each one says ----------------------------------------------------------------------

Bound = tuple[dt.date, str] | None  # (date as read by kzgov, precision); None: unknown


def _coarsen(date: dt.date, precision: str) -> tuple[dt.date, str]:
    if precision == "year":
        return dt.date(date.year, 1, 1), "year"
    if precision == "month":
        return date.replace(day=1), "month"
    return date, "day"


def _iso(bound: Bound) -> str:
    if bound is None:
        return ""
    date, precision = bound
    return {"year": f"{date.year:04d}", "month": f"{date.year:04d}-{date.month:02d}"}.get(precision, date.isoformat())


def _words(bound: Bound, unknown: str) -> str:
    if bound is None:
        return unknown
    date, precision = bound
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


class Guard:
    """One source's record of what it already said, so it never states one subject twice at once.

    Facts of one subject arrive in time order; a claim starting before the latest end stated for its
    subject is moved to start there, or dropped when nothing is left of it.
    """

    FOREVER = dt.date.max

    def __init__(self) -> None:
        self.latest: dict[tuple, dt.date] = {}

    def admit(self, subject: tuple, start: Bound, end: Bound) -> tuple[Bound, Bound] | None:
        latest = self.latest.get(subject)
        if latest is not None and (start is None or start[0] < latest):
            if latest == self.FOREVER:
                return None
            start = (latest, "day")
        if start is not None and end is not None and end[0] <= start[0]:
            return None
        self.latest[subject] = max(latest or dt.date.min, end[0] if end is not None else self.FOREVER)
        return start, end


@dataclass
class Source:
    """One publisher: its three files and its guard for the jurisdiction being written."""

    name: str
    writers: dict[str, Any]
    handles: list[IO[str]]
    counts: dict[str, int]
    guard: Guard = field(default_factory=Guard)

    @classmethod
    def open(cls, name: str, out: Path) -> Source:
        handles, writers = [], {}
        for kind in KINDS:
            handle = (out / f"{name}_{kind}.csv").open("w", encoding="utf-8", newline="")
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADERS[kind])
            handles.append(handle)
            writers[kind] = writer
        return cls(name, writers, handles, dict.fromkeys(KINDS, 0))

    def close(self) -> None:
        for handle in self.handles:
            handle.close()


def _period(rng: random.Random, start: dt.date, end: dt.date | None, *, unknown_end: float) -> tuple[Bound, Bound]:
    """A source's version of a period: its precision, unknown bounds, and now and then a shifted date."""

    def precision() -> str:
        roll = rng.random()
        return "day" if roll < 0.75 else "month" if roll < 0.9 else "year"

    if rng.random() < 0.04:
        start += dt.timedelta(days=rng.choice((-1, 1)) * rng.randint(30, 700))
    if end is not None and rng.random() < 0.04:
        end += dt.timedelta(days=rng.choice((-1, 1)) * rng.randint(30, 700))
    low: Bound = None if rng.random() < 0.03 else _coarsen(start, precision())
    high: Bound = None if end is None or end >= TODAY or rng.random() < unknown_end else _coarsen(end, precision())
    if low is not None and high is not None and high[0] <= low[0]:
        low, high = (start, "day"), (end, "day") if end is not None and end > start else None
    return low, high


def _rows(j: Jurisdiction, fact: Fact, source: Source, names: PersonNames) -> tuple[str, tuple] | None:
    """The row a source writes for a fact (None when its guard drops it)."""
    rng = j.rng
    match fact:
        case Tenure():
            person = fact.person
            if rng.random() < 0.015:
                person = names.new() if rng.random() < 0.5 else rng.choice(list(j.party_of) or [person])
            low, high = _period(rng, fact.start, fact.end, unknown_end=0.06)
            admitted = source.guard.admit(("tenure", fact.office, fact.organization, person), low, high)
            if admitted is None:
                return None
            low, high = admitted
            party = fact.party if rng.random() < 0.7 else None
            if party is not None and rng.random() < 0.03:
                party = rng.choice(j.parties)
            where = f" of the {fact.organization}" if fact.organization else ""
            quote = (
                f"{person}{f' ({party})' if party else ''} served as {fact.office}{where}"
                f" from {_words(low, 'an unstated date')} until {_words(high, 'an unstated date')}."
            )
            row = (j.code, fact.office, fact.organization or "", person, party or "", _iso(low), _iso(high), quote)
            return "tenures", row
        case Composition():
            total, term = fact.total, fact.term_years
            if rng.random() < 0.06:
                total += 1  # never another term's figure: those differ by multiples of three
            elif rng.random() < 0.04:
                term = term + 1 if term < 8 else term - 1
            low, high = _period(rng, fact.start, fact.end, unknown_end=0.05)
            subject = ("chamber", fact.body, total, fact.elected, fact.appointed, term, fact.method)
            admitted = source.guard.admit(subject, low, high)
            if admitted is None:
                return None
            low, high = admitted
            quote = (
                f"From {_words(low, 'an unstated date')} the {fact.body} had {total} members, {fact.elected} elected"
                f" ({fact.method}) and {fact.appointed} appointed, for terms of {term} years."
            )
            row = (
                j.code,
                fact.body,
                fact.body_kind,
                total,
                fact.elected,
                fact.appointed,
                term,
                fact.method,
                _iso(low),
                _iso(high),
                quote,
            )
            return "chambers", row
        case Seats():
            seats = fact.seats
            if rng.random() < 0.06:
                seats = max(0, seats + rng.choice((-3, -2, -1, 1, 2, 3)))
            low, high = _period(rng, fact.start, fact.end, unknown_end=0.03)
            admitted = source.guard.admit(("seats", fact.party, fact.chamber, seats), low, high)
            if admitted is None:
                return None
            low, high = admitted
            quote = f"The {fact.party} held {seats} seats in the {fact.chamber} from {_words(low, 'an unstated date')}."
            return "parties", (j.code, fact.party, fact.chamber, seats, _iso(low), _iso(high), quote)
    raise TypeError(f"unknown fact {fact!r}")


# How many sources report one fact.
_REPORTED_BY = (1, 2, 2, 2, 3, 3, 3, 4, 4, 5)


def generate(claims: int, out: Path, seed: int = SEED) -> dict[str, Any]:
    """Write `claims` claims as CSV sources into out (created); returns the manifest also written there."""
    out.mkdir(parents=True, exist_ok=True)
    codes = jurisdiction_codes(seed)
    count = max(1, min(len(codes), round(claims / CLAIMS_PER_JURISDICTION)))
    names = PersonNames()
    sources = [Source.open(name, out) for name in SOURCES]
    written = 0
    jurisdictions = []
    try:
        for i, code in enumerate(codes[:count]):
            quota = claims // count + (1 if i < claims % count else 0)
            j = Jurisdiction.draw(code, seed)
            jurisdictions.append({"code": code, "lower": j.lower, "court": j.court, "quota": quota})
            for source in sources:
                source.guard = Guard()
            done = 0
            for fact in world(j, names):
                for source in j.rng.sample(sources, j.rng.choice(_REPORTED_BY)):
                    found = _rows(j, fact, source, names)
                    if found is None:
                        continue
                    kind, row = found
                    source.writers[kind].writerow(row)
                    source.counts[kind] += 1
                    done += 1
                    if done == quota:
                        break
                if done == quota:
                    break
            written += done
    finally:
        for source in sources:
            source.close()
    files = {f"{s.name}_{kind}.csv": s.counts[kind] for s in sources for kind in KINDS}
    for name in [f for f, n in files.items() if n == 0]:  # a header alone is no source
        (out / name).unlink()
        del files[name]
    manifest = {
        "claims": written,
        "seed": seed,
        "persons": names.count,
        "jurisdictions": jurisdictions,
        "files": files,
        "by_kind": {kind: sum(n for f, n in files.items() if f.endswith(f"_{kind}.csv")) for kind in KINDS},
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def read_manifest(directory: Path) -> dict[str, Any] | None:
    """The manifest generate() wrote into directory, None when there is none."""
    path = directory / MANIFEST
    return json.loads(path.read_text()) if path.exists() else None


# -- a new version of every source --------------------------------------------------------------------


def _read_bound(text: str) -> Bound:
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1), precision


def _narrowed(low: Bound, high: Bound) -> tuple[Bound, Bound] | None:
    """The same period one day shorter (a corrected date); never overlaps anything the original did not."""
    if high is not None:
        end = high[0] - dt.timedelta(days=1)
        if low is None or end > low[0]:
            return low, (end, "day")
    if low is not None:
        start = low[0] + dt.timedelta(days=1)
        if high is None or start < high[0]:
            return (start, "day"), high
    return None


def write_changed_version(source_dir: Path, out: Path, every: int = 100) -> int:
    """Copy every source of source_dir into out with one claim in `every` corrected (its period one day
    shorter): a new version of each source with 1% of its claims changed. Returns the claims changed."""
    out.mkdir(parents=True, exist_ok=True)
    changed = 0
    for path in sorted(source_dir.glob("*.csv")):
        with (
            path.open(encoding="utf-8", newline="") as handle,
            (out / path.name).open("w", encoding="utf-8", newline="") as target,
        ):
            reader, writer = csv.reader(handle), csv.writer(target, lineterminator="\n")
            header = next(reader)
            writer.writerow(header)
            low_at, high_at = header.index("valid_from"), header.index("valid_until")
            owed = 0
            for number, row in enumerate(reader, start=1):
                if number % every == every // 2:
                    owed += 1
                if owed:
                    narrowed = _narrowed(_read_bound(row[low_at]), _read_bound(row[high_at]))
                    if narrowed is not None:
                        row[low_at], row[high_at] = _iso(narrowed[0]), _iso(narrowed[1])
                        owed -= 1
                        changed += 1
                writer.writerow(row)
    return changed


def digest(directory: Path) -> str:
    """A short digest of every CSV file in directory: equal digests, identical data sets."""
    hasher = hashlib.sha256()
    for path in sorted(directory.glob("*.csv")):
        hasher.update(path.name.encode())
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                hasher.update(block)
    return hasher.hexdigest()[:16]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="100k", help="claims: 100k, 1M, 10M or a number (default 100k)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write the sources into")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--changed", type=Path, help="also write a version with 1%% of claims changed here")
    args = parser.parse_args(argv)
    manifest = generate(parse_size(args.size), args.out, args.seed)
    print(f"{manifest['claims']} claims in {len(manifest['files'])} files: {manifest['by_kind']}")
    if args.changed:
        print(f"{write_changed_version(args.out, args.changed)} claims changed in {args.changed}")


if __name__ == "__main__":
    main()
