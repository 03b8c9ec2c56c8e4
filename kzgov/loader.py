"""The loader's entry points under their first name; the loader itself is the kzgov.loading package."""

from kzgov.loading import (
    Context,
    Interrupted,
    LoadError,
    LoadSummary,
    LoadWatcher,
    SourceFile,
    TableCounts,
    Watch,
    iter_claims,
    load_paths,
    load_source,
    read_source,
    source_files,
    stage_row,
    write_version,
)

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
