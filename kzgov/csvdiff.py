"""A new version of a structured CSV source, read as what changed since the version before it.

A structured source is usually re-published with most of its records as they were. Parsing every
record again would make a re-load cost as much as the first load, whatever changed. Instead the
records of the new file are matched, by a digest of their fields, against those of the previous
version (kept in ``source_version_chunk``): only the records the new file adds are parsed and
staged, and only the records it no longer has are parsed (from the old text) for the claims they
made, which the load then retires.

This is exact when a record's claim depends on nothing but its fields and the file's header,
which holds for every CSV fact table, and when no two records of the previous version stated the
same claim: then a record that disappears takes its claim with it. The caller checks the second
condition (the previous version's record count against its source's current claims) and falls
back to reading the whole file when it fails, when the header changed, or when so much changed
that a diff saves nothing.

Reading costs a few microseconds a record (the C CSV reader and a digest); while the new file is read,
memory holds 18 bytes a record (a digest and a count of each old record, a flag for each new one), never
the records themselves; after it, a flag for each new record and the digests of the removed ones.
Digests are matched a batch at a time with numpy, so the per-record work is the reading and the digest.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kzgov.claims import Claim
from kzgov.parsing.csvformat import iter_records, iter_stream_claims

# Above this share of records added or removed the whole file is read instead: a diff would save little.
MAX_CHANGED_SHARE = 0.5
# Records are matched, and removed ones parsed, this many at a time: memory holds a batch, not a file.
BATCH = 2048


def digest(fields: list[str]) -> bytes:
    """The identity of a record's fields: 120 bits of hash (collisions are out of reach at any file
    size) and a final 0x01, as numpy's fixed-width bytes drop trailing NULs when they hand one back.

    NUL joins the fields: a source never contains it (the loader refuses such files).
    """
    return hashlib.blake2b("\0".join(fields).encode(), digest_size=15).digest() + b"\x01"


class DigestCounts:
    """A multiset of record digests as sorted distinct digests and their counts.

    Built in the caller's buffer: the digests are sorted where they lie and, when they are all
    distinct (a file with no record twice), kept as they are, so a file costs its 16 bytes a record
    and a byte of count (wider only if a record is there 256 times or more), not the copies
    numpy.unique would make.
    """

    def __init__(self, digests: bytearray) -> None:
        keys = np.frombuffer(digests, dtype="S16")  # a writable view of the bytearray: sorted in place
        keys.sort()
        first = np.r_[True, keys[1:] != keys[:-1]] if len(keys) else np.empty(0, dtype=bool)
        if first.all():
            self.keys, self.left = keys, np.ones(len(keys), dtype=np.uint8)
        else:
            starts = np.flatnonzero(first)
            counts = np.diff(np.r_[starts, len(keys)])
            self.keys, self.left = keys[starts], counts.astype(np.min_scalar_type(counts.max()))

    def take(self, batch: bytes) -> np.ndarray:
        """Remove one copy of each digest of a batch (concatenated), in order: which ones there was a copy of.

        Done for a batch at once, as a record-at-a-time lookup would cost more than reading the record.
        """
        keys = np.frombuffer(batch, dtype="S16")
        if len(self.keys) == 0:
            return np.zeros(len(keys), dtype=bool)
        at = np.minimum(self.keys.searchsorted(keys), len(self.keys) - 1)
        group = np.where(self.keys[at] == keys, at, -1)
        # Copies of one digest within the batch take what is left of it in order: rank them.
        order = np.argsort(group, kind="stable")
        ranked = group[order]
        first = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
        rank = np.empty(len(keys), dtype=np.int64)
        rank[order] = np.arange(len(keys)) - np.repeat(first, np.diff(np.r_[first, len(keys)]))
        taken = (group >= 0) & (rank < self.left[at])
        np.subtract.at(self.left, at[taken], 1)
        return taken

    def total(self) -> int:
        return int(self.left.sum())

    def keep_left(self) -> None:
        """Drop the digests with no copy left. Once a new file has taken its own, what is left are the
        records it removed, usually a few: a load then holds their digests, not its old file's."""
        left = self.left > 0
        self.keys, self.left = self.keys[left], self.left[left]


def lines_of(pieces: Iterable[str]) -> Iterator[str]:
    """The lines of the text a sequence of pieces makes up (a stored version's chunks), endings kept
    (\\n, \\r\\n or \\r, as a file opened with newline='' gives them), wherever the pieces break.

    A piece's last line waits for the next piece unless it ends with \\n: it may go on there, and a
    \\r at its end may be the first half of a \\r\\n.
    """
    carry = ""
    for piece in pieces:
        lines = io.StringIO(carry + piece, newline="").readlines()
        carry = lines.pop() if lines and not lines[-1].endswith("\n") else ""
        yield from lines
    if carry:
        yield carry


@dataclass
class Changes:
    """How a new file's records differ from its previous version's."""

    header: list[str]
    added: bytearray  # for each data record of the new file, in order: 1 if the old version lacks it
    removed: DigestCounts  # digests of the old version's records the new file lacks
    old_records: int  # data records of the previous version

    @property
    def added_count(self) -> int:
        return self.added.count(1)

    def wanted(self, index: int) -> bool:
        """Whether the new file's data record at index is one it adds: the filter for parsing it."""
        return bool(self.added[index])

    def removed_claims(self, old_records: Iterator[list[str]], name: str) -> Iterator[Claim]:
        """The claims of the removed records, found in a second reading of the old version's records."""
        next(old_records, None)  # the header, the same as the new file's
        for batch in _batches(old_records):
            taken = self.removed.take(b"".join(map(digest, batch)))
            yield from self._parsed([fields for fields, gone in zip(batch, taken, strict=True) if gone], name)

    def _parsed(self, batch: list[list[str]], name: str) -> Iterator[Claim]:
        if not batch:
            return
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\n").writerows([self.header, *batch])
        text.seek(0)
        yield from iter_stream_claims(text, name)


def _batches(records: Iterator[list[str]]) -> Iterator[list[list[str]]]:
    while batch := list(itertools.islice(records, BATCH)):
        yield batch


def changes(path: Path, old_records: Iterator[list[str]]) -> Changes | None:
    """What the file at path changes against the records of its previous version (header first).

    None when a diff would not do: a different header (another table, or columns in another order),
    or more than MAX_CHANGED_SHARE of the records added or removed.
    """
    old_header = next(old_records, None)
    digests = bytearray()
    for fields in old_records:
        digests += digest(fields)
    count = len(digests) // 16
    old = DigestCounts(digests)
    del digests
    added = bytearray()
    with path.open(encoding="utf-8", newline="") as stream:
        records = iter_records(stream, str(path))
        header = next(records, None)
        if header is None or header != old_header:
            return None
        for batch in _batches(records):
            added += (~old.take(b"".join(map(digest, batch)))).astype(np.uint8).tobytes()
    old.keep_left()
    found = Changes(header=header, added=added, removed=old, old_records=count)
    if found.added_count + old.total() > MAX_CHANGED_SHARE * max(count, len(added), 1):
        return None
    return found
