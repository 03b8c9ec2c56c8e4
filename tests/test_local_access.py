"""Another local user against the embedded server: its home, socket directory and log are private, a directory
planted where the socket goes is never used (nor followed), and the socket admits only kzgov's own user."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from kzgov.cli import main
from kzgov.embedded import SERVER_USER, EmbeddedServer, EmbeddedServerError, bin_dir

OTHER = "nobody"
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root, to act as another local user (nobody) with runuser")


def as_other(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["runuser", "-u", OTHER, "--", *args], capture_output=True, text=True, check=check, cwd="/")


def other_uid_of(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid


def other_uid() -> int:
    return other_uid_of(OTHER)


@pytest.fixture
def deep_home(server_home: Path) -> Iterator[Path]:
    """A KZGOV_HOME too deep for its socket to live in it."""
    home = server_home / ("deep" * 25)
    home.mkdir(mode=0o700)
    yield home
    server = EmbeddedServer(home)
    server.stop()
    if server.socket_dir.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(server.socket_dir, ignore_errors=True)


@pytest.fixture
def server(server_home: Path) -> Iterator[EmbeddedServer]:
    server = EmbeddedServer(server_home)
    yield server
    server.stop()


def _old_socket_dir(home: Path) -> Path:
    """Where kzgov used to put the socket of a deep home: a name anyone could compute."""
    return Path(tempfile.gettempdir()) / f"kzgov-{hashlib.sha256(str(home).encode()).hexdigest()[:12]}"


def _assert_private_to_server(server: EmbeddedServer, path: Path) -> None:
    info = path.lstat()
    assert stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o700
    assert info.st_uid == (other_uid_of(SERVER_USER) if os.geteuid() == 0 else os.geteuid())


@as_root
@pytest.mark.parametrize("planted", ["open_directory", "symlink"])
def test_socket_directory_planted_by_another_user_is_not_used(deep_home: Path, planted: str) -> None:
    guess = _old_socket_dir(deep_home)
    target = Path(tempfile.mkdtemp(prefix="kzgov-test-target-"))
    os.chown(target, other_uid(), -1)
    try:
        if planted == "open_directory":
            as_other("mkdir", "-m", "777", str(guess))
        else:
            as_other("ln", "-s", str(target), str(guess))
        server = EmbeddedServer(deep_home)
        with psycopg.connect(server.ensure_running()) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        assert server.socket_dir != guess
        assert server.socket_dir.parent == Path(tempfile.gettempdir())
        _assert_private_to_server(server, server.socket_dir)
        assert target.stat().st_uid == other_uid()  # the link's target was not given to the server
        assert guess.lstat().st_uid == other_uid()
    finally:
        if guess.is_symlink():
            guess.unlink()
        else:
            shutil.rmtree(guess, ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)


@as_root
def test_socket_directory_recreated_by_another_user_is_replaced(deep_home: Path) -> None:
    server = EmbeddedServer(deep_home)
    server.ensure_running()
    first = server.socket_dir
    server.stop()
    # The temporary directory is emptied (a reboot), and another user takes the name the server used (it shows
    # in the process list) before kzgov starts the server again.
    shutil.rmtree(first)
    as_other("mkdir", "-m", "777", str(first))
    try:
        with psycopg.connect(server.ensure_running()) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        assert server.socket_dir != first
        _assert_private_to_server(server, server.socket_dir)
        assert first.stat().st_uid == other_uid() and not any(first.iterdir())
    finally:
        shutil.rmtree(first, ignore_errors=True)


@as_root
def test_symlink_in_place_of_the_socket_directory_is_refused(server: EmbeddedServer) -> None:
    target = Path(tempfile.mkdtemp(prefix="kzgov-test-target-"))
    os.chown(target, other_uid(), -1)
    try:
        (server.home / "run").symlink_to(target)
        with pytest.raises(EmbeddedServerError, match=r"is not a directory kzgov can use") as raised:
            server.ensure_running()
        assert "\n" not in str(raised.value)
        assert target.stat().st_uid == other_uid()
    finally:
        shutil.rmtree(target, ignore_errors=True)


def test_home_socket_directory_and_log_are_private(server: EmbeddedServer) -> None:
    server.home.chmod(0o755)
    server.ensure_running()
    home_mode = stat.S_IMODE(server.home.stat().st_mode)
    assert home_mode == (0o710 if os.geteuid() == 0 else 0o700)
    _assert_private_to_server(server, server.socket_dir)
    assert stat.S_IMODE(server.log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((server.home / ".server.lock").stat().st_mode) == 0o600


def test_new_home_is_created_private(server_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = server_home / "new"
    monkeypatch.setenv("KZGOV_HOME", str(home))
    monkeypatch.delenv("KZGOV_DATABASE_URL", raising=False)
    try:
        result = CliRunner().invoke(main, ["db", "url"])
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(home.stat().st_mode) == (0o710 if os.geteuid() == 0 else 0o700)
        assert stat.S_IMODE((home / "postgresql.log").stat().st_mode) == 0o600
    finally:
        EmbeddedServer(home).stop()


@as_root
def test_socket_admits_only_kzgov_user_even_when_reachable(server: EmbeddedServer) -> None:
    """Knowing (and reaching) the socket is not enough: another user is refused by peer authentication."""
    with psycopg.connect(server.ensure_running()) as conn:
        methods = {row[0] for row in conn.execute("select auth_method from pg_hba_file_rules")}
    assert "trust" not in methods
    # Open the way to the socket, as a planted directory used to: the server must still refuse the user.
    server.home.chmod(0o711)
    server.socket_dir.chmod(0o777)
    try:
        psql = [str(bin_dir() / "psql"), "-h", str(server.socket_dir), "-p", str(server.port()), "-U", "postgres"]
        attempt = as_other(*psql, "-d", "kzgov", "-Atc", "select current_user", check=False)
        assert attempt.returncode != 0, attempt.stdout
        assert "Peer authentication failed" in attempt.stderr
    finally:
        server.socket_dir.chmod(0o700)
        server.home.chmod(0o710)


def test_server_whose_socket_is_elsewhere_is_reported_and_stopped(server: EmbeddedServer) -> None:
    """A server an older kzgov started with its socket elsewhere: kzgov says so in one line and can stop it."""
    server.ensure_running()
    other = Path(tempfile.mkdtemp(prefix="kzgov-test-moved-"))
    try:
        (server.socket_dir / f".s.PGSQL.{server.port()}").rename(other / "moved")
        with pytest.raises(EmbeddedServerError, match="runs with its socket elsewhere"):
            server.ensure_running()
        assert server.stop() is True
        with psycopg.connect(server.ensure_running()) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
    finally:
        shutil.rmtree(other, ignore_errors=True)
