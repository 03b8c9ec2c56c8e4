"""Alembic environment: one transaction per migration, bounded waits, one migrator at a time."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from kzgov.schema import metadata
from kzgov.tables import INTERNAL_SCHEMA, SCHEMA, schema_of_sql

# Any number for pg_advisory_lock, fixed so every kzgov process agrees on it.
MIGRATION_LOCK_ID = 0x6B7A676F76  # "kzgov"


# The partitions found in kzgov's schema when the run began: the metadata describes each partitioned table,
# whose partitions (office_tenure's segments, 0012) are made by loads and carry the parent's definition.
_partitions: set[str] = set()


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Compare only kzgov's own tables; views, partitions and Alembic's bookkeeping are not in the metadata."""
    if type_ == "table":
        return name != "alembic_version" and obj.schema == INTERNAL_SCHEMA and name not in _partitions
    if type_ == "foreign_key_constraint" and reflected:
        # A key referencing a partitioned table is kept by the server as one key per partition as well.
        return obj.referred_table.name not in _partitions
    return True


def _find_partitions(connection) -> None:
    found = connection.execute(
        text("select relname from pg_class where relispartition and relnamespace::regnamespace::text = :s"),
        {"s": INTERNAL_SCHEMA},
    ).scalars()
    _partitions.clear()
    _partitions.update(found)


def _schema_of(connection, table: str) -> str | None:
    """The schema a kzgov table is in (kzgov_internal from revision 0010 on, kzgov before), None if none."""
    return connection.execute(text(f"select {schema_of_sql(table)}")).scalar()


def _keep_version_beside_tables(connection) -> None:
    """Alembic keeps writing its version to the table it found when the run began, so the version table moves
    after the run: into kzgov_internal once 0010 has moved the tables there, back to kzgov after a downgrade
    below 0010 (and kzgov_internal goes once empty). Schema kzgov then holds only what users may read."""
    where, tables = _schema_of(connection, "alembic_version"), _schema_of(connection, "source") or SCHEMA
    if where is None or where == tables:
        return
    connection.execute(text(f"alter table {where}.alembic_version set schema {tables}"))
    if where == INTERNAL_SCHEMA:
        left = connection.execute(
            text(
                "select count(*) from pg_class where relnamespace = cast(:s as regnamespace)"
                " union all select count(*) from pg_proc where pronamespace = cast(:s as regnamespace)"
            ),
            {"s": INTERNAL_SCHEMA},
        ).scalars()
        if not any(left):
            connection.execute(text(f"drop schema {INTERNAL_SCHEMA}"))


def run_migrations(connection) -> None:
    connection.execute(text("set lock_timeout = '10s'"))
    connection.execute(text("set statement_timeout = '10min'"))
    connection.execute(text(f"create schema if not exists {SCHEMA}"))
    _find_partitions(connection)
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # Beside the tables (see _keep_version_beside_tables); kzgov for a new database.
        version_table_schema=_schema_of(connection, "alembic_version") or SCHEMA,
        include_schemas=True,
        include_object=include_object,
        # Upgrades commit step by step; a downgrade is one transaction, so a step that refuses
        # (it would lose data) leaves the database exactly where it was.
        transaction_per_migration=not context.config.attributes.get("single_transaction", False),
        compare_type=True,
    )
    connection.execute(text("select pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK_ID})
    connection.commit()
    try:
        with context.begin_transaction():
            context.run_migrations()
        _keep_version_beside_tables(connection)
        connection.commit()
    except BaseException:
        # Whatever a failed run had begun is undone, never committed by the unlock below.
        connection.rollback()
        raise
    finally:
        connection.execute(text("select pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK_ID})
        connection.commit()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    from kzgov.db import create_engine_for, resolve_url

    engine = create_engine_for(resolve_url(context.config.get_main_option("sqlalchemy.url") or None))
    try:
        with engine.connect() as conn:
            run_migrations(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("kzgov migrations run online only: they take an advisory lock on the server")
run_online()
