"""`kzgov load` as a person runs it: in a terminal (a pseudo-terminal here), with a progress line redrawn
in place, and in a pipe or a log, with one line per file; and stopped with Ctrl-C."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from kzgov.cli import CLOSING_INTERRUPTED
from kzgov.embedded import EmbeddedServer
from kzgov.migrations import HEAD

COLUMNS = 160  # the test terminals' width: wide enough for two files' steps on the progress line
KZGOV = [sys.executable, "-m", "kzgov.cli"]
HANG_GUARD_SECONDS = 900  # only so a hung load fails the test instead of the whole run; not a measure


def big_tenure_csv(path: Path, rows: int) -> Path:
    """A structured CSV of office tenures (the README's header), rows long."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("office,person,valid_from,valid_until,quote,jurisdiction\n")
        for i in range(rows):
            start = dt.date(1900, 1, 1) + dt.timedelta(days=i % 40000)
            handle.write(f"Mayor of Town {i % 997},Person {i},{start},,Person {i} became mayor,ZZ\n")
    return path


def _controlling_terminal() -> None:
    """In the child: make its standard input (the pseudo-terminal) its controlling terminal, as a login does,
    so a Ctrl-C typed there reaches it as SIGINT."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def run_in_terminal(
    args: list[str], on_output: Callable[[bytes, int], None] | None = None, columns: int = COLUMNS
) -> tuple[int, str]:
    """Run a command with a pseudo-terminal of the given width as its terminal (stdin, stdout and stderr);
    returns its exit code and everything it wrote there. on_output(output so far, terminal) is called as
    output comes and may type into the terminal (os.write)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen(
        args,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
        preexec_fn=_controlling_terminal,
    )
    os.close(terminal)
    output = bytearray()
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    try:
        while True:
            assert time.monotonic() < deadline, f"kzgov hung; it wrote: {output.decode(errors='replace')[-2000:]}"
            ready, _, _ = select.select([controller], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: every process holding the terminal has ended
                break
            if not chunk:
                break
            output += chunk
            if on_output is not None:
                on_output(bytes(output), controller)
        return proc.wait(), output.decode(errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(controller)


def progress_frames(output: str) -> list[str]:
    """The progress lines as drawn, one per redraw, without the erase-to-end-of-line that ends each."""
    return [frame.replace("\x1b[K", "") for frame in output.split("\r") if " MB  " in frame]


def redraws(output: str) -> int:
    """Carriage returns that go back over a line (a terminal ends each line with \\r\\n)."""
    return len(re.findall(r"\r(?!\n)", output))


def test_load_in_a_terminal_redraws_one_progress_line(database_url: str, seeds_dir: Path, tmp_path: Path) -> None:
    big = big_tenure_csv(tmp_path / "register.csv", 150_000)
    code, output = run_in_terminal([*KZGOV, "load", str(seeds_dir), str(big), "--database-url", database_url])
    assert code == 0, output
    assert "Traceback" not in output and "Error" not in output
    # A line redrawn in place: a bar of the bytes parsed, then each step of each file.
    assert redraws(output) >= 10
    # Two files load at a time: a seed still under way may be listed before register.csv on the same line.
    frames = progress_frames(output)
    parsing = r"\[#*\s*\]\s+\d+% \d+\.\d/\d+\.\d MB  (?:[^|]+ \| )*register\.csv: parsing"
    assert any(re.match(parsing, frame) for frame in frames), [f for f in frames if "register.csv" in f][:20]
    # Every line fits the terminal (one longer would wrap, and the next redraw would not go back over it).
    assert max(len(frame) for frame in frames) < COLUMNS
    for step in ("names", "writing", "commit"):
        assert f"register.csv: {step}" in output
    # Then the summary table, on a line of its own.
    assert "5 source(s): " in output and re.search(r"\nregister\s+new v1\s+office_tenure\s+150000", output)


def test_load_without_a_terminal_writes_one_line_per_file(database_url: str, seeds_dir: Path) -> None:
    done = subprocess.run(
        [*KZGOV, "load", str(seeds_dir), "--database-url", database_url], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "\r" not in done.stderr
    assert sorted(lines) == sorted(
        f"kzgov: {seeds_dir / name}: new v1, {added} added, 0 unchanged, 0 retired"
        for name, added in [
            ("000_612d0cc27c4ad863.txt", 28),
            ("001_2c6f85f279bc03f9.txt", 46),
            ("002_990544a2b7207c7a.txt", 14),
            ("003_e0c5cb5264b09767.txt", 4),
        ]
    )
    assert done.stdout.startswith("source ") and done.stdout.endswith("4 source(s): 92 added, 0 unchanged, 0 retired\n")


# -- Ctrl-C ---------------------------------------------------------------------------------------------

CTRL_C = b"\x03"


def _claims_of(url: str, key: str) -> tuple[int, int]:
    """The versions of a source and the claims they make, as the views show them."""
    with psycopg.connect(url) as conn:
        versions = conn.execute(
            "select count(*) from kzgov_internal.source_version v join kzgov_internal.source s on"
            " s.id = v.source_id where s.key = %s",
            (key,),
        ).fetchone()[0]
        claims = conn.execute("select count(*) from kzgov.office_tenures where source_key = %s", (key,)).fetchone()[0]
    return versions, claims


def _backends_of_others(url: str) -> list[tuple]:
    """Statements other sessions run on the database (a stopped load must leave none running)."""
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(
            "select pid, state, wait_event_type, left(query, 80) from pg_stat_activity"
            " where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'"
            " and state = 'active'"
        ).fetchall()


def test_ctrl_c_stops_a_load_rolls_it_back_and_exits_130(database_url: str, tmp_path: Path) -> None:
    big = big_tenure_csv(tmp_path / "register.csv", 150_000)
    typed: list[str] = []

    def interrupt_once_parsing(output: bytes, terminal: int) -> None:
        if not typed and re.search(rb"\d+% [\d.]+/[\d.]+ MB  register\.csv: parsing", output):
            os.write(terminal, CTRL_C)
            typed.append("^C")

    code, output = run_in_terminal([*KZGOV, "load", str(big), "--database-url", database_url], interrupt_once_parsing)
    assert typed, output
    assert code == 130, output
    assert "Traceback" not in output and "Aborted!" not in output
    assert f"kzgov: interrupted; rolled back, nothing of it written: {big}; nothing committed" in output
    assert _claims_of(database_url, "register") == (0, 0)
    with psycopg.connect(database_url) as conn:
        assert conn.execute("select count(*) from kzgov_internal.source where key = 'register'").fetchone() == (0,)
    assert _backends_of_others(database_url) == []


def test_ctrl_c_in_a_directory_keeps_the_files_committed_and_stops_the_statement_under_way(
    database_url: str, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    big = big_tenure_csv(folder / "register.csv", 150_000)
    small = folder / "003_e0c5cb5264b09767.txt"
    small.write_bytes((seeds_dir / small.name).read_bytes())
    (folder / "registry.csv").write_bytes((seeds_dir / "registry.csv").read_bytes())
    # Another session holds the register's source lock: its load waits on the server for it, in a
    # statement only a cancel can end, while the small file loads and commits.
    with psycopg.connect(database_url) as holder:
        holder.execute("select pg_advisory_xact_lock(hashtext('kzgov.source'), hashtext('register'))")
        typed: list[str] = []

        def interrupt_once_small_committed(_output: bytes, terminal: int) -> None:
            if not typed and _claims_of(database_url, small.stem)[0] == 1:
                os.write(terminal, CTRL_C)
                typed.append("^C")

        code, output = run_in_terminal(
            [*KZGOV, "load", str(folder), "--database-url", database_url], interrupt_once_small_committed
        )
        assert typed, output
        assert code == 130, output
        assert "Traceback" not in output and "Aborted!" not in output
        assert (
            f"kzgov: interrupted; rolled back, nothing of it written: {big}; committed before the interruption: {small}"
            in output
        )
        # The load's statement waiting for the lock was cancelled, not left waiting after the process ended.
        assert [row for row in _backends_of_others(database_url) if "advisory" in row[3]] == []
        holder.rollback()
    assert _claims_of(database_url, "register") == (0, 0)
    assert _claims_of(database_url, small.stem)[0] == 1
    with psycopg.connect(database_url) as conn:
        assert conn.execute("select count(*) from kzgov_internal.source where key = 'register'").fetchone() == (0,)
        assert (
            conn.execute(
                "select count(*) from kzgov.chamber_compositions where source_key = %s", (small.stem,)
            ).fetchone()[0]
            > 0
        )


# A Ctrl-C while kzgov closes its connections at the end of a command: the pool's dialect is made to send
# the process a real SIGINT from inside the closing of a connection, at the moment a person's Ctrl-C would
# land there, then to close the connection and say so.
INTERRUPTED_WHILE_CLOSING = """
import os, signal, sys
from sqlalchemy.engine.default import DefaultDialect

closing = DefaultDialect.do_close

def do_close(self, connection):
    os.kill(os.getpid(), signal.SIGINT)
    closing(self, connection)
    print("test: connection closed", file=sys.stderr)

DefaultDialect.do_close = do_close
from kzgov.cli import main
main(sys.argv[1:], prog_name="kzgov")
"""


@pytest.mark.parametrize("command", ["load", "db current"])
def test_ctrl_c_while_closing_says_so_in_one_line_and_exits_130(
    command: str, database_url: str, server_home: Path, seeds_dir: Path
) -> None:
    if command == "load":  # the first load in a new home: its engine upgraded the schema, then is disposed
        args, env = ["load", str(seeds_dir / "003_e0c5cb5264b09767.txt")], {"KZGOV_HOME": str(server_home)}
    else:
        args, env = ["db", "current", "--database-url", database_url], {}
    environment = {key: value for key, value in os.environ.items() if key != "KZGOV_DATABASE_URL"} | env
    try:
        done = subprocess.run(
            [sys.executable, "-c", INTERRUPTED_WHILE_CLOSING, *args],
            capture_output=True,
            text=True,
            env=environment,
            check=False,
            timeout=HANG_GUARD_SECONDS,
        )
    finally:
        if command == "load":
            EmbeddedServer(server_home).stop()
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines()[-2:] == ["test: connection closed", f"kzgov: {CLOSING_INTERRUPTED}"]
    assert "Traceback" not in done.stderr and "Aborted!" not in done.stderr and "Exception" not in done.stderr
    expected = "1 source(s): 4 added, 0 unchanged, 0 retired\n" if command == "load" else f"{HEAD} (head)\n"
    assert done.stdout.endswith(expected)
