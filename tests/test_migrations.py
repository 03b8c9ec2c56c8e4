"""Alembic owns the schema: it migrates both ways, and the metadata matches the migrations."""

from __future__ import annotations

import pytest
from alembic import command
from sql_fixtures import table_rows
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from kzgov import migrations
from kzgov.db import DatabaseError, create_engine_for
from kzgov.schema import metadata


def test_upgrade_downgrade_upgrade_roundtrip(empty_database_url: str) -> None:
    engine = create_engine_for(empty_database_url)
    try:
        migrations.upgrade(engine)
        tables = set(inspect(engine).get_table_names(schema="kzgov_internal"))
        assert {t.name for t in metadata.sorted_tables} | {"alembic_version"} <= tables
        assert inspect(engine).get_table_names(schema="kzgov") == []
        migrations.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names(schema="kzgov")) == {"alembic_version"}
        assert migrations.current_revision(engine) is None
        migrations.upgrade(engine)
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()


def test_metadata_matches_migrations(database_url: str) -> None:
    """`alembic check`: autogenerate finds nothing to do after upgrade head."""
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as conn:
            command.check(migrations.alembic_config(conn))
    finally:
        engine.dispose()


def test_ensure_current_refuses_schema_behind_on_external_server(empty_database_url: str) -> None:
    engine = create_engine_for(empty_database_url)
    try:
        with pytest.raises(DatabaseError, match=r"run `kzgov db upgrade`"):
            migrations.ensure_current(engine, auto_upgrade=False)
        note = migrations.ensure_current(engine, auto_upgrade=True)
        assert note is not None and migrations.head_revision() in note
        assert migrations.ensure_current(engine, auto_upgrade=False) is None
    finally:
        engine.dispose()


def test_jurisdiction_kz_present_after_upgrade(engine) -> None:
    with engine.connect() as conn:
        assert (
            conn.execute(text("select name from kzgov_internal.jurisdiction where code = 'KZ'")).scalar()
            == "Kazakhstan"
        )


def test_downgrade_one_step_and_upgrade_keeps_every_row(database_url: str, seeds_dir) -> None:
    from kzgov.loading import load_paths

    load_paths(database_url, [seeds_dir])
    before = table_rows(database_url)
    engine = create_engine_for(database_url)
    try:
        migrations.downgrade(engine, "-1")
        migrations.upgrade(engine)
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()
    assert table_rows(database_url) == before


def test_downgrade_that_would_lose_data_is_refused_unless_forced(database_url: str, seeds_dir) -> None:
    from click.testing import CliRunner

    from kzgov.cli import main
    from kzgov.loading import load_paths

    load_paths(database_url, [seeds_dir])
    runner = CliRunner()
    refused = runner.invoke(main, ["db", "downgrade", "base", "--database-url", database_url])
    assert refused.exit_code == 1
    assert "would delete 4 loaded source version(s)" in refused.stderr and "--force" in refused.stderr
    engine = create_engine_for(database_url)
    try:
        # Refused whole: the steps above 0001 were rolled back with it, nothing was dropped.
        assert migrations.current_revision(engine) == migrations.head_revision()
        forced = runner.invoke(main, ["db", "downgrade", "base", "--force", "--database-url", database_url])
        assert forced.exit_code == 0, forced.output
        assert migrations.current_revision(engine) is None
    finally:
        engine.dispose()


def test_downgrade_below_streamed_sources_puts_their_text_back_together(database_url: str, tmp_path) -> None:
    from kzgov.loading import load_paths

    path = tmp_path / "registry_of_mayors.csv"
    written = "office,person,valid_from,valid_until,quote\nMayor of Ruthen,Ilse Varga,1931,,Ilse Varga took office.\n"
    path.write_text(written, encoding="utf-8")
    load_paths(database_url, [path])
    engine = create_engine_for(database_url)
    try:
        migrations.downgrade(engine, "0003")
        with engine.connect() as conn:
            assert conn.execute(text("select content from kzgov.source_version")).scalar_one() == written
        migrations.upgrade(engine)
    finally:
        engine.dispose()


def test_head_constant_is_alembics_head() -> None:
    assert migrations.head_revision() == migrations.HEAD


def test_checks_added_by_0007_keep_older_rows_that_fail_them(empty_database_url: str) -> None:
    """A key recorded before 0007 that it would refuse is kept; the check binds every new row."""
    engine = create_engine_for(empty_database_url)
    try:
        migrations.upgrade(engine, "0006")
        with engine.begin() as conn:
            conn.execute(text("insert into kzgov.source (key, jurisdiction_code) values ('-old', 'KZ')"))
        migrations.upgrade(engine)
        with engine.begin() as conn:
            assert conn.execute(text("select key from kzgov_internal.source")).scalars().all() == ["-old"]
            valid = dict(
                conn.execute(
                    text(
                        "select conname, convalidated from pg_constraint"
                        " where conname in ('ck_source_key_first_char', 'ck_indicator_value_finite')"
                    )
                ).all()
            )
        assert valid == {"ck_source_key_first_char": False, "ck_indicator_value_finite": True}
        with pytest.raises(IntegrityError, match="ck_source_key_first_char"), engine.begin() as conn:
            conn.execute(text("insert into kzgov_internal.source (key, jurisdiction_code) values ('-new', 'KZ')"))
        migrations.downgrade(engine, "0006")
        migrations.upgrade(engine)
    finally:
        engine.dispose()


def test_downgrade_keeps_what_analysts_built(database_url: str) -> None:
    """kzgov_analyst's schema is the analysts': a downgrade below 0010 leaves it and its tables, and the
    upgrade after finds them where they were."""
    engine = create_engine_for(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("create table kzgov_analyst.notes (note text)"))
            conn.execute(text("insert into kzgov_analyst.notes values ('mine')"))
        migrations.downgrade(engine, "0009")
        with engine.connect() as conn:
            assert conn.execute(text("select note from kzgov_analyst.notes")).scalars().all() == ["mine"]
            assert conn.execute(text("select to_regnamespace('kzgov_internal')")).scalar() is None
            assert conn.execute(text("select to_regclass('kzgov.alembic_version') is not null")).scalar()
        migrations.upgrade(engine)
        with engine.connect() as conn:
            assert conn.execute(text("select note from kzgov_analyst.notes")).scalars().all() == ["mine"]
            assert conn.execute(text("select to_regclass('kzgov_internal.alembic_version') is not null")).scalar()
            assert conn.execute(text("select to_regclass('kzgov.alembic_version')")).scalar() is None
    finally:
        engine.dispose()


def _office_id_statistics(engine) -> int | None:
    with engine.connect() as conn:
        return conn.execute(
            text(
                "select attstattarget from pg_attribute"
                " where attrelid = 'kzgov_internal.office_tenure'::regclass and attname = 'office_id'"
            )
        ).scalar()


def test_0011_samples_office_ids_widely_and_its_downgrade_restores_the_default(empty_database_url: str) -> None:
    """The planner's count of offices comes from a sample of 300,000 rows at head (revision 0011's
    docstring says why); below 0011 the column has the server's default again (NULL from PostgreSQL 17 on,
    -1 before)."""
    engine = create_engine_for(empty_database_url)
    try:
        migrations.upgrade(engine)
        assert _office_id_statistics(engine) == 1000
        migrations.downgrade(engine, "0010")
        assert _office_id_statistics(engine) in (None, -1)
        migrations.upgrade(engine)
        assert _office_id_statistics(engine) == 1000
    finally:
        engine.dispose()
