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

Each file is read once: the new one for its digests, then the old one, whose records are matched against
them as they come, so the ones removed are parsed there and then. Reading costs a few microseconds a
record (the C CSV reader and a digest); memory holds 20 bytes a record of the new file (its digest and its
place), never the records themselves, and then a flag for each new record. Digests are matched a batch at a
time with numpy, so the per-record work is the reading and the digest.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
from collections.abc import Callable, Iterable, Iterator
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
    numpy.unique would make. With in_order, it also keeps where each digest stood in the buffer (4 bytes
    a record), so that the copies left can be named by their place (left_positions).
    """

    def __init__(self, digests: bytearray, *, in_order: bool = False) -> None:
        keys = np.frombuffer(digests, dtype="S16")  # a writable view of the bytearray: sorted in place
        # Equal digests are equal bytes, so the stable argsort's order is the in-place sort's.
        self.order = np.argsort(keys, kind="stable").astype(np.int32) if in_order else None
        keys.sort()
        first = np.r_[True, keys[1:] != keys[:-1]] if len(keys) else np.empty(0, dtype=bool)
        self.starts: np.ndarray | None = None  # where each distinct digest's copies start (None: one copy each)
        if first.all():
            self.keys, self.left = keys, np.ones(len(keys), dtype=np.uint8)
        else:
            self.starts = np.flatnonzero(first)
            counts = np.diff(np.r_[self.starts, len(keys)])
            self.keys, self.left = keys[self.starts], counts.astype(np.min_scalar_type(counts.max()))
            self.counts = counts

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

    def left_positions(self) -> np.ndarray:
        """Where the copies left stood in the buffer (built in_order), ascending: of a digest given k times
        with j copies left, its last j copies. So the records of a new file that no old record took are its
        last copies of each record, as reading the new file against the old one in order would find them."""
        assert self.order is not None, "built without in_order"
        groups = np.flatnonzero(self.left)
        left = self.left[groups].astype(np.int64)
        if self.starts is None:
            places = groups  # one copy each: the group is the place in sorted order
        else:
            ends = self.starts[groups] + self.counts[groups]
            # For each group, the places ends - left .. ends - 1 (its last copies in the buffer's order).
            before = np.repeat(np.cumsum(left) - left, left)
            places = np.repeat(ends - left, left) + (np.arange(int(left.sum())) - before)
        return np.sort(self.order[places])


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
    removed_count: int  # records of the old version the new file lacks
    old_records: int  # data records of the previous version

    @property
    def added_count(self) -> int:
        return self.added.count(1)

    def wanted(self, index: int) -> bool:
        """Whether the new file's data record at index is one it adds: the filter for parsing it."""
        return bool(self.added[index])


def claims_of(header: list[str], records: list[list[str]], name: str) -> Iterator[Claim]:
    """The claims of some records of a file with that header, parsed as the file's own would be."""
    if not records:
        return
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\n").writerows([header, *records])
    text.seek(0)
    yield from iter_stream_claims(text, name)


def _batches(records: Iterator[list[str]]) -> Iterator[list[list[str]]]:
    while batch := list(itertools.islice(records, BATCH)):
        yield batch


def too_many(added: int, removed: int, old: int, new: int) -> bool:
    """Whether so much changed that reading the whole file costs about what a diff would."""
    return added + removed > MAX_CHANGED_SHARE * max(old, new, 1)


def changes(
    path: Path,
    old_records: Iterator[list[str]],
    *,
    old_count: int | None = None,
    on_removed: Callable[[list[list[str]]], None] | None = None,
) -> Changes | None:
    """What the file at path changes against the records of its previous version (header first).

    The new file is read first, for its digests; then the old records once, each taking its copy from
    the new file's: an old record with none left is one the new file removed, handed to on_removed (a
    batch at a time) as it is found, so the old version is read once, not again for what went. What no
    old record took is what the new file added.

    None when a diff would not do: a different header (another table, or columns in another order),
    or more than MAX_CHANGED_SHARE of the records added or removed. Given old_count (the records the old
    version is expected to have), the reading stops as soon as the records removed so far settle that,
    before on_removed is handed more of them.
    """
    old_header = next(old_records, None)
    digests = bytearray()
    with path.open(encoding="utf-8", newline="") as stream:
        records = iter_records(stream, str(path))
        header = next(records, None)
        if header is None or header != old_header:
            return None
        for batch in _batches(records):
            digests += b"".join(map(digest, batch))
    new_count = len(digests) // 16
    new = DigestCounts(digests, in_order=True)
    old = removed = 0
    for batch in _batches(old_records):
        taken = new.take(b"".join(map(digest, batch)))
        old += len(batch)
        gone = [fields for fields, kept in zip(batch, taken, strict=True) if not kept]
        removed += len(gone)
        # With old_count old records, those kept number old_count - removed, so new_count - that were added.
        if old_count is not None and too_many(new_count - old_count + removed, removed, old_count, new_count):
            return None
        if gone and on_removed is not None:
            on_removed(gone)
    added_count = new.total()
    if too_many(added_count, removed, old, new_count):
        return None
    added = np.zeros(new_count, dtype=np.uint8)
    added[new.left_positions()] = 1
    return Changes(header=header, added=bytearray(added.tobytes()), removed_count=removed, old_records=old)
