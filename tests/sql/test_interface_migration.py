"""The migration that installs the SQL interface: down to 0002 and up again, keeping the data."""

from __future__ import annotations

import psycopg
from sql_fixtures import D, holders, load, rows, tenure

from kzgov import migrations
from kzgov.db import create_engine_for


def test_migration_down_to_0002_and_up_again_keeps_data(empty_database_url: str) -> None:
    engine = create_engine_for(empty_database_url)
    try:
        migrations.upgrade(engine, "head")
        with psycopg.connect(empty_database_url, autocommit=True) as conn:
            load(conn, "a", [tenure("President", "Dana Sarsen", D(2019, 3, 20))])
            load(conn, "b", [tenure("President", "Aru Bekov", D(2011, 5, 3), D(2020, 1, 1))])
            assert len(rows(conn, "select * from kzgov.conflicts")) == 2
        migrations.downgrade(engine, "0002")
        with psycopg.connect(empty_database_url, autocommit=True) as conn:
            views = conn.execute("select count(*) from pg_views where schemaname = 'kzgov'").fetchone()[0]
            functions = {
                r[0]
                for r in conn.execute(
                    "select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'kzgov'::regnamespace"
                )
            }
            assert views == 0
            assert functions == {
                "kzgov.set_recorded()",
                "kzgov.close_recorded_only()",
                "kzgov.forbid_change()",
                "kzgov.refresh_tenure_inferences()",
            }
            # 0002's state: PUBLIC may execute the functions again, the reader no longer uses the schema.
            assert conn.execute(
                "select bool_and(has_function_privilege('public', oid, 'execute')) from pg_proc"
                " where pronamespace = 'kzgov'::regnamespace"
            ).fetchone()[0]
            if conn.execute("select 1 from pg_roles where rolname = 'kzgov_reader'").fetchone():
                assert not conn.execute("select has_schema_privilege('kzgov_reader', 'kzgov', 'usage')").fetchone()[0]
            assert conn.execute("select count(*) from kzgov.office_tenure").fetchone()[0] == 2  # at 0002
            conn.execute("select * from kzgov.refresh_tenure_inferences()")
        migrations.upgrade(engine, "head")
        assert migrations.current_revision(engine) == migrations.head_revision()
        with psycopg.connect(empty_database_url, autocommit=True) as conn:
            assert holders(conn, "President", D(2019, 12, 1)) == ["Aru Bekov", "Dana Sarsen"]
            assert len(rows(conn, "select * from kzgov.conflicts")) == 2
    finally:
        engine.dispose()
