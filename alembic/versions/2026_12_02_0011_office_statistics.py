"""The planner samples office_tenure.office_id more widely, so it counts the offices nearly right.

kzgov.office_holders_on reaches an office's claims through ix_office_tenure_office_id_valid, one probe
an office. Whether the planner takes that path, or reads the whole table once, rests on how many claims
it expects an office to have: the table's rows over the number of distinct office_id values ANALYZE
estimates from its sample. With the default sample (30,000 rows) that estimate was 5,063 offices on a
database of 9.5 million claims on 23,877 offices, so every office seemed to have nearly five times its
claims, and `kzgov who "prime minister"` (675 offices of that name) read all 9.5 million rows:
1.6 s instead of 55 ms. A sample of 300,000 rows (statistics target 1,000) estimates 15,519 offices
and the probes are taken; ANALYZE of that table takes about 5 s instead of 2 s at that size.

No rows change; no SQL objects change. The setting takes effect at the next ANALYZE (a load that grows
the table by a tenth runs one; so does autovacuum).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("alter table kzgov_internal.office_tenure alter column office_id set statistics 1000")


def downgrade() -> None:
    op.execute("alter table kzgov_internal.office_tenure alter column office_id set statistics -1")
