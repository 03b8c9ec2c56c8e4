"""Rendering query results as a table, CSV or JSON (no pandas: the CLI must start fast)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "csv", "json")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if hasattr(value, "lower") and hasattr(value, "upper") and hasattr(value, "bounds"):  # a psycopg Range
        return {"lower": _json_value(value.lower), "upper": _json_value(value.upper), "bounds": value.bounds}
    return value


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, max_width: int = 60) -> str:
    """rows under columns in the chosen format (table cells longer than max_width are shortened)."""
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, map(_json_value, row), strict=True)) for row in rows], indent=2, ensure_ascii=False
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_text(v) for v in row] for row in rows)
        return buffer.getvalue().rstrip("\n")
    cells = [[_shorten(visible(_text(v)), max_width) for v in row] for row in rows]
    widths = [max([width(c), *(width(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = [" | ".join(pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def visible(text: str) -> str:
    """text with control and invisible format characters escaped (\\u202e), for a terminal.

    A right-to-left override (U+202E) or another bidirectional control in a name would reorder what the
    terminal shows after it, a zero-width character would hide a difference between two names, and an
    escape character (U+001B) would be a command to the terminal: tables show them as escapes instead."""
    if _plain(text):  # most cells: nothing to escape
        return text
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in _INVISIBLE and not char.isspace() else char
        for char in text
    )


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def _plain(text: str) -> bool:
    """Printable ASCII: nothing to escape, and one column a character (most cells, drawn without
    looking at each character)."""
    return text.isascii() and text.isprintable()


def width(text: str) -> int:
    """The columns text takes in a terminal: none for a combining accent, two for a wide (CJK, fullwidth) character."""
    if _plain(text):
        return len(text)
    from wcwidth import wcswidth  # imported when a table is drawn, not when the CLI starts

    columns = wcswidth(text)
    return columns if columns >= 0 else len(text)  # -1: a control character (visible() escapes those)


def pad(text: str, columns: int) -> str:
    """text followed by the spaces that make it take `columns` columns of a terminal."""
    return text + " " * max(columns - width(text), 0)


def _shorten(text: str, columns: int) -> str:
    """text on one line, cut to take at most `columns` columns (the cut never separates a letter from its
    combining accents: those take no column, so they stay with the letter before them)."""
    text = " ".join(text.split())
    if width(text) <= columns:
        return text
    if _plain(text):
        return text[: columns - 1] + "…"
    kept = ""
    for char in text:
        if width(kept + char) > columns - 1:
            break
        kept += char
    return kept + "…"
