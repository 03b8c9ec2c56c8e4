"""The bitemporal fact tables, one for each kind of claim, in the order reports list them.

Kept apart from kzgov.schema so the loader and the CLI can name them without importing SQLAlchemy.
"""

FACT_TABLES = (
    "office_tenure",
    "chamber_composition",
    "party_seats",
    "election",
    "election_result",
    "body_event",
    "indicator",
    "admin_division",
)
