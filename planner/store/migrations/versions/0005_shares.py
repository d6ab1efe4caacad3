"""Shares: cards of items written to files, kept up to date when live.

Revision ID: 0005
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer, primary_key=True),
        # No foreign key: a share outlives its item (the file is still there to revoke), and
        # an undone purge brings the item back under the same id.
        sa.Column("item_id", sa.Integer, nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("made", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
        sa.Column("live", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("fingerprint", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint("format IN ('html', 'pdf', 'png')", name="ck_shares_format"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("shares")
