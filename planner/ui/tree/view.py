"""The tree widget: Tab to indent, a progress bar column, and a hint when the plan is empty."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QWidget,
)

from planner import formats
from planner.domain.items import Priority
from planner.i18n import N_, _
from planner.ui.tree.marks import mark_tooltip, paint_with_mark, repeat_tooltip
from planner.ui.tree.model import Column, PlanTreeModel, Role
from planner.ui.tree.open_rows import OpenRows
from planner.ui.tree.relocation import RelocationKeeper
from planner.ui.tree.sorting import SortSpec
from planner.ui.tree.texts import column_name, priority_name

MOVING_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)
READ_AHEAD_SCREENS = 3  # records read at once for the rows painted and those around them
# The least room for titles, in letters ("n"s: a font's average width counts the Chinese
# glyphs a Chinese font holds): a few words of each.
TITLE_LEAST_CHARACTERS = 24

EMPTY_HINT = N_(
    "Your plan has no goals yet.\n\n"
    "Press Ctrl+N to add your first goal, then Insert to break it into tasks.\n"
    "Enter adds the next one, Tab indents it."
)


class TitleDelegate(QStyledItemDelegate):
    """The inline title editor keeps its own keys: Enter ends the edit (it does not also
    trigger "New item below"), Delete and Insert edit text, Tab is not an indent."""

    EDITOR_KEYS = frozenset(
        {
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Delete,
            Qt.Key.Key_Insert,
            Qt.Key.Key_F2,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        }
    )

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        count = index.data(Role.IMAGES)
        repeats = index.data(Role.REPEAT) is not None
        if count or repeats:
            paint_with_mark(self, painter, option, index, count, repeats)
        else:
            super().paint(painter, option, index)

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not index.isValid() or event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        count, rule = index.data(Role.IMAGES), index.data(Role.REPEAT)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        if not tip and self.is_cut(option, index):
            tip = str(index.data())  # a title cut short ("Run a half mara…") shows whole
        lines = [tip, rule and repeat_tooltip(rule), count and mark_tooltip(count)]
        if any(lines):
            QToolTip.showText(event.globalPos(), "\n".join(t for t in lines if t), view)
            return True
        return super().helpEvent(event, view, option, index)

    def is_cut(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Whether the title does not fit its cell (it is drawn elided)."""
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        return self.sizeHint(shown, index).width() > option.rect.width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in self.EDITOR_KEYS
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)


class ProgressDelegate(QStyledItemDelegate):
    """A slim bar with the percentage beside it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        share = index.data(Role.PROGRESS)
        super().paint(painter, option, index)
        if share is None:
            return
        rect: QRect = option.rect.adjusted(6, 0, -6, 0)
        text_width = 40
        bar = QRect(rect.left(), rect.center().y() - 3, max(rect.width() - text_width, 10), 7)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        # On a selected row the blue bar would vanish into the highlight: light colours there.
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setBrush(QColor(255, 255, 255, 90) if selected else QColor("#e4e7eb"))
        painter.drawRoundedRect(bar, 3, 3)
        filled = QRect(bar)
        filled.setWidth(round(bar.width() * min(max(share, 0.0), 1.0)))
        if filled.width() > 0:
            if selected:
                painter.setBrush(QColor("#ffffff"))
            else:
                painter.setBrush(QColor("#2e9d5b") if share >= 1 else QColor("#3b82f6"))
            painter.drawRoundedRect(filled, 3, 3)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        label = QRect(bar.right() + 4, rect.top(), text_width - 4, rect.height())
        painter.drawText(
            label,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
            index.data(Role.PROGRESS_TEXT) or formats.percent(share),
        )
        painter.restore()


class PlanTreeView(QTreeView):
    """QTreeView that gives Tab and Shift+Tab to indent/outdent instead of focus moves,
    opens a row with everything below it (Shift+click on its arrow, Shift+Right, *), and
    reads the records of the rows it is about to paint in one go."""

    indentRequested = Signal()
    outdentRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_hint = False
        self.open_rows = OpenRows(self)
        # Once rows have opened or closed (by the user, Expand All, again after an action),
        # the columns fit what the rows shown show.
        self.open_rows.changed.connect(self.fit_columns_soon)
        self.moving_by_key = False  # while a key moves the current row
        self.hint_text: str | None = None  # what the hint says (None: how to add a goal)
        self.filter_hint: str | None = None  # a filter that finds nothing says so
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # DragDrop, not InternalMove: image files from outside may be dropped onto an item.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setAnimated(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        # The other columns keep Qt's own delegate: no Python call for each cell painted.
        self.setItemDelegateForColumn(Column.TITLE, TitleDelegate(self))
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sectionResized.connect(lambda column, _old, _new: self._other_resized(column))
        # A column fits the rows on screen only: Qt's default also looks at the 1,000 rows
        # around them, reading their records (40-70 ms with 100,000 rows open).
        header.setResizeContentsPrecision(0)
        # Columns the user sized by dragging: their widths are kept, never fitted again.
        self.user_sized: set[int] = set()
        self._fitting = False  # the columns are being fitted (not a user's drag)
        self._dragging = False  # a mouse button is down on the header
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.timeout.connect(self._fit_if_shown)
        header.viewport().installEventFilter(self)
        # A click on a heading sorts siblings by that column: ascending, descending, then
        # the user's own order again.
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._heading_clicked)

    def _heading_clicked(self, column: int) -> None:
        model = self.model()
        if not isinstance(model, PlanTreeModel):
            return
        now = model.sorting
        if now is None or now.column != column:
            self.sort_by(SortSpec(column))
        elif not now.descending:
            self.sort_by(SortSpec(column, descending=True))
        else:
            self.sort_by(None)

    def sort_by(self, spec: SortSpec | None) -> None:
        """Siblings sorted by a column (None: the user's own order), the heading's arrow
        saying so; the current row stays in sight."""
        model = self.model()
        if not isinstance(model, PlanTreeModel):
            return
        model.sort_by(spec, self.open_rows.keys)
        self.show_sorting(spec)
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())

    def show_sorting(self, spec: SortSpec | None) -> None:
        header = self.header()
        header.setSortIndicatorShown(spec is not None)
        if spec is not None:
            order = Qt.SortOrder.DescendingOrder if spec.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(spec.column, order)

    def configure_columns(self) -> None:
        header = self.header()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        # Room for the titles: Created is there for who asks (the header's menu).
        self.setColumnHidden(Column.CREATED, True)
        self.fit_columns()

    def fit_columns_soon(self) -> None:
        """Fit the columns once the rows being opened (one, or thousands) are open."""
        self._fit_later.start()

    def _fit_if_shown(self) -> None:
        if self.model() is not None:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Every column but the title as wide as its heading and what it shows (Due as its
        longest countdown), unless the user sized it; the title takes the rest."""
        header = self.header()
        self._fitting = True
        try:
            for column in range(header.count()):
                if column == Column.TITLE or column in self.user_sized:
                    continue
                heading = header.sectionSizeFromContents(column).width()
                header.resizeSection(column, max(heading, self._content_width(column)))
        finally:
            self._fitting = False
        self._fit_title()

    def _content_width(self, column: int) -> int:
        metrics = self.fontMetrics()
        if column == Column.DUE:  # its longest countdown shown, beside the warning sign
            return self.sizeHintForColumn(column) + 8
        if column == Column.PROGRESS:  # the bar and "100%"
            return 64 + metrics.horizontalAdvance(formats.percent(1)) + 16
        if column == Column.PRIORITY:
            return max(metrics.horizontalAdvance(priority_name(p)) for p in Priority) + 16
        if column == Column.CREATED:
            return metrics.horizontalAdvance(formats.date_short(date(2026, 9, 30))) + 16
        # Assignee and Total: the rows shown (Qt asks only the visible ones).
        return self.sizeHintForColumn(column) + 8

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A mouse button down on the header: a column resized now is the user's drag."""
        if watched is self.header().viewport():
            if event.type() == QEvent.Type.MouseButtonPress:
                self._dragging = True
            elif event.type() == QEvent.Type.MouseButtonRelease:
                self._dragging = False
        return super().eventFilter(watched, event)

    def fit_headers(self) -> None:
        """The headings changed (another language): each column fits them again."""
        self.fit_columns()

    def _other_resized(self, column: int) -> None:
        if column != Column.TITLE:
            if self._dragging and not self._fitting:
                self.user_sized.add(column)  # the user's own width: kept from now on
            self._fit_title()

    def _fit_title(self) -> None:
        """The title takes the room the other columns leave, but never less than a few
        words: a tree narrower than that (beside the Assigned To panel) scrolls sideways
        rather than hiding every title."""
        header = self.header()
        if header.count() <= Column.TITLE:
            return
        least = self.fontMetrics().horizontalAdvance("n" * TITLE_LEAST_CHARACTERS)
        others = header.length() - header.sectionSize(Column.TITLE)
        stretch = self.viewport().width() - others >= least
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(Column.TITLE) != mode:
            header.setSectionResizeMode(Column.TITLE, mode)
        if not stretch and header.sectionSize(Column.TITLE) != least:
            header.resizeSection(Column.TITLE, least)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_title()

    def _column_menu(self, pos: QPoint) -> None:
        """The header's context menu: show or hide each column but the title."""
        menu = QMenu(self)
        for column in range(len(Column.NAMES)):
            if column == Column.TITLE:
                continue
            action = menu.addAction(column_name(column))
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.setColumnHidden(c, not on))
        menu.exec(self.header().mapToGlobal(pos))

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        plan_model = model if isinstance(model, PlanTreeModel) else None
        self._keeper = (
            RelocationKeeper(self, plan_model, self.open_rows) if plan_model is not None else None
        )
        self.open_rows.bind(plan_model)
        self.show_sorting(None if plan_model is None else plan_model.sorting)
        if model is not None:  # the headings in another language: room for them
            model.headerDataChanged.connect(lambda *_args: self.fit_headers())

    def expandAll(self) -> None:
        self.open_rows.expand_all()

    def collapseAll(self) -> None:
        self.open_rows.collapse_all()

    def expandRecursively(
        self, index: QModelIndex | QPersistentModelIndex, depth: int = -1
    ) -> None:
        self.expand_subtree(index)

    def expand_subtree(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.open_rows.expand_subtree(index)

    def _on_arrow(self, index: QModelIndex, x: int) -> bool:
        """Whether x (in the viewport) falls on the row's arrow."""
        left = self.visualRect(index).left()
        return left - self.indentation() <= x < left

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and self._on_arrow(index, event.position().toPoint().x()):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and not self.isExpanded(index):
                self.expand_subtree(index)
                return
            self.open_rows.prepare(index)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.open_rows.prepare(self.indexAt(event.position().toPoint()))
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, shift = event.key(), event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        current = self.currentIndex()
        if key == Qt.Key.Key_Asterisk or (key == Qt.Key.Key_Right and shift):
            self.expand_subtree(current)
            return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Plus):
            self.open_rows.prepare(current)
        self.moving_by_key = key in MOVING_KEYS
        try:
            super().keyPressEvent(event)
        finally:
            self.moving_by_key = False

    def edit(  # type: ignore[override]
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool:
        # Only the title is edited in place; the other cells have no Qt item, whose flags
        # would say "editable".
        if index.column() != Column.TITLE:
            return False
        if trigger is None:
            super().edit(index)
            return self.state() == QAbstractItemView.State.EditingState
        return super().edit(index, trigger, event)  # type: ignore[arg-type]

    def currentChanged(
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # While the model follows a change, Qt moves the current row off a row being removed.
        # Scrolling to it then would lay out every open row in the middle of the change (and
        # again at its end): the action shows its result itself once the change is in.
        model = self.model()
        if isinstance(model, PlanTreeModel) and model.busy and self.hasAutoScroll():
            self.setAutoScroll(False)
            try:
                super().currentChanged(current, previous)
            finally:
                self.setAutoScroll(True)
            return
        super().currentChanged(current, previous)

    def _read_ahead(self, model: PlanTreeModel) -> None:
        """When the first or last row to paint has no record yet (a list brings its rows'
        places, not their records), the records of the rows painted and of a few screens
        around them, in one read, instead of a read for each list the screen shows."""
        height = self.viewport().height()
        top = self.indexAt(QPoint(1, 1))
        bottom = self.indexAt(QPoint(1, height - 2))
        if all(not i.isValid() or model.has_record(i) for i in (top, bottom)):
            return
        index, keys, key_of = top, [], model.key_of
        row_height = self.rowHeight(top) if top.isValid() else 0
        rows = READ_AHEAD_SCREENS * max(1, height // max(1, row_height or 20))
        for _row in range(rows):
            if not index.isValid():
                break
            keys.append(key_of(index))
            index = self.indexBelow(index)
        model.read_records(keys)

    def event(self, event: QEvent) -> bool:
        editing = self.state() == QAbstractItemView.State.EditingState
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and not editing:
            if event.key() == Qt.Key.Key_Tab:
                self.indentRequested.emit()
                return True
            if event.key() == Qt.Key.Key_Backtab:
                self.outdentRequested.emit()
                return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if isinstance(model, PlanTreeModel):
            self._read_ahead(model)
            with model.cells.one_day():
                super().paintEvent(event)
        else:
            super().paintEvent(event)
        if not self.empty_hint and not self.filter_hint:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QColor("#6b7280"))
        area = self.viewport().rect()
        top = self.visualRect(self.model().index(self.model().rowCount() - 1, 0)).bottom() + 40
        area.setTop(max(top, area.height() // 4))
        painter.drawText(
            area,
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            self.filter_hint or self.hint_text or _(EMPTY_HINT),
        )
        painter.end()
