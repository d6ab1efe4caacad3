"""Agenda: indexes for the ready-made views (Today, Upcoming, Overdue, No due date, High
priority, Logbook), so that each reads only the items it shows, and the side bar's counts
stay quick on 100,000 items.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Due dates of active items: Today, Upcoming, Overdue (a range), No due date (NULL).
    op.create_index("ix_items_status_due", "items", ["status", "due"])
    # High priority, by due date.
    op.create_index("ix_items_status_priority_due", "items", ["status", "priority", "due"])
    # The Logbook: done items, newest first.
    op.create_index("ix_items_status_done_at", "items", ["status", "done_at"])
    # Assigned to …: one person's open items by due date, and every person's count, from
    # the index alone (it replaces the index on the assignee only).
    op.create_index("ix_items_assignee_status_due", "items", ["assignee_id", "status", "due"])
    op.drop_index("ix_items_assignee", "items")


def downgrade() -> None:
    op.create_index("ix_items_assignee", "items", ["assignee_id"])
    op.drop_index("ix_items_assignee_status_due", "items")
    op.drop_index("ix_items_status_done_at", "items")
    op.drop_index("ix_items_status_priority_due", "items")
    op.drop_index("ix_items_status_due", "items")
