"""Alembic owns the schema: it migrates both ways, and the metadata matches the migrations."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from alembic import command
from kzgov import migrations
from kzgov.db import DatabaseError, create_engine_for
from kzgov.schema import metadata


def test_upgrade_downgrade_upgrade_roundtrip(empty_database_url: str) -> None:
    engine = create_engine_for(empty_database_url)
    try:
        migrations.upgrade(engine)
        tables = set(inspect(engine).get_table_names(schema="kzgov"))
        assert {t.name for t in metadata.sorted_tables} <= tables
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
        assert conn.execute(text("select name from kzgov.jurisdiction where code = 'KZ'")).scalar() == "Kazakhstan"
