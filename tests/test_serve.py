"""`kzgov db serve`: the embedded database on 127.0.0.1 for kzgov_reader only, with a password."""

from __future__ import annotations

import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from kzgov.cli import main
from kzgov.embedded import EmbeddedServer


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def home(server_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = server_home
    monkeypatch.setenv("KZGOV_HOME", str(home))
    monkeypatch.delenv("KZGOV_DATABASE_URL", raising=False)
    yield home
    EmbeddedServer(home).stop()


def _settings(output: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)


def test_serve_exposes_read_only_role_on_loopback(home: Path) -> None:
    port = _free_port()
    result = CliRunner().invoke(main, ["db", "serve", "--port", str(port), "--detach"])
    assert result.exit_code == 0, result.output
    settings = _settings(result.stdout)
    assert settings["host"] == "127.0.0.1" and settings["port"] == str(port) and settings["user"] == "kzgov_reader"
    assert stat.S_IMODE((home / "reader.password").stat().st_mode) == 0o600

    tcp = f"host=127.0.0.1 port={port} dbname=kzgov user=kzgov_reader password={settings['password']}"
    with psycopg.connect(tcp) as conn:
        assert conn.execute("select count(*) from kzgov.office_tenures").fetchone() == (0,)
        assert conn.execute("show password_encryption").fetchone() == ("scram-sha-256",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("insert into kzgov.jurisdiction (code, name) values ('XX', 'x')")

    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"host=127.0.0.1 port={port} dbname=kzgov user=kzgov_reader password=wrong").close()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"host=127.0.0.1 port={port} dbname=kzgov user=postgres").close()

    # Local (socket) use still works while serving, and the listener closes on request.
    server = EmbeddedServer(home)
    assert CliRunner().invoke(main, ["db", "url"]).stdout.strip() == server.url()
    server.listen_tcp(None)
    assert server.listening_tcp() is None
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(tcp, connect_timeout=3).close()


def test_serve_refuses_a_named_server(database_url: str) -> None:
    result = CliRunner().invoke(main, ["db", "serve", "--database-url", database_url, "--detach"])
    assert result.exit_code == 1
    assert "embedded server only" in result.stderr
