"""What the tree paints in each cell is that cell's own data: the delegate asks the model
for every role of a cell at once (multiData), handing it the same list from cell to cell,
so a role the model left unanswered kept the cell before's value (seen as countdowns in
the Priority column, warning marks on every row and live titles struck through)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from tests.helpers.window import MakeDemoWindow

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ForegroundRole,
)


def test_every_cell_is_painted_with_its_own_data(make_demo_window: MakeDemoWindow) -> None:
    window = make_demo_window()
    tree = window.findChild(QTreeView)
    assert tree is not None
    tree.expandAll()
    model = tree.model()
    delegate = QStyledItemDelegate()  # one delegate for every cell, as a view has
    cells: list[QModelIndex] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                cells.append(model.index(row, column, parent))
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    assert len(cells) > 100
    for index in cells:
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, index)  # through multiData
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        assert option.text == (text or ""), (index.row(), index.column(), option.text, text)
        has_icon = model.data(index, Qt.ItemDataRole.DecorationRole) is not None
        assert (not option.icon.isNull()) == has_icon, (index.row(), index.column())
        font = model.data(index, Qt.ItemDataRole.FontRole)
        assert option.font.strikeOut() == (font is not None and font.strikeOut()), (
            index.row(),
            index.column(),
        )
