"""Which database kzgov talks to, and connections to it.

``--database-url`` or ``KZGOV_DATABASE_URL`` name any PostgreSQL >= 15 server;
without either, kzgov uses (and starts when needed) the embedded server in KZGOV_HOME.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import ConnectionPoolEntry

MIN_SERVER_VERSION = 150000
ENV_URL = "KZGOV_DATABASE_URL"


class DatabaseError(RuntimeError):
    """The database cannot be used as asked (unreachable, too old, schema behind)."""


def resolve_url(database_url: str | None = None) -> str:
    """The libpq URL to use: the argument, else KZGOV_DATABASE_URL, else the embedded server."""
    url = database_url or os.environ.get(ENV_URL)
    if url:
        return url
    from kzgov.embedded import default_server

    return default_server().ensure_running()


def uses_embedded(database_url: str | None = None) -> bool:
    """True when no server was named, so kzgov uses (and may migrate) its embedded default."""
    return not (database_url or os.environ.get(ENV_URL))


def sqlalchemy_url(url: str) -> str:
    """The same URL for SQLAlchemy's psycopg 3 driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise DatabaseError(f"not a PostgreSQL URL: {url.split('@')[-1]!r}")


def libpq_url(url: str) -> str:
    """The same URL for libpq clients (psql, psycopg)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def create_engine_for(url: str) -> Engine:
    """An engine on url, refusing servers older than PostgreSQL 15."""
    from sqlalchemy import create_engine, event

    engine = create_engine(sqlalchemy_url(url), pool_pre_ping=True)

    @event.listens_for(engine, "connect")
    def _check_version(dbapi_connection: psycopg.Connection, _record: ConnectionPoolEntry) -> None:
        version = dbapi_connection.info.server_version
        if version < MIN_SERVER_VERSION:
            raise DatabaseError(f"PostgreSQL {version // 10000} is too old: kzgov needs PostgreSQL 15 or newer")

    return engine
