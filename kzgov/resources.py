"""Where the files kzgov ships with (seeds, SQL, migrations) are found at run time."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The directory `name` (seeds, sql, alembic): inside an installed wheel, else the source tree."""
    installed = _PACKAGE / "_resources" / name
    if installed.is_dir():
        return installed
    in_tree = _PACKAGE.parent / name
    if in_tree.is_dir():
        return in_tree
    raise FileNotFoundError(f"kzgov is missing its {name}/ directory (looked in {installed} and {in_tree})")
