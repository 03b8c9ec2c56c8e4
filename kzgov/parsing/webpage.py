"""An official web page: a title line, then short sections whose paragraphs end in "... Read more"."""

from __future__ import annotations

from kzgov.claims import ParsedDocument
from kzgov.parsing.document import Builder, guess_subject
from kzgov.parsing.prose import process_lines
from kzgov.parsing.text import iter_lines


def parse(text: str, name: str) -> ParsedDocument:
    """Parse a web page; its first line is the title and it carries no publication date."""
    lines = list(iter_lines(text))
    first = next((line for line in lines if line.text.strip()), None)
    title = first.text.strip() if first is not None else None
    body = [line for line in lines if first is None or line.number > first.number]
    b = Builder(text, name, subject=guess_subject(title, text))
    process_lines(b, body, read_more=True)
    return b.finish("webpage", title, None)
