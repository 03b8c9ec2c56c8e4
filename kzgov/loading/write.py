"""Writing one source version: its claims staged, its names resolved, its rows retired and inserted, in
one transaction (kzgov.loading describes the steps)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import psycopg

from kzgov import claims as c
from kzgov.claims import DEFAULT_JURISDICTION, ParseError
from kzgov.loading import resolve, segments, staging, versions
from kzgov.loading.files import SourceFile, iter_claims, read_source, watched
from kzgov.loading.specs import SPECS, ClaimSpec
from kzgov.loading.summary import LoadError, LoadSummary, PhaseClock, TableCounts, Watch
from kzgov.parsing import iter_csv_claims
from kzgov.registry import SourceInfo, registry_for


def load_source(
    conn: psycopg.Connection[Any],
    path: Path,
    *,
    published: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    before_commit: Callable[[], None] | None = None,
    watch: Watch | None = None,
) -> LoadSummary:
    """Load one source file in one transaction; returns what changed.

    before_commit, if given, runs last inside the transaction: raising there rolls the load back.
    watch, if given, is told each step as it begins (see Watch); raising there stops the load, rolled back.
    """
    clock = PhaseClock()
    clock.enter("reading")
    if watch is not None:
        watch("reading", None)
    source = read_source(path)
    try:
        info = registry_for(path)
        document, stream = iter_claims(source)
    except ParseError as exc:
        raise LoadError(str(exc)) from None
    return write_version(
        conn,
        source,
        document,
        stream,
        info=info,
        published=published,
        progress=progress,
        before_commit=before_commit,
        watch=watch,
        clock=clock,
    )


def write_version(
    conn: psycopg.Connection[Any],
    source: SourceFile,
    document: c.ParsedDocument,
    stream: Iterable[c.Claim],
    *,
    info: SourceInfo | None = None,
    published: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    before_commit: Callable[[], None] | None = None,
    watch: Watch | None = None,
    clock: PhaseClock | None = None,
) -> LoadSummary:
    """Write a parsed source as a new version of its source, in one transaction (nothing if unchanged).

    clock, if given, is told each phase as it begins (the summary's phases say where the time went)."""
    clock = clock or PhaseClock()
    clock.enter("reading")
    path = source.path
    step: Watch = watch or (lambda _step, _done: None)
    published_on = published or (info.published_on if info else None) or document.published
    retrieved_on = (info.retrieved_on if info else None) or dt.date.today()
    ctx = staging.Context(published_on, retrieved_on, document.latest_date_mentioned)
    with conn.transaction(), conn.cursor() as cur:
        # Loads of one source serialise; loads of different sources stage their claims side by side.
        cur.execute("select pg_advisory_xact_lock(hashtext('kzgov.source'), hashtext(%s))", (source.key,))
        # A new source is written once its claims are staged, under the write lock: its segment (which
        # partition of office_tenure holds its claims) depends on how many it makes.
        cur.execute("select id, segment from kzgov_internal.source where key = %s", (source.key,))
        known = cur.fetchone()
        source_id, segment = known if known is not None else (None, 0)
        latest = None
        if source_id is not None:
            cur.execute(
                "select version, sha256, published_on, id from kzgov_internal.source_version where source_id = %s"
                " order by version desc limit 1",
                (source_id,),
            )
            latest = cur.fetchone()
        if (
            source_id is not None
            and latest is not None
            and latest[1] == source.sha256
            and (published is None or latest[2] == published)
        ):
            if resolve.holding_changed(cur):  # the vocabulary changed which offices have one holder at a time
                cur.execute("select pg_advisory_xact_lock(hashtext('kzgov.dimensions'), 0)")
                cur.execute("select set_config('kzgov.recorded_at', clock_timestamp()::text, true)")
                changed = resolve.sync_office_holding(cur)
                cur.execute("select * from kzgov_internal.refresh_tenure_inferences(%s::bigint[])", (changed,))
            unchanged = _unchanged_summary(cur, source, source_id, segment, latest[0])
            unchanged.phases = clock.stop()
            return unchanged
        version = 1 if latest is None else latest[0] + 1
        staging.create_staging(cur)
        restated: list[c.Uncovered] = []
        # A streamed CSV with a previous version is read as its changes: the records it adds are parsed
        # and staged, the claims of those it drops are noted for retiring; the rest stays as it is.
        changes = None
        if source_id is not None and latest is not None and source.text is None:
            previous_id = latest[3]
            old_ctx = staging.Context(published_on, retrieved_on, None)
            changes = versions.changes_since(cur, source, source_id, previous_id, retire=old_ctx)
            if changes is not None:
                stream = iter_csv_claims(path, wanted=changes.wanted)
        step("parsing", 0)
        clock.enter("parsing and staging")
        try:
            if watch is not None:
                stream = watched(stream, source, watch)
            rows: Iterable[staging.Row] = (staging.stage_row(claim, ctx) for claim in stream)
            if source.format != "csv":  # a document is small; a structured file streams as it is
                rows, restated = staging.merge_restatements(list(rows))
            staged = staging.copy_claims(cur, iter(rows), progress)
        except ParseError as exc:
            raise LoadError(str(exc)) from None
        except psycopg.DataError as exc:  # a value the parsers let through and the database cannot hold
            raise LoadError(f"{path}: refused by the database: {_refusal(exc)}") from None
        if staged == 0 and changes is None and source.format == "csv":
            raise LoadError(f"{path}: no facts found")
        # From here on the shared name tables are written: one load at a time, so names are never
        # created twice and no two loads wait on each other's rows in opposite orders.
        step("names", None)
        clock.enter("name keys")
        for spec in SPECS:  # temporary tables are never analysed automatically
            cur.execute(f"analyze {staging.stage_name(spec.table)}")
        resolve.refer(cur)
        if source.text is None:
            step("storing text", None)
            clock.enter("storing text")
            versions.stage_chunks(cur, source, lambda: step("storing text", None))
        step("waiting for other loads", None)
        clock.enter("waiting for the write lock")
        cur.execute("select pg_advisory_xact_lock(hashtext('kzgov.dimensions'), 0)")
        step("writing", None)
        clock.enter("resolving names")
        # Recorded time of everything this load writes: now, after the lock, so it follows every earlier
        # load's commit. (The transaction's start would not: a load started before another that
        # committed first would close that one's rows, inferences included, before they were opened.)
        cur.execute("select set_config('kzgov.recorded_at', clock_timestamp()::text, true)")
        if source_id is None:
            segment = segments.choose(cur)
            cur.execute(
                "insert into kzgov_internal.source (key, jurisdiction_code, segment) values (%s, %s, %s) returning id",
                (source.key, DEFAULT_JURISDICTION, segment),
            )
            source_id = staging.scalar(cur)
        cur.execute(
            "insert into kzgov_internal.source_version (source_id, version, sha256, content, format,"
            " title, kind, publisher,"
            " url, published_on, retrieved_on, latest_date_mentioned, file_name)"
            " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) returning id",
            (
                source_id,
                version,
                source.sha256,
                source.text,
                document.format,  # the reader that read it: a seed layout, text, markdown, html or csv
                (info.title if info and info.title else document.title),
                info.kind if info else None,
                info.publisher if info else None,
                info.url if info else None,
                published_on,
                retrieved_on,
                document.latest_date_mentioned,
                path.name,
            ),
        )
        version_id = staging.scalar(cur)
        if source.text is None:
            cur.execute(
                "insert into kzgov_internal.source_version_chunk (source_version_id, seq, content)"
                " select %s, seq, content from _stage_chunk order by seq",
                (version_id,),
            )
        resolve.sync_aliases(cur)
        try:
            resolve.resolve(cur)
        except psycopg.errors.IntegrityError as exc:  # a name the parsers let through (one with no letter)
            raise LoadError(f"{path}: refused by the database: {_refusal(exc)}") from None
        # Offices the vocabulary now says have one holder at a time, or several: their inferences change.
        changed = resolve.sync_office_holding(cur)
        if changed:
            cur.execute("insert into _touched_offices select unnest(%s::bigint[])", (changed,))
        summary = LoadSummary(key=source.key, file=path, status="new" if latest is None else "changed", version=version)
        clock.enter("inserting claims")
        try:
            for spec in SPECS:
                summary.counts[spec.table] = _apply(
                    cur,
                    spec,
                    source_id,
                    version_id,
                    segment,
                    diff=changes is not None,
                    own_segment=segment > 0 and latest is None and spec.table in segments.SEGMENTED,
                    clock=clock,
                )
        except LoadError as exc:
            raise LoadError(f"{path}:{exc}") from None
        except psycopg.errors.IntegrityError as exc:
            raise LoadError(f"{path}: refused by the database: {_refusal(exc)}") from None
        for item in [*document.uncovered, *restated]:
            cur.execute(
                "insert into kzgov_internal.uncovered_sentence (source_version_id, quote,"
                " quote_start, quote_end, quote_line,"
                " reason) values (%s, %s, %s, %s, %s, %s)",
                (
                    version_id,
                    item.evidence.quote,
                    item.evidence.start,
                    item.evidence.end,
                    item.evidence.line,
                    item.reason,
                ),
            )
        summary.uncovered, summary.restated = len(document.uncovered), len(restated)
        # Inferences follow from the claims of one office: only the offices this load changed can change.
        clock.enter("refreshing inferences")
        _analyze_if_grown(cur, "office_tenure", segment, summary.counts["office_tenure"].added)
        cur.execute(
            "select * from kzgov_internal.refresh_tenure_inferences(array(select distinct office_id"
            " from _touched_offices))"
        )
        if before_commit is not None:
            clock.enter("checking other files")
            before_commit()
        clock.enter("commit")
    summary.phases = clock.stop()
    return summary


# The columns of a fact table whose statistics the plans after a load are chosen from: what the inference
# refresh and the point-in-time functions join and filter on. The others (the quote, the claim key, ...)
# are left to autovacuum: the long text columns cost the most to analyze and steer none of those plans.
_PLANNED_COLUMNS = {
    "office_tenure": ("id", "office_id", "person_id", "source_id", "basis", "valid", "recorded", "jurisdiction_code"),
}


def _analyze_if_grown(cur: psycopg.Cursor[Any], table: str, segment: int, added: int) -> None:
    """Refresh the statistics this load's rows leave stale: of the partition it wrote to (its source's
    segment) when it grew that by more than a tenth, and of the table as a whole when it grew that by more
    than a tenth. The plans that follow are chosen from them: a partition's scans from its own, the joins over
    the whole table (the inference refresh, the point-in-time functions) from the table's, which autovacuum
    never gathers for a partitioned table. Autovacuum has not seen rows this transaction has not committed
    either; ANALYZE counts them: they are its own.

    Only the columns those plans read are analyzed. office_id is sampled from 300,000 rows (revision 0011),
    so the whole table's analysis took 5.0 s at 9.8M claims; these columns take 3.3 s. Before PostgreSQL 18,
    ANALYZE of a partitioned table analyzes every partition as well; from 18 on, ONLY limits it to the
    table's own statistics."""
    if not added:
        return
    columns = ", ".join(_PLANNED_COLUMNS[table])
    partition = f"kzgov_internal.{segments.partition_name(table, segment)}"
    whole = f"kzgov_internal.{table}"

    def grown(relation: str) -> bool:
        cur.execute("select reltuples from pg_class where oid = %s::regclass", (relation,))
        return added > max(float(staging.scalar(cur)), 0.0) / 10  # -1: never analysed

    only = cur.connection.info.server_version >= 180000
    if grown(whole):
        cur.execute(f"analyze {'only ' if only else ''}{whole} ({columns})")
        if not only:
            return  # the partitions were analyzed with it
    if grown(partition):
        cur.execute(f"analyze {partition} ({columns})")


def _counted(statement: str, spec: ClaimSpec) -> str:
    """statement, counting the rows it changes; changes to claims naming an office note it in
    _touched_offices (the offices whose inferred ends of tenure may change)."""
    if not spec.offices():
        return f"with changed as ({statement} returning 1) select count(*) from changed"
    return (
        f"with changed as ({statement} returning office_id),"
        " noted as (insert into _touched_offices select distinct office_id from changed)"
        " select count(*) from changed"
    )


def insert_statement(spec: ClaimSpec, up_to_line: bool = False, into: str | None = None) -> str:
    """The INSERT of a kind's staged claims the source does not make yet (params: source_id, version_id and,
    for a table partitioned by segment, segment; with up_to_line, only those quoted on or before line up_to).

    into: a new table of the kind's columns, not yet a partition (kzgov.loading.segments), for a new source's
    claims: all of them, with the ids and recorded period the table's identity and trigger would give."""
    stage = staging.stage_name(spec.table)
    common = [col for col in staging.COMMON if col != "jurisdiction_code"]
    targets = spec.targets()
    columns = ["source_id", "source_version_id", "jurisdiction_code", *common, *targets]
    casts = {"valid": "s.valid::daterange"}
    expressions = [
        "%(source_id)s",
        "%(version_id)s",
        "s.jurisdiction_code",
        *(casts.get(col, f"s.{col}") for col in common),
        *targets.values(),
    ]
    if spec.table in segments.SEGMENTED:
        columns.append("segment")
        expressions.append("%(segment)s")
    new = (
        f"where not exists (select 1 from kzgov_internal.{spec.table} t where {segments.of_source(spec.table, 't')}"
        "  and upper_inf(t.recorded) and t.claim_key = s.claim_key)"
    )
    if into is not None:
        identity = f"pg_get_serial_sequence('kzgov_internal.{spec.table}', 'id')"
        columns += ["id", "recorded"]
        expressions += [f"nextval({identity})", "tstzrange(kzgov_internal.recorded_now(), null, '[)')"]
        new = "where true"
    return (
        f"insert into kzgov_internal.{into or spec.table} ({', '.join(columns)})"
        f" select distinct on (s.claim_key) {', '.join(expressions)} from {stage} s {spec.joins()} {new}"
        + (" and s.quote_line <= %(up_to)s" if up_to_line else "")
        + " order by s.claim_key, s.quote_start"
    )


def _apply(
    cur: psycopg.Cursor[Any],
    spec: ClaimSpec,
    source_id: int,
    version_id: int,
    segment: int,
    diff: bool,
    own_segment: bool = False,
    clock: PhaseClock | None = None,
) -> TableCounts:
    """Retire the source's current claims the new version no longer makes and insert the new ones.

    Staged are the version's claims; with diff, only those of the records it adds, and the claims of
    the records it drops are in _stage_retired: only those can be retired. With own_segment (a new source
    given a segment of its own), the claims are written into a new partition (kzgov.loading.segments).
    """
    table, stage = spec.table, staging.stage_name(spec.table)
    params = {"source_id": source_id, "version_id": version_id, "segment": segment}
    retire = (
        f"update kzgov_internal.{table} t set recorded = tstzrange(lower(t.recorded), kzgov_internal.recorded_now())"
        f" where {segments.of_source(table, 't')} and upper_inf(t.recorded)"
        f" and not exists (select 1 from {stage} s where s.claim_key = t.claim_key)"
    )
    if diff:
        retire += " and t.claim_key in (select claim_key from _stage_retired)"
    cur.execute(_counted(retire, spec), params)
    retired = staging.scalar(cur)
    cur.execute("savepoint kzgov_insert")
    try:
        if own_segment:
            detached = segments.create_detached(cur, table, segment)
            cur.execute(_counted(insert_statement(spec, into=detached), spec), params)
            added = staging.scalar(cur)
            if clock is not None:
                clock.enter("indexing a new segment")
            segments.attach(cur, table, segment)  # builds the indexes, checks the keys
            if clock is not None:
                clock.enter("inserting claims")
        else:
            cur.execute(_counted(insert_statement(spec), spec), params)
            added = staging.scalar(cur)
    except psycopg.errors.IntegrityError as exc:
        cur.execute("rollback to savepoint kzgov_insert")
        if own_segment:  # the claims are tried row by row, as any source's, to find the first refused
            segments.create_attached(cur, table, segment)
        line = _first_refused_line(cur, spec, params)
        where = f"{line}:" if line is not None else ""
        raise LoadError(f"{where} refused by the database: {_refusal(exc)}") from None
    if diff:  # what the new version states is what was current and not retired, plus what it adds
        current = (
            f"select count(*) from kzgov_internal.{table} where {segments.of_source(table)} and upper_inf(recorded)"
        )
        cur.execute(current, params)
    else:
        cur.execute(f"select count(distinct claim_key) from {stage}")
    staged = staging.scalar(cur)
    for part in spec.parts:  # a staged claim a join found nothing for was not inserted: say which and why
        unmatched = part.unmatched(stage)
        if unmatched is None:
            continue
        query, message = unmatched
        cur.execute(
            f"{query} where not exists (select 1 from kzgov_internal.{table} t where {segments.of_source(table, 't')}"
            "  and upper_inf(t.recorded) and t.claim_key = s.claim_key) limit 1",
            params,
        )
        missing = cur.fetchone()
        if missing is not None:
            raise LoadError(message.format(*missing))
    return TableCounts(added=added, unchanged=staged - added, retired=retired)


def _first_refused_line(cur: psycopg.Cursor[Any], spec: ClaimSpec, params: dict[str, Any]) -> int | None:
    """The first line of the source whose claim the database refuses (None when the claims name no lines):
    the INSERT is tried on the claims up to a line, halving the range each time, and undone every time."""
    cur.execute(f"select min(quote_line), max(quote_line) from {staging.stage_name(spec.table)}")
    low, high = cur.fetchone() or (None, None)
    if low is None or high is None:
        return None
    statement = insert_statement(spec, up_to_line=True)
    while low < high:  # invariant: the claims up to high are refused, those up to low - 1 are not
        middle = (low + high) // 2
        cur.execute("savepoint kzgov_probe")
        try:
            cur.execute(statement, params | {"up_to": middle})
            refused = False
        except psycopg.errors.IntegrityError:
            refused = True
        cur.execute("rollback to savepoint kzgov_probe")
        low, high = (low, middle) if refused else (middle + 1, high)
    return int(high)


def _refusal(exc: psycopg.Error) -> str:
    """What the database refused, in its words, with the field when it names one (never the whole row)."""
    diag = exc.diag
    primary = (diag.message_primary or str(exc)).splitlines()[0]
    found = re.search(r"\bcolumn (\w+)", diag.context or "")  # e.g. COPY _stage_x, line 1, column rank: "..."
    column = diag.column_name or (found.group(1) if found else None)
    return f"{primary} (field {column})" if column else primary


def _unchanged_summary(
    cur: psycopg.Cursor[Any], source: SourceFile, source_id: int, segment: int, version: int
) -> LoadSummary:
    summary = LoadSummary(key=source.key, file=source.path, status="unchanged", version=version)
    for spec in SPECS:
        cur.execute(
            f"select count(*) from kzgov_internal.{spec.table} where {segments.of_source(spec.table)}"
            " and upper_inf(recorded)",
            {"source_id": source_id, "segment": segment},
        )
        summary.counts[spec.table] = TableCounts(unchanged=staging.scalar(cur))
    return summary
