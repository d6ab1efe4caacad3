"""What the tests of the translated window look at: a pseudo-language that marks every
word it gives out, every text a widget tree or a window holds (its menus too), and the
texts that do not fit where they are shown."""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Iterator

from babel import Locale
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QToolButton,
    QTreeView,
    QWidget,
)

from planner.ui.details.images import ThumbList
from planner.ui.details.metric_chart import MetricChart

# -- the pseudo-language ------------------------------------------------------------------

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšŧûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŦÛṼŴẊÝŽ",
)
# Kept as they are: {name} and %(name)s placeholders, %s, the & of a mnemonic, and the
# tags of rich text ("<b>{title}</b>").
_KEEP = re.compile(r"\{[^}]*\}|%\([^)]*\)[a-z]|%[a-z%]|&&|&|<[^>]*>")


def pseudo(text: str) -> str:
    """⟦The text⟧, its letters accented and a third longer (as long as German)."""
    parts, last = [], 0
    for found in _KEEP.finditer(text):
        parts.append(text[last : found.start()].translate(_ACCENTED))
        parts.append(found.group())
        last = found.end()
    parts.append(text[last:].translate(_ACCENTED))
    return "⟦" + "".join(parts) + "·" * (len(text) // 3) + "⟧"


class PseudoTranslations(gettext.NullTranslations):
    """A catalog that translates every message into the pseudo-language."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


def babel_words() -> list[str]:
    """Month and day names and AM / PM as Babel writes English dates: the pseudo-language
    formats dates in English, not from the catalog."""
    english = Locale.parse("en_US")
    words: list[str] = ["AM", "PM"]
    for width in ("wide", "abbreviated"):
        words += english.months["format"][width].values()
        words += english.days["format"][width].values()
    return words


def unmarked(text: str, allowed: Iterable[str] = ()) -> str:
    """The letters of `text` that came from no catalog: outside ⟦…⟧, once the `allowed`
    texts (the user's own words, dates written by Babel) are taken out."""
    for part in sorted(allowed, key=len, reverse=True):
        if part:
            text = text.replace(part, "")
    outside = text
    while True:  # innermost first: a translated text may hold another one
        inner = re.sub(r"⟦[^⟦⟧]*⟧", "", outside)
        if inner == outside:
            break
        outside = inner
    return "".join(c for c in outside if c.isalpha())


# -- every text of a widget tree ----------------------------------------------------------


def window_texts(top: QWidget, messages: bool = True) -> list[tuple[str, str]]:
    """What a window or dialog holds in words: its title, every entry of its menu bar's
    menus and their submenus, then `widget_texts`; the status bar's passing message too
    with `messages`."""
    found = [("title", top.windowTitle())]
    if isinstance(top, QMainWindow):
        found += menu_texts(top.menuBar())
        if messages:
            found.append(("QStatusBar message", top.statusBar().currentMessage()))
    return found + widget_texts(top)


def menu_texts(menu: QMenuBar | QMenu) -> list[tuple[str, str]]:
    """Every entry of a menu (its text and tooltip), and of its submenus, in order."""
    found: list[tuple[str, str]] = []
    for action in menu.actions():
        found += [("QAction", action.text()), ("QAction statusTip", action.statusTip())]
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += [("QMenu title", submenu.title()), *menu_texts(submenu)]
    return found


def widget_texts(top: QWidget) -> list[tuple[str, str]]:
    """Every text the widgets below `top` hold, shown or not (a hidden tab's too), in a
    fixed order: labels, buttons, tabs, placeholders, tooltips, the items of lists, combo
    boxes and tables, table headers, a tree's headers and the rows it has open, a dock's
    title, what the charts draw, and date fields' display formats ("… format"). Qt's own
    parts (a date field's text, a calendar, standard buttons) and other windows (a dialog
    of `top`) are left out."""
    found: list[tuple[str, str]] = []
    for widget in top.findChildren(QWidget):
        if _qt_part(widget) or widget.window() is not top.window():
            continue
        name = type(widget).__name__
        if widget.toolTip():
            found.append((f"{name} tooltip", widget.toolTip()))
        if isinstance(widget, QDateEdit):  # a pattern, not words: "MMM d, yyyy"
            found.append((f"{name} format", widget.displayFormat()))
        found += [(name, text) for text in _texts_of(widget)]
    return found


def _qt_part(widget: QWidget) -> bool:
    """A part of a widget that Qt words itself, from Qt's own catalogs: a calendar, a date
    field, a standard button (OK, Cancel), the parts Qt names qt_… (a message box's texts
    are ours)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QCalendarWidget):
            return True
        parent = parent.parentWidget()
    name = widget.objectName()
    if name.startswith("qt_") and not name.startswith("qt_msgbox_"):
        return True
    box = widget.parentWidget()
    if isinstance(widget, QAbstractButton) and isinstance(box, QDialogButtonBox):
        return box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
    return isinstance(widget, QCalendarWidget)


def _texts_of(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    elif isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            head = widget.horizontalHeaderItem(column)
            yield head.text() if head is not None else ""
        for row in range(widget.rowCount()):
            for column in range(widget.columnCount()):
                cell = widget.item(row, column)
                yield cell.text() if cell is not None else ""
    elif isinstance(widget, QListWidget):
        for row in range(widget.count()):
            yield widget.item(row).text()
            yield widget.item(row).toolTip()
        if isinstance(widget, ThumbList):
            yield widget.hint()
    elif isinstance(widget, MetricChart):
        yield widget.hint()
        if widget.shown_metric is not None:
            yield from widget.axis_texts(*widget.days())
    elif isinstance(widget, QTreeView):
        yield from _tree_texts(widget)
    elif isinstance(widget, QDockWidget):
        yield widget.windowTitle()


def _tree_texts(view: QTreeView) -> Iterator[str]:
    """A tree's headers (those hidden too: which columns have room depends on how long
    the language's words are), then each cell and tooltip of the rows it has open."""
    model = view.model()
    for column in range(model.columnCount()):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    parents = [view.rootIndex()]
    while parents:
        parent = parents.pop(0)
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    yield value if isinstance(value, str) else ""
            first: QModelIndex = model.index(row, 0, parent)
            if view.isExpanded(first):
                parents.append(first)


def rich(text: str) -> bool:
    return re.search(r"<[a-zA-Z/][^>]*>", text) is not None


def plain(text: str) -> str:
    """A label's text as a person reads it (rich text without its tags)."""
    if not rich(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


# -- texts that do not fit ----------------------------------------------------------------


def settle() -> None:
    """Let the widgets lay themselves out: a text set while events are handled is laid out
    on a later turn of the event loop (the status bar's totals, after the figures load)."""
    for _turn in range(3):
        QApplication.processEvents()


def clipped(top: QWidget) -> list[str]:
    """The shown texts below `top` that need more room than they have: a label, button,
    check box, combo box, a field's hint, tab or table header cut (or elided), a widget
    whose text reaches past what its parents show of it (a scroll area without a
    horizontal bar), or a menu bar whose menus do not all fit (some behind »)."""
    found: list[str] = []
    if isinstance(top, QMainWindow):
        more = top.menuBar().findChild(QToolButton, "qt_menubar_ext_button")
        if more is not None and more.isVisible():
            found.append("QMenuBar: the menus do not fit; some hide behind »")
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or _qt_part(widget) or widget.window() is not top.window():
            continue
        if isinstance(widget, QTabBar):
            found += _cut_tabs(widget)
        elif isinstance(widget, QTableWidget):
            found += _cut_headers(widget)
        elif isinstance(widget, QTreeView):
            found += _cut_tree_headers(widget.header())
        need = _needs(widget)
        if need is None:
            continue
        width, height = need
        has = widget.contentsRect()
        shown = widget.visibleRegion().boundingRect()
        room = min(has.width(), shown.width() if not shown.isEmpty() else has.width())
        if width > room or height > has.height():
            found.append(
                f"{type(widget).__name__} {_text(widget)!r}: needs {width}x{height}, "
                f"has {room}x{has.height()}"
            )
    return found


def _text(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.placeholderText()
    return plain(widget.text()) if isinstance(widget, QLabel | QAbstractButton) else ""


def _needs(widget: QWidget) -> tuple[int, int] | None:
    """The room (width, height) a widget's text needs, or None for one not looked at."""
    if isinstance(widget, QLabel):
        if not widget.text() or not widget.pixmap().isNull():
            return None
        if widget.wordWrap():
            # heightForWidth takes the label's whole width and gives its whole height
            # (contents margins included, as a message box's labels have).
            margins = widget.height() - widget.contentsRect().height()
            return (widget.contentsRect().width(), widget.heightForWidth(widget.width()) - margins)
        if rich(widget.text()):  # on one line: as wide as its laid-out text
            document = QTextDocument()
            document.setDefaultFont(widget.font())
            document.setDocumentMargin(0)
            document.setHtml(widget.text())
            extra = 2 * widget.margin() + max(widget.indent(), 0)
            return (round(document.idealWidth()) + extra, 0)
        metrics = widget.fontMetrics()
        lines = widget.text().replace("&", "", 1).split("\n")
        extra = 2 * widget.margin() + max(widget.indent(), 0)
        width = max(metrics.horizontalAdvance(line) for line in lines) + extra
        return (width, metrics.height() * len(lines))
    if isinstance(widget, QAbstractButton) and widget.text():
        hint = widget.sizeHint()
        return (hint.width(), hint.height())
    if isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
        option = QStyleOptionFrame()
        widget.initStyleOption(option)
        field = widget.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, widget)
        margins = widget.textMargins()
        advance = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
        # The hint is drawn inside the field's contents, 2 pixels in on either side.
        inset = widget.width() - field.width() + margins.left() + margins.right() + 4
        return (advance + inset, 0)
    if isinstance(widget, QComboBox) and widget.currentText():
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = widget.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            widget,
        )
        advance = widget.fontMetrics().horizontalAdvance(widget.currentText())
        # The field's own margins: the box is as wide as needed when the field is.
        return (advance + widget.width() - field.width(), 0)
    return None


def _cut_tabs(bar: QTabBar) -> list[str]:
    cut = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect, wanted = bar.tabRect(i), bar.tabSizeHint(i)
        if rect.width() < wanted.width() or not bar.rect().contains(rect):
            cut.append(f"tab {bar.tabText(i)!r}: needs {wanted.width()}, has {rect.width()}")
    return cut


def _cut_headers(table: QTableWidget) -> list[str]:
    header = table.horizontalHeader()
    metrics = QFontMetrics(header.font())
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    cut = []
    for column in range(table.columnCount()):
        item = table.horizontalHeaderItem(column)
        if item is None or header.isSectionHidden(column):
            continue
        need = metrics.horizontalAdvance(item.text()) + 2 * margin
        if header.sectionSize(column) < need:
            cut.append(f"header {item.text()!r}: needs {need}, has {header.sectionSize(column)}")
    return cut


def _cut_tree_headers(header: QHeaderView) -> list[str]:
    """A tree's column headers that are narrower than their text (Qt elides them)."""
    model = header.model()
    cut = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        need = header.sectionSizeFromContents(column).width()
        if text and header.sectionSize(column) < need:
            cut.append(f"header {text!r}: needs {need}, has {header.sectionSize(column)}")
    return cut
