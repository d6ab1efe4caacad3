"""The Calculation part of the details panel: the on/off switch, the item's cost lines in
an editable table, its totals split done / remaining and expense / income / net, and the
breakdown that adds up to the total. Every edit is sent out as a request; the window turns
it into an undoable command and shows the panel again from the plan."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain.costs import Breakdown, CostLine, LineKind, Totals, add_totals, line_cost
from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord
from planner.domain.money import as_cost, format_number, parse_price, parse_quantity
from planner.i18n import _, ngettext, pgettext

DESCRIPTION, QUANTITY, UNIT, PRICE, KIND, AMOUNT = range(6)
COLUMNS = AMOUNT + 1
TOTALS_ROWS = ("expense", "income", "net")  # the fields of Totals each row shows
TOTALS_PARTS = ("", "_done", "_remaining")  # ... in each column
BREAKDOWN_ROWS = 50  # children listed by name; the rest are summed up in one row
MUTED = "color: #6b7280;"
INCOME_COLOR = "#1e7b4f"  # money coming in, with its "+" (as in the tree)


def headers() -> list[str]:
    return [
        pgettext("column", "Description"),
        pgettext("column", "Qty"),
        pgettext("column", "Unit"),
        pgettext("column", "Unit price"),
        pgettext("column", "Kind"),
        pgettext("column", "Amount"),
    ]


def kind_name(kind: LineKind) -> str:
    if kind is LineKind.INCOME:
        return pgettext("kind", "Income")
    return pgettext("kind", "Expense")


def _cell(text: str, editable: bool = True, right: bool = False) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    if not editable:
        cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return cell


class LinesTable(QTableWidget):
    """Delete removes the current line (instead of clearing the cell). As wide as its
    columns need, the description's heading in full: the panel widens rather than cut
    them (the description takes what room is left)."""

    removeRequested = Signal()

    def minimumSizeHint(self) -> QSize:
        header = self.horizontalHeader()
        columns = sum(
            header.sectionSizeHint(c) if c == DESCRIPTION else header.sectionSize(c)
            for c in range(self.columnCount())
        )
        bar = self.verticalScrollBar()
        width = columns + 2 * self.frameWidth() + (bar.sizeHint().width() if bar.isVisible() else 0)
        return QSize(width, super().minimumSizeHint().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.removeRequested.emit()
            return
        super().keyPressEvent(event)


class CostSection(QWidget):
    """Shows one item's calculation; edits go out as signals."""

    calcToggled = Signal(int, bool)  # item id, on
    lineAdded = Signal(int)  # item id
    lineEdited = Signal(int, dict)  # line id, {field: value}
    lineRemoved = Signal(int)  # line id
    lineMoved = Signal(int, int)  # line id, new index
    failed = Signal(str)  # what the user typed was refused

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record: ItemRecord | None = None
        self._lines: list[CostLine] = []
        self._money: Callable[[Decimal], str] = str
        self._locale = "en_US"
        self._loading = False
        # What the section shows, to show it again in another language.
        self._breakdown: Breakdown | None = None
        self._titles: dict[int, str] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.switch = QCheckBox()
        self.switch.toggled.connect(self._switched)
        layout.addWidget(self.switch)
        self.off_hint = QLabel()
        self.off_hint.setStyleSheet(MUTED)
        self.off_hint.setWordWrap(True)
        layout.addWidget(self.off_hint)

        self.table = LinesTable(0, COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        # A column sized to new contents (or words) changes the room the table needs.
        header.sectionResized.connect(lambda *_: self.table.updateGeometry())
        self.table.itemChanged.connect(self._cell_changed)
        self.table.removeRequested.connect(self._remove)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        self.add_button = self._button("+", self._add)
        self.remove_button = self._button("−", self._remove)
        self.up_button = self._button("↑", lambda: self._move(-1))
        self.down_button = self._button("↓", lambda: self._move(1))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.totals_grid = QGridLayout()
        self.totals_grid.setHorizontalSpacing(14)
        # The figures by (field, part): ("expense", "_done") shows totals.expense_done.
        self.totals_labels: dict[tuple[str, str], QLabel] = {}
        self.totals_heads: list[QLabel] = []  # the columns' and the rows' names
        for column in range(1, len(TOTALS_PARTS) + 1):
            label = QLabel()
            label.setStyleSheet(MUTED)
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.totals_grid.addWidget(label, 0, column)
            self.totals_heads.append(label)
        for row, name in enumerate(TOTALS_ROWS, start=1):
            label = QLabel()
            self.totals_grid.addWidget(label, row, 0)
            self.totals_heads.append(label)
            for column, part in enumerate(TOTALS_PARTS, start=1):
                value = QLabel()
                value.setAlignment(Qt.AlignmentFlag.AlignRight)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.totals_grid.addWidget(value, row, column)
                self.totals_labels[(name, part)] = value
        layout.addLayout(self.totals_grid)

        self.breakdown_title = QLabel()
        self.breakdown_title.setStyleSheet("font-weight: bold; margin-top: 6px;")
        layout.addWidget(self.breakdown_title)
        self.breakdown = QLabel()
        self.breakdown.setTextFormat(Qt.TextFormat.RichText)
        self.breakdown.setWordWrap(True)
        self.breakdown.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.breakdown)
        layout.addStretch(1)
        self.retranslate()

    def _button(self, text: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setMinimumWidth(28)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- words ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The language changed: every word of the section, and the item's figures and
        breakdown in its way (a cell being edited keeps what is typed)."""
        self.switch.setText(_("Calculate costs for this item"))
        self.off_hint.setText(_("Calculation is off: the lines are kept but do not count."))
        self.table.setHorizontalHeaderLabels(headers())
        self.add_button.setToolTip(_("Add a line"))
        self.remove_button.setToolTip(_("Remove the selected line (Delete)"))
        self.up_button.setToolTip(_("Move the line up"))
        self.down_button.setToolTip(_("Move the line down"))
        heads = [
            pgettext("column", "Total"),
            pgettext("column", "Done"),
            pgettext("column", "Remaining"),
            _("Expenses"),
            _("Income"),
            _("Net"),
        ]
        for label, text in zip(self.totals_heads, heads, strict=True):
            label.setText(text)
        self.breakdown_title.setText(_("Breakdown"))
        for row in range(self.table.rowCount()):
            kind = self.table.cellWidget(row, KIND)
            if isinstance(kind, QComboBox):
                self._name_kinds(kind)
        if self._record is not None:
            self._locale = formats.formatting_locale()
            self._loading = True
            try:
                self._update_table(self._lines)
                self._show_totals(self._breakdown.total if self._breakdown else None)
                self._show_breakdown(self._breakdown, self._titles)
            finally:
                self._loading = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _name_kinds(box: QComboBox) -> None:
        for row in range(box.count()):
            box.setItemText(row, kind_name(LineKind(box.itemData(row))))

    # -- showing -------------------------------------------------------------------------
    def show_item(
        self,
        record: ItemRecord,
        lines: list[CostLine],
        breakdown: Breakdown | None,
        titles: dict[int, str],
        money: Callable[[Decimal], str],
        locale: str,
    ) -> None:
        """Show an item's calculation; `breakdown` is None while the totals are loading.
        The same item's same lines are updated in place: a cell being edited, or the one
        Tab just moved to, stays as it is."""
        same_item = self._record is not None and self._record.id == record.id
        current = self._selected_line() if same_item else None
        column = self.table.currentColumn()
        same_lines = same_item and [x.id for x in lines] == [x.id for x in self._lines]
        self._record, self._lines, self._money, self._locale = record, lines, money, locale
        self._breakdown, self._titles = breakdown, titles
        self._loading = True
        try:
            own = not record.is_group
            self.switch.setVisible(own)
            self.switch.setChecked(record.calc_on)
            self.off_hint.setVisible(own and not record.calc_on and bool(lines))
            for widget in (self.table, self.add_button, self.remove_button):
                widget.setVisible(own)
            for widget in (self.up_button, self.down_button):
                widget.setVisible(own)
            self.table.setEnabled(record.calc_on)
            self.add_button.setEnabled(record.calc_on)
            if same_lines:
                self._update_table(lines)
            else:
                self._fill_table(lines)
                ids = [x.id for x in lines]
                if current is not None and current.id in ids:  # e.g. a line just moved
                    self.table.setCurrentCell(ids.index(current.id), max(column, 0))
            self._show_totals(breakdown.total if breakdown else None)
            self._show_breakdown(breakdown, titles)
        finally:
            self._loading = False
        self._update_buttons()

    def _texts(self, line: CostLine) -> dict[int, str]:
        return {
            DESCRIPTION: line.description,
            QUANTITY: self._number(line.quantity),
            UNIT: line.unit,
            PRICE: self._number(line.unit_price),
            AMOUNT: self._cost(line_cost(line)),
        }

    def _cost(self, value: Decimal) -> str:
        """Money as Planner shows it everywhere: out plain, in with "+" (format_cost)."""
        return as_cost(value, self._money)

    def _fill_table(self, lines: list[CostLine]) -> None:
        table = self.table
        table.setRowCount(0)  # cell widgets of the old rows go with them
        table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in self._texts(line).items():
                numeric = column in (QUANTITY, PRICE, AMOUNT)
                table.setItem(row, column, _cell(text, column != AMOUNT, right=numeric))
            kind = QComboBox()
            kind.addItem("", LineKind.EXPENSE.value)
            kind.addItem("", LineKind.INCOME.value)
            self._name_kinds(kind)
            kind.setCurrentIndex(0 if line.kind is LineKind.EXPENSE else 1)
            kind.activated.connect(lambda index, line_id=line.id: self._kind_chosen(line_id, index))
            table.setCellWidget(row, KIND, kind)
        # As tall as its lines (three at least, ten at most; it scrolls beyond).
        shown = min(max(len(lines), 3), 10)
        row_height = table.verticalHeader().defaultSectionSize()
        frame = 2 * table.frameWidth()
        table.setFixedHeight(table.horizontalHeader().height() + shown * row_height + frame)

    def _update_table(self, lines: list[CostLine]) -> None:
        for row, line in enumerate(lines):
            for column, text in self._texts(line).items():
                cell = self.table.item(row, column)
                if cell is not None and cell.text() != text:
                    cell.setText(text)
            kind = self.table.cellWidget(row, KIND)
            if isinstance(kind, QComboBox):
                kind.setCurrentIndex(0 if line.kind is LineKind.EXPENSE else 1)

    def commit_edit(self) -> None:
        """Send what is being typed in a cell (before an undo, a close or another plan)."""
        editor = QApplication.focusWidget()
        if editor is not None and self.table.viewport().isAncestorOf(editor):
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _number(self, value: Decimal) -> str:
        return format_number(value, self._locale)

    def _show_totals(self, totals: Totals | None) -> None:
        for (name, part), label in self.totals_labels.items():
            if totals is None:
                label.setText("…")
                continue
            value: Decimal = getattr(totals, name + part)
            # Incomes are money in; the net row is what the item costs (a gain: "+").
            cost = value if name == "expense" else -value
            label.setText(self._cost(cost))
            label.setStyleSheet(f"color: {INCOME_COLOR};" if cost < 0 else "")

    def _show_breakdown(self, breakdown: Breakdown | None, titles: dict[int, str]) -> None:
        if breakdown is None:
            self.breakdown.setText(_("Adding up…"))
            return
        total = breakdown.total
        if not total.lines:
            nothing = escape(_("Nothing below this item counts."))
            self.breakdown.setText(f"<span style='{MUTED}'>{nothing}</span>")
            return

        # Expenses and incomes side by side (one column when there is no income), so each
        # part reads like the Total column and the parts visibly add up.
        rows: list[tuple[str, Totals]] = []
        if breakdown.own.lines:
            rows.append((_("Own lines"), breakdown.own))
        parts = [(child, part) for child, part in breakdown.children if part.lines]
        rows += [(titles.get(c, f"#{c}"), part) for c, part in parts[:BREAKDOWN_ROWS]]
        rest = parts[BREAKDOWN_ROWS:]
        if rest:
            more = ngettext("{n} more", "{n} more", len(rest)).format(n=formats.number(len(rest)))
            rows.append((more, add_totals(p for _c, p in rest)))
        incomes = bool(total.income)
        line = "style='border-top: 1px solid #9ca3af'"
        html = ["<table width='100%' cellspacing='0' cellpadding='2'>"]
        if incomes:
            html.append(
                f"<tr style='{MUTED}'><td></td><td align='right'>{escape(_('Expenses'))}</td>"
                f"<td align='right'>{escape(_('Income'))}</td></tr>"
            )
        for name, part in rows:
            cells = [part.expense, -part.income] if incomes else [part.expense]
            figures = "".join(self._cell(v) for v in cells)
            html.append(f"<tr><td>{escape(name)}</td>{figures}</tr>")
        cells = [total.expense, -total.income] if incomes else [total.expense]
        figures = "".join(self._cell(v, line) for v in cells)
        label = escape(pgettext("column", "Total"))
        html.append(f"<tr><td {line}><b>{label}</b></td>{figures}</tr>")
        if incomes:
            html.append(
                f"<tr><td><b>{escape(_('Net'))}</b></td><td></td>"
                f"{self._cell(total.cost, bold=True)}</tr>"
            )
        html.append("</table>")
        self.breakdown.setText("".join(html))

    def _cell(self, cost: Decimal, style: str = "", bold: bool = False) -> str:
        """A breakdown's figure: a cost plain, money in with "+" and green."""
        text = escape(self._cost(cost))
        if bold:
            text = f"<b>{text}</b>"
        if cost < 0:
            text = f"<span style='color: {INCOME_COLOR}'>{text}</span>"
        return f"<td align='right' {style}>{text}</td>"

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        on = self._record is not None and self._record.calc_on
        chosen = on and 0 <= row < len(self._lines)
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < len(self._lines) - 1)

    def edit_line(self, line_id: int) -> None:
        """Select a line and start editing its description (a line just added)."""
        for row, line in enumerate(self._lines):
            if line.id == line_id:
                self.table.setFocus()
                self.table.setCurrentCell(row, DESCRIPTION)
                self.table.edit(self.table.currentIndex())
                break

    # -- editing -------------------------------------------------------------------------
    def _switched(self, on: bool) -> None:
        if not self._loading and self._record is not None:
            self.calcToggled.emit(self._record.id, on)

    def _add(self) -> None:
        if self._record is not None:
            self.lineAdded.emit(self._record.id)

    @property
    def lines(self) -> list[CostLine]:
        """The lines shown."""
        return self._lines

    def _selected_line(self) -> CostLine | None:
        row = self.table.currentRow()
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def _remove(self) -> None:
        line = self._selected_line()
        if line is not None and self.remove_button.isEnabled():
            self.lineRemoved.emit(line.id)

    def _move(self, step: int) -> None:
        line = self._selected_line()
        row = self.table.currentRow()
        if line is not None and 0 <= row + step < len(self._lines):
            self.lineMoved.emit(line.id, row + step)  # it stays selected where it goes

    def _kind_chosen(self, line_id: int, index: int) -> None:
        kind = LineKind.EXPENSE if index == 0 else LineKind.INCOME
        line = next((x for x in self._lines if x.id == line_id), None)
        if line is not None and line.kind is not kind:
            self.lineEdited.emit(line_id, {"kind": kind})

    def _cell_changed(self, cell: QTableWidgetItem) -> None:
        if self._loading or not 0 <= cell.row() < len(self._lines):
            return
        line = self._lines[cell.row()]
        text = cell.text()
        try:
            if cell.column() == DESCRIPTION:
                fields: dict[str, object] = {"description": text}
            elif cell.column() == UNIT:
                fields = {"unit": text}
            elif cell.column() == QUANTITY:
                fields = {"quantity": parse_quantity(text, self._locale)}
            elif cell.column() == PRICE:
                fields = {"unit_price": parse_price(text, self._locale)}
            else:
                return
        except InvalidInput as e:
            self._restore(cell, line)
            self.failed.emit(str(e))
            return
        if all(getattr(line, k) == v for k, v in fields.items()):
            self._restore(cell, line)  # the same value, perhaps typed differently
            return
        # The window applies the edit and shows the item again, updating cells in place.
        self.lineEdited.emit(line.id, fields)

    def _restore(self, cell: QTableWidgetItem, line: CostLine) -> None:
        self._loading = True
        try:
            cell.setText(self._texts(line).get(cell.column(), cell.text()))
        finally:
            self._loading = False
