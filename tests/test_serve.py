"""`kzgov db serve`: the embedded database on 127.0.0.1 for kzgov_reader only, with a password."""

from __future__ import annotations

import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from serving import free_port, served_settings

from kzgov.cli import main
from kzgov.embedded import EmbeddedServer


@pytest.fixture
def home(server_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = server_home
    monkeypatch.setenv("KZGOV_HOME", str(home))
    monkeypatch.delenv("KZGOV_DATABASE_URL", raising=False)
    yield home
    EmbeddedServer(home).stop()


def test_serve_exposes_read_only_role_on_loopback(home: Path) -> None:
    port = free_port()
    result = CliRunner().invoke(main, ["db", "serve", "--port", str(port), "--detach"])
    assert result.exit_code == 0, result.output
    settings = served_settings(result.stdout)
    assert settings["host"] == "127.0.0.1" and settings["port"] == str(port) and settings["user"] == "kzgov_reader"
    assert stat.S_IMODE((home / "reader.password").stat().st_mode) == 0o600

    tcp = f"host=127.0.0.1 port={port} dbname=kzgov user=kzgov_reader password={settings['password']}"
    with psycopg.connect(tcp) as conn:
        assert conn.execute("select count(*) from kzgov.office_tenures").fetchone() == (0,)
        assert conn.execute("show password_encryption").fetchone() == ("scram-sha-256",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("insert into kzgov_internal.jurisdiction (code, name) values ('XX', 'x')")

    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"host=127.0.0.1 port={port} dbname=kzgov user=kzgov_reader password=wrong").close()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"host=127.0.0.1 port={port} dbname=kzgov user=postgres").close()

    # Local (socket) use still works while serving, and the listener closes on request.
    server = EmbeddedServer(home)
    assert CliRunner().invoke(main, ["db", "url"]).stdout.strip() == server.url()
    assert server.serving_tcp() == port
    with psycopg.connect(tcp) as reader:
        server.close_tcp()
        assert server.serving_tcp() is None
        with pytest.raises(psycopg.OperationalError):
            reader.execute("select 1")  # the session that came over TCP was ended with it
    with pytest.raises(psycopg.OperationalError, match=r"no pg_hba\.conf entry"):
        psycopg.connect(tcp, connect_timeout=3).close()


def _serve(port: int, *extra: str):
    return CliRunner().invoke(main, ["db", "serve", "--port", str(port), "--detach", *extra])


def _reader(port: int, output: str) -> str:
    return f"host=127.0.0.1 port={port} dbname=kzgov user=kzgov_reader password={served_settings(output)['password']}"


def _postmaster_pid(server: EmbeddedServer) -> int:
    return int((server.pgdata / "postmaster.pid").read_text().splitlines()[0])


def _writer(server: EmbeddedServer) -> psycopg.Connection:
    """A session of a load in progress: a transaction open on the kzgov database, with work not yet committed."""
    writer = psycopg.connect(server.url())
    writer.execute("create table if not exists work_in_flight (n int)")
    writer.commit()
    writer.execute("insert into work_in_flight values (1)")
    return writer


def test_serve_never_ends_work_in_flight(home: Path) -> None:
    server = EmbeddedServer(home)
    assert CliRunner().invoke(main, ["db", "upgrade"]).exit_code == 0
    port = free_port()

    # The server must restart to listen on TCP: with a transaction in flight, serve refuses, in one line.
    writer = _writer(server)
    pid = _postmaster_pid(server)
    refused = _serve(port)
    assert refused.exit_code == 1
    assert "must restart to listen on TCP" in refused.stderr and "1 session(s)" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    writer.execute("insert into work_in_flight values (2)")
    writer.commit()  # the transaction survived
    assert _postmaster_pid(server) == pid and server.listening_tcp() is None

    # With no session left, it restarts.
    writer.close()
    served = _serve(port)
    assert served.exit_code == 0, served.output
    listening_pid = _postmaster_pid(server)

    # From now on opening and closing are reloads: a transaction in flight goes on through both.
    writer = _writer(server)
    server.close_tcp()
    with pytest.raises(psycopg.OperationalError, match=r"no pg_hba\.conf entry"):
        psycopg.connect(_reader(port, served.stdout), connect_timeout=3).close()
    again = _serve(port)
    assert again.exit_code == 0, again.output
    with psycopg.connect(_reader(port, again.stdout)) as reader:
        assert reader.execute("select count(*) from kzgov.office_tenures").fetchone() == (0,)
    writer.execute("insert into work_in_flight values (3)")
    writer.commit()
    writer.close()
    assert _postmaster_pid(server) == listening_pid
    with psycopg.connect(server.url()) as conn:
        assert conn.execute("select count(*) from work_in_flight").fetchone() == (4,)  # two rows of each transaction


def test_serve_wait_restarts_once_work_in_flight_ends(home: Path) -> None:
    server = EmbeddedServer(home)
    assert CliRunner().invoke(main, ["db", "upgrade"]).exit_code == 0
    port = free_port()
    writer = _writer(server)
    command = ["db", "serve", "--port", str(port), "--detach", "--wait"]
    serve = subprocess.Popen(
        [sys.executable, "-c", "from kzgov.cli import main; main()", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(5)
        assert serve.poll() is None, serve.communicate()
        writer.execute("insert into work_in_flight values (2)")
        writer.commit()
        writer.close()
        out, err = serve.communicate(timeout=120)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    assert serve.returncode == 0, err
    with psycopg.connect(_reader(port, out)) as reader:
        assert reader.execute("select count(*) from kzgov.sources").fetchone() == (0,)
    with psycopg.connect(server.url()) as conn:
        assert conn.execute("select count(*) from work_in_flight").fetchone() == (2,)


def test_serve_refuses_a_named_server(database_url: str) -> None:
    result = CliRunner().invoke(main, ["db", "serve", "--database-url", database_url, "--detach"])
    assert result.exit_code == 1
    assert "embedded server only" in result.stderr


def _attack(tcp: str) -> None:
    """What kzgov_reader may do to itself: change its password (locking out every BI tool that uses
    reader.password) and give itself settings that persist."""
    with psycopg.connect(tcp, autocommit=True) as reader:
        reader.execute("alter role kzgov_reader password 'mine now'")
        reader.execute("alter role kzgov_reader set search_path = public")
        reader.execute("alter role kzgov_reader in database kzgov set work_mem = '77kB'")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(tcp, connect_timeout=3).close()
    hijacked = tcp.rsplit("password=", 1)[0] + "password='mine now'"
    with psycopg.connect(hijacked) as reader:
        assert reader.execute("show search_path").fetchone() == ("public",)
        assert reader.execute("show work_mem").fetchone() == ("77kB",)


def _assert_restored(tcp: str) -> None:
    with psycopg.connect(tcp) as reader:
        assert reader.execute("show search_path").fetchone() == ('"$user", public',)
        assert reader.execute("show work_mem").fetchone() == ("4MB",)
        assert reader.execute("select count(*) from kzgov.sources").fetchone() == (0,)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(tcp.rsplit("password=", 1)[0] + "password='mine now'", connect_timeout=3).close()


@pytest.mark.parametrize("restored_by", ["serve_again", "any_command"])
def test_reader_cannot_keep_changes_to_itself(home: Path, restored_by: str) -> None:
    port = free_port()
    served = _serve(port)
    assert served.exit_code == 0, served.output
    tcp = _reader(port, served.stdout)
    _attack(tcp)
    again = _serve(port) if restored_by == "serve_again" else CliRunner().invoke(main, ["db", "url"])
    assert again.exit_code == 0, again.output
    _assert_restored(tcp)


def test_foreground_serve_restores_the_reader_and_closes_on_interrupt(home: Path) -> None:
    import signal

    port = free_port()
    assert CliRunner().invoke(main, ["db", "upgrade"]).exit_code == 0
    serve = subprocess.Popen(
        [sys.executable, "-c", "from kzgov.cli import main; main()", "db", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert serve.stdout is not None
        output = "".join(serve.stdout.readline() for _ in range(7))
        tcp = _reader(port, output)
        _attack(tcp)
        deadline = time.monotonic() + 30
        while True:  # the serving process puts the role back within seconds
            try:
                _assert_restored(tcp)
                break
            except (psycopg.OperationalError, AssertionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        serve.send_signal(signal.SIGINT)
        _, err = serve.communicate(timeout=60)
        assert serve.returncode == 0, err
        assert "TCP closed to logins" in err
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    with pytest.raises(psycopg.OperationalError, match=r"no pg_hba\.conf entry"):
        psycopg.connect(tcp, connect_timeout=3).close()
