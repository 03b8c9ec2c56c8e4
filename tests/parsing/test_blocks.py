"""The document model: text of any layout, Markdown and HTML read into the same blocks, quotable verbatim."""

from __future__ import annotations

import pytest

from kzgov.parsing.blocks import Block, DocumentModel, document_format, read_document


def _kinds(doc: DocumentModel) -> list[tuple[str, str]]:
    return [(b.kind, b.text.text) for b in doc.blocks if b.kind != "table"]


def _verbatim(doc: DocumentModel) -> None:
    """Every character of every block comes from the source, in order."""
    for b in doc.blocks:
        texts = [b.text] + ([b.key, b.value] if b.key is not None and b.value is not None else [])
        texts += [cell.text for row in b.rows for cell in row]
        for p in texts:
            assert list(p.offsets) == sorted(p.offsets)
            for ch, at in zip(p.text, p.offsets, strict=True):
                assert ch in " :|;" or doc.text[at] == ch or doc.text[at] in "&\n\t"  # joins add separators


PLAIN = """Ministry of Roads Annual Note

Published: 03.02.2038

Overview
The ministry was reorganised twice. Its budget grew by a
third over the period and its staff by a fifth.

Key facts
  • Roads built: 410 km
  • Bridges repaired: 12
Head of ministry ........ Gulnar Sadykova
ChairmanSerik Omarov since 2 May 2036
"""


def test_plain_text_layout_becomes_title_headings_paragraphs_items_and_key_values() -> None:
    doc = read_document(PLAIN, "note.txt")
    _verbatim(doc)
    assert doc.format == "text"
    assert doc.title == "Ministry of Roads Annual Note"
    kinds = _kinds(doc)
    assert ("heading", "Overview") in kinds
    assert (
        "paragraph",
        "The ministry was reorganised twice. Its budget grew by a third over the period and its staff by a fifth.",
    ) in kinds
    assert ("item", "Roads built: 410 km") in kinds
    pairs = {(b.key.text, b.value.text) for b in doc.blocks if b.kind == "keyvalue" and b.key and b.value}
    assert ("Published", "03.02.2038") in pairs
    assert ("Head of ministry", "Gulnar Sadykova") in pairs
    assert ("Chairman", "Serik Omarov since 2 May 2036") in pairs  # a key glued to its value


ALIGNED = """RESULTS

  No  Candidate              Votes      %
  --  ---------------------  ---------  ------
   1  Asel Nurpeisova        1 204 330   61.20
   2  Bolat Ermekov            880 112   38.80
"""


def test_a_table_laid_out_with_spaces_is_read_by_its_rule_line() -> None:
    doc = read_document(ALIGNED, "results.txt")
    _verbatim(doc)
    table = next(b for b in doc.blocks if b.kind == "table")
    rows = [[c.text.text for c in row] for row in table.rows]
    assert rows[0] == ["No", "Candidate", "Votes", "%"]
    assert all(c.header for c in table.rows[0]) and not any(c.header for c in table.rows[1])
    assert rows[1] == ["1", "Asel Nurpeisova", "1 204 330", "61.20"]
    assert rows[2] == ["2", "Bolat Ermekov", "880 112", "38.80"]


MARKDOWN = """# Budget notes

*Figures in billions.*

## 2037

- **Roads**: up a third
- Schools: flat

| Year | Amount |
|-----:|-------:|
| 2036 | 12 |
| 2037 | 16 |
"""


def test_markdown_is_read_with_a_markdown_parser() -> None:
    doc = read_document(MARKDOWN, "notes.md")
    _verbatim(doc)
    assert doc.format == "markdown"
    kinds = _kinds(doc)
    assert kinds[0] == ("title", "Budget notes")
    assert ("heading", "2037") in kinds
    assert ("item", "Roads: up a third") in kinds  # emphasis dropped, list marker dropped
    table = next(b for b in doc.blocks if b.kind == "table")
    assert [[c.text.text for c in row] for row in table.rows] == [["Year", "Amount"], ["2036", "12"], ["2037", "16"]]
    assert table.section == "2037"


HTML = """<!doctype html><html><head><title>Roads</title><script>var x = "<p>not text</p>";</script></head>
<body><h1>Roads &amp; Bridges</h1>
<table class="infobox"><tr><th colspan="2">Ministry</th></tr>
<tr><th>Minister</th><td>Gulnar<br>Sadykova</td></tr><tr><th>Staff</th><td>1&#8239;200</td></tr></table>
<p>It was <i>founded</i> in 1994.</p>
<ul><li>First item</li><li>Second item</li></ul>
<table><caption>Spending</caption>
<tr><th rowspan="2">Year</th><th colspan="2">Amount</th></tr>
<tr><th>Plan</th><th>Spent</th></tr>
<tr><td>2036</td><td>12</td><td>11</td></tr></table>
</body></html>"""


def test_html_is_read_with_an_html_parser_tables_by_their_cells() -> None:
    doc = read_document(HTML, "roads.html")
    _verbatim(doc)
    assert doc.format == "html"
    kinds = _kinds(doc)
    assert ("title", "Roads & Bridges") in kinds
    assert ("paragraph", "It was founded in 1994.") in kinds
    assert ("item", "First item") in kinds and ("item", "Second item") in kinds
    assert not any("not text" in text for _, text in kinds)
    pairs = {(b.key.text, b.value.text) for b in doc.blocks if b.kind == "keyvalue" and b.key and b.value}
    assert ("Minister", "Gulnar Sadykova") in pairs
    assert ("Staff", "1 200") in pairs  # any space, a narrow no-break one too, reads as a space
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.text.text == "Spending"
    assert [c.colspan for c in table.rows[0]] == [1, 2] and table.rows[0][0].rowspan == 2


def test_a_paragraph_with_inline_markup_quotes_its_source_span() -> None:
    doc = read_document(HTML, "roads.html")
    block: Block = next(b for b in doc.blocks if b.text.text.startswith("It was"))
    start, end = block.text.offsets[0], block.text.offsets[-1] + 1
    assert HTML[start:end] == "It was <i>founded</i> in 1994."


@pytest.mark.parametrize(
    ("text", "name", "fmt"),
    [
        ("<html><body>x</body></html>", "page.txt", "html"),
        ("plain", "page.htm", "html"),
        ("plain", "notes.md", "markdown"),
        ("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "notes.txt", "markdown"),
        ("# not a heading in plain text\nA line.", "notes.txt", "text"),
    ],
)
def test_document_format_by_name_or_content(text: str, name: str, fmt: str) -> None:
    assert document_format(text, name) == fmt
