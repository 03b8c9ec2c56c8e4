"""The successor rule written once: kzgov._successor_ends, used wherever an unknown end is taken from the
start of the next claim.

Until 0005 the rule (a claim explicitly dated with a known start and an unknown end ends when a later claim
giving another answer starts, if that start is explicitly dated too) was written out three times:
kzgov.refresh_tenure_inferences, kzgov.office_holders_on (with published_by) and kzgov._resolution (behind
the resolved_* views, for figures). They now call kzgov._successor_ends, an immutable SQL expression the
planner inlines: the answers are the same, and a change to the rule is one change. kzgov_reader may
execute it, because PostgreSQL checks the functions a view calls against the view's reader.

No table changes; the SQL objects of alembic/sql/0006/ are the files of 0005's set this revision changes
and the one it adds (00_rules/10_successor_ends.sql). The downgrade restores 0005's objects.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from kzgov import sqlobjects

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlobjects.switch("0005", revision)


def downgrade() -> None:
    sqlobjects.switch(revision, "0005")
