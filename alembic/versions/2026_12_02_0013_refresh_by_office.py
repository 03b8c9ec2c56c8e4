"""The inference refresh looks at the offices a load touched through indexes, not through every claim.

kzgov_internal.refresh_tenure_inferences is given the offices a load added or retired claims of. Two of its
statements still read every current claim of office_tenure to find theirs: the successor lookup's outer
side (a hash join of all current tenures with the offices looked at) and the retiring of inferences no
longer derivable (a semi-join of every tenure with those offices). With office_tenure partitioned (0012)
and one tenth of a database's offices touched, that was 1.5 s of each large re-load at 1M claims, and it
grows with the table, not with the change.

Now each office looked at has its claims that the successor rule can end found through
ix_office_tenure_successor_start (one probe an office and partition), and each current inference finds its
tenure's office by the tenure's whole key, so in its own partition. To find those claims, the rule's half
about the claim alone is a function of its own, kzgov_internal._successor_can_end, which
kzgov_internal._successor_ends calls: the rule is still written once. kzgov_reader may execute it, as it
may the rule.

No table changes; the SQL objects of alembic/sql/0013/ are the files of 0012's set this revision changes.
The downgrade restores 0012's objects.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from kzgov import sqlobjects

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlobjects.switch("0012", revision)


def downgrade() -> None:
    sqlobjects.switch(revision, "0012")
