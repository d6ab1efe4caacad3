"""The tree widget: Tab to indent, a progress bar column, and a hint when the plan is empty."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
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
from planner.i18n import N_, _
from planner.ui.tree.marks import mark_tooltip, paint_with_mark
from planner.ui.tree.model import Column, PlanTreeModel, Role
from planner.ui.tree.relocation import RelocationKeeper
from planner.ui.tree.texts import column_name, wide_countdown

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
        if count:
            paint_with_mark(self, painter, option, index, count)
        else:
            super().paint(painter, option, index)

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        count = index.data(Role.IMAGES) if index.isValid() else None
        if count and event.type() == QEvent.Type.ToolTip:
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            QToolTip.showText(
                event.globalPos(), (f"{tip}\n" if tip else "") + mark_tooltip(count), view
            )
            return True
        return super().helpEvent(event, view, option, index)

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
    """QTreeView that gives Tab and Shift+Tab to indent/outdent instead of focus moves."""

    indentRequested = Signal()
    outdentRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_hint = False
        self.hint_text: str | None = None  # what the hint says (None: how to add a goal)
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

    def configure_columns(self) -> None:
        header = self.header()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        # Due: room for a long countdown beside the warning sign, in this font.
        due = self.fontMetrics().horizontalAdvance(wide_countdown()) + 40
        for column, width in (
            (Column.DUE, max(120, due)),
            (Column.CREATED, 100),
            (Column.PROGRESS, 110),
            (Column.PRIORITY, 70),
            (Column.ASSIGNEE, 100),
            (Column.TOTAL, 100),
        ):
            self.setColumnWidth(column, width)
        # Room for the titles: Created is there for who asks (the header's menu).
        self.setColumnHidden(Column.CREATED, True)
        self.fit_headers()

    def fit_headers(self) -> None:
        """Each column at least as wide as its heading (in the current language: German's
        are longer), never narrower than it is."""
        header = self.header()
        for column in range(header.count()):
            if column != Column.TITLE and not header.isSectionHidden(column):
                need = header.sectionSizeFromContents(column).width()
                if header.sectionSize(column) < need:
                    header.resizeSection(column, need)

    def _other_resized(self, column: int) -> None:
        if column != Column.TITLE:
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
        self._keeper = RelocationKeeper(self, model) if isinstance(model, PlanTreeModel) else None
        if model is not None:  # the headings in another language: room for them
            model.headerDataChanged.connect(lambda *_args: self.fit_headers())

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
        super().paintEvent(event)
        if not self.empty_hint:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QColor("#6b7280"))
        area = self.viewport().rect()
        top = self.visualRect(self.model().index(self.model().rowCount() - 1, 0)).bottom() + 40
        area.setTop(max(top, area.height() // 4))
        painter.drawText(
            area,
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            self.hint_text or _(EMPTY_HINT),
        )
        painter.end()
