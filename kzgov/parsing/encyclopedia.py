"""Plain encyclopedia text: a title line, short headings, paragraphs, flattened tables, footnotes."""

from __future__ import annotations

from kzgov.claims import ParsedDocument
from kzgov.parsing.document import Builder, guess_subject
from kzgov.parsing.prose import BANNER_RE, FIND_SOURCES_RE, is_heading, process_lines
from kzgov.parsing.text import iter_lines


def parse(text: str, name: str) -> ParsedDocument:
    """Parse an encyclopedia article; it carries no publication date."""
    lines = list(iter_lines(text))
    first = next((line for line in lines if line.text.strip()), None)
    title = None
    body = lines
    if first is not None:
        if BANNER_RE.search(first.text):
            # A maintenance banner quotes the article's title in its "Find sources" link.
            found = FIND_SOURCES_RE.search(first.text)
            title = found.group("title").strip() if found else None
        elif is_heading(first.text):
            title = first.text.strip()
            body = [line for line in lines if line.number > first.number]
    b = Builder(text, name, subject=guess_subject(title, text))
    process_lines(b, body)
    return b.finish("encyclopedia", title, None)
