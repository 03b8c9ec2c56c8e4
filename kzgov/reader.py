"""The roles BI tools log in as: kzgov_reader, read-only, and kzgov_analyst, which reads what the reader reads
and may create its own objects in schema kzgov_analyst (dbt models)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import TYPE_CHECKING

from kzgov.db import DatabaseError

if TYPE_CHECKING:
    import psycopg

READER_ROLE = "kzgov_reader"
ANALYST_ROLE = "kzgov_analyst"
ROLES = (READER_ROLE, ANALYST_ROLE)


def enable_reader_login(url: str, password: str, role: str = READER_ROLE) -> None:
    """Let role (kzgov_reader or kzgov_analyst) log in with password (stored by the server as a SCRAM-SHA-256
    verifier), with no settings of its own."""
    import psycopg

    if role not in ROLES:
        raise ValueError(f"not a kzgov login role: {role}")
    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone() is None:
            raise DatabaseError(f"role {role} does not exist: run `kzgov db upgrade`")
        restore_reader(conn, password, force=True, role=role)


def restore_reader(conn: psycopg.Connection, password: str, force: bool = False, role: str = READER_ROLE) -> bool:
    """Undo what kzgov_reader (or role, kzgov_analyst) may change about itself: its password and its settings.

    PostgreSQL lets every role change its own password (`alter role kzgov_reader password ...`, which locks
    out every BI tool using KZGOV_HOME/reader.password) and its own defaults (`alter role ... set
    search_path`, which persists), and no grant takes that away: so kzgov puts them back, at each `db serve`
    and whenever it connects to its embedded server. conn: a superuser's, in autocommit. Returns whether
    anything had to be restored (with force, the password is set again regardless)."""
    from psycopg import sql

    row = conn.execute(
        "select a.rolpassword, array(select coalesce(d.datname, '') from pg_db_role_setting s"
        " left join pg_database d on d.oid = s.setdatabase where s.setrole = a.oid)"
        " from pg_authid a where a.rolname = %s",
        (role,),
    ).fetchone()
    if row is None:
        return False
    verifier, settings = row
    name = sql.Identifier(role)
    changed = bool(settings)
    for database in settings:
        where = sql.SQL(" in database {}").format(sql.Identifier(database)) if database else sql.SQL("")
        conn.execute(sql.SQL("alter role {}{} reset all").format(name, where))
    if force or not _scram_matches(verifier, password):
        changed = True
        conn.execute("set password_encryption = 'scram-sha-256'")
        conn.execute(sql.SQL("alter role {} with login password {}").format(name, sql.Literal(password)))
    return changed


def _scram_matches(verifier: str | None, password: str) -> bool:
    """True when verifier (pg_authid.rolpassword) is the SCRAM-SHA-256 verifier of password (RFC 5802)."""
    try:
        method, rest = (verifier or "").split("$", 1)
        iterations_salt, keys = rest.split("$")
        iterations, salt = iterations_salt.split(":")
        stored_key = keys.split(":")[0]
        if method != "SCRAM-SHA-256":
            return False
        salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
        client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
        return hmac.compare_digest(hashlib.sha256(client_key).digest(), base64.b64decode(stored_key))
    except ValueError:  # not a SCRAM verifier (no password, an MD5 hash, garbled)
        return False
