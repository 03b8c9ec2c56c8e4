"""Views and functions as versioned SQL: `sql/` holds the current definitions,
each migration applies the set of definitions of its revision.

A revision that changes any SQL object records its change in
`alembic/sql/<revision>/` (``python -m kzgov.sqlobjects freeze <revision>``):
the files it adds or changes relative to its parent revision's set, and, in a
text file named ``DROPPED``, the paths (one a line) of the parent's files it
no longer has. A revision's set of definitions is its ancestors' folders
overlaid in order, oldest first, ending with its own; a revision without a
folder has its parent's set. An old revision never changes meaning when `sql/`
moves on, because its folder and its ancestors' never change once released
(tests/sql_manifests/ holds the sha256 of every file of every revision's set).

A migration's upgrade drops the objects of its parent's set and creates its
own; its downgrade does the reverse. Every file begins with a ``-- drop:`` line
that removes what it creates. Files are applied in path order and dropped in
reverse.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from kzgov.resources import resource_dir

DROP_PREFIX = "-- drop:"
DROPPED = "DROPPED"  # in a revision's folder: the parent's files this revision no longer has


def current_dir() -> Path:
    """The current definitions (`sql/`)."""
    return resource_dir("sql")


def history_dir() -> Path:
    """The folder holding one folder of changed definitions per revision (`alembic/sql/`)."""
    return resource_dir("alembic") / "sql"


def delta_dir(revision: str) -> Path:
    """The folder of the definitions a revision changes (it may not exist: the revision changes none)."""
    return history_dir() / revision


def files(root: Path) -> list[Path]:
    """SQL files below root, in the order they are applied."""
    return sorted(root.rglob("*.sql"), key=lambda p: p.relative_to(root).as_posix())


def _read_dropped(folder: Path) -> list[str]:
    path = folder / DROPPED
    if not path.is_file():
        return []
    names = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        if not name.endswith(".sql") or name.startswith("/") or ".." in Path(name).parts:
            raise ValueError(f"{path}: line {number}: not the relative path of an SQL file: {name!r}")
        names.append(name)
    return names


def lineage(revision: str) -> list[str]:
    """The revision and its ancestors, oldest first, as Alembic's migrations chain them."""
    from alembic.script import ScriptDirectory

    from kzgov.migrations import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    chain = [r.revision for r in script.iterate_revisions(revision, "base")]
    return list(reversed(chain))


def overlay(revisions: list[str]) -> dict[str, Path]:
    """The set of definitions made by overlaying the folders of revisions in order: relative path -> file."""
    result: dict[str, Path] = {}
    for revision in revisions:
        folder = delta_dir(revision)
        if not folder.is_dir():
            continue
        changed = {p.relative_to(folder).as_posix(): p for p in files(folder)}
        for name in _read_dropped(folder):
            if name not in result:
                raise ValueError(f"{folder / DROPPED}: {name} is not in the set of revision {revision}'s parent")
            if name in changed:
                raise ValueError(f"{folder / DROPPED}: {name} is both dropped and changed by revision {revision}")
            del result[name]
        result.update(changed)
    return dict(sorted(result.items()))


def snapshot(revision: str) -> dict[str, Path]:
    """A revision's whole set of definitions: relative path -> the file that holds it, in the order applied."""
    return overlay(lineage(revision))


def drop_statement_of(text: str, where: str) -> str:
    """The statement in the first line of an SQL object file's text that drops what it creates."""
    lines = text.splitlines()
    first = lines[0] if lines else ""
    if not first.startswith(DROP_PREFIX):
        raise ValueError(f"{where}: line 1: an SQL object file must begin with '{DROP_PREFIX} <statement>'")
    return first[len(DROP_PREFIX) :].strip()


def drop_statement(path: Path) -> str:
    """The statement in a file's first line that drops what the file creates."""
    return drop_statement_of(path.read_text(encoding="utf-8"), str(path))


def drop_all(revision: str | None) -> list[str]:
    """Statements dropping every object of a revision's set, dependants first (None: no objects)."""
    return [] if revision is None else [drop_statement(p) for p in reversed(snapshot(revision).values())]


def create_all(revision: str | None) -> list[str]:
    """Statements creating every object of a revision's set (None: no objects)."""
    return [] if revision is None else [p.read_text(encoding="utf-8") for p in snapshot(revision).values()]


def switch(from_revision: str | None, to_revision: str | None) -> None:
    """Inside a migration: replace one revision's objects by another's (None: no objects)."""
    from alembic import op

    for statement in drop_all(from_revision):
        op.execute(statement)
    for statement in create_all(to_revision):
        op.execute(statement)


def manifest_of(revisions: list[str]) -> str:
    """The sha256 of every file of the set overlaid from revisions, one `<sha256>  <path>` line each."""
    return "".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n" for name, path in overlay(revisions).items()
    )


def manifest(revision: str) -> str:
    """The sha256 of every file of a revision's set, one `<sha256>  <path>` line each, in path order."""
    return manifest_of(lineage(revision))


def _lineage_to_freeze(revision: str) -> list[str]:
    """lineage(revision), where a revision Alembic does not know yet is taken to follow the head."""
    from alembic.script import ScriptDirectory

    from kzgov.migrations import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    if revision in {r.revision for r in script.walk_revisions()}:
        return lineage(revision)
    head = script.get_current_head()
    return [*(lineage(head) if head else []), revision]


def manifests_dir() -> Path | None:
    """Where the tests keep each revision's manifest, in a source tree (None in an installed kzgov)."""
    tests = resource_dir("alembic").parent / "tests"
    return tests / "sql_manifests" if tests.is_dir() else None


def freeze(revision: str) -> Path:
    """Record in revision's folder how `sql/` differs from its parent's set (a step when writing a migration).

    Only the files added or changed are copied, and the files removed are listed in DROPPED; a folder left
    empty is removed. In a source tree, the revision's manifest is written to tests/sql_manifests/ (none
    when the revision changes nothing). Run again, it replaces what it wrote before.
    """
    chain = _lineage_to_freeze(revision)
    parent = {name: path.read_bytes() for name, path in overlay(chain[:-1]).items()}
    current = {p.relative_to(current_dir()).as_posix(): p for p in files(current_dir())}
    target = delta_dir(revision)
    if target.exists():
        shutil.rmtree(target)
    for name, path in current.items():
        if parent.get(name) != path.read_bytes():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / name)
    dropped = sorted(set(parent) - set(current))
    if dropped:
        target.mkdir(parents=True, exist_ok=True)
        (target / DROPPED).write_text("".join(f"{name}\n" for name in dropped), encoding="utf-8")
    manifests = manifests_dir()
    if manifests is not None:
        pinned = manifests / f"{revision}.sha256"
        if target.exists():
            manifests.mkdir(exist_ok=True)
            pinned.write_text(manifest_of(chain), encoding="utf-8")
        else:
            pinned.unlink(missing_ok=True)  # a revision that changes no SQL object pins nothing
    return target


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    if len(sys.argv) == 3 and sys.argv[1] == "freeze":
        print(freeze(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "manifest":
        sys.stdout.write(manifest(sys.argv[2]))
    else:
        raise SystemExit("usage: python -m kzgov.sqlobjects freeze|manifest REVISION")
