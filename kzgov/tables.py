"""The bitemporal fact tables, one for each kind of claim, in the order reports list them.

Named by the loader's specifications (kzgov.loading.specs), so the loader and the CLI can name them
without importing SQLAlchemy.
"""

from kzgov.loading.specs import SPECS

FACT_TABLES = tuple(spec.table for spec in SPECS)
