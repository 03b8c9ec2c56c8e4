"""The public SQL interface: claim views, point-in-time functions, conflicts, resolved answers, kzgov_reader.

Applies the SQL objects frozen for this revision in alembic/sql/0003/; the downgrade restores 0002's.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from kzgov import sqlobjects

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlobjects.switch("0002", revision)


def downgrade() -> None:
    sqlobjects.switch(revision, "0002")
