"""Images: the images table (one row per image of an item, no bytes) and image_data (the
image file's bytes and a small thumbnail, read only when shown or saved).

Revision ID: 0004
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "images",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "item_id",
            sa.Integer,
            sa.ForeignKey("items.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.CheckConstraint(
            "format IN ('png', 'jpeg', 'gif', 'webp', 'bmp')", name="ck_images_format"
        ),
        sqlite_autoincrement=True,
    )
    # Covers "which items have images" (read once when a plan opens) without the table.
    op.create_index("ix_images_item_position", "images", ["item_id", "position"])
    op.create_table(
        "image_data",
        sa.Column(
            "image_id",
            sa.Integer,
            sa.ForeignKey("images.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("thumb", sa.LargeBinary, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("image_data")
    op.drop_index("ix_images_item_position", "images")
    op.drop_table("images")
