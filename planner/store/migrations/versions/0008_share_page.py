"""Shares: the page size a PDF card was made with, kept with the share so that a live card
is rewritten on the same page (it took the plan's page size setting).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for the shares made before: they keep following the plan's page size, and their
    # signatures (which do not cover a page) stay valid.
    with op.batch_alter_table("shares") as batch:
        batch.add_column(sa.Column("page", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shares") as batch:
        batch.drop_column("page")
