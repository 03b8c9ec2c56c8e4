"""Ends of tenure inferred from successors: kzgov.refresh_tenure_inferences().

Applies the SQL objects frozen for this revision in alembic/sql/0002/.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from kzgov import sqlobjects

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlobjects.switch(None, revision)


def downgrade() -> None:
    sqlobjects.switch(revision, None)
