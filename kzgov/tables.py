"""The bitemporal fact tables, one for each kind of claim, in the order reports list them.

Named by the loader's specifications (kzgov.loading.specs), so the loader and the CLI can name them
without importing SQLAlchemy.
"""

from kzgov.loading.specs import SPECS

FACT_TABLES = tuple(spec.table for spec in SPECS)

# What users browse: the documented views and functions (sql/), and nothing they may not use.
SCHEMA = "kzgov"
# The tables, and the internal views and functions (revision 0010 moved them out of SCHEMA).
INTERNAL_SCHEMA = "kzgov_internal"


def schema_of_sql(table: str) -> str:
    """An SQL expression naming the schema a kzgov table is in: kzgov_internal from revision 0010 on, kzgov
    before (a database not yet upgraded, or taken down again); NULL where there is no such table."""
    return (
        f"case when to_regclass('{INTERNAL_SCHEMA}.{table}') is not null then '{INTERNAL_SCHEMA}'"
        f" when to_regclass('{SCHEMA}.{table}') is not null then '{SCHEMA}' end"
    )
