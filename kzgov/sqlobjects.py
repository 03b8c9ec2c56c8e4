"""Views and functions as versioned SQL: `sql/` holds the current definitions,
each migration applies the snapshot frozen for its revision.

A revision that changes any SQL object freezes the whole of `sql/` into
`alembic/sql/<revision>/` (``python -m kzgov.sqlobjects freeze <revision>``).
Its upgrade drops the previous snapshot's objects and creates its own; its
downgrade does the reverse, so an old revision never changes meaning when
`sql/` moves on. Every file begins with a ``-- drop:`` line that removes what
it creates. Files are applied in path order and dropped in reverse.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from kzgov.resources import resource_dir

DROP_PREFIX = "-- drop:"


def current_dir() -> Path:
    """The current definitions (`sql/`)."""
    return resource_dir("sql")


def snapshot_dir(revision: str) -> Path:
    """The frozen copy of `sql/` for a revision."""
    return resource_dir("alembic") / "sql" / revision


def files(root: Path) -> list[Path]:
    """SQL files below root, in the order they are applied."""
    return sorted(root.rglob("*.sql"), key=lambda p: p.relative_to(root).as_posix())


def drop_statement(path: Path) -> str:
    """The statement in a file's first line that drops what the file creates."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if not first.startswith(DROP_PREFIX):
        raise ValueError(f"{path}: line 1: an SQL object file must begin with '{DROP_PREFIX} <statement>'")
    return first[len(DROP_PREFIX) :].strip()


def drop_all(root: Path | None) -> list[str]:
    """Statements dropping every object of a snapshot, dependants first."""
    return [] if root is None else [drop_statement(p) for p in reversed(files(root))]


def create_all(root: Path) -> list[str]:
    """Statements creating every object of a snapshot."""
    return [p.read_text(encoding="utf-8") for p in files(root)]


def switch(from_revision: str | None, to_revision: str | None) -> None:
    """Inside a migration: replace one snapshot's objects by another's (None: no objects)."""
    from alembic import op

    for statement in drop_all(snapshot_dir(from_revision) if from_revision else None):
        op.execute(statement)
    if to_revision is not None:
        for statement in create_all(snapshot_dir(to_revision)):
            op.execute(statement)


def freeze(revision: str) -> Path:
    """Copy `sql/` to the snapshot of revision (a development step when writing a migration)."""
    target = snapshot_dir(revision)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(current_dir(), target)
    return target


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    if len(sys.argv) != 3 or sys.argv[1] != "freeze":
        raise SystemExit("usage: python -m kzgov.sqlobjects freeze REVISION")
    print(freeze(sys.argv[2]))
