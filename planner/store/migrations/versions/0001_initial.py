"""The first plan schema: items (groups, goals, tasks) and settings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column(
            "parent_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=True
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("due", sa.String(10), nullable=True),
        sa.Column("priority", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("done_at", sa.String(32), nullable=True),
        sa.Column("deleted_at", sa.String(32), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_items_parent_status_position", "items", ["parent_id", "status", "position"])
    op.create_index("ix_items_parent_position", "items", ["parent_id", "position"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_index("ix_items_parent_position", "items")
    op.drop_index("ix_items_parent_status_position", "items")
    op.drop_table("items")
