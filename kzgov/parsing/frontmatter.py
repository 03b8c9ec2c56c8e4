"""Front-matter markdown: a `---` header, [FACTBOX], [SECTION] and [TABLE] blocks, bullets, paragraphs."""

from __future__ import annotations

import datetime as dt
import re

from kzgov.claims import DEFAULT_JURISDICTION, Claim, Evidence, OfficeTenure, ParsedDocument, ParseError, Period
from kzgov.parsing.document import Builder, guess_subject
from kzgov.parsing.rules import _person, run_rules
from kzgov.parsing.tables import Row, read_table
from kzgov.parsing.text import Line, iter_lines, parse_date, parse_iso, trim_span
from kzgov.parsing.vocab import canonical_office, office_prefix

_KEY_RE = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_SECTION_RE = re.compile(r"^\[SECTION\]\s*(?P<name>.*?)\s*\[/SECTION\]$")
_RULE_RE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_BULLET_RE = re.compile(r"^\s*(?:[-+]|\*(?=\s)|\d{1,3}[.)])\s+")
_SEPARATOR_RE = re.compile(r"^:?-{3,}:?$")
_SINCE_RE = re.compile(r"\s*\((?:since|from|in office since)\s+(?P<date>[^()]+)\)\s*$", re.IGNORECASE)
_PUBLISHED_KEYS = ("date", "published", "publication_date", "updated")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def read_front_matter(lines: list[Line], name: str) -> tuple[dict[str, tuple[str, int]], int]:
    """The front matter's keys (value, line number) and the index of the first body line."""
    if not lines or lines[0].text.lstrip("\ufeff").strip() != "---":
        return {}, 0
    close = next((i for i in range(1, len(lines)) if lines[i].text.strip() == "---"), None)
    if close is None:
        raise ParseError(f"{name}:{lines[0].number}: front matter opened with '---' is never closed")
    meta: dict[str, tuple[str, int]] = {}
    for line in lines[1:close]:
        if not line.text.strip() or line.text.lstrip().startswith("#"):
            continue
        m = _KEY_RE.match(line.text)
        if m is None:
            raise ParseError(f"{name}:{line.number}: front matter line is not 'key: value': {line.text.strip()!r}")
        meta[m["key"].lower()] = (_unquote(m["value"]), line.number)
    return meta, close + 1


def _published(meta: dict[str, tuple[str, int]], name: str) -> dt.date | None:
    for key in _PUBLISHED_KEYS:
        if key in meta:
            value, number = meta[key]
            found = parse_iso(value) or parse_date(value)
            if found is None:
                raise ParseError(f"{name}:{number}: field {key}: not a date: {value!r}")
            return found[0]
    return None


def split_cells(text: str) -> list[str]:
    """The cells of a markdown pipe-table row ('\\|' is a literal pipe)."""
    t = text.strip()
    if t.startswith("|"):
        t = t[1:]
    if t.endswith("|") and not t.endswith("\\|"):
        t = t[:-1]
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", t)]


def _plain_cell(cell: str) -> str:
    return re.sub(r"\*\*|__|`", "", cell).strip()


class _Body:
    """The state of reading a front-matter document's body line by line."""

    def __init__(self, b: Builder, lines: list[Line], name: str) -> None:
        self.b = b
        self.lines = lines
        self.name = name
        self.section: str | None = None
        self.paragraph: tuple[int, int] | None = None

    def flush(self) -> None:
        """Run the rules over the paragraph gathered so far."""
        if self.paragraph is not None:
            self.b.paragraph(*self.paragraph, self.section)
            self.paragraph = None

    def run(self, index: int) -> None:
        """Read the body from line index to the end."""
        while index < len(self.lines):
            line = self.lines[index]
            start, end = trim_span(self.b.text, line.start, line.end)
            t = self.b.text[start:end]
            if not t:
                self.flush()
            elif t.startswith("[FACTBOX]"):
                self.flush()
                index = self.factbox(index)
                continue
            elif t.startswith("[TABLE]"):
                self.flush()
                index = self.table(index)
                continue
            elif t.startswith(("[/TABLE]", "[/FACTBOX]")):
                raise ParseError(f"{self.name}:{line.number}: {t.split(']')[0]}] without its opening tag")
            elif section := _SECTION_RE.match(t):
                self.flush()
                self.section = _plain_cell(section["name"])
                self.b.skip(start, end, "heading")
            elif t.startswith("#"):
                self.flush()
                self.section = t.lstrip("#").strip()
                self.b.skip(start, end, "heading")
            elif _RULE_RE.match(t):
                self.flush()
            elif bullet := _BULLET_RE.match(t):
                self.flush()
                self.b.paragraph(start + bullet.end(), end, self.section)
            elif self.paragraph is None:
                self.paragraph = (start, end)
            else:
                self.paragraph = (self.paragraph[0], end)
            index += 1
        self.flush()

    def factbox(self, index: int) -> int:
        """Read "Key: Value" entries up to [/FACTBOX]; returns the index after it."""
        opening = self.lines[index]
        for i in range(index, len(self.lines)):
            line = self.lines[i]
            start, end = line.start, line.end
            if i == index:
                start = self.b.text.index("[FACTBOX]", start) + len("[FACTBOX]")
            close = self.b.text.find("[/FACTBOX]", start, end)
            if close >= 0:
                end = close
            start, end = trim_span(self.b.text, start, end)
            if end > start:
                self.factbox_entry(start, end)
            if close >= 0:
                return i + 1
        raise ParseError(f"{self.name}:{opening.number}: [FACTBOX] is never closed")

    def factbox_entry(self, start: int, end: int) -> None:
        """One "Key: Value" line: an office-holder entry or a statement for the sentence rules."""
        b = self.b
        s = b.sentence(start, end, self.section)
        key, sep, value = s.text.partition(":")
        claims: list[Claim] = []
        if sep:
            claims = self._holder_entry(s.evidence, key.strip(), value.strip())
        if not claims:
            claims = run_rules(s, b.ctx)
        b.record(start, end, claims, s.text)

    def _holder_entry(self, evidence: Evidence, key: str, value: str) -> list[Claim]:
        ctx = self.b.ctx
        lowered = key.lower()
        if lowered == "head of state":
            office: str | None = "President"
        elif lowered == "head of government":
            office = "Prime Minister" if ctx.pm_heads_government else "Head of Government"
        else:
            office = canonical_office(key)
        if office is None:
            return []
        since = _SINCE_RE.search(value)
        period = Period.as_of_publication()
        if since:
            found = parse_date(since["date"])
            value = value[: since.start()]
            if found:
                period = Period(start=found[0], start_precision=found[1])
        split = office_prefix(value)
        if split is not None:
            office, value = split
        person = _person(value)
        if person is None:
            return []
        return [
            OfficeTenure(evidence=evidence, period=period, jurisdiction=ctx.jurisdiction, office=office, person=person)
        ]

    def table(self, index: int) -> int:
        """Read a pipe table up to [/TABLE]; returns the index after it."""
        opening = self.lines[index]
        close = next((i for i in range(index + 1, len(self.lines)) if self.lines[i].text.strip() == "[/TABLE]"), None)
        if close is None:
            raise ParseError(f"{self.name}:{opening.number}: [TABLE] is never closed")
        header: list[str] | None = None
        rows: list[Row] = []
        for line in self.lines[index + 1 : close]:
            start, end = trim_span(self.b.text, line.start, line.end)
            t = self.b.text[start:end]
            if not t:
                continue
            if not t.startswith("|"):
                raise ParseError(f"{self.name}:{line.number}: table line does not start with '|': {t[:40]!r}")
            cells = split_cells(t)
            if header is None:
                header = [_plain_cell(c) for c in cells]
                continue
            if len(cells) != len(header):
                found, wanted = len(cells), len(header)
                raise ParseError(f"{self.name}:{line.number}: table row has {found} cells, its header has {wanted}")
            if all(_SEPARATOR_RE.match(c.replace(" ", "")) for c in cells):
                continue
            rows.append(Row([_plain_cell(c) for c in cells], start, end))
        if header is not None:
            read_table(self.b, header, rows)
        return close + 1


def parse(text: str, name: str) -> ParsedDocument:
    """Parse a front-matter markdown document."""
    lines = list(iter_lines(text))
    meta, body_index = read_front_matter(lines, name)
    published = _published(meta, name)
    title = meta["title"][0] if "title" in meta else None
    if title is None:
        heading = next((line.text for line in lines[body_index:] if line.text.startswith("# ")), None)
        title = heading[2:].strip() if heading else None
    subject = meta["entity"][0] if "entity" in meta else guess_subject(title, text)
    code = meta.get("iso_code", ("", 0))[0].strip().upper()
    jurisdiction = code if re.fullmatch(r"[A-Z]{2}", code) else DEFAULT_JURISDICTION
    b = Builder(text, name, subject=subject, jurisdiction=jurisdiction)
    _Body(b, lines, name).run(body_index)
    body_start = lines[body_index].start if body_index < len(lines) else len(text)
    return b.finish("frontmatter", title, published, body_start)
