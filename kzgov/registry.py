"""The source registry: what is known about each source beyond its text (registry.csv beside the files)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from kzgov.claims import ParseError, SourceKind

COLUMNS = ("key", "title", "kind", "publisher", "url", "published_on", "retrieved_on")
# The last publication or retrieval date supported: a statement about the present holds for the whole day,
# up to the next one, and the calendar ends on 9999-12-31.
LAST_DAY = dt.date(9999, 12, 30)
KINDS: tuple[str, ...] = get_args(SourceKind)


@dataclass(frozen=True)
class SourceInfo:
    """Registry facts about one source; None means unknown, never guessed."""

    key: str
    title: str | None = None
    kind: str | None = None
    publisher: str | None = None
    url: str | None = None
    published_on: dt.date | None = None
    retrieved_on: dt.date | None = None


def read_registry(path: Path) -> dict[str, SourceInfo]:
    """Entries of a registry.csv by source key; a bad entry is a ParseError naming its line."""
    entries: dict[str, SourceInfo] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ParseError(f"{path}: line 1: missing column {missing[0]!r}")
        for row in reader:
            line = reader.line_num
            values = {c: (row[c] or "").strip() or None for c in COLUMNS}
            if values["kind"] is not None and values["kind"] not in KINDS:
                raise ParseError(f"{path}: line {line}: field kind: {values['kind']!r} is not one of {KINDS}")
            dates: dict[str, dt.date | None] = {}
            for column in ("published_on", "retrieved_on"):
                written = values[column]
                try:
                    day = dt.date.fromisoformat(written) if written else None
                except ValueError:
                    raise ParseError(f"{path}: line {line}: field {column}: {written!r} is not a date") from None
                dates[column] = day
                if day is not None and day > LAST_DAY:
                    raise ParseError(
                        f"{path}: line {line}: field {column}: {written} is out of range:"
                        f" the last date supported is {LAST_DAY}"
                    )
            key = values["key"]
            if not key:
                raise ParseError(f"{path}: line {line}: field key is empty")
            entries[key] = SourceInfo(
                key=key,
                title=values["title"],
                kind=values["kind"],
                publisher=values["publisher"],
                url=values["url"],
                **dates,
            )
    return entries


def registry_for(source_file: Path) -> SourceInfo | None:
    """The registry entry for a source file, from registry.csv in its directory."""
    registry = source_file.parent / "registry.csv"
    if not registry.is_file():
        return None
    return read_registry(registry).get(source_file.stem)
