"""Source keys begin with a letter or digit; an indicator's value is a finite number.

The loader refuses both already (a key such as "-rf" or "." from a file's name; "NaN", "inf" or a
number of 400 digits in a CSV); the database now refuses them too, whatever writes:
- ck_source_key_first_char: a key that began with "-" would read as an option wherever a key is typed,
  and "." or ".." as a directory.
- ck_indicator_value_finite: NUMERIC takes 'NaN' and 'Infinity', which are no measurements. (Turnout
  and vote shares are held between 0 and 100 already, which neither passes.)

Rows recorded before this revision are never changed: each constraint is added NOT VALID, so it binds
every new row, and validated at once where no existing row fails it; where one does, it stays NOT
VALID (the rows are kept as they were recorded) and `kzgov db upgrade` says nothing more about them.
No SQL objects change.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_CHECKS = (
    ("source", "ck_source_key_first_char", "key ~ '^[A-Za-z0-9]'"),
    # 'NaN' sorts above every number and 'Infinity' is beyond any bound, so neither is between them.
    ("indicator", "ck_indicator_value_finite", "value is null or value between -1e15 and 1e15"),
)


def upgrade() -> None:
    for table, name, check in _CHECKS:
        op.execute(f"alter table kzgov.{table} add constraint {name} check ({check}) not valid")
        op.execute(
            f"do $$ begin if not exists (select 1 from kzgov.{table} where not ({check})) then "
            f"alter table kzgov.{table} validate constraint {name}; end if; end $$"
        )


def downgrade() -> None:
    for table, name, _check in reversed(_CHECKS):
        op.execute(f"alter table kzgov.{table} drop constraint {name}")
