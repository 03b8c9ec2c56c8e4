"""kzgov: a bitemporal PostgreSQL database of Kazakhstan's government, built from sources that disagree."""

__version__ = "0.1.0"
