"""The image viewer: one image of an item at a time, as large as fits the screen (never
enlarged past its own size), animations played; ← and → go through the item's images.

Decoding goes through QImageReader with an allocation limit that fits the plan's bound of
100 megapixels at 8 bytes a pixel (a 16-bit PNG), so every image the plan accepts shows,
and even an image stored by some other program cannot exhaust memory.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QKeyEvent, QMovie, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from planner import formats
from planner.domain.errors import PlannerError
from planner.domain.images import MAX_PIXELS, ImageInfo
from planner.i18n import _, ngettext
from planner.services.images import ImageService

# Megabytes Qt may allocate for one decoded image: 100 megapixels at 8 bytes each (Qt
# decodes a 16-bit PNG to 16 bits a channel; Qt's own default, 256 MB, refuses 65 MP).
ALLOCATION_LIMIT_MB = MAX_PIXELS * 8 // (1024 * 1024) + 1
# Animations play when a frame has at most this many pixels (each frame is decoded in
# full as it plays); bigger ones show their first frame, like a still image.
ANIMATION_MAX_PIXELS = 16_000_000
SCREEN_SHARE = 0.9  # of the available screen the viewer may take


def read_image(data: bytes, fit: QSize | None = None) -> tuple[QImage, str]:
    """Decode image bytes, scaled down to fit `fit` (JPEG decodes at the smaller size
    directly); (null image, reason) when Qt cannot."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)  # one limit for the process
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() * size.height() > MAX_PIXELS:
        n = MAX_PIXELS // 1_000_000
        reason = ngettext("it is larger than {n} megapixel", "it is larger than {n} megapixels", n)
        return QImage(), reason.format(n=formats.number(n))
    if (
        fit is not None
        and size.isValid()
        and (size.width() > fit.width() or size.height() > fit.height())
    ):
        reader.setScaledSize(fitted(size, fit))
    image = reader.read()
    return image, reader.errorString()


def fitted(size: QSize, fit: QSize) -> QSize:
    """`size` scaled to fit, at least a pixel a side (a strip a million pixels wide fits
    a screen 0 pixels tall, which Qt takes for "no image")."""
    scaled = size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio)
    return QSize(max(1, scaled.width()), max(1, scaled.height()))


class ImageViewer(QDialog):
    """Shows the image `image_id` among `ids` (the item's images, in order)."""

    def __init__(
        self, images: ImageService, ids: list[int], image_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.images = images
        self.ids = ids
        self.index = ids.index(image_id) if image_id in ids else 0
        self.info: ImageInfo | None = None
        self._movie: QMovie | None = None
        self._buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: #1f2328; color: #e5e7eb;")
        layout.addWidget(self.picture)
        self.caption = QLabel()
        self.caption.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.caption)
        self.show_index(self.index)

    def fit_size(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry().size() if screen else QSize(1280, 800)
        chrome = self.caption.sizeHint().height() + 40
        return QSize(
            max(200, int(area.width() * SCREEN_SHARE)),
            max(150, int(area.height() * SCREEN_SHARE) - chrome),
        )

    def show_index(self, index: int) -> None:
        self.index = index
        image_id = self.ids[index]
        self._stop_movie()
        try:
            self.info = self.images.image(image_id)
            data = self.images.data(image_id)
        except PlannerError as e:  # removed meanwhile, or the plan cannot be read
            self.picture.setText(str(e))
            return
        fit = self.fit_size()
        self._show_caption()
        self.setWindowTitle(self.info.filename)
        if self.info.format in ("gif", "webp") and self._play(data, fit):
            return
        # Decoded at the screen's own pixel density: sharp on a high-DPI screen too.
        ratio = max(1.0, self.devicePixelRatioF())
        image, error = read_image(
            data, QSize(round(fit.width() * ratio), round(fit.height() * ratio))
        )
        if image.isNull():
            message = _("{name} cannot be shown: {reason}.")
            self.picture.setText(message.format(name=self.info.filename, reason=error))
            self.picture.setMinimumSize(400, 200)
        else:
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self.picture.setPixmap(pixmap)
            self.picture.setMinimumSize(pixmap.deviceIndependentSize().toSize())
        self.adjustSize()

    def _show_caption(self) -> None:
        """What the image is, and which of the item's images it is."""
        if self.info is None:
            return
        caption = self.info.label
        if len(self.ids) > 1:
            place = _("{index} of {count}").format(
                index=formats.number(self.index + 1), count=formats.number(len(self.ids))
            )
            caption = f"{caption}  ·  {place}"
        self.caption.setText(caption)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show_caption()
        super().changeEvent(event)

    def _play(self, data: bytes, fit: QSize) -> bool:
        """Animated GIF and WebP play; a single frame, or frames too big to decode again
        and again, are shown like any image."""
        if self.info is None or self.info.width * self.info.height > ANIMATION_MAX_PIXELS:
            return False
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
        movie = QMovie(buffer)
        if not movie.isValid() or movie.frameCount() <= 1:
            return False
        size = QSize(self.info.width, self.info.height)
        if size.width() > fit.width() or size.height() > fit.height():
            size = fitted(size, fit)
        movie.setScaledSize(size)
        self._movie, self._buffer = movie, buffer
        self.picture.setMovie(movie)
        self.picture.setMinimumSize(size)
        movie.start()
        self.adjustSize()
        return True

    def _stop_movie(self) -> None:
        if self._movie is not None:
            self._movie.stop()
            self.picture.setMovie(None)  # type: ignore[arg-type]
            self._movie = self._buffer = None
        self.picture.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Space) and self.index < len(self.ids) - 1:
            self.show_index(self.index + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace) and self.index > 0:
            self.show_index(self.index - 1)
        else:
            super().keyPressEvent(event)
