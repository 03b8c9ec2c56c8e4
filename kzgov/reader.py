"""The read-only role BI tools log in as."""

from __future__ import annotations

from kzgov.db import DatabaseError

READER_ROLE = "kzgov_reader"


def enable_reader_login(url: str, password: str) -> None:
    """Let kzgov_reader log in with password (stored by the server as a SCRAM-SHA-256 verifier)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("select 1 from pg_roles where rolname = %s", (READER_ROLE,)).fetchone() is None:
            raise DatabaseError(f"role {READER_ROLE} does not exist: run `kzgov db upgrade`")
        conn.execute("set password_encryption = 'scram-sha-256'")
        conn.execute(
            sql.SQL("alter role {} with login password {}").format(sql.Identifier(READER_ROLE), sql.Literal(password))
        )
