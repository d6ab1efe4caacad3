"""The card as a PDF (Qt's own PDF writer) and as a PNG image, from the same HTML template
as the HTML card, laid out by QTextDocument. Needs a QGuiApplication but no window: the
command line makes an offscreen one (`ensure_gui`)."""

from __future__ import annotations

import itertools
import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
)

from planner.exports.card import Card, render_html

PNG_WIDTH = 1200
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# Qt's rich text takes CSS px at 96 per inch; the PNG is drawn at twice that, for sharp
# text in chat apps, so its layout is 600 px wide at 2x.
_PNG_SCALE = 2.0
SHARP_MAX_HEIGHT = 12_000
FOOTER_HEIGHT = 22.0  # below each PDF page's content: the card's title and the page number
SHARP_MAX_ROWS = 200


def ensure_gui() -> None:
    """A QGuiApplication for fonts and painting (the command line has none): offscreen
    when there is no display."""
    if QGuiApplication.instance() is not None:
        return
    argv = [sys.argv[0] if sys.argv else "planner"]
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless and "QT_QPA_PLATFORM" not in os.environ:
        argv += ["-platform", "offscreen"]
    # Kept alive on the function: Qt needs the one instance for the rest of the process.
    ensure_gui.app = QGuiApplication(argv)  # type: ignore[attr-defined]


def _document(card: Card) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(render_html(card, for_qt=True))
    return document


def render_pdf(card: Card, page: str = "a4") -> bytes:
    """The card as a PDF on A4 or Letter pages: real text (selectable, searchable), pages
    cut between rows and lines, never through a line or a checklist row, each page with a
    small footer."""
    ensure_gui()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(card.title)
    writer.setCreator("Planner")  # not-ui: the program's name
    writer.setResolution(96)
    layout = QPageLayout(
        QPageSize(PAGE_SIZES.get(page.lower(), QPageSize.PageSizeId.A4)),
        QPageLayout.Orientation.Portrait,
        QMarginsF(14, 14, 14, 12),
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    # The printable area, in the writer's units (96 per inch, as CSS px).
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    width, page_height = float(area.width()), float(area.height() - FOOTER_HEIGHT)
    document = _document(card)
    document.setTextWidth(width)
    cuts = page_cuts(document, page_height)
    painter = QPainter(writer)
    footer_font = QFont(painter.font())
    footer_font.setPointSizeF(7.5)
    for number, (top, bottom) in enumerate(itertools.pairwise(cuts), start=1):
        if number > 1:
            writer.newPage()
        painter.save()
        painter.translate(0, -top)
        document.drawContents(painter, QRectF(0, top, width, bottom - top))
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#5b6776"))
        footer = QRectF(0, page_height + 4, width, FOOTER_HEIGHT - 4)
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft), f"{card.title}")
        pages = f"{number} / {len(cuts) - 1}"
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight), pages)
    painter.end()
    buffer.close()
    return bytes(data.data())


def page_cuts(document: QTextDocument, page_height: float) -> list[float]:
    """Where pages start and end (document y), each page at most `page_height` tall, cut
    only where a line begins; inside a table, only where a cell's text begins (a row
    boundary), so that no row of the checklist is split."""
    layout = document.documentLayout()
    starts: list[float] = []
    block = document.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        in_table = QTextCursor(block).currentTable() is not None
        starts.append(rect.top())
        lines = block.layout()
        if not in_table and lines is not None:
            starts.extend(rect.top() + lines.lineAt(i).y() for i in range(1, lines.lineCount()))
        block = block.next()
    end = document.size().height()
    starts = sorted({round(y - 2, 1) for y in starts if 0 < y - 2 < end})
    cuts = [0.0]
    index = 0
    while end - cuts[-1] > page_height:
        top = cuts[-1]
        limit = top + page_height
        best = None
        while index < len(starts) and starts[index] <= limit:
            if starts[index] > top + page_height / 3:
                best = starts[index]
            index += 1
        cuts.append(best if best is not None else limit)  # a giant cell: cut where it must
    cuts.append(end)
    return cuts


def render_png(card: Card, width: int = PNG_WIDTH) -> bytes:
    """The card as one PNG image `width` pixels wide, as tall as its content. Drawn at
    twice the size of the layout for sharp text; a card taller than SHARP_MAX_HEIGHT at
    that size (hundreds of subtasks) is laid out `width` wide at 1x instead, which halves
    its height and quarters the pixels to encode."""
    ensure_gui()
    document = _document(card)
    # Hundreds of rows are too tall at 2x whatever their text: no need to lay them out twice.
    scale = 1.0 if len(card.rows) > SHARP_MAX_ROWS else _PNG_SCALE
    document.setTextWidth(width / scale)
    if scale > 1 and document.size().height() * scale > SHARP_MAX_HEIGHT:
        scale = 1.0
        document.setTextWidth(width)
    height = max(1, round(document.size().height() * scale))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # Images carry more pixels than they are shown at (for print): scaled down smoothly.
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.scale(scale, scale)
    document.drawContents(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Quality 80: zlib's faster levels; cards are mostly flat colour and compress well.
    image.save(buffer, "PNG", 80)  # type: ignore[call-overload]  # the stubs want bytes
    buffer.close()
    return bytes(data.data())


def render(card: Card, fmt: str, page: str = "a4") -> bytes:
    """The card in one of the share formats: html, pdf or png."""
    if fmt == "html":
        return render_html(card).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(card, page)
    if fmt == "png":
        return render_png(card)
    raise ValueError(f"unknown card format {fmt!r}")  # not-ui: a bug (formats are checked)
