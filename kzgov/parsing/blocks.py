"""The document model: any readable document as a list of blocks with their place in the source.

Plain text of any layout, Markdown (read with markdown-it) and HTML (read with the standard
library's HTML parser) all become the same blocks: the title, headings, paragraphs, list items,
key-value lines (including keys glued to values, as browsers copy infoboxes) and tables of
cells. Every block keeps its markup-free text together with the source offset of each of its
characters, so any piece of it can be quoted verbatim from the stored document.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal, TypedDict, Unpack

from kzgov.parsing.text import FOOTNOTE_MARK_RE, Line, LineIndex, Plain, iter_lines, make_plain

BlockKind = Literal["title", "heading", "paragraph", "item", "keyvalue", "table"]


def plain_of(text: str, start: int, end: int, drop: re.Pattern[str] | None = None) -> Plain:
    """The markup-free text of text[start:end] with each character's source offset."""
    return make_plain(text, start, end, drop)


def sub(p: Plain, start: int, end: int) -> Plain:
    """The characters [start, end) of a plain text."""
    return Plain(p.text[start:end], p.offsets[start:end])


def strip(p: Plain) -> Plain:
    """A plain text without surrounding whitespace."""
    start, end = 0, len(p.text)
    while start < end and p.text[start].isspace():
        start += 1
    while end > start and p.text[end - 1].isspace():
        end -= 1
    return sub(p, start, end)


def squash(p: Plain) -> Plain:
    """A plain text with runs of whitespace (line breaks included) made one space."""
    chars: list[str] = []
    offsets: list[int] = []
    for ch, off in zip(p.text, p.offsets, strict=True):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        offsets.append(off)
    return strip(Plain("".join(chars), tuple(offsets)))


def join(parts: list[Plain], sep: str = " ") -> Plain:
    """Plain texts one after another, separated by sep (whose characters point at the next part)."""
    chars: list[str] = []
    offsets: list[int] = []
    for part in parts:
        if not part.text:
            continue
        if chars and sep:
            chars.append(sep)
            offsets.extend([part.offsets[0]] * len(sep))
        chars.append(part.text)
        offsets.extend(part.offsets)
    return Plain("".join(chars), tuple(offsets))


@dataclass(slots=True)
class Cell:
    """One table cell: its text, whether it is a header cell, and how far it spans."""

    text: Plain
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True)
class Block:
    """One block of a document, in reading order."""

    kind: BlockKind
    text: Plain  # the block's markup-free text (a table's: its caption, if any)
    line: int  # 1-based line of the block's first character
    level: int = 0  # heading level (1 is the top)
    key: Plain | None = None  # key-value lines: the key ...
    value: Plain | None = None  # ... and the value
    rows: list[list[Cell]] = field(default_factory=list)  # tables: rows of cells as written
    section: str = ""  # the text of the nearest heading above the block


class _BlockFields(TypedDict, total=False):
    """The fields of a Block after its kind, text and line, each optional."""

    level: int
    key: Plain | None
    value: Plain | None
    rows: list[list[Cell]]
    section: str


@dataclass(slots=True)
class DocumentModel:
    """A document read into blocks."""

    text: str
    name: str
    format: Literal["text", "markdown", "html"]
    blocks: list[Block]

    @property
    def title(self) -> str | None:
        """The document's title block, if it has one."""
        return next((b.text.text for b in self.blocks if b.kind == "title"), None)


# -- plain text -------------------------------------------------------------------------------------------

_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣∙*+\-–—]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\[[a-z0-9]{1,3}\])\s+")
_PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_RULE_RE = re.compile(r"^\s*(?:[-=_~*]{3,}\s*)+$")
_DASH_RULE_RE = re.compile(r"^\s*-{2,}(?:\s+-{2,})+\s*$")
_LEADER_RE = re.compile(r"^(?P<key>\s*\S.*?)\s*(?:\.{3,}|…{2,}|_{3,})\s*(?P<value>\S.*?)\s*$")
_COLON_RE = re.compile(r"^(?P<key>\s*[A-Z][\w ,'’()/-]{0,40}?):\s+(?P<value>\S.*?)\s*$")
# A key glued to its value as a browser copies an infobox: "Formation24 April 1990", "IncumbentJane Doe".
_GLUED_RE = re.compile(r"^(?P<key>[A-Z][a-z]+(?: [a-z]+){0,3})(?P<value>(?:[A-Z]\S|\d).*)$")
_SENTENCE_END_RE = re.compile(r"[.!?:;][\"'”’)\]]*(?:\[\w{1,3}\])*\s*$")
_GAP_RE = re.compile(r"\S(?:\s?\S)*")  # a cell of an aligned row: text with no double space inside


def _is_aligned_row(line: str) -> bool:
    """A row of a table laid out with spaces: three or more cells apart by two or more spaces."""
    cells = [m for m in _GAP_RE.finditer(line)]
    return len(cells) >= 3 and len(re.findall(r"\S\s{2,}\S", line)) >= 2


def _line_kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _PIPE_RULE_RE.match(line) and "|" in line:
        return "pipe_rule"
    if _PIPE_ROW_RE.match(line):
        return "pipe"
    if _DASH_RULE_RE.match(line):
        return "dash_rule"
    if _RULE_RE.match(line):
        return "rule"
    if _LEADER_RE.match(line):
        return "leader"
    if _BULLET_RE.match(line):
        return "bullet"
    if _is_aligned_row(line):
        return "aligned"
    return "text"


def _plain_line(text: str, line: Line, drop: re.Pattern[str] | None = None) -> Plain:
    return strip(plain_of(text, line.start, line.end, drop))


def _pipe_cells(text: str, line: Line) -> list[Cell]:
    """The cells of a pipe-table row, each with its own span."""
    raw = line.text
    bars = [m.start() for m in re.finditer(r"(?<!\\)\|", raw)]
    if raw.strip().startswith("|") is False:
        bars = [-1, *bars]
    if not raw.rstrip().endswith("|"):
        bars.append(len(raw))
    cells = []
    for a, b in itertools.pairwise(bars):
        cells.append(Cell(strip(plain_of(text, line.start + a + 1, line.start + b, _INLINE_MD_RE))))
    return cells


def _aligned_cells(text: str, line: Line, columns: list[tuple[int, int]] | None) -> list[Cell]:
    """The cells of a space-aligned row, by the column extents of its rule line when there is one."""
    raw = line.text
    if columns:
        cells = []
        for a, b in columns:
            cells.append(Cell(strip(plain_of(text, line.start + min(a, len(raw)), line.start + min(b, len(raw))))))
        # Text that runs past its column into the gap before the next belongs to it.
        return cells
    return [Cell(plain_of(text, line.start + m.start(), line.start + m.end())) for m in _GAP_RE.finditer(raw)]


def _columns_of(rule: str) -> list[tuple[int, int]]:
    """Column extents from a rule line of dashes: "--  ------  ---"."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    # Each column takes the gap before it, so numbers right-aligned past the dashes still belong to it.
    fixed = []
    for i, (_a, b) in enumerate(runs):
        start = 0 if i == 0 else runs[i - 1][1]
        end = b if i + 1 < len(runs) else 10_000
        fixed.append((start, end))
    return fixed


class _TextReader:
    """Reads plain text into blocks by the shape of its lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = [ln for ln in iter_lines(text)]
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, text: Plain, line: int, **kw: Unpack[_BlockFields]) -> None:
        if kind != "table" and not text.text.strip():
            return
        self.blocks.append(Block(kind, text, line, **kw))

    def read(self) -> list[Block]:
        groups: list[list[Line]] = []
        current: list[Line] = []
        for ln in self.lines:
            if ln.text.strip():
                current.append(ln)
            elif current:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
        for group in groups:
            self.group(group)
        _mark_headings(self.blocks)
        return self.blocks

    def group(self, group: list[Line]) -> None:
        kinds = [_line_kind(ln.text) for ln in group]
        i = 0
        while i < len(group):
            kind = kinds[i]
            if kind in ("pipe", "pipe_rule"):
                j = i
                while j < len(group) and kinds[j] in ("pipe", "pipe_rule"):
                    j += 1
                self.pipe_table(group[i:j], kinds[i:j])
                i = j
            elif kind in ("aligned", "dash_rule") and self._table_ahead(kinds, i):
                j = i
                while j < len(group) and kinds[j] in ("aligned", "dash_rule", "rule", "text", "leader"):
                    if kinds[j] in ("text", "leader") and not self._row_like(group[j].text):
                        break
                    j += 1
                self.aligned_table(group[i:j], kinds[i:j])
                i = j
            elif kind == "leader":
                m = _LEADER_RE.match(group[i].text)
                assert m is not None
                ln = group[i]
                self.add(
                    "keyvalue",
                    _plain_line(self.text, ln),
                    ln.number,
                    key=strip(plain_of(self.text, ln.start + m.start("key"), ln.start + m.end("key"))),
                    value=strip(plain_of(self.text, ln.start + m.start("value"), ln.start + m.end("value"))),
                )
                i += 1
            elif kind == "bullet":
                j = i + 1
                indent = len(group[i].text) - len(group[i].text.lstrip())
                # Lines indented deeper than the marker continue the item.
                while (
                    j < len(group)
                    and kinds[j] == "text"
                    and (len(group[j].text) - len(group[j].text.lstrip())) > indent
                ):
                    j += 1
                self.add(
                    "item",
                    squash(plain_of(self.text, group[i].start, group[j - 1].end, _ITEM_DROP_RE)),
                    group[i].number,
                )
                i = j
            elif kind in ("rule", "dash_rule", "pipe_rule"):
                i += 1
            else:
                j = i + 1
                while j < len(group) and kinds[j] == "text" and self._continues(group[j - 1], group[j], group):
                    j += 1
                self.text_lines(group, i, j)
                i = j

    def _table_ahead(self, kinds: list[str], i: int) -> bool:
        window = kinds[i : i + 4]
        return sum(k in ("aligned", "dash_rule") for k in window) >= 2

    def _row_like(self, line: str) -> bool:
        return bool(re.search(r"\S\s{2,}\S", line.strip()))

    def _continues(self, prev: Line, line: Line, group: list[Line]) -> bool:
        """Whether line wraps the paragraph that prev is part of (rather than starting a new line block)."""
        p = prev.text.rstrip()
        indent_prev = len(prev.text) - len(prev.text.lstrip())
        indent = len(line.text) - len(line.text.lstrip())
        if _SENTENCE_END_RE.search(p) or len(p) < 55:
            return False
        if indent > indent_prev:
            return True
        # A wrapped paragraph: a long line cut mid-sentence, continued by a line that starts no row of its own.
        first = line.text.lstrip()[:1]
        return first.islower() or (not first.isdigit() and len(line.text.strip()) >= 25)

    def text_lines(self, group: list[Line], i: int, j: int) -> None:
        """Lines [i, j) of a group: one paragraph if they wrap one, else a block per line."""
        lines = group[i:j]
        previous = self.blocks[-1] if self.blocks else None
        if (
            len(lines) == 1
            and previous is not None
            and previous.kind == "keyvalue"
            and previous.value is not None
            and i > 0
            and lines[0].text[:1].islower()
        ):
            # "since 16 October 2013" on the line under "ChairmanJane Doe": the value goes on.
            ln = lines[0]
            more = _plain_line(self.text, ln)
            previous.value = join([previous.value, more], " ")
            previous.text = join([previous.text, more], " ")
            return
        indented = lines[0].text[:1].isspace() and len(group) > 1 and not group[0].text[:1].isspace()
        if len(lines) > 1:
            text = squash(plain_of(self.text, lines[0].start, lines[-1].end, _INLINE_MD_RE))
            self.add("item" if indented else "paragraph", text, lines[0].number)
            return
        ln = lines[0]
        plain = _plain_line(self.text, ln, _INLINE_MD_RE)
        if indented:
            self.add("item", plain, ln.number)
            return
        m = _COLON_RE.match(ln.text)
        if (
            m
            and len(m.group("key").split()) <= 5
            and not (len(m.group("value").split()) > 8 and _SENTENCE_END_RE.search(m.group("value")))
        ):
            self.add(
                "keyvalue",
                plain,
                ln.number,
                key=strip(plain_of(self.text, ln.start + m.start("key"), ln.start + m.end("key"))),
                value=strip(plain_of(self.text, ln.start + m.start("value"), ln.start + m.end("value"))),
            )
            return
        g = _GLUED_RE.match(ln.text.strip())
        if g and len(group) > 1 and not _SENTENCE_END_RE.search(ln.text) and len(ln.text) < 90:
            offset = ln.start + (len(ln.text) - len(ln.text.lstrip()))
            self.add(
                "keyvalue",
                plain,
                ln.number,
                key=plain_of(self.text, offset + g.start("key"), offset + g.end("key")),
                value=strip(plain_of(self.text, offset + g.start("value"), offset + g.end("value"))),
            )
            return
        self.add("paragraph", plain, ln.number)

    def pipe_table(self, lines: list[Line], kinds: list[str]) -> None:
        """A pipe table: the rows above its rule line (or its first row) are its header."""
        rows: list[list[Cell]] = []
        header_rows = 0
        for ln, k in zip(lines, kinds, strict=True):
            if k == "pipe_rule":
                header_rows = header_rows or len(rows)
            else:
                rows.append(_pipe_cells(self.text, ln))
        for row in rows[: header_rows or 1]:
            for cell in row:
                cell.header = True
        if rows:
            self.add("table", Plain("", ()), lines[0].number, rows=rows)

    def aligned_table(self, lines: list[Line], kinds: list[str]) -> None:
        rule = next((ln for ln, k in zip(lines, kinds, strict=True) if k == "dash_rule"), None)
        columns = _columns_of(rule.text) if rule is not None else None
        rows: list[list[Cell]] = []
        header_done = False
        for ln, k in zip(lines, kinds, strict=True):
            if k in ("dash_rule", "rule"):
                if rows and not header_done:
                    for cell in rows[-1]:
                        cell.header = True
                    header_done = True
                continue
            cells = _aligned_cells(self.text, ln, columns)
            rows.append(cells)
        if not header_done and rows:
            for cell in rows[0]:
                cell.header = not any(re.search(r"\d", c.text.text) for c in rows[0])
        self.add("table", Plain("", ()), lines[0].number, rows=rows)


_INLINE_MD_RE = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|" + FOOTNOTE_MARK_RE.pattern)
_ITEM_DROP_RE = re.compile(_BULLET_RE.pattern.replace("^", "(?m:^)") + "|" + _INLINE_MD_RE.pattern)


def _mark_headings(blocks: list[Block]) -> None:
    """Short lines alone, without a full stop, head what follows; the first of them titles the document."""
    section = ""
    titled = False
    for i, b in enumerate(blocks):
        if i == 0 and b.kind in ("paragraph", "keyvalue") and _is_heading_text(b.text.text):
            b.kind, b.level, b.key, b.value = "title", 1, None, None
        elif b.kind == "paragraph" and _is_heading_text(b.text.text):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None:
                b.kind = "title" if not titled and i == 0 else "heading"
                b.level = 1 if b.kind == "title" else 2
        if b.kind == "title":
            titled = True
        if b.kind == "heading":
            section = b.text.text
        elif b.kind != "title":
            b.section = section


def _is_heading_text(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 100 or (_SENTENCE_END_RE.search(t) and not t.endswith(":")):
        return False
    words = t.split()
    return (len(words) <= 14 and t[:1].isupper()) or t.isupper()


# -- Markdown ---------------------------------------------------------------------------------------------


def _read_markdown(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    lines = list(iter_lines(text))
    by_number = {ln.number: ln for ln in lines}
    blocks: list[Block] = []

    def span(first: int, last: int) -> Plain:
        a, b = by_number[first + 1], by_number[last]
        return squash(plain_of(text, a.start, b.end, _MD_DROP_RE))

    depth = {"list": 0, "quote": 0}
    section = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.map:
            level = int(tok.tag[1:])
            p = span(*tok.map)
            kind: BlockKind = "title" if level == 1 and not any(b.kind == "title" for b in blocks) else "heading"
            blocks.append(Block(kind, p, tok.map[0] + 1, level=level))
            section = p.text
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            depth["list"] += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth["list"] -= 1
        elif tok.type == "blockquote_open":
            depth["quote"] += 1
        elif tok.type == "blockquote_close":
            depth["quote"] -= 1
        elif tok.type == "paragraph_open" and tok.map:
            kind = "item" if depth["list"] else "paragraph"
            blocks.append(Block(kind, span(*tok.map), tok.map[0] + 1, section=section))
        elif tok.type == "table_open" and tok.map:
            rows = []
            for n in range(tok.map[0] + 1, tok.map[1] + 1):
                ln = by_number[n]
                k = _line_kind(ln.text)
                if k == "pipe" or (k != "pipe_rule" and "|" in ln.text):
                    rows.append(_pipe_cells(text, ln))
            if rows:
                for cell in rows[0]:
                    cell.header = True
            blocks.append(Block("table", Plain("", ()), tok.map[0] + 1, rows=rows, section=section))
        elif tok.type in ("fence", "code_block") and tok.map:
            pass
        i += 1
    return blocks


_MD_DROP_RE = re.compile(
    r"(?m:^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+))|\[(?=[^\]]*\]\()|\]\([^)]*\)|" + _INLINE_MD_RE.pattern
)


# -- HTML -------------------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "title", "caption", "blockquote", "pre"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "source", "col", "area", "base", "embed", "track"}
_ENTITIES = {"nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "ndash": "–", "mdash": "—"}


@dataclass(slots=True)
class _Table:
    """An HTML table being read: its rows so far, the row and the cell open, its caption."""

    attrs: dict[str, str | None]
    rows: list[list[Cell]] = field(default_factory=list)
    row: list[Cell] | None = None
    cell: tuple[str, int, int] | None = None  # the open cell's tag, colspan and rowspan
    caption: Plain | None = None


class _HTMLReader(HTMLParser):
    """Blocks from HTML: text collected per block element with the offset of every character."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.skip = 0
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.block_tag: str | None = None
        self.block_line = 1
        self.tables: list[_Table] = []
        self.section = ""
        self.title_seen = False

    def pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def flush(self, kind: BlockKind | None = None, level: int = 0) -> Plain:
        p = squash(Plain("".join(self.chars), tuple(self.offsets)))
        self.chars, self.offsets = [], []
        tag = self.block_tag
        self.block_tag = None
        if self.tables or not p.text:
            return p
        if kind is None:
            if tag and tag[0] == "h" and tag[1:].isdigit():
                level = int(tag[1:])
                kind = "title" if level == 1 and not self.title_seen else "heading"
            elif tag in ("li", "dd", "dt"):
                kind = "item"
            elif tag == "title":
                return p
            else:
                kind = "paragraph"
        if kind == "title":
            self.title_seen = True
        if kind in ("title", "heading"):
            self.section = p.text
        self.blocks.append(Block(kind, p, self.block_line, level=level, section=self.section))
        return p

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "br":
            self.chars.append("\n")
            self.offsets.append(self.pos())
            return
        if tag == "table":
            self.flush()
            self.tables.append(_Table(attrs=dict(attrs)))
            return
        if self.tables:
            t = self.tables[-1]
            if tag == "tr":
                t.row = []
                t.rows.append(t.row)
            elif tag in ("td", "th"):
                a = dict(attrs)
                self.chars, self.offsets = [], []
                t.cell = (tag, _int(a.get("colspan")), _int(a.get("rowspan")))
            elif tag == "caption":
                self.chars, self.offsets = [], []
            return
        if tag in _BLOCK_TAGS or tag in ("div", "section", "article", "ul", "ol", "dl", "body"):
            self.flush()
            if tag in _BLOCK_TAGS:
                self.block_tag = tag
            self.block_line = self.getpos()[0]
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if self.tables:
            t = self.tables[-1]
            if tag in ("td", "th") and t.cell is not None:
                kind, colspan, rowspan = t.cell
                p = squash(Plain("".join(self.chars), tuple(self.offsets)))
                self.chars, self.offsets = [], []
                if t.row is None:
                    t.row = []
                    t.rows.append(t.row)
                t.row.append(Cell(p, kind == "th", colspan, rowspan))
                t.cell = None
            elif tag == "caption":
                t.caption = squash(Plain("".join(self.chars), tuple(self.offsets)))
                self.chars, self.offsets = [], []
            elif tag == "table":
                self.tables.pop()
                if not self.tables:
                    self.blocks.append(
                        Block(
                            "table",
                            t.caption or Plain("", ()),
                            self.block_line,
                            rows=[r for r in t.rows if r],
                            section=self.section,
                        )
                    )
            return
        if tag in _BLOCK_TAGS or tag in ("div", "section", "article", "ul", "ol", "dl", "body"):
            self.flush()
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        base = self.pos()
        if not self.chars and not self.tables:
            self.block_line = self.getpos()[0]
        self.chars.append(data)
        self.offsets.extend(range(base, base + len(data)))

    def handle_entityref(self, name: str) -> None:
        if self.skip:
            return
        self.chars.append(_ENTITIES.get(name, "?"))
        self.offsets.append(self.pos())

    def handle_charref(self, name: str) -> None:
        if self.skip:
            return
        try:
            ch = chr(int(name[1:], 16) if name.lower().startswith("x") else int(name))
        except (ValueError, OverflowError):
            ch = "?"
        self.chars.append(ch)
        self.offsets.append(self.pos())

    def close(self) -> None:
        super().close()
        self.flush()


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _read_html(text: str) -> list[Block]:
    reader = _HTMLReader(text)
    reader.feed(text)
    reader.close()
    blocks = []
    for b in reader.blocks:
        if b.kind == "table" and _is_infobox(b.rows):
            blocks.extend(_infobox_blocks(b))
        else:
            blocks.append(b)
    return blocks


def _is_infobox(rows: list[list[Cell]]) -> bool:
    """A table of key-value rows: a header cell then a data cell, row after row."""
    pairs = [r for r in rows if len(r) == 2 and r[0].header and not r[1].header]
    return len(pairs) >= 2 and len(pairs) >= len(rows) - 2


def _infobox_blocks(table: Block) -> list[Block]:
    out = []
    for row in table.rows:
        if len(row) == 1 and row[0].header:
            out.append(Block("heading", row[0].text, table.line, level=3, section=table.section))
        elif len(row) == 2:
            key, value = row[0].text, row[1].text
            out.append(
                Block("keyvalue", join([key, value], ": "), table.line, key=key, value=value, section=table.section)
            )
    return out


# -- entry ------------------------------------------------------------------------------------------------


def read_document(text: str, name: str) -> DocumentModel:
    """Read a document into blocks, by its kind: HTML, Markdown or plain text."""
    fmt = document_format(text, name)
    if fmt == "html":
        blocks = _read_html(text)
    elif fmt == "markdown":
        blocks = _read_markdown(text)
    else:
        blocks = _TextReader(text).read()
    line_index = LineIndex(text).line_of
    for b in blocks:
        if b.text.offsets:
            b.line = line_index(b.text.offsets[0])
    return DocumentModel(text, name, fmt, blocks)


def document_format(text: str, name: str) -> Literal["text", "markdown", "html"]:
    """HTML by its name or its first tag, Markdown by its name or its headings and tables, else text."""
    lower = name.lower()
    head = text.lstrip("\ufeff \t\r\n")[:500].lower()
    if lower.endswith((".html", ".htm", ".xhtml")) or head.startswith(("<!doctype html", "<html")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    if re.search(r"(?m)^#{1,6} \S", text) and re.search(r"(?m)^\s*\|.*\|\s*$|^\s*[-*] \S|\*\*\S", text):
        return "markdown"
    return "text"
