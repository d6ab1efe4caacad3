"""Calculation: items.calc_on, the cost_lines table (money as exact decimal text), and the
plan's currency setting (the locale's when the plan is made or upgraded).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from planner.domain.money import default_currency

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE, never a copy of the table: a copy would drop and re-create `items`, and
    # with foreign keys on, dropping it deletes what points to it; it would also lose
    # AUTOINCREMENT (ids must never be reused).
    with op.batch_alter_table("items", recreate="never") as batch:
        batch.add_column(
            sa.Column("calc_on", sa.Boolean, nullable=False, server_default=sa.false())
        )
    op.create_table(
        "cost_lines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "item_id",
            sa.Integer,
            sa.ForeignKey("items.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        # Exact decimal text ("12.5"), never REAL: see store.schema.DecimalText.
        sa.Column("quantity", sa.Text, nullable=False),
        sa.Column("unit", sa.Text, nullable=False, server_default=""),
        sa.Column("unit_price", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.CheckConstraint("kind IN ('expense', 'income')", name="ck_cost_lines_kind"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_cost_lines_item_position", "cost_lines", ["item_id", "position"])
    settings = sa.table("settings", sa.column("key"), sa.column("value"))
    found = op.get_bind().execute(sa.select(settings.c.key).where(settings.c.key == "currency"))
    if found.first() is None:
        op.execute(settings.insert().values(key="currency", value=default_currency()))


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE key = 'currency'")
    op.drop_index("ix_cost_lines_item_position", "cost_lines")
    op.drop_table("cost_lines")
    with op.batch_alter_table("items", recreate="never") as batch:
        batch.drop_column("calc_on")
