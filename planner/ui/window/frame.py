"""The window's frame: the search and the tree (the first of the pages, which the views
and the calendar add theirs to) beside the details panel, and the status bar's labels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.ui.details.panel import DetailsPanel
from planner.ui.panels.search import SearchPanel
from planner.ui.tree.view import PlanTreeView


@dataclass(frozen=True)
class Frame:
    tree: PlanTreeView
    details: DetailsPanel
    search: SearchPanel
    breadcrumb: QLabel  # the path of a zoomed-in item, over the tree
    tree_page: QWidget  # the search, the breadcrumb and the tree
    pages: QStackedWidget  # `pages.setCurrentWidget` shows one
    splitter: QSplitter  # the pages beside the details (the views' side bar goes left)
    totals: QLabel  # the plan's and the group's totals
    filter: QLabel  # "Filter on: 37 of 35,000 items"
    where: QLabel  # the plan's file


def build_frame(window: QMainWindow) -> Frame:
    """The frame, set in `window` (the filter bar and the quick-add field go over the tree
    when first opened: filter_actions.py, entry_actions.py)."""
    tree, details, search = PlanTreeView(), DetailsPanel(), SearchPanel()
    breadcrumb = QLabel()
    breadcrumb.setContentsMargins(6, 4, 6, 4)
    breadcrumb.hide()
    tree_page = QWidget()
    layout = QVBoxLayout(tree_page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget, stretch in ((search, 0), (breadcrumb, 0), (tree, 1)):
        layout.addWidget(widget, stretch)
    pages = QStackedWidget()
    pages.addWidget(tree_page)
    splitter = QSplitter()
    splitter.addWidget(pages)
    splitter.addWidget(details)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    window.setCentralWidget(splitter)
    totals, filter_label, where = QLabel(), QLabel(), QLabel()
    filter_label.hide()
    where.setStyleSheet("color: #6b7280;")
    for label in (totals, filter_label, where):
        window.statusBar().addPermanentWidget(label)
    return Frame(
        tree, details, search, breadcrumb, tree_page, pages, splitter, totals, filter_label, where
    )
