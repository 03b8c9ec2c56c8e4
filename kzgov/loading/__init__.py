"""Writing sources' claims into the bitemporal tables.

Each source version loads in one transaction, all or nothing:
1. the file is read and checked (no database access yet): files;
2. under a per-source lock, its claims are parsed and streamed with COPY into private staging tables
   (staging, by the specification of each kind of claim in specs, made of the parts in parts); a new
   version of a CSV source is read as its changes (versions, kzgov.csvdiff): only the records it adds,
   and the claims of those it drops;
3. under a lock on the shared name tables, new persons, bodies and offices are added (resolve), claims
   the new version no longer makes have their recorded period closed, new claims are inserted, and
   unchanged claims are left exactly as they were (write);
4. ends of tenure inferred from successors are refreshed (kzgov_internal.refresh_tenure_inferences).
Loading the same content again changes nothing. A set of files loads several at a time, checked as a
whole so one bad file stops them all (batch, check).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kzgov.loading.batch import Interrupted, LoadWatcher, load_paths
    from kzgov.loading.files import SourceFile, iter_claims, read_source, source_files
    from kzgov.loading.staging import Context, stage_row
    from kzgov.loading.summary import LoadError, LoadSummary, TableCounts, Watch
    from kzgov.loading.write import load_source, write_version

# Where each name lives. They are imported when first used, not with the package: importing one light
# module of it (kzgov.loading.specs, which names the fact tables) must not import the parsers, which
# every `kzgov who` would then pay for at start.
_HOMES = {
    "Interrupted": "batch",
    "LoadWatcher": "batch",
    "load_paths": "batch",
    "SourceFile": "files",
    "iter_claims": "files",
    "read_source": "files",
    "source_files": "files",
    "Context": "staging",
    "stage_row": "staging",
    "LoadError": "summary",
    "LoadSummary": "summary",
    "TableCounts": "summary",
    "Watch": "summary",
    "load_source": "write",
    "write_version": "write",
}

__all__ = [
    "Context",
    "Interrupted",
    "LoadError",
    "LoadSummary",
    "LoadWatcher",
    "SourceFile",
    "TableCounts",
    "Watch",
    "iter_claims",
    "load_paths",
    "load_source",
    "read_source",
    "source_files",
    "stage_row",
    "write_version",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
