"""sql/ holds the current definitions; the newest migration snapshot must equal it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzgov import sqlobjects
from kzgov.resources import resource_dir


def _snapshots() -> list[Path]:
    root = resource_dir("alembic") / "sql"
    return sorted(p for p in root.iterdir() if p.is_dir())


def _contents(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sqlobjects.files(root)}


def test_sql_dir_equals_newest_snapshot() -> None:
    """A change to sql/ needs a new migration (python -m kzgov.sqlobjects freeze REV)."""
    newest = _snapshots()[-1]
    assert _contents(sqlobjects.current_dir()) == _contents(newest), (
        f"sql/ differs from the snapshot of revision {newest.name}: write a migration and freeze sql/ into it"
    )


@pytest.mark.parametrize("path", sqlobjects.files(sqlobjects.current_dir()), ids=lambda p: p.name)
def test_sql_file_begins_with_drop_statement(path: Path) -> None:
    assert sqlobjects.drop_statement(path).lower().startswith("drop ")


def test_drop_statement_missing_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "view.sql"
    bad.write_text("create view kzgov.v as select 1;\n")
    with pytest.raises(ValueError, match=r"view\.sql: line 1: .*-- drop:"):
        sqlobjects.drop_statement(bad)
