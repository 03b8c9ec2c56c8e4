"""The failures kzgov expects and reports as one line, without a traceback."""

from __future__ import annotations


def expected_errors() -> tuple[type[BaseException], ...]:
    """Exception types the CLI turns into `Error: <message>` and a non-zero exit."""
    import psycopg
    from sqlalchemy.exc import OperationalError as SAOperationalError

    from kzgov.claims import ParseError
    from kzgov.db import DatabaseError
    from kzgov.embedded import EmbeddedServerError
    from kzgov.loading import LoadError

    return (ParseError, DatabaseError, EmbeddedServerError, LoadError, psycopg.OperationalError, SAOperationalError)


def one_line(exc: BaseException) -> str:
    """A one-line description of an expected failure."""
    import psycopg
    from sqlalchemy.exc import OperationalError as SAOperationalError

    if isinstance(exc, SAOperationalError) and exc.orig is not None:
        exc = exc.orig
    if isinstance(exc, psycopg.OperationalError):
        reason = [line.strip() for line in str(exc).splitlines() if line.strip()]
        return "cannot reach the database: " + (reason[0] if reason else type(exc).__name__)
    return " ".join(str(exc).split("\n")[0].split())
