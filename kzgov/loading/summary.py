"""What a load reports: the error that refuses a source, what it did to each table, the steps it takes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Where a load's time goes, in the order a load passes through them (kzgov load --timings).
PHASES = (
    "reading",  # the file read (a document parsed whole), its previous version looked up and compared
    "parsing and staging",  # claims parsed, typed and keyed by the client, COPYed into temporary tables
    "name keys",  # the staged names gathered, one key per distinct name
    "storing text",  # a streamed file's text, COPYed in chunks
    "waiting for the write lock",  # one load writes the shared tables at a time
    "resolving names",  # the source version row, new persons, bodies and offices, aliases
    "inserting claims",  # one INSERT ... SELECT per table, retiring what a new version no longer says
    "indexing a new segment",  # a large new source's partition: indexes built, keys checked, attached
    "refreshing inferences",  # the inferred ends of tenure of the offices the load touched
    "checking other files",  # in a set, waiting until every other file has parsed
    "commit",
)


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
    phases: dict[str, float] = field(default_factory=dict)  # seconds spent in each of PHASES

    @property
    def totals(self) -> TableCounts:
        return TableCounts(
            added=sum(t.added for t in self.counts.values()),
            unchanged=sum(t.unchanged for t in self.counts.values()),
            retired=sum(t.retired for t in self.counts.values()),
        )


class PhaseClock:
    """Seconds spent in each phase of one load, told as each phase begins."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._current: str | None = None
        self._since = 0.0

    def enter(self, phase: str) -> None:
        assert phase in PHASES, phase
        now = time.perf_counter()
        if self._current is not None:
            self.seconds[self._current] = self.seconds.get(self._current, 0.0) + now - self._since
        self._current, self._since = phase, now

    def stop(self) -> dict[str, float]:
        """The seconds per phase, the phase under way ended now."""
        if self._current is not None:
            self.enter(self._current)
            self._current = None
        return dict(self.seconds)


# What a load tells its watcher as each step begins: the step's name and, while parsing, how many bytes of
# the file the claims parsed so far come from (None for the other steps). Steps: reading, parsing, names,
# storing text (a streamed file's text), waiting for other loads (the write lock), writing, and, in a set,
# checking other files, commit.
Watch = Callable[[str, "int | None"], None]
