"""What each cell of the tree shows (text, icon, colour, font, tooltip, ...), as one small
answer for each column and role. A view's delegate asks about seven roles for each cell it
paints, some 250 cells a frame: each answer is looked up in a table, not searched for in
a chain of tests, and the day is read once for a whole paint."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, Protocol

from PySide6.QtGui import QBrush, QFont

from planner.domain.countdown import countdown_text
from planner.domain.items import ItemRecord, Status
from planner.domain.metrics import Metric
from planner.ui.tree import texts
from planner.ui.tree.costs import TreeCosts
from planner.ui.tree.marks import ImageMarks
from planner.ui.tree.nodes import Column, Node
from planner.ui.tree.routines import RoutineMarks
from planner.ui.tree.style import (
    ALIGNMENT,
    CENTER,
    DECORATION,
    DISPLAY,
    EDIT,
    FONT,
    FOREGROUND,
    IMAGES_ROLE,
    KEY_ROLE,
    KIND_ROLE,
    PROGRESS_ROLE,
    PROGRESS_TEXT_ROLE,
    REPEAT_ROLE,
    RIGHT,
    TOOLTIP,
    due_brush,
    style,
)

Answer = Callable[[Node, ItemRecord], Any]


class Figures(Protocol):
    """What the cells show beside an item's record: the tree model's figures."""

    costs: TreeCosts
    image_marks: ImageMarks
    routines: RoutineMarks
    metrics: dict[int, Metric]
    people_names: dict[int, str]
    context_keys: set[int]  # rows a filter shows only for what is below them

    def today(self) -> date: ...

    def progress(self, item_id: int) -> tuple[int, int] | None: ...

    def is_goal(self, record: ItemRecord) -> bool: ...

    def late_child(self, node: Node) -> ItemRecord | None: ...

    def inside_deleted(self, node: Node) -> bool: ...


class Cells:
    """Handed the model whose figures (progress, totals, people, metrics, images) the
    cells show. `table[column][role]` answers for an item's row."""

    def __init__(self, model: Figures) -> None:
        self.model = model
        self._day: date | None = None  # the day, while a paint is under way
        self.table = self._table()

    @contextlib.contextmanager
    def one_day(self) -> Iterator[None]:
        """The day read once for every cell of one paint."""
        self._day = self.model.today()
        try:
            yield
        finally:
            self._day = None

    def today(self) -> date:
        return self._day if self._day is not None else self.model.today()

    def value(self, node: Node, record: ItemRecord, column: int, role: int) -> Any:
        answer = self.table[column].get(role)
        return None if answer is None else answer(node, record)

    def _table(self) -> list[dict[int, Answer]]:
        """Every column's answers; each column also has the key, the kind and the colour
        of an item that is done or deleted."""
        every: dict[int, Answer] = {
            KEY_ROLE: lambda n, r: n.key,
            KIND_ROLE: lambda n, r: r.kind.value,
            FOREGROUND: self._muted,
        }
        not_group = self._not_for_groups
        columns: dict[int, dict[int, Answer]] = {
            Column.TITLE: {
                DISPLAY: lambda n, r: r.title,
                EDIT: lambda n, r: r.title,
                TOOLTIP: lambda n, r: r.title if len(r.title) >= 60 else None,
                IMAGES_ROLE: lambda n, r: self.model.image_marks.count(r.id),
                REPEAT_ROLE: not_group(lambda n, r: self.model.routines.repeat_words(r.id)),
                DECORATION: lambda n, r: style().icon(r, self.model.is_goal(r)),
                FONT: self._title_font,
            },
            Column.DUE: {
                DISPLAY: not_group(self._countdown),
                TOOLTIP: not_group(self._due_tooltip),
                FOREGROUND: self._due_colour,
                FONT: self._due_font,
                DECORATION: self._late_mark,
            },
            Column.CREATED: {
                DISPLAY: not_group(lambda n, r: texts.created_text(r.created)),
                TOOLTIP: not_group(lambda n, r: texts.created_tooltip(r.created)),
            },
            Column.PROGRESS: {
                PROGRESS_ROLE: lambda n, r: self._progress_share(r),
                PROGRESS_TEXT_ROLE: self._limit_word,
                TOOLTIP: not_group(self._progress_tooltip),
            },
            Column.PRIORITY: {
                DISPLAY: not_group(lambda n, r: texts.priority_name(r.priority) or None),
                ALIGNMENT: lambda n, r: CENTER,
            },
            Column.ASSIGNEE: {DISPLAY: not_group(self._assignee)},
            Column.TOTAL: {
                DISPLAY: lambda n, r: self.model.costs.headline(r.id),
                FOREGROUND: self._total_colour,
                TOOLTIP: lambda n, r: self.model.costs.summary(r.id),
                ALIGNMENT: lambda n, r: RIGHT,
            },
        }
        return [every | columns[column] for column in range(len(Column.NAMES))]

    @staticmethod
    def _not_for_groups(answer: Answer) -> Answer:
        return lambda n, r: None if r.is_group else answer(n, r)

    # -- the answers ---------------------------------------------------------------------
    def _muted(self, node: Node, record: ItemRecord) -> QBrush | None:
        """Done or deleted, or deleted with an item above it; greyed where a filter
        shows the row only as the path to what it finds."""
        if node.key in self.model.context_keys:
            return style().context
        if record.status is not Status.ACTIVE or self.model.inside_deleted(node):
            return style().muted
        return None

    def _total_colour(self, node: Node, record: ItemRecord) -> QBrush | None:
        """Muted as the row is, else green when the item brings in more than it costs."""
        muted = self._muted(node, record)
        if muted is not None:
            return muted
        return style().income if self.model.costs.gains(record.id) else None

    def _title_font(self, node: Node, record: ItemRecord) -> QFont | None:
        if record.is_group:
            return style().bold
        return style().struck if record.status is Status.DONE else None

    def _countdown(self, node: Node, record: ItemRecord) -> str:
        done_on = record.done_at.astimezone().date() if record.done_at else None
        calendar = self.model.routines.calendar()
        return countdown_text(record.due, record.status, done_on, self.today(), calendar)

    def _due_tooltip(self, node: Node, record: ItemRecord) -> str:
        return texts.due_tooltip(record.due, self.model.late_child(node))

    def _due_colour(self, node: Node, record: ItemRecord) -> QBrush | None:
        muted = self._muted(node, record)
        if muted is not None:
            return muted
        return due_brush(record.due, record.status, self.today())

    def _due_font(self, node: Node, record: ItemRecord) -> QFont | None:
        due = record.due
        if record.status is not Status.ACTIVE or due is None:
            return None
        return style().bold if due <= self.today() else None

    def _late_mark(self, node: Node, record: ItemRecord) -> Any:
        return style().warning_icon if self.model.late_child(node) else None

    def _progress_share(self, record: ItemRecord) -> float | None:
        if record.status is Status.DELETED:
            return None  # a deleted item's progress counts nowhere: no bar
        if self.model.routines.is_habit(record.id):
            return self.model.routines.habit_share(record.id)  # of the last 30 days
        metric = self.model.metrics.get(record.id)
        if metric is not None:
            return metric.share
        figures = self.model.progress(record.id)
        if figures is None or figures[1] == 0:
            return None
        return 1.0 if record.status is Status.DONE else figures[0] / figures[1]

    def _limit_word(self, node: Node, record: ItemRecord) -> str | None:
        metric = self.model.metrics.get(record.id)
        return None if metric is None else texts.limit_word(metric)

    def _progress_tooltip(self, node: Node, record: ItemRecord) -> str | None:
        if record.status is Status.DELETED:
            return None
        if self.model.routines.is_habit(record.id):
            return texts.habit_tooltip(self.model.routines.habit_share(record.id))
        metric = self.model.metrics.get(record.id)
        if metric is not None:
            return texts.metric_tooltip(metric)
        figures = self.model.progress(record.id)
        if not figures or not figures[1]:
            return None
        return texts.progress_tooltip(*figures)

    def _assignee(self, node: Node, record: ItemRecord) -> str | None:
        person = record.assignee_id
        return None if person is None else self.model.people_names.get(person)
