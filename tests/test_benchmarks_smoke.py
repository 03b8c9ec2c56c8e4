"""The benchmark generator and runner, end to end at a tiny size.

Only that every figure is produced is checked, never how fast anything was. The runner starts its own
embedded server in a KZGOV_HOME under tmp_path; the test stops it whatever happens.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kzgov.loading.summary import PHASES

REPO = Path(__file__).resolve().parent.parent
CLAIMS = 2000
QUERIES = (
    "office_holders_on",
    "chamber_seats_on",
    "office_holders_on, BI filter",
    "chamber_seats_on, BI filter",
    "office_holders_on known_at",
)
TARGETS = (
    "load_claims_per_second",
    "load_vs_to_sql",
    "reload_unchanged_fraction",
    "reload_changed_fraction",
    "peak_rss_mb",
    "cold_start_seconds",
    "warm_who_seconds",
)


def _env() -> dict[str, str]:
    """This environment without a named server: the benchmark must use its own embedded one."""
    return {k: v for k, v in os.environ.items() if k not in ("KZGOV_DATABASE_URL", "KZGOV_HOME")}


def _module(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, env=_env(), capture_output=True, text=True, timeout=timeout
    )


def _figure(data: dict, path: str) -> object:
    for part in path.split("."):
        assert isinstance(data, dict) and part in data, f"no {path} (missing {part!r})"
        data = data[part]
    assert data is not None, f"{path} is None"
    return data


def test_generator_writes_a_changed_version_with_the_same_file_names(tmp_path: Path) -> None:
    sources, changed = tmp_path / "sources", tmp_path / "changed"
    done = _module(
        "benchmarks.generate", "--size", str(CLAIMS), "--out", str(sources), "--changed", str(changed), timeout=60
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads((sources / ".manifest.json").read_text())
    names = sorted(p.name for p in sources.iterdir() if not p.name.startswith("."))
    assert names == sorted(manifest["files"]) == sorted(p.name for p in changed.iterdir())
    assert all(name.endswith(".csv") for name in names)  # kzgov load DIR takes every visible file as a source
    assert manifest["claims"] == sum(manifest["files"].values()) == CLAIMS
    assert any((sources / n).read_bytes() != (changed / n).read_bytes() for n in names)


def test_runner_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # The KZGOV_HOMEs live outside pytest's temporary root: as root, the server runs as another user that must
    # traverse to its data directory, and a pytest session starting meanwhile resets that root to mode 0700.
    homes = Path(tempfile.mkdtemp(prefix="kzgov-bench-smoke-"))
    try:
        done = _module(
            "benchmarks.run",
            "--size",
            str(CLAIMS),
            "--out",
            str(out),
            "--home",
            str(homes),
            "--data",
            str(tmp_path / "data"),
            "--runs",
            "20",
            "--query-budget",
            "1",
            "--who-runs",
            "2",
            timeout=240,
        )
    finally:
        # The runner stops its server; after a crash or a timeout this is what stops it.
        for home in homes.iterdir():
            subprocess.run(
                [sys.executable, "-m", "kzgov.cli", "db", "stop"],
                cwd=REPO,
                env={**_env(), "KZGOV_HOME": str(home)},
                capture_output=True,
                timeout=120,
            )
        leftovers = list(homes.iterdir())
        shutil.rmtree(homes, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-3000:]

    [json_file] = out.glob("results-*.json")
    [markdown_file] = out.glob("results-*.md")
    results = json.loads(json_file.read_text())
    for path in ("date", "command", "git_commit", "machine.cpus", "machine.cpu_model", "machine.ram_gib"):
        _figure(results["meta"], path)
    _figure(results["meta"], "versions.python")
    [size] = results["sizes"]
    assert size["claims"] == CLAIMS
    for path in (
        "load.first.seconds",
        "load.first.claims_per_second",
        "baselines.copy.claims_per_second",
        "baselines.to_sql.claims_per_second",
        "load.vs_copy",
        "load.vs_to_sql",
        "load.unchanged.fraction_of_first",
        "load.changed.fraction_of_first",
        "memory.first_load_mb",
        "memory.peak_mb",
        "cold_start.seconds",
        "warm_who.median_seconds",
    ):
        assert _figure(size, path) >= 0, path
    assert _figure(size, "server.server_version").startswith("18")
    # The loads did what they say: everything new, then nothing, then the 1% changed.
    load = size["load"]
    assert load["first"]["added"] == CLAIMS
    assert load["unchanged"]["unchanged"] == CLAIMS and load["unchanged"]["added"] == 0
    assert load["changed"]["retired"] == load["changed"]["added"] == size["changed_claims"] > 0
    assert 0 < size["memory"]["peak_mb"] < 10_000
    # Where the first load's time went, phase by phase (kzgov load --timings).
    assert list(load["first"]["phases"]) == list(PHASES)
    assert load["first"]["phases"]["inserting claims"] > 0

    queries = _figure(size, "point_in_time.queries")
    assert sorted(queries) == sorted(QUERIES)
    for name in QUERIES:
        query = queries[name]
        for key in ("median_ms", "p95_ms", "indexes_off_ratio"):
            assert query[key] > 0, (name, key)
        assert query["indexes_off"]["median_ms"] > 0
        assert isinstance(query["gist_index_on_fact_table"], bool)
        assert isinstance(query["valid_time_by_gist_index"], bool)
        plan = (out / query["plan_file"]).read_text()
        # The function is inlined: its fact table is read in the query's own plan, not behind a Function Scan.
        function = name.split(",")[0].split(" ")[0]
        assert f"Function Scan on {function}" not in plan and f" on {query['fact_table']}" in plan, name
    # The planner's count of offices beside the real one (the statistics are read where the tables are).
    state = _figure(size, "point_in_time.statistics_after")
    assert {"office_tenure", "chamber_composition"} <= set(state)
    assert state["office_tenure"]["live_rows"] > 0
    assert _figure(state, "office_tenure_offices.actual") > 0
    # kzgov who's own question, its plan saved beside the others.
    who = size["warm_who"]
    assert " on office_tenure" in (out / who["plan_file"]).read_text()
    assert who["fact_table_scans"]
    verdicts = size["verdicts"]
    assert set(TARGETS) <= set(verdicts)
    assert all(v.startswith(("pass", "miss")) for v in verdicts.values()), verdicts

    markdown = markdown_file.read_text()
    assert markdown.strip() in done.stdout
    for row in (
        "| kzgov load (first) |",
        "| COPY baseline |",
        "| pandas to_sql baseline |",
        "| kzgov / COPY |",
        "| kzgov / to_sql |",
        "| re-load, unchanged |",
        "| re-load, 1% changed |",
        "| peak RSS of kzgov load",
        "| cold start",
        "| warm kzgov who",
        *(f"| {name}: median / p95 |" for name in QUERIES),
        *(f"| {name}: GiST index scan on the fact table |" for name in QUERIES),
        *(f"| {name}: index and bitmap scans off |" for name in QUERIES),
        *(f"| {phase} |" for phase in PHASES),
    ):
        assert row in markdown, row
    assert leftovers == []  # the runner stopped its server and removed its KZGOV_HOME


def test_peak_memory_is_the_commands_own_not_that_of_the_runner_which_started_it() -> None:
    # The runner holds a generated data set while it starts loads; a command's figure must not include it.
    script = """
import json, sys
from benchmarks.run import run_measured
held = b"r" * (300 << 20)
big = run_measured([sys.executable, "-c", "import time; x = b'c' * (150 << 20); time.sleep(0.3)"], {})
small = run_measured([sys.executable, "-c", "import time; time.sleep(0.3)"], {})
print(json.dumps([[f.max_rss_kb, f.largest_process_kb] for f in (big, small)]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=_env(), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (big_peak, big_largest), (small_peak, small_largest) = json.loads(done.stdout)
    assert big_largest >= 150 << 10 and big_peak >= big_largest
    assert 0 < small_largest <= small_peak < 100 << 10


def test_parse_benchmark_reports_dense_prose_of_each_size() -> None:
    done = _module("benchmarks.parse", "--repeat", "1", "--long", "1", "--dense", "2000", "8000", timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = re.findall(r"^\| (\d+) \| (\d+) \| [\d.]+ \| [\d.]+ \| \d+x \|$", done.stdout, re.MULTILINE)
    assert [int(chars) // 1000 for chars, _claims in rows] == [2, 8], done.stdout
    assert all(int(claims) > 0 for _chars, claims in rows)


def test_the_runner_knows_kzgov_indexes_where_the_tables_are(database_url: str) -> None:
    """The plans name an index, not always its table: the runner maps each of kzgov's indexes to its table
    and access method, read from the schema the tables are in."""
    from benchmarks.run import kzgov_indexes

    indexes = kzgov_indexes(database_url)
    assert indexes["ix_office_tenure_office_id_valid"] == ("office_tenure", "gist")
    assert indexes["ix_chamber_composition_organization_id_valid"] == ("chamber_composition", "gist")
