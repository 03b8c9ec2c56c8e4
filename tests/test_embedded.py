"""The embedded server: private, socket-only, shared between processes, recovers after a crash."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from kzgov.embedded import EmbeddedServer

START = (
    "import sys; from kzgov.embedded import EmbeddedServer; from pathlib import Path;"
    "s = EmbeddedServer(Path(sys.argv[1])); s.ensure_running();"
    "print((s.pgdata / 'postmaster.pid').read_text().splitlines()[0])"
)


@pytest.fixture
def server(server_home: Path) -> Iterator[EmbeddedServer]:
    server = EmbeddedServer(server_home)
    yield server
    server.stop()


def postmaster_pid(server: EmbeddedServer) -> int:
    return int((server.pgdata / "postmaster.pid").read_text().splitlines()[0])


def test_two_processes_starting_at_once_share_one_server(server: EmbeddedServer) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", START, str(server.home)], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    pids = {proc.communicate(timeout=120)[0].strip() for proc in procs}
    assert all(proc.returncode == 0 for proc in procs)
    assert pids == {str(postmaster_pid(server))}


def test_data_directory_is_private_and_no_tcp_port(server: EmbeddedServer) -> None:
    url = server.ensure_running()
    assert stat.S_IMODE(server.pgdata.stat().st_mode) == 0o700
    assert stat.S_IMODE(server.socket_dir.stat().st_mode) == 0o700
    with psycopg.connect(url) as conn:
        assert conn.execute("show listen_addresses").fetchone()[0] == ""


def test_running_server_is_reused(server: EmbeddedServer) -> None:
    server.ensure_running()
    first = postmaster_pid(server)
    server.ensure_running()
    assert postmaster_pid(server) == first


@pytest.mark.parametrize("stale_pid", ["dead", "alive_same_user_not_postgres"])
def test_stale_postmaster_pid_after_crash_is_recovered(server: EmbeddedServer, stale_pid: str) -> None:
    server.ensure_running()
    pid = postmaster_pid(server)
    lines = (server.pgdata / "postmaster.pid").read_text()
    os.kill(pid, 9)  # a crash: the postmaster dies without cleaning up
    _wait_gone(pid)
    # The pid file stays behind. After a reboot its PID may belong to another live process of the server's
    # own user, which PostgreSQL alone takes for a running postmaster and refuses to start.
    squatter = None
    if stale_pid == "dead":
        fake = 2**22 - 7
    else:
        user = server._server_user()
        ids = {"user": user, "group": user, "extra_groups": []} if user else {}
        squatter = subprocess.Popen(["sleep", "120"], cwd="/", **ids)
        fake = squatter.pid
    try:
        (server.pgdata / "postmaster.pid").write_text("\n".join([str(fake), *lines.splitlines()[1:]]) + "\n")
        with psycopg.connect(server.ensure_running()) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        assert postmaster_pid(server) not in (pid, fake)
    finally:
        if squatter is not None:
            squatter.kill()
            squatter.wait()


def test_live_server_is_recognised_without_proc(server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no /proc (macOS), a running server is still seen as running: its pid file is kept and the
    server reused, not taken for stale and removed from under it."""
    server.ensure_running()
    pid = postmaster_pid(server)
    import pathlib

    real_read_bytes, real_read_text = pathlib.Path.read_bytes, pathlib.Path.read_text

    def no_proc(real):
        def read(self, *args, **kwargs):
            if str(self).startswith("/proc/"):
                raise FileNotFoundError(2, "No such file or directory", str(self))
            return real(self, *args, **kwargs)

        return read

    monkeypatch.setattr(pathlib.Path, "read_bytes", no_proc(real_read_bytes))
    monkeypatch.setattr(pathlib.Path, "read_text", no_proc(real_read_text))
    assert server.is_running()
    server._remove_stale_pid_file()
    assert (server.pgdata / "postmaster.pid").exists()
    with psycopg.connect(server.ensure_running()) as conn:
        assert conn.execute("select pg_postmaster_start_time() is not null").fetchone() == (True,)
    assert postmaster_pid(server) == pid


def _wait_gone(pid: int) -> None:
    import time

    for _ in range(200):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} did not exit")
