"""A system of record under pressure: concurrent loads, a load killed mid-way, noise, random sources."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzgov.loading import LoadError, load_paths
from kzgov.tables import FACT_TABLES

KZGOV = [sys.executable, "-m", "kzgov.cli"]


def logical_state(url: str) -> dict[str, list[tuple]]:
    """What a load sequence leaves behind, ignoring ids and timestamps: comparable across databases."""
    with psycopg.connect(url) as conn:
        state = {
            table: conn.execute(
                f"select s.key, t.claim_key, upper_inf(t.recorded) from kzgov_internal.{table} t"
                " join kzgov_internal.source s on s.id = t.source_id order by 1, 2, 3"
            ).fetchall()
            for table in FACT_TABLES
        }
        state["versions"] = conn.execute(
            "select s.key, v.version, v.sha256 from kzgov_internal.source_version v join"
            " kzgov_internal.source s on s.id = v.source_id"
            " order by 1, 2"
        ).fetchall()
        state["persons"] = conn.execute("select normalized from kzgov_internal.person_name order by 1").fetchall()
        state["names"] = conn.execute(
            "select jurisdiction_code, normalized from kzgov_internal.organization_name order by 1, 2"
        ).fetchall()
        state["offices"] = conn.execute(
            "select f.name, o.name from kzgov_internal.office f left join"
            " kzgov_internal.organization o on o.id = f.organization_id"
            " order by 1, 2"
        ).fetchall()
        state["inferences"] = conn.execute(
            "select t.claim_key, s.claim_key, i.inferred_until from kzgov_internal.tenure_inference i"
            " join kzgov_internal.office_tenure t on t.id = i.tenure_id join"
            " kzgov_internal.office_tenure s on s.id = i.successor_id"
            " where upper_inf(i.recorded) order by 1, 2"
        ).fetchall()
    return state


@pytest.mark.parametrize("run", range(5))
def test_four_concurrent_loads_equal_loading_one_after_another(make_database, seeds_dir: Path, run: int) -> None:
    seeds = sorted(seeds_dir.glob("*.txt"))
    # Overlapping and distinct sources: every seed is loaded by two of the four processes.
    batches = [[seeds[i], seeds[(i + 1 + run) % 4 if (i + 1 + run) % 4 != i else (i + 2) % 4]] for i in range(4)]
    with make_database() as concurrent, make_database() as sequential:
        procs = [
            subprocess.Popen(
                [*KZGOV, "load", *map(str, batch), "--database-url", concurrent],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for batch in batches
        ]
        outcomes = [proc.communicate(timeout=300) for proc in procs]
        for proc, (_out, err) in zip(procs, outcomes, strict=True):
            assert proc.returncode == 0, err
            assert "deadlock" not in err.lower()
        load_paths(sequential, seeds)
        assert logical_state(concurrent) == logical_state(sequential)


def _big_tenure_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("office,person,valid_from,valid_until,quote,jurisdiction\n")
        for i in range(rows):
            start = dt.date(1900, 1, 1) + dt.timedelta(days=i % 40000)
            handle.write(f"Mayor of Town {i % 997},Person {i},{start},,Person {i} became mayor,ZZ\n")


def test_killed_load_leaves_no_trace_and_next_run_loads_it_whole(database_url: str, tmp_path: Path) -> None:
    big = tmp_path / "big_register.csv"
    _big_tenure_csv(big, 150_000)
    proc = subprocess.Popen(
        [*KZGOV, "load", str(big), "--database-url", database_url], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    with psycopg.connect(database_url, autocommit=True) as conn:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            copying = conn.execute(
                "select count(*) from pg_stat_activity where datname = current_database() and query ilike 'copy%'"
            ).fetchone()[0]
            if copying:
                break
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.05)
        else:
            pytest.fail("the load never reached its COPY")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        # The server notices the dead client and rolls its transaction back.
        while conn.execute(
            "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
            " and backend_type = 'client backend'"
        ).fetchone()[0]:
            time.sleep(0.05)
        assert conn.execute("select count(*) from kzgov_internal.source where key = 'big_register'").fetchone() == (0,)
        assert conn.execute("select count(*) from kzgov_internal.office_tenure").fetchone() == (0,)
        assert conn.execute("select count(*) from kzgov_internal.source_version").fetchone() == (0,)

    (summary,) = load_paths(database_url, [big])
    assert summary.status == "new" and summary.counts["office_tenure"].added == 150_000


def test_fifty_megabytes_of_noise_is_refused_quickly(database_url: str, tmp_path: Path) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(os.urandom(50 * 1024 * 1024))
    started = time.monotonic()
    with pytest.raises(LoadError, match=r"noise\.txt:\d+: (binary data|not UTF-8)"):
        load_paths(database_url, [noise])
    assert time.monotonic() - started < 60  # a guard against a hang, not a performance figure


# -- properties over the structured format and the loader ---------------------------------------------

PEOPLE = ["Ann Vel", "Bo Ruz", "Cai Dorn", "Dita Moss", "Eli Varga"]
OFFICES = ["President", "Prime Minister", "Chair of the Senate"]


@st.composite
def tenure_rows(draw: st.DrawFn) -> list[tuple[str, str, dt.date, dt.date | None]]:
    count = draw(st.integers(min_value=1, max_value=8))
    rows = []
    for _ in range(count):
        start = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)))
        length = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=4000)))
        end = None if length is None else start + dt.timedelta(days=length)
        rows.append((draw(st.sampled_from(OFFICES)), draw(st.sampled_from(PEOPLE)), start, end))
    return rows


def _write_csv(path: Path, rows: list[tuple[str, str, dt.date, dt.date | None]]) -> None:
    lines = ["office,person,valid_from,valid_until,quote"]
    lines += [f"{o},{p},{s},{e or ''},{p} served as {o} from {s}" for o, p, s, e in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _answers(url: str, known_at: dt.datetime | None = None) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "select o.name, p.name, t.valid, t.claim_key from kzgov_internal.office_tenure t"
            " join kzgov_internal.office o on o.id = t.office_id join kzgov_internal.person p on p.id = t.person_id"
            " where t.recorded @> coalesce(%s, now()) order by 1, 2, 3, 4",
            (known_at,),
        ).fetchall()


PROPERTY_SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)


@PROPERTY_SETTINGS
@given(rows=tenure_rows())
def test_property_loading_twice_equals_loading_once(
    make_database, tmp_path_factory: pytest.TempPathFactory, rows: list[tuple]
) -> None:
    source = tmp_path_factory.mktemp("p") / "register.csv"
    _write_csv(source, rows)
    with make_database() as url:
        # Every list loads: overlapping tenures of one holder are claims of their own, the same row twice is one.
        load_paths(url, [source])
        once = logical_state(url)
        (again,) = load_paths(url, [source])
        assert again.status == "unchanged"
        assert logical_state(url) == once


@PROPERTY_SETTINGS
@given(first=tenure_rows(), second=tenure_rows())
def test_property_known_at_after_a_answers_what_a_alone_answered(
    make_database, tmp_path_factory: pytest.TempPathFactory, first: list, second: list
) -> None:
    folder_a, folder_b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    _write_csv(folder_a / "register.csv", first)
    _write_csv(folder_b / "register.csv", second)
    with make_database() as url:
        load_paths(url, [folder_a / "register.csv"])
        after_a = _answers(url)
        with psycopg.connect(url) as conn:
            moment = conn.execute("select clock_timestamp()").fetchone()[0]
        load_paths(url, [folder_b / "register.csv"])
        assert _answers(url, moment) == after_a
        # And no source ever holds one claim (its identity: claim_key) twice at one recorded moment.
        with psycopg.connect(url) as conn:
            twice = conn.execute(
                "select count(*) from kzgov_internal.office_tenure a join kzgov_internal.office_tenure b on a.id < b.id"
                " and a.source_id = b.source_id and a.claim_key = b.claim_key and a.recorded && b.recorded"
            ).fetchone()[0]
        assert twice == 0
