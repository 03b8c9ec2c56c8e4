"""What a load reports: the error that refuses a source, what it did to each table, the steps it takes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class LoadError(RuntimeError):
    """A source that cannot be loaded; the message names the file and, where it can, the line or field."""


@dataclass
class TableCounts:
    added: int = 0
    unchanged: int = 0
    retired: int = 0


@dataclass
class LoadSummary:
    """What one load did to one source."""

    key: str
    file: Path
    status: str  # new, changed, unchanged
    version: int
    counts: dict[str, TableCounts] = field(default_factory=dict)
    uncovered: int = 0  # sentences with a date or number that yielded no claim
    restated: int = 0  # statements of a claim the document had already made

    @property
    def totals(self) -> TableCounts:
        return TableCounts(
            added=sum(t.added for t in self.counts.values()),
            unchanged=sum(t.unchanged for t in self.counts.values()),
            retired=sum(t.retired for t in self.counts.values()),
        )


# What a load tells its watcher as each step begins: the step's name and, while parsing, how many bytes of
# the file the claims parsed so far come from (None for the other steps). Steps: reading, parsing, names,
# storing text (a streamed file's text), waiting for other loads (the write lock), writing, and, in a set,
# checking other files, commit.
Watch = Callable[[str, "int | None"], None]
