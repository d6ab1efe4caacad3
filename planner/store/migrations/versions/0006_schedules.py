"""Repeating items, habits and reminders (issue 19): the repeats table (an item's rule and
where its series stands), occurrences (each turn: due date, done or skipped, what it
spent), habits and habit_ticks, and reminders (a moment, or days before the due date at a
local time; what each last fired for). Working days and the default reminder are settings.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _item_id(primary_key: bool = False) -> sa.Column[int]:
    return sa.Column(
        "item_id",
        sa.Integer,
        sa.ForeignKey("items.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


def upgrade() -> None:
    op.create_table(
        "repeats",
        _item_id(primary_key=True),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("anchor", sa.String(10), nullable=False),
        sa.Column("from_done", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("paused", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("turns", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "occurrences",
        sa.Column("id", sa.Integer, primary_key=True),
        _item_id(),
        sa.Column("due", sa.String(10), nullable=True),
        sa.Column("done_at", sa.String(32), nullable=True),
        sa.Column("expense", sa.Text, nullable=False),
        sa.Column("income", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_occurrences_item_due", "occurrences", ["item_id", "due"])
    op.create_table(
        "habits",
        _item_id(primary_key=True),
        sa.Column("cadence", sa.String(8), nullable=False),
        sa.Column("since", sa.String(10), nullable=False),
        sa.Column("days", sa.Integer, nullable=False, server_default="0"),
        sa.Column("per_week", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("cadence IN ('daily', 'days', 'weekly')", name="ck_habits_cadence"),
    )
    op.create_table(
        "habit_ticks",
        _item_id(primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer, primary_key=True),
        _item_id(),
        sa.Column("at", sa.String(32), nullable=True),
        sa.Column("days_before", sa.Integer, nullable=True),
        sa.Column("time", sa.String(5), nullable=True),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("fired", sa.Text, nullable=False, server_default=""),
        # A moment, or days before the due date at a time: one or the other.
        sa.CheckConstraint(
            "(at IS NULL) != (days_before IS NULL AND time IS NULL)"  # not-ui: SQL
            " AND (days_before IS NULL) = (time IS NULL)",
            name="ck_reminders_kind",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_reminders_item", "reminders", ["item_id"])


def downgrade() -> None:
    op.drop_table("reminders")
    op.drop_table("habit_ticks")
    op.drop_table("habits")
    op.drop_table("occurrences")
    op.drop_table("repeats")
