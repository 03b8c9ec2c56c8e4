"""The failures kzgov expects and reports as one line, without a traceback."""

from __future__ import annotations


def expected_errors() -> tuple[type[BaseException], ...]:
    """Exception types the CLI turns into `Error: <message>` and a non-zero exit."""
    from kzgov.claims import ParseError
    from kzgov.db import DatabaseError
    from kzgov.embedded import EmbeddedServerError
    from kzgov.loader import LoadError

    return (ParseError, DatabaseError, EmbeddedServerError, LoadError)
