"""The card as a PDF (Qt's own PDF writer) and as a PNG image, from the same HTML template
as the HTML card, laid out by QTextDocument. Needs a QGuiApplication but no window: the
command line makes an offscreen one (`ensure_gui`)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from planner.exports.card import Card, render_html

PNG_WIDTH = 1200
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# Qt's rich text takes CSS px at 96 per inch; the PNG is drawn at twice that, for sharp
# text in chat apps, so its layout is 600 px wide at 2x.
_PNG_SCALE = 2.0


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
    """The card as a PDF on A4 or Letter pages: real text (selectable, searchable), broken
    across pages between lines and table rows."""
    ensure_gui()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(card.title)
    writer.setCreator("Planner")
    writer.setResolution(96)
    layout = QPageLayout(
        QPageSize(PAGE_SIZES.get(page.lower(), QPageSize.PageSizeId.A4)),
        QPageLayout.Orientation.Portrait,
        QMarginsF(14, 14, 14, 14),
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    document = _document(card)
    # The document's page is the printable area, in the writer's units (96 per inch).
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(area.width(), area.height()))
    document.print_(writer)
    del writer
    buffer.close()
    return bytes(data.data())


def render_png(card: Card, width: int = PNG_WIDTH) -> bytes:
    """The card as one PNG image `width` pixels wide, as tall as its content."""
    ensure_gui()
    document = _document(card)
    logical = width / _PNG_SCALE
    document.setTextWidth(logical)
    height = max(1, round(document.size().height() * _PNG_SCALE))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(_PNG_SCALE, _PNG_SCALE)
    document.drawContents(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes
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
    raise ValueError(f"unknown card format {fmt!r}")
