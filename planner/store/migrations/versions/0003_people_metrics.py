"""People and assignees, metrics with check-ins, journal, why and examples (issue 5):
the people table, items.assignee_id / why / examples, and the metrics, checkins and
journal tables (numbers as exact decimal text).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        # The name case-folded (NFKC): "Ana" and "ANA" are one person.
        sa.Column("name_key", sa.Text, nullable=False, unique=True),
        sa.Column("email", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sqlite_autoincrement=True,
    )
    # Plain ALTER TABLE (never a copy of `items`: see 0002). SQLite allows a REFERENCES
    # clause on an added column whose default is NULL.
    op.execute(
        "ALTER TABLE items ADD COLUMN assignee_id INTEGER REFERENCES people (id) ON DELETE SET NULL"
    )
    op.execute("ALTER TABLE items ADD COLUMN why TEXT NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE items ADD COLUMN examples TEXT NOT NULL DEFAULT ''")
    op.create_index("ix_items_assignee", "items", ["assignee_id"])
    op.create_table(
        "metrics",
        sa.Column(
            "item_id",
            sa.Integer,
            sa.ForeignKey("items.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("unit", sa.Text, nullable=False, server_default=""),
        sa.Column("baseline", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("stretch", sa.Text, nullable=True),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("current", sa.Text, nullable=True),
        sa.CheckConstraint(
            "direction IN ('increase', 'decrease', 'at_most', 'at_least')",
            name="ck_metrics_direction",
        ),
    )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_checkins_item_day", "checkins", ["item_id", "day"])
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_journal_item_day", "journal", ["item_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_journal_item_day", "journal")
    op.drop_table("journal")
    op.drop_index("ix_checkins_item_day", "checkins")
    op.drop_table("checkins")
    op.drop_table("metrics")
    op.drop_index("ix_items_assignee", "items")
    with op.batch_alter_table("items", recreate="never") as batch:
        batch.drop_column("examples")
        batch.drop_column("why")
        batch.drop_column("assignee_id")
