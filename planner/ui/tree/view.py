"""The tree widget: Tab to indent, a progress bar column, and a hint when the plan is empty."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
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
from planner.domain.countdown import countdown_text
from planner.domain.items import Priority, Status
from planner.i18n import N_, _
from planner.ui.tree.columns import SHRINKING, SHRINKING_LAST, allot
from planner.ui.tree.marks import mark_tooltip, paint_with_mark, repeat_tooltip
from planner.ui.tree.model import Column, PlanTreeModel, Role
from planner.ui.tree.open_rows import OpenRows
from planner.ui.tree.read_ahead import ReadAhead
from planner.ui.tree.relocation import RelocationKeeper
from planner.ui.tree.sorting import SortSpec
from planner.ui.tree.style import style
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
# The least room for titles, in letters ("n"s: a font's average width counts the Chinese
# glyphs a Chinese font holds) beside the arrows and icon of a task in a goal in a group:
# a few words of each. Only when Due and Total leave less does the title get narrower,
# down to TITLE_FLOOR_CHARACTERS; then the tree scrolls sideways.
TITLE_LEAST_CHARACTERS, TITLE_LEAST_LEVELS, TITLE_FLOOR_CHARACTERS = 12, 3, 4
# The progress column: its bar's width, the least it shrinks to, the air on each side.
PROGRESS_BAR, PROGRESS_BAR_LEAST, PROGRESS_MARGIN = 64, 20, 8
PERCENTS_KEPT = 1_000  # percentages written and kept by the progress column

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

    label_width = 40  # room for "100%" in the tree's font and language (fit_label)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Each share's "42%" as Babel writes it (about 50 µs), written once per language.
        self._percents: dict[float, str] = {}

    def fit_label(self, metrics: QFontMetrics) -> None:
        """Room for "100%" in the tree's font and language."""
        self.label_width = metrics.horizontalAdvance(formats.percent(1)) + 6

    def forget_texts(self) -> None:
        """The language changed."""
        self._percents.clear()

    def percent(self, share: float) -> str:
        text = self._percents.get(share)
        if text is None:
            if len(self._percents) >= PERCENTS_KEPT:
                self._percents.clear()
            text = self._percents[share] = formats.percent(share)
        return text

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
        text_width = self.label_width
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
            index.data(Role.PROGRESS_TEXT) or self.percent(share),
        )
        painter.restore()


class PlanTreeView(QTreeView):
    """QTreeView that gives Tab and Shift+Tab to indent/outdent instead of focus moves,
    opens a row with everything below it (Shift+click on its arrow, Shift+Right, *), and
    reads the records of the rows it is about to paint ahead of the paint (read_ahead.py)."""

    indentRequested = Signal()
    outdentRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_hint = False
        self.open_rows = OpenRows(self)
        self.read_ahead = ReadAhead(self)
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
        self.user_widths: dict[int, int] = {}
        self._fitted: dict[int, int] = {}  # the other columns' widths that fit them
        # Columns the user hid (the header's menu); Created is there for who asks.
        self.hidden_by_user: set[int] = {Column.CREATED}
        self.crowded_out: frozenset[int] = frozenset()  # hidden for want of room
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
        self.fit_columns()

    def restore_columns(self, settings: QSettings) -> None:
        """The columns as the user left them: shown or hidden, the widths they dragged."""
        header = self.header()
        state = settings.value("tree/header")
        if isinstance(state, QByteArray):
            header.restoreState(state)
        widths = settings.value("tree/user_widths")
        if widths is None:  # saved before: the dragged columns, their widths in the state
            sized = settings.value("tree/user_sized")
            sized = sized if isinstance(sized, list) else [sized] if sized else []
            columns = (int(c) for c in sized if str(c).isdigit())
            self.user_widths = {c: header.sectionSize(c) for c in columns if c < header.count()}
        else:
            self.user_widths = _widths(str(widths))
        hidden = settings.value("tree/hidden_columns")
        if hidden is not None:
            self.hidden_by_user = _columns(str(hidden))
        elif isinstance(state, QByteArray):  # saved before: hidden in the state
            self.hidden_by_user = {c for c in range(header.count()) if header.isSectionHidden(c)}
        self.hidden_by_user.discard(Column.TITLE)
        self.fit_columns()

    def save_columns(self, settings: QSettings) -> None:
        settings.setValue("tree/header", self.header().saveState())
        widths = sorted(self.user_widths.items())
        settings.setValue("tree/user_widths", ",".join(f"{c}:{w}" for c, w in widths))
        settings.setValue("tree/hidden_columns", ",".join(map(str, sorted(self.hidden_by_user))))

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
        progress = self.itemDelegateForColumn(Column.PROGRESS)
        if isinstance(progress, ProgressDelegate):
            progress.fit_label(self.fontMetrics())
        self._fitted = {
            column: max(header.sectionSizeFromContents(column).width(), self._content_width(column))
            for column in range(header.count())
            if column != Column.TITLE and column not in self.user_widths
        }
        self.arrange_columns()

    def _content_width(self, column: int) -> int:
        metrics = self.fontMetrics()
        if column == Column.DUE:  # its longest countdown shown, beside the warning sign
            return self.sizeHintForColumn(column) + 8
        if column == Column.PROGRESS:  # the bar and "100%"
            return PROGRESS_BAR + self._progress_label() + 2 * PROGRESS_MARGIN
        if column == Column.PRIORITY:
            return max(metrics.horizontalAdvance(priority_name(p)) for p in Priority) + 16
        if column == Column.CREATED:
            return metrics.horizontalAdvance(formats.date_short(date(2026, 9, 30))) + 16
        # Assignee and Total: the rows shown (Qt asks only the visible ones).
        return self.sizeHintForColumn(column) + 8

    def _progress_label(self) -> int:
        progress = self.itemDelegateForColumn(Column.PROGRESS)
        return progress.label_width if isinstance(progress, ProgressDelegate) else 40

    def _least_width(self, column: int) -> int:
        """How narrow a column giving way may get: its heading whole, the bar short, a
        countdown of "99 days left" or "9 days overdue" whole."""
        heading = self.header().sectionSizeFromContents(column).width()
        if column == Column.PROGRESS:
            return max(heading, PROGRESS_BAR_LEAST + self._progress_label() + 2 * PROGRESS_MARGIN)
        if column == Column.DUE:  # in bold, as a countdown due soon is
            today, bold = date.today(), QFontMetrics(style().bold)
            texts = (
                countdown_text(today + timedelta(days=days), Status.ACTIVE, None, today)
                for days in (99, -9)
            )
            return max(heading, *(bold.horizontalAdvance(text) + 8 for text in texts))
        return heading

    def arrange_columns(self) -> None:
        """Each column the user shows at its width, the title taking the rest; in a tree too
        narrow for them all, the columns give way (planner/ui/tree/columns.py) so that the
        title keeps a few words and Due and Total stay on screen without a sideways scroll."""
        header = self.header()
        if header.count() <= Column.TITLE or self._fitting:
            return
        wanted = {
            column: self.user_widths.get(column, self._fitted.get(column, 0))
            for column in range(header.count())
            if column != Column.TITLE and column not in self.hidden_by_user
        }
        least = {
            column: self._least_width(column)
            for column in SHRINKING + SHRINKING_LAST
            if column in wanted
        }
        allotment = allot(wanted, least, self.viewport().width(), self._title_least())
        self.crowded_out = allotment.crowded_out
        self._fitting = True
        try:
            for column in range(header.count()):
                if column == Column.TITLE:
                    continue
                hide = column not in allotment.widths
                if header.isSectionHidden(column) != hide:
                    header.setSectionHidden(column, hide)
                if not hide and header.sectionSize(column) != allotment.widths[column]:
                    header.resizeSection(column, allotment.widths[column])
        finally:
            self._fitting = False
        self._fit_title()

    def _title_least(self) -> tuple[int, int]:
        """The title's least width, and the width below which the tree scrolls sideways."""
        icon = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8
        letters = self.fontMetrics().horizontalAdvance("n" * TITLE_LEAST_CHARACTERS)
        floor = self.fontMetrics().horizontalAdvance("n" * TITLE_FLOOR_CHARACTERS)
        return (
            letters + icon + TITLE_LEAST_LEVELS * self.indentation(),
            floor + icon + self.indentation(),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A mouse button down on the header: a column resized now is the user's drag; once
        it is up, the other columns give way to the width dragged if they must."""
        if watched is self.header().viewport():
            if event.type() == QEvent.Type.MouseButtonPress:
                self._dragging = True
            elif event.type() == QEvent.Type.MouseButtonRelease:
                self._dragging = False
                self.arrange_columns()
        return super().eventFilter(watched, event)

    def fit_headers(self) -> None:
        """The headings changed (another language): each column fits them again."""
        progress = self.itemDelegateForColumn(Column.PROGRESS)
        if isinstance(progress, ProgressDelegate):
            progress.forget_texts()
        self.fit_columns()

    def _other_resized(self, column: int) -> None:
        if column != Column.TITLE:
            if self._dragging and not self._fitting:
                # The user's own width: kept from now on.
                self.user_widths[column] = self.header().sectionSize(column)
            self._fit_title()

    def _fit_title(self) -> None:
        """The title takes the room the other columns leave, but never less than a few
        letters (while the user drags a column wider than the room, or in a tree too narrow
        even for Due and Total, it scrolls sideways rather than hide titles)."""
        header = self.header()
        if header.count() <= Column.TITLE:
            return
        floor = self._title_least()[1]
        others = header.length() - header.sectionSize(Column.TITLE)
        stretch = self.viewport().width() - others >= floor
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(Column.TITLE) != mode:
            header.setSectionResizeMode(Column.TITLE, mode)
        if not stretch and header.sectionSize(Column.TITLE) != floor:
            header.resizeSection(Column.TITLE, floor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange_columns()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # a scroll bar came or went
            result = super().viewportEvent(event)
            self.arrange_columns()
            return result
        if (
            isinstance(event, QHelpEvent)
            and event.type() == QEvent.Type.ToolTip
            and self._show_cut_text(event)
        ):
            return True
        return super().viewportEvent(event)

    def _show_cut_text(self, event: QHelpEvent) -> bool:
        """A cell of a column that gave way (an assignee's name cut short) and that has no
        tooltip of its own shows its whole text in one."""
        index = self.indexAt(event.pos())
        if not index.isValid() or index.column() == Column.TITLE:
            return False  # the title's delegate shows its own
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        if self.itemDelegateForIndex(index).sizeHint(option, index).width() <= option.rect.width():
            return False
        QToolTip.showText(event.globalPos(), text, self.viewport())
        return True

    def _column_menu(self, pos: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.header().mapToGlobal(pos))
        menu.deleteLater()

    def column_menu(self) -> QMenu:
        """The header's context menu: show or hide each column but the title (remembered
        for the user); a column hidden for want of room says so."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for column in range(len(Column.NAMES)):
            if column == Column.TITLE:
                continue
            name = column_name(column)
            action = menu.addAction(name)
            if column in self.crowded_out:
                action.setText(_("{column} (hidden: no room)").format(column=name))
                action.setToolTip(_("Widen the window or hide another column to show it."))
            action.setCheckable(True)
            action.setChecked(column not in self.hidden_by_user)
            action.toggled.connect(lambda on, c=column: self.show_column(c, on))
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        """Show or hide a column as the user asks (the header's menu)."""
        if shown:
            self.hidden_by_user.discard(column)
        else:
            self.hidden_by_user.add(column)
        self.fit_columns()

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
            self.read_ahead.painting(model)
            with model.cells.one_day():
                super().paintEvent(event)
            self.read_ahead.painted()
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


def _columns(text: str) -> set[int]:
    """The columns of a saved setting: "2,5"."""
    return {int(part) for part in text.split(",") if part.strip().isdigit()}


def _widths(text: str) -> dict[int, int]:
    """The columns' widths of a saved setting: "1:171,3:90"."""
    pairs = (part.partition(":") for part in text.split(","))
    return {int(c): int(w) for c, _sep, w in pairs if c.strip().isdigit() and w.strip().isdigit()}
