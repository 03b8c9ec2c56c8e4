"""Every test runs against a real PostgreSQL.

The server is KZGOV_TEST_DATABASE_URL if set, else a testcontainers PostgreSQL
when a Docker engine answers, else an embedded PostgreSQL 18 in a temporary
KZGOV_HOME. The schema is migrated once into a template database; each test
that asks for `database_url` gets a fresh copy of it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
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


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A URL of a maintenance database on the server every test uses."""
    configured = os.environ.get("KZGOV_TEST_DATABASE_URL")
    if configured:
        yield libpq_url(configured)
        return
    if _docker_answers():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:18", driver=None) as container:
            yield container.get_connection_url()
        return
    from kzgov.embedded import EmbeddedServer

    server = EmbeddedServer(tmp_path_factory.mktemp("kzgov_home"))
    url = server.ensure_running()
    try:
        yield with_database(url, "postgres")
    finally:
        server.stop()


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
