"""The tree's marks at the end of a title: the images mark (which items have images: one read
of an index when first asked, then kept up to date) and the repeat mark of a repeating item."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from planner import formats
from planner.i18n import _, ngettext
from planner.services.images import ImageService
from planner.services.ports import Store
from planner.ui.icons import icon

MARK_WIDTH = 20
REPEAT_GLYPH = "\u21bb"  # ↻, the repeat mark: a glyph every font has


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
    repeats: bool = False,
) -> None:
    """The cell as usual, its text ending a little earlier, and its marks at its right end:
    the repeat mark (a repeating item) and the images mark (the tooltip says what each is)."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    widget = opt.widget
    style = widget.style() if widget is not None else None
    if style is None:  # no view to paint it as: the cell alone (the delegate's own paint)
        QStyledItemDelegate.paint(delegate, painter, option, index)
        return
    full: QRect = QRect(opt.rect)
    marks = (1 if count else 0) + (1 if repeats else 0)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
    # Right after the title when it fits, else at the cell's end with the title elided.
    text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
    width = opt.fontMetrics.horizontalAdvance(opt.text) + 8
    left = min(text.left() + width, full.right() - MARK_WIDTH * marks)
    opt.rect = QRect(full.left(), full.top(), left - full.left(), full.height())
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    side = min(16, full.height() - 2)
    if repeats:
        mark = QRect(left, full.top(), MARK_WIDTH, full.height())
        painter.save()
        painter.setPen(opt.palette.color(_text_role(opt)))
        painter.drawText(mark, int(Qt.AlignmentFlag.AlignCenter), REPEAT_GLYPH)
        painter.restore()
        left += MARK_WIDTH
    if count:
        mark = QRect(left + (MARK_WIDTH - side) // 2, 0, side, side)
        mark.moveTop(full.top() + (full.height() - side) // 2)
        icon("images").paint(painter, mark, Qt.AlignmentFlag.AlignCenter)


def _text_role(option: QStyleOptionViewItem) -> QPalette.ColorRole:
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    return QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text


def repeat_tooltip(rule_words: str) -> str:
    """The repeat mark's tooltip: "Repeats: Every 2 weeks on Mon, Thu"."""
    return _("Repeats: {rule}").format(rule=rule_words)


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
