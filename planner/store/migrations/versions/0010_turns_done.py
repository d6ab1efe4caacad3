"""Occurrences: an index on when each was done, so that the Logbook's count of the day
(items and the past turns of repeating items done today) reads indexes alone.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_occurrences_done_at", "occurrences", ["done_at", "item_id"])


def downgrade() -> None:
    op.drop_index("ix_occurrences_done_at", "occurrences")
