"""A streamed (CSV) source's versions: its text stored in chunks, and a new version read as its changes.

A new version of a CSV source whose previous version is stored is read against it (kzgov.csvdiff): only
the records it adds are parsed and staged, and the claims of the records it drops are noted for retiring.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any, cast

import psycopg

from kzgov.claims import ParseError
from kzgov.loading import segments, staging
from kzgov.loading.files import SourceFile, blocks, decoded_blocks
from kzgov.loading.specs import SPECS
from kzgov.loading.summary import LoadError
from kzgov.parsing.csvformat import iter_records

if TYPE_CHECKING:
    from kzgov import csvdiff  # numpy: imported only when a source has a version to diff against


def current_claims(cur: psycopg.Cursor[Any], source_id: int) -> int:
    """How many claims the source makes now, in every fact table."""
    cur.execute("select segment from kzgov_internal.source where id = %s", (source_id,))
    segment = staging.scalar(cur)
    counts = " + ".join(
        f"(select count(*) from kzgov_internal.{spec.table} where {segments.of_source(spec.table)}"
        " and upper_inf(recorded))"
        for spec in SPECS
    )
    cur.execute(f"select {counts}", {"source_id": source_id, "segment": segment})
    return int(staging.scalar(cur))


def stored_text(cur: psycopg.Cursor[Any], version_id: int) -> Iterator[str]:
    """A version's text, a chunk at a time (or whole, for a version stored before chunks)."""
    cur.execute("select content from kzgov_internal.source_version where id = %s", (version_id,))
    content = staging.scalar(cur)
    if content is not None:
        yield content
        return
    seq = 0
    while True:
        row = cur.execute(
            "select content from kzgov_internal.source_version_chunk where source_version_id = %s and seq = %s",
            (version_id, seq),
        ).fetchone()
        if row is None:
            return
        yield row[0]
        seq += 1


def changes_since(
    cur: psycopg.Cursor[Any],
    source: SourceFile,
    source_id: int,
    previous_id: int,
    retire: staging.Context | None = None,
) -> csvdiff.Changes | None:
    """A CSV's changes against its source's previous version, when reading only them is exact and pays.

    Exact when every record of the previous version made a claim of its own (as many records as
    current claims: no restatements), so a record that disappears takes its claim with it.

    With retire (the context the old version's claims were staged in), the claim keys of the records
    the new version drops are staged in _stage_retired as they are found; when the changes will not do
    (None), nothing is left staged there, and the file is to be read whole.
    """
    from kzgov import csvdiff

    cur.execute("select format from kzgov_internal.source_version where id = %s", (previous_id,))
    if staging.scalar(cur) != "csv":
        return None
    current = current_claims(cur, source_id)
    try:
        old_records = stored_records(cur, source, previous_id)
        header = next(old_records, [])
        on_removed = None if retire is None else _retirer(cur, header, str(source.path), retire)
        found = csvdiff.changes(
            source.path, itertools.chain([header], old_records), old_count=current, on_removed=on_removed
        )
    except (ParseError, ValueError):
        # The previous text no longer reads as CSV, or a record it drops no longer parses: read the new file whole.
        found = None
    if found is None or found.old_records != current:
        if retire is not None:
            cur.execute("truncate _stage_retired")
        return None
    return found


def _retirer(
    cur: psycopg.Cursor[Any], header: list[str], name: str, ctx: staging.Context
) -> Callable[[list[list[str]]], None]:
    """What stages the claim keys of records a new version drops, a batch at a time, in _stage_retired."""
    from kzgov import csvdiff

    def stage(records: list[list[str]]) -> None:
        keys = [staging.stage_row(claim, ctx)[1]["claim_key"] for claim in csvdiff.claims_of(header, records, name)]
        # Each COPY is closed before the old text is read further, on the same connection.
        with cur.copy("copy _stage_retired (claim_key) from stdin") as copy:
            for key in keys:
                copy.write_row((key,))

    return stage


def stored_records(cur: psycopg.Cursor[Any], source: SourceFile, version_id: int) -> Iterator[list[str]]:
    """The records of a stored CSV version, header first."""
    from kzgov import csvdiff

    lines = csvdiff.lines_of(stored_text(cur, version_id))
    # iter_records reads its stream line by line, as the csv module does: lines will do.
    return iter_records(cast(IO[str], lines), f"{source.key} (version {version_id})")


def stage_chunks(cur: psycopg.Cursor[Any], source: SourceFile, tick: Callable[[], None] | None = None) -> None:
    """Stage a streamed source's text in order, block by block, checking it is still the file we digested.

    The chunks go to a temporary table first, so the file is read and sent while other loads hold the
    write lock; under it, one INSERT ... SELECT moves them (compressed once, here) into place.
    """
    hasher = hashlib.sha256()
    cur.execute("create temporary table _stage_chunk (seq int primary key, content text not null) on commit drop")
    with source.path.open("rb") as handle, cur.copy("copy _stage_chunk (seq, content) from stdin") as copy:
        texts = (text for text in decoded_blocks(source.path, blocks(handle), hasher) if text)
        for seq, text in enumerate(texts):
            if tick is not None:
                tick()
            copy.write_row((seq, text))
    if hasher.hexdigest() != source.sha256:
        raise LoadError(f"{source.path}: the file changed while it was being loaded; load it again")
