"""Every test runs against a real PostgreSQL.

The server is KZGOV_TEST_DATABASE_URL if set; else, with KZGOV_TEST_PG_BIN (a
directory of PostgreSQL server binaries, e.g. Debian's /usr/lib/postgresql/15/bin),
a server of that version started for the session in a temporary directory; else a
testcontainers PostgreSQL when a Docker engine answers; else an embedded
PostgreSQL 18 in a temporary KZGOV_HOME. The schema is migrated once into a template database; each test
that asks for `database_url` gets a fresh copy of it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from serving import free_port
from sqlalchemy.engine import Engine

from kzgov.db import create_engine_for, libpq_url
from kzgov.migrations import upgrade

TEMPLATE = f"kzgov_template_{uuid.uuid4().hex[:8]}"
_copies = itertools.count()


def with_database(url: str, database: str) -> str:
    """url pointing at another database on the same server."""
    parts = urlsplit(libpq_url(url))
    return urlunsplit(parts._replace(path=f"/{database}"))


def _docker_answers() -> bool:
    """True when a Docker engine answers a ping (testcontainers can then start PostgreSQL)."""
    if not os.environ.get("DOCKER_HOST") and not Path("/var/run/docker.sock").exists():
        return False
    with warnings.catch_warnings():
        # docker-py leaves the socket of a failed ping to the garbage collector.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            import docker

            client = docker.from_env(timeout=3)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except Exception:  # no client library, no engine behind the socket: no Docker here
            return False


def _server_home(prefix: str) -> Iterator[Path]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix=prefix, ignore_cleanup_errors=True) as path:
        yield Path(path)


@pytest.fixture(scope="session")
def server_dir() -> Iterator[Path]:
    """A directory for the test server's data, outside pytest's own temporary directories: another test
    session starting meanwhile removes the oldest of those and makes their root private to root again,
    and a server run by its own system user must outlive that."""
    yield from _server_home("kzgov-test-server-")


@pytest.fixture
def server_home() -> Iterator[Path]:
    """An empty KZGOV_HOME for a test's own embedded server (outside pytest's directories, as above)."""
    yield from _server_home("kzgov-test-home-")


@pytest.fixture(scope="session")
def server_url(server_dir: Path) -> Iterator[str]:
    """A URL of a maintenance database on the server every test uses."""
    configured = os.environ.get("KZGOV_TEST_DATABASE_URL")
    if configured:
        yield libpq_url(configured)
        return
    pg_bin = os.environ.get("KZGOV_TEST_PG_BIN")
    if pg_bin:
        with _local_server(Path(pg_bin), server_dir) as url:
            yield url
        return
    if _docker_answers():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:18", driver=None) as container:
            yield container.get_connection_url()
        return
    from kzgov.embedded import EmbeddedServer

    server = EmbeddedServer(server_dir)
    url = server.ensure_running()
    try:
        yield with_database(url, "postgres")
    finally:
        server.stop()


@contextlib.contextmanager
def _local_server(pg_bin: Path, workdir: Path) -> Iterator[str]:
    """A throwaway server from pg_bin in workdir, socket only (run as `postgres` when we are root)."""
    import subprocess

    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        import shutil

        shutil.chown(workdir, "postgres")
        for parent in workdir.parents:
            parent.chmod(parent.stat().st_mode | 0o001)
    data, port = workdir / "data", free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, cwd="/")

    run(str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8")
    options = f"-c listen_addresses='' -k {workdir} -p {port}"
    run(str(pg_bin / "pg_ctl"), "start", "-w", "-D", str(data), "-l", str(workdir / "log"), "-o", options)
    try:
        yield f"postgresql://postgres@/postgres?host={workdir}&port={port}"
    finally:
        run(str(pg_bin / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data))


def _admin(server_url: str) -> psycopg.Connection:
    return psycopg.connect(server_url, autocommit=True)


@pytest.fixture(scope="session")
def template_url(server_url: str) -> Iterator[str]:
    """A database migrated to head once, copied for each test."""
    with _admin(server_url) as conn:
        conn.execute(f'create database "{TEMPLATE}"')
    url = with_database(server_url, TEMPLATE)
    engine = create_engine_for(url)
    try:
        upgrade(engine, "head")
    finally:
        engine.dispose()
    yield url
    with _admin(server_url) as conn:
        conn.execute(f'drop database if exists "{TEMPLATE}" with (force)')


@contextlib.contextmanager
def fresh_database(server_url: str, template: str | None) -> Iterator[str]:
    """A new database (a copy of template, or empty), dropped afterwards."""
    name = f"kzgov_test_{os.getpid()}_{next(_copies)}"
    with _admin(server_url) as conn:
        conn.execute(f'create database "{name}"' + (f' template "{template}"' if template else ""))
    try:
        yield with_database(server_url, name)
    finally:
        with _admin(server_url) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture
def database_url(server_url: str, template_url: str) -> Iterator[str]:
    """A fresh database with the schema at head."""
    with fresh_database(server_url, TEMPLATE) as url:
        yield url


@pytest.fixture
def make_database(server_url: str, template_url: str) -> Callable[[], contextlib.AbstractContextManager[str]]:
    """A factory of fresh migrated databases, for tests that need several or one per example."""
    return lambda: fresh_database(server_url, TEMPLATE)


@pytest.fixture
def empty_database_url(server_url: str) -> Iterator[str]:
    """A fresh database with no schema at all."""
    with fresh_database(server_url, None) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine_for(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    """A psycopg connection to a fresh database, for tests that speak SQL directly."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        yield connection


@pytest.fixture
def seeds_dir() -> Path:
    from kzgov.resources import resource_dir

    return resource_dir("seeds")


def pytest_report_header() -> str:
    """Say which PostgreSQL the session uses, so a CI log shows it."""
    for variable in ("KZGOV_TEST_DATABASE_URL", "KZGOV_TEST_PG_BIN"):
        if os.environ.get(variable):
            return f"kzgov test server: {variable} ({os.environ[variable].split('@')[-1]})"
    return "kzgov test server: testcontainers if Docker answers, else embedded PostgreSQL 18"
