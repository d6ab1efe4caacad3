"""The tree's mark for items with images: which items have some (one read of an index when
first asked, then kept up to date), and the small picture painted at the end of the title."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from planner import formats
from planner.i18n import ngettext
from planner.services.images import ImageService
from planner.services.ports import Store
from planner.ui.icons import icon

MARK_WIDTH = 20


class ImageMarks:
    """How many images each item has, for the items that have some."""

    def __init__(self, store: Store) -> None:
        self._images = ImageService(store)
        self._counts: dict[int, int] | None = None

    def count(self, item_id: int) -> int:
        if self._counts is None:
            # The (item_id, position) index alone: a few milliseconds even on a big plan.
            self._counts = self._images.counts()
        return self._counts.get(item_id, 0)

    def refresh(self, item_ids: Iterable[int] | None = None) -> None:
        """Read the counts of these items again (None: of every item, at the next ask)."""
        if item_ids is None or self._counts is None:
            self._counts = None
            return
        ids = list(item_ids)
        fresh = self._images.counts(ids)
        for item_id in ids:
            if fresh.get(item_id):
                self._counts[item_id] = fresh[item_id]
            else:
                self._counts.pop(item_id, None)


def paint_with_mark(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
    count: int,
) -> None:
    """The cell as usual, its text ending a little earlier, and the images mark at its
    right end (the tooltip says how many)."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    widget = opt.widget
    style = widget.style() if widget is not None else None
    if style is None:
        delegate.paint(painter, option, index)
        return
    full: QRect = QRect(opt.rect)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
    # Right after the title when it fits, else at the cell's end with the title elided.
    text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
    width = opt.fontMetrics.horizontalAdvance(opt.text) + 8
    left = min(text.left() + width, full.right() - MARK_WIDTH)
    opt.rect = QRect(full.left(), full.top(), left - full.left(), full.height())
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    side = min(16, full.height() - 2)
    mark = QRect(left + (MARK_WIDTH - side) // 2, 0, side, side)
    mark.moveTop(full.top() + (full.height() - side) // 2)
    icon("images").paint(painter, mark, Qt.AlignmentFlag.AlignCenter)


def mark_tooltip(count: int) -> str:
    return ngettext("{n} image", "{n} images", count).format(n=formats.number(count))


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files a drag (or the clipboard) carries, when it carries only files;
    whether each is an image is checked by content when it is added."""
    if not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(u.isLocalFile() for u in urls):
        return []
    paths = [Path(u.toLocalFile()) for u in urls]
    return [] if any(p.is_dir() for p in paths) else paths
