"""Alembic, driven from code: upgrade, downgrade, current, and the schema check every command makes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kzgov.db import DatabaseError
from kzgov.resources import resource_dir

if TYPE_CHECKING:
    import psycopg
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine


def alembic_config(connection: Connection | None = None, force: bool = False) -> Config:
    """An Alembic configuration for the migrations kzgov ships, bound to connection if given.

    force lets a downgrade drop data it would otherwise refuse to drop.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resource_dir("alembic")))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    config.attributes["force"] = force
    return config


# The newest revision, for a check that needs no Alembic import (a test keeps it equal to Alembic's head).
HEAD = "0013"


def head_revision() -> str:
    """The newest revision kzgov ships."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "kzgov ships no migrations"
    return head


def revision_of(conn: psycopg.Connection) -> str | None:
    """The revision a database is at, or None for one kzgov never migrated (psycopg alone, no Alembic).

    Two statements: a query naming a table that does not exist fails when it is planned, whatever
    guards it."""
    from kzgov.tables import schema_of_sql

    # Alembic's table is kept beside the tables: in kzgov_internal from 0010 on, in kzgov before.
    found = conn.execute(f"select {schema_of_sql('alembic_version')}").fetchone()
    if found is None or found[0] is None:  # the query returns one row, with null for no such table
        return None
    row = conn.execute(f"select version_num from {found[0]}.alembic_version").fetchone()
    return row[0] if row else None  # the table stays, empty, after a downgrade to base


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    import psycopg

    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, psycopg.Connection), "kzgov connects with psycopg 3"
        return revision_of(driver)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to revision."""
    from alembic import command

    with _refused_in_words(revision), engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str, force: bool = False) -> None:
    """Migrate the database down to revision (refused where it would lose data, unless force)."""
    from alembic import command

    with _refused_in_words(revision), engine.connect() as conn:
        config = alembic_config(conn, force=force)
        config.attributes["single_transaction"] = True
        command.downgrade(config, revision)


def known_revisions() -> list[str]:
    """The revisions kzgov ships, oldest first."""
    from alembic.script import ScriptDirectory

    return [
        script.revision for script in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))
    ]


@contextlib.contextmanager
def _refused_in_words(revision: str) -> Iterator[None]:
    """Alembic's refusals (an unknown revision, a step the other way) as one-line DatabaseErrors."""
    from alembic.util import CommandError

    try:
        yield
    except CommandError as exc:
        if "Can't locate revision" in str(exc):
            known = ", ".join(["base", *known_revisions(), "head"])
            raise DatabaseError(f"no schema revision {revision!r}: the revisions are {known}") from None
        raise DatabaseError(f"schema revision {revision!r}: {str(exc).splitlines()[0]}") from None


def ensure_current(engine: Engine, *, auto_upgrade: bool) -> str | None:
    """Make sure the schema is at head: upgrade it when allowed, else refuse.

    Returns a message when it upgraded, so the caller can say so.
    """
    current, head = current_revision(engine), head_revision()
    if current == head:
        return None
    if not auto_upgrade:
        raise DatabaseError(
            f"the database schema is at {current or 'nothing'}, kzgov needs {head}: "
            "run `kzgov db upgrade` against it first"
        )
    upgrade(engine, head)
    return f"upgraded the kzgov schema from {current or 'nothing'} to {head}"
