"""Every view, view column and function documents itself with COMMENT ON."""

from __future__ import annotations

import pytest
from sql_fixtures import INTERNAL_FUNCTIONS, PUBLIC_FUNCTIONS, PUBLIC_VIEWS, VIEW_HELPERS, rows


def test_every_view_and_view_column_has_a_comment(conn) -> None:
    missing = rows(
        conn,
        "select c.relname, a.attname from pg_class c"
        " left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped"
        " where c.relnamespace = 'kzgov'::regnamespace and c.relkind = 'v'"
        " and (obj_description(c.oid, 'pg_class') is null"
        "      or (a.attname is not null and col_description(c.oid, a.attnum) is null))",
    )
    assert missing == []
    views = rows(conn, "select relname from pg_class where relnamespace = 'kzgov'::regnamespace and relkind = 'v'")
    assert set(PUBLIC_VIEWS) <= {r["relname"] for r in views}


@pytest.mark.parametrize(
    "function",
    [f"kzgov.{f}" for f in PUBLIC_FUNCTIONS] + [f"kzgov_internal.{f}" for f in (*INTERNAL_FUNCTIONS, *VIEW_HELPERS)],
)
def test_every_public_and_internal_function_has_a_comment(conn, function: str) -> None:
    (comment,) = conn.execute("select obj_description(%s::regprocedure, 'pg_proc')", (function,)).fetchone()
    assert comment and len(comment) > 40


@pytest.mark.parametrize("function", PUBLIC_FUNCTIONS)
def test_public_function_comment_documents_the_axes(conn, function: str) -> None:
    (comment,) = conn.execute("select obj_description(%s::regprocedure, 'pg_proc')", (f"kzgov.{function}",)).fetchone()
    # Each says how it runs: as its owner, or with the caller's rights over views the reader may read.
    assert "known_at" in comment and ("SECURITY DEFINER" in comment or "caller" in comment) and "Example" in comment
    if "published_by" in function or function.count(",") >= 2:
        assert "published_by" in comment
