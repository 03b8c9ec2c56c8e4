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
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def visible(text: str) -> str:
    """text with control and invisible format characters escaped (\\u202e), for a terminal.

    A right-to-left override (U+202E) or another bidirectional control in a name would reorder what the
    terminal shows after it, a zero-width character would hide a difference between two names, and an
    escape character (U+001B) would be a command to the terminal: tables show them as escapes instead."""
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in _INVISIBLE and not char.isspace() else char
        for char in text
    )


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
