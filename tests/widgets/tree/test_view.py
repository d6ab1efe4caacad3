"""The tree's columns: the titles keep room for a few words however narrow the tree is
(it scrolls sideways once nothing else can give way), and each heading fits, in the
current language."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QHeaderView, QStyleOptionViewItem

from planner.ui.tree.model import Column
from tests.helpers.i18n_checks import pseudo
from tests.helpers.window import MakeDemoWindow, UseLanguage


def test_a_narrow_tree_keeps_room_for_titles_and_scrolls_sideways_only_at_last(
    make_demo_window: MakeDemoWindow,
) -> None:
    window = make_demo_window()
    tree, header = window.tree, window.tree.header()
    least, floor = tree._title_least()
    assert least >= floor + tree.fontMetrics().horizontalAdvance("n" * 8)
    assert header.sectionSize(Column.TITLE) > least

    window.actions_by_name["side_bar"].trigger()  # the side bar takes room from the tree
    window.resize(900, window.height())
    QApplication.processEvents()
    assert header.sectionSize(Column.TITLE) >= floor  # was Qt's least: 26 pixels, no title
    assert tree.horizontalScrollBar().maximum() == 0  # the other columns gave way

    tree.resize(floor + 100, tree.height())  # too narrow even for Due and Total
    QApplication.processEvents()
    assert header.sectionSize(Column.TITLE) == floor
    assert tree.horizontalScrollBar().maximum() > 0

    window.actions_by_name["side_bar"].trigger()
    window.resize(1400, window.height())
    QApplication.processEvents()
    assert header.sectionResizeMode(Column.TITLE) == QHeaderView.ResizeMode.Stretch
    assert header.sectionSize(Column.TITLE) > least
    assert tree.horizontalScrollBar().maximum() == 0


def test_each_heading_fits_in_the_language_shown(
    make_demo_window: MakeDemoWindow, use_language: UseLanguage
) -> None:
    window = make_demo_window()
    header = window.tree.header()
    priority = header.sectionSize(Column.PRIORITY)
    assert priority == max(header.sectionSizeFromContents(Column.PRIORITY).width(), priority)
    use_language("pseudo")  # a third longer, as German
    assert window.model.headerData(Column.PRIORITY, header.orientation()) == pseudo("Priority")  # type: ignore[union-attr]
    for column in range(header.count()):
        if not header.isSectionHidden(column):
            assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width()


def test_titles_take_the_free_width_and_the_other_columns_fit_their_contents(
    qtbot: Any, make_demo_window: MakeDemoWindow
) -> None:
    """At the first size no title of the sample plan is cut, and no other column is wider
    than its heading or what it shows."""
    window = make_demo_window()
    tree, header, model = window.tree, window.tree.header(), window.model
    assert model is not None
    qtbot.waitUntil(lambda: model.costs.rollup is not None)
    tree.expandAll()
    QApplication.processEvents()
    delegate = tree.itemDelegateForColumn(Column.TITLE)

    def cut_titles() -> list[str]:
        out = []
        index = model.index(0, 0)
        while index.isValid():
            option = QStyleOptionViewItem()
            option.initFrom(tree)
            option.rect = tree.visualRect(index)
            if model.item_id(index) is not None and delegate.is_cut(option, index):
                out.append(str(index.data()))
            index = tree.indexBelow(index)
        return out

    assert cut_titles() == []  # "Run a half mara…" and "Buy r…" were cut
    for column in (Column.DUE, Column.PRIORITY, Column.ASSIGNEE, Column.TOTAL):
        heading = header.sectionSizeFromContents(column).width()
        assert header.sectionSize(column) == max(heading, tree._content_width(column)), column
