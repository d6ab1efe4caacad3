"""The tables of a plan file, as SQLAlchemy 2 typed ORM classes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from planner.domain.money import decimal_text
from planner.store.stored_values import aware, number, stored_moment


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as ISO 8601 text, so it sorts and reads back exactly."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else stored_moment(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else aware(value)


class IsoDate(TypeDecorator[date]):
    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: date | None, dialect: Dialect) -> str | None:
        if isinstance(value, datetime):
            # Its ISO text would not read back as a date, and every read of the row would fail.
            raise ValueError("a datetime where a date belongs")
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> date | None:
        return None if value is None else date.fromisoformat(value)


class DecimalText(TypeDecorator[Decimal]):
    """An exact decimal stored as its canonical text ("12.5"): SQLite has no decimal type,
    and a NUMERIC column would turn it into a binary float."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise ValueError(f"not a finite Decimal: {value!r}")
        return decimal_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else number(value)


class Base(DeclarativeBase):
    pass


class ItemRow(Base):
    """A group (top level, no parent) or an item (goal or task) of the tree."""

    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_parent_status_position", "parent_id", "status", "position"),
        Index("ix_items_parent_position", "parent_id", "position"),
        # The agenda's views (migration 0006).
        Index("ix_items_assignee_status_due", "assignee_id", "status", "due"),
        Index("ix_items_status_due", "status", "due"),
        Index("ix_items_status_priority_due", "status", "priority", "due"),
        Index("ix_items_status_done_at", "status", "done_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(UtcDateTime)
    due: Mapped[date | None] = mapped_column(IsoDate)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(8))
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    calc_on: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    why: Mapped[str] = mapped_column(Text, default="", server_default="")
    examples: Mapped[str] = mapped_column(Text, default="", server_default="")


class CostLineRow(Base):
    """One line of an item's calculation: quantity × unit price, an expense or an income."""

    __tablename__ = "cost_lines"
    __table_args__ = (
        Index("ix_cost_lines_item_position", "item_id", "position"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    unit: Mapped[str] = mapped_column(Text, default="")
    unit_price: Mapped[Decimal] = mapped_column(DecimalText)
    kind: Mapped[str] = mapped_column(String(8))


class ImageRow(Base):
    """An image of an item, without its bytes: listing images or marking items that have
    some never reads image data (and reordering rewrites these small rows only)."""

    __tablename__ = "images"
    __table_args__ = (
        Index("ix_images_item_position", "item_id", "position"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(8))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)


class ImageDataRow(Base):
    """The bytes of an image (the file as it was added) and its small thumbnail, the
    thumbnail first so that reading it stops before the image's own bytes."""

    __tablename__ = "image_data"

    image_id: Mapped[int] = mapped_column(
        ForeignKey("images.id", ondelete="CASCADE"), primary_key=True
    )
    thumb: Mapped[bytes] = mapped_column(LargeBinary)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SettingRow(Base):
    """Plan-wide settings as text ("currency": the plan's ISO 4217 code)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PersonRow(Base):
    """Someone items can be assigned to. `name_key` (the name case-folded) is unique."""

    __tablename__ = "people"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    email: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class MetricRow(Base):
    """A goal's measurable target (at most one per item); numbers as exact decimal text."""

    __tablename__ = "metrics"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text, default="")
    baseline: Mapped[Decimal] = mapped_column(DecimalText)
    target: Mapped[Decimal] = mapped_column(DecimalText)
    stretch: Mapped[Decimal | None] = mapped_column(DecimalText)
    direction: Mapped[str] = mapped_column(String(10))
    current: Mapped[Decimal | None] = mapped_column(DecimalText)


class CheckInRow(Base):
    """A dated value of an item's metric."""

    __tablename__ = "checkins"
    __table_args__ = (
        Index("ix_checkins_item_day", "item_id", "day"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(IsoDate)
    value: Mapped[Decimal] = mapped_column(DecimalText)


class JournalRow(Base):
    """A dated progress report on an item."""

    __tablename__ = "journal"
    __table_args__ = (
        Index("ix_journal_item_day", "item_id", "day"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(IsoDate)
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UtcDateTime)


class ShareRow(Base):
    """A card of one item written to a file (see domain.shares); no foreign key: a share
    outlives a purged item, whose file is still there to revoke."""

    __tablename__ = "shares"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(8))
    file: Mapped[str] = mapped_column(Text)
    made: Mapped[datetime] = mapped_column(UtcDateTime)
    updated: Mapped[datetime] = mapped_column(UtcDateTime)
    live: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    fingerprint: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The PDF page it was made with (a4 | letter); NULL: made before pages were kept.
    page: Mapped[str | None] = mapped_column(String(8), nullable=True, default=None)


class RepeatRow(Base):
    """An item's repeating: its rule (canonical RRULE text) and where its series stands."""

    __tablename__ = "repeats"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    rule: Mapped[str] = mapped_column(Text)
    anchor: Mapped[date] = mapped_column(IsoDate)
    from_done: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    turns: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OccurrenceRow(Base):
    """One turn of a repeating item: its due date, when it was done (NULL: skipped), and
    what its calculation spent (exact decimal text)."""

    __tablename__ = "occurrences"
    __table_args__ = (
        Index("ix_occurrences_item_due", "item_id", "due"),
        Index("ix_occurrences_done_at", "done_at", "item_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    due: Mapped[date | None] = mapped_column(IsoDate)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expense: Mapped[Decimal] = mapped_column(DecimalText)
    income: Mapped[Decimal] = mapped_column(DecimalText)


class HabitRow(Base):
    """An item kept as a habit: daily, on chosen weekdays (`days`, a bit a weekday from
    Monday), or `per_week` times a week."""

    __tablename__ = "habits"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    cadence: Mapped[str] = mapped_column(String(8))
    since: Mapped[date] = mapped_column(IsoDate)
    days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    per_week: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class TickRow(Base):
    """A day a habit was kept."""

    __tablename__ = "habit_ticks"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(IsoDate, primary_key=True)


class ReminderRow(Base):
    """A reminder of an item: at a moment (UTC), or `days_before` its due date at a local
    `time` ("HH:MM"); `fired`: what it last fired for."""

    __tablename__ = "reminders"
    __table_args__ = (
        Index("ix_reminders_item", "item_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    days_before: Mapped[int | None] = mapped_column(Integer)
    time: Mapped[str | None] = mapped_column(String(5))
    created: Mapped[datetime] = mapped_column(UtcDateTime)
    fired: Mapped[str] = mapped_column(Text, default="", server_default="")
