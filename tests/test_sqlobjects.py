"""sql/ holds the current definitions; each revision's folder under alembic/sql/ holds what it changes.

A revision's set is its ancestors' folders overlaid in order. The set of every released revision is
pinned by a manifest in tests/sql_manifests/ (the sha256 of each of its files), so a change to an old
revision's folder, or to the way folders are overlaid, fails here instead of silently changing what an
old migration does. The manifests of 0002, 0003 and 0004 were computed from the whole copies of sql/
those revisions held before their folders became deltas.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from kzgov import migrations, sqlobjects

MANIFESTS = Path(__file__).parent / "sql_manifests"


def _contents(files: dict[str, Path]) -> dict[str, bytes]:
    return {name: path.read_bytes() for name, path in files.items()}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _revisions_with_sql() -> list[str]:
    return [r for r in sqlobjects.lineage(migrations.head_revision()) if sqlobjects.delta_dir(r).is_dir()]


def test_sql_dir_equals_head_revisions_set() -> None:
    """A change to sql/ needs a new migration (python -m kzgov.sqlobjects freeze REV)."""
    head = migrations.head_revision()
    current = {
        p.relative_to(sqlobjects.current_dir()).as_posix(): p for p in sqlobjects.files(sqlobjects.current_dir())
    }
    assert _contents(current) == _contents(sqlobjects.snapshot(head)), (
        f"sql/ differs from the set of revision {head}: write a migration and freeze sql/ into it"
    )


@pytest.mark.parametrize("revision", _revisions_with_sql())
def test_revision_set_is_what_its_manifest_pins(revision: str) -> None:
    manifest = MANIFESTS / f"{revision}.sha256"
    assert manifest.is_file(), f"revision {revision} changes SQL objects but has no {manifest}"
    assert sqlobjects.manifest(revision) == manifest.read_text(encoding="utf-8")


def test_manifest_lines_are_file_digests() -> None:
    """The manifest format itself: one '<sha256>  <path>' line per file, in the order applied."""
    files = sqlobjects.snapshot("0004")
    lines = sqlobjects.manifest("0004").splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == list(files)
    name, path = next(iter(files.items()))
    assert lines[0] == f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}"


def test_every_manifest_names_a_revision_with_sql() -> None:
    assert sorted(p.stem for p in MANIFESTS.glob("*.sha256")) == sorted(_revisions_with_sql())


@pytest.mark.parametrize("revision", _revisions_with_sql())
def test_revision_folder_holds_only_what_it_changes(revision: str) -> None:
    """A folder is a delta: none of its files equals the parent's file of the same path."""
    chain = sqlobjects.lineage(revision)
    parent = _contents(sqlobjects.overlay(chain[:-1]))
    folder = sqlobjects.delta_dir(revision)
    unchanged = [
        p.relative_to(folder).as_posix()
        for p in sqlobjects.files(folder)
        if parent.get(p.relative_to(folder).as_posix()) == p.read_bytes()
    ]
    assert unchanged == []


def test_old_revisions_keep_their_sets() -> None:
    """0003 rewrote every object; 0004 changed four files and kept the other 21 as 0003 had them."""
    s3, s4 = _contents(sqlobjects.snapshot("0003")), _contents(sqlobjects.snapshot("0004"))
    assert len(s3) == len(s4) == 25
    changed = sorted(name for name in s4 if s4[name] != s3[name])
    assert changed == [
        "20_functions/20_office_holders_on.sql",
        "20_functions/21_chamber_seats_on.sql",
        "20_functions/refresh_tenure_inferences.sql",
        "30_access/10_kzgov_reader.sql",
    ]
    assert list(sqlobjects.snapshot("0002")) == ["20_functions/refresh_tenure_inferences.sql"]
    assert sqlobjects.snapshot("0001") == {}


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """Copies of sql/ and alembic/sql/ that freeze may write to, and a folder for its manifests."""
    current, history, manifests = tmp_path / "sql", tmp_path / "history", tmp_path / "manifests"
    shutil.copytree(sqlobjects.current_dir(), current)
    shutil.copytree(sqlobjects.history_dir(), history)
    monkeypatch.setattr(sqlobjects, "current_dir", lambda: current)
    monkeypatch.setattr(sqlobjects, "history_dir", lambda: history)
    monkeypatch.setattr(sqlobjects, "manifests_dir", lambda: manifests)
    return current, history, manifests


def test_freeze_of_head_writes_back_exactly_its_folder(sandbox: tuple[Path, Path, Path]) -> None:
    _current, history, manifests = sandbox
    head = migrations.head_revision()
    before = _tree(sqlobjects.delta_dir(head)) if (sqlobjects.history_dir() / head).is_dir() else {}
    shutil.rmtree(history / head, ignore_errors=True)
    sqlobjects.freeze(head)
    if not before:  # the head changes no SQL object: nothing to write back, and no manifest
        assert not (history / head).exists() and not (manifests / f"{head}.sha256").exists()
        return
    assert _tree(history / head) == before
    assert (manifests / f"{head}.sha256").read_text(encoding="utf-8") == (MANIFESTS / f"{head}.sha256").read_text(
        encoding="utf-8"
    )


def test_freeze_of_a_revision_that_changes_no_sql_writes_nothing(sandbox: tuple[Path, Path, Path]) -> None:
    _current, history, manifests = sandbox
    sqlobjects.freeze("9999")  # sql/ is the head's set: a revision after it would change nothing
    assert not (history / "9999").exists() and not (manifests / "9999.sha256").exists()


def test_freeze_writes_only_the_delta_and_what_it_drops(sandbox: tuple[Path, Path, Path]) -> None:
    current, history, manifests = sandbox
    changed = current / "10_views" / "13_elections.sql"
    changed.write_text(changed.read_text(encoding="utf-8") + "-- changed\n", encoding="utf-8")
    (current / "10_views" / "16_indicators.sql").unlink()
    added = current / "10_views" / "50_new.sql"
    added.write_text("-- drop: drop view if exists kzgov.new_view\ncreate view kzgov.new_view as select 1;\n")

    sqlobjects.freeze("9999")  # a revision Alembic does not know yet follows the head
    assert _tree(history / "9999") == {
        "10_views/13_elections.sql": changed.read_bytes(),
        "10_views/50_new.sql": added.read_bytes(),
        "DROPPED": b"10_views/16_indicators.sql\n",
    }
    chain = [*sqlobjects.lineage(migrations.head_revision()), "9999"]
    overlaid = _contents(sqlobjects.overlay(chain))
    assert overlaid == _tree(current)
    assert "10_views/16_indicators.sql" not in overlaid
    assert (manifests / "9999.sha256").read_text(encoding="utf-8") == sqlobjects.manifest_of(chain)


def test_freeze_without_changes_leaves_no_folder(sandbox: tuple[Path, Path, Path]) -> None:
    _current, history, _manifests = sandbox
    sqlobjects.freeze("9999")
    assert not (history / "9999").exists()


def test_dropping_a_file_the_parent_lacks_is_refused(sandbox: tuple[Path, Path, Path]) -> None:
    _current, history, _manifests = sandbox
    (history / "9999").mkdir()
    (history / "9999" / "DROPPED").write_text("10_views/99_never.sql\n")
    with pytest.raises(ValueError, match=r"DROPPED: 10_views/99_never\.sql is not in the set"):
        sqlobjects.overlay([*sqlobjects.lineage(migrations.head_revision()), "9999"])


def test_drop_statements_reverse_the_creation_order() -> None:
    files = list(sqlobjects.snapshot("0004").values())
    assert sqlobjects.drop_all("0004") == [sqlobjects.drop_statement(p) for p in reversed(files)]
    assert sqlobjects.create_all("0004")[0] == files[0].read_text(encoding="utf-8")
    assert sqlobjects.drop_all(None) == [] and sqlobjects.create_all(None) == []


@pytest.mark.parametrize("path", sqlobjects.files(sqlobjects.current_dir()), ids=lambda p: p.name)
def test_sql_file_begins_with_drop_statement(path: Path) -> None:
    assert sqlobjects.drop_statement(path).lower().startswith("drop ")


def test_drop_statement_missing_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "view.sql"
    bad.write_text("create view kzgov.v as select 1;\n")
    with pytest.raises(ValueError, match=r"view\.sql: line 1: .*-- drop:"):
        sqlobjects.drop_statement(bad)
