"""The Images section of the details panel: the selected item's thumbnails, and adding
(file dialog, dropped files, Ctrl+V), removing and reordering images, each one undoable
step through the plan's controller. A click on a thumbnail opens the viewer.

Only the selected item's thumbnails are read: small stored pictures, never the full
images, kept in a cache so coming back to an item decodes nothing.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImageWriter,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain import changes as ch
from planner.domain.errors import PlannerError
from planner.domain.images import ImageInfo
from planner.domain.items import ItemRecord
from planner.exports.files import image_file_name, plan_files, save_image
from planner.i18n import N_, _, ngettext, pgettext
from planner.services.image_codec import prepare_image
from planner.services.images import ImageService
from planner.ui import language
from planner.ui.controller import PlanController
from planner.ui.session import Session
from planner.ui.tree.marks import dropped_files

THUMB = 80  # shown size of a thumbnail, in pixels
GRID = QSize(THUMB + 12, THUMB + 12)
CACHE_SIZE = 300
IMAGE_ID = Qt.ItemDataRole.UserRole + 1
PATTERNS = "*.png *.jpg *.jpeg *.gif *.webp *.bmp"
PASTED_NAME = "Pasted image"  # not-ui: a file name, stored in the plan as it is
PASTE_TYPES = (("image/png", "png"), ("image/jpeg", "jpg"), ("image/gif", "gif"))


def file_filter() -> str:
    """The file dialogs' choice of files: images, or all."""
    return _("Images ({patterns})").format(patterns=PATTERNS) + ";;" + _("All files (*)")


class ThumbnailCache:
    """Decoded thumbnails by image id, the least recently used dropped first."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._pixmaps: OrderedDict[int, QPixmap] = OrderedDict()
        self.decoded = 0  # how many thumbnails were decoded (tests and benchmarks look)

    def get(self, image_id: int) -> QPixmap | None:
        pixmap = self._pixmaps.get(image_id)
        if pixmap is not None:
            self._pixmaps.move_to_end(image_id)
        return pixmap

    def put(self, image_id: int, data: bytes) -> QPixmap:
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.decoded += 1
        self._pixmaps[image_id] = pixmap
        while len(self._pixmaps) > self.size:
            self._pixmaps.popitem(last=False)
        return pixmap

    def clear(self) -> None:
        self._pixmaps.clear()


class ThumbList(QListWidget):
    """Thumbnails in a wrapping row; drag one onto another's place to reorder (the section
    is told, and shows the plan's order again after the change). An empty list says how
    to add images."""

    moveDropped = Signal(int, int)  # image id, its new index

    HINT = N_("No images. Drop image files here, paste one ({key}) or click Add…")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(GRID)
        self.setUniformItemSizes(True)
        self.setMovement(QListView.Movement.Static)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.viewport().setAcceptDrops(True)  # a Static list takes no drops otherwise
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # The selected thumbnail gets a frame, not a bar under its (empty) caption.
        self.setStyleSheet(
            "QListWidget::item { border: 2px solid transparent; border-radius: 4px; }"
            "QListWidget::item:selected { border: 2px solid palette(highlight);"
            " background: transparent; }"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(
            self.viewport().rect().adjusted(8, 0, -8, 0),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            self.hint(),
        )
        painter.end()

    def hint(self) -> str:
        """What the empty list says (in the current language)."""
        return _(self.HINT).format(key=language.key_text("Ctrl+V"))

    def dropEvent(self, event: QDropEvent) -> None:
        """A thumbnail dropped within the list: told, never moved here (and taken as a
        copy, so the drag removes nothing). Anything else goes on to the panel."""
        if event.source() is not self:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.drop_current_at(event.position().toPoint())

    def drop_current_at(self, pos: QPoint) -> None:
        """The current thumbnail goes where the one at `pos` is (the end: after the last)."""
        item = self.currentItem()
        if item is None:
            return
        index = self.indexAt(pos)
        row = index.row() if index.isValid() else self.count() - 1
        image_id = int(item.data(IMAGE_ID))
        if row != self.row(item):
            # After the drag has finished with the list's items: the move refills it.
            QTimer.singleShot(0, lambda: self.moveDropped.emit(image_id, row))

    def ids(self) -> list[int]:
        return [int(self.item(row).data(IMAGE_ID)) for row in range(self.count())]

    def fit_height(self) -> None:
        """Room for every row of thumbnails, up to two (then it scrolls)."""
        per_row = max(1, self.viewport().width() // GRID.width())
        rows = math.ceil(self.count() / per_row) if self.count() else 0
        shown = min(rows, 2) if rows else 0.6
        height = round(shown * GRID.height()) + 2 * self.frameWidth() + 4
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()


class ImagesSection(QWidget):
    """Shows one item's images and turns the user's edits into undoable steps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: PlanController | None = None
        self.plan: Path | None = None  # its files are never written over by Save As
        self.images: ImageService | None = None
        self.cache = ThumbnailCache()
        self.item_id: int | None = None
        self.infos: list[ImageInfo] = []
        self._select_next: int | None = None
        self.open_viewer: Callable[[int], None] = self._open_viewer

        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        head = QHBoxLayout()
        self.title = QLabel()
        head.addWidget(self.title)
        head.addStretch(1)
        self.add_button = self._button()
        self.add_button.clicked.connect(self.add_from_dialog)
        self.left_button = self._button("◀")
        self.left_button.clicked.connect(lambda: self.move_selected(-1))
        self.right_button = self._button("▶")
        self.right_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button = self._button()
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.left_button, self.right_button, self.remove_button):
            head.addWidget(button)
        layout.addLayout(head)
        self.list = ThumbList()
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.list.moveDropped.connect(self.move_image)
        self.list.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.list)
        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self._update_buttons()
        self.retranslate()

    def _button(self, text: str = "") -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAutoRaise(True)
        return button

    def retranslate(self) -> None:
        """The language changed: the section's words, and the shown images' tooltips."""
        self.add_button.setText(pgettext("button", "Add…"))
        self.add_button.setToolTip(_("Attach image files (PNG, JPEG, GIF, WebP, BMP)"))
        self.left_button.setToolTip(_("Move the selected image left"))
        self.right_button.setToolTip(_("Move the selected image right"))
        self.remove_button.setText(pgettext("button", "Remove"))
        self.remove_button.setToolTip(_("Remove the selected image"))
        self._name_images()
        self.list.viewport().update()  # its hint, while it is empty

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _name_images(self) -> None:
        """The heading with the number of images, and each thumbnail's tooltip."""
        count = len(self.infos)
        if count:
            self.title.setText(_("Images ({n})").format(n=formats.number(count)))
        else:
            self.title.setText(_("Images"))
        for row in range(self.list.count()):
            item = self.list.item(row)
            info = self._info(int(item.data(IMAGE_ID)))
            if info is not None:
                item.setToolTip(info.label)

    # -- plan and item -----------------------------------------------------------------
    def bind(self, session: Session | None) -> None:
        """Work on this plan (None: no plan open)."""
        if self.controller is not None:
            self.controller.model.filesDropped.disconnect(self.add_files_to)
        controller = session.controller if session is not None else None
        self.controller, self.plan = controller, session.path if session is not None else None
        self.images = None if controller is None else ImageService(controller.service.store)
        self.cache.clear()
        self.item_id, self.infos = None, []
        if controller is not None:
            controller.model.filesDropped.connect(self.add_files_to)

    def show_item(self, record: ItemRecord | None) -> None:
        """Show an item's images (reads their list, and the thumbnails not in the cache)."""
        if record is None or record.is_group or self.images is None:
            self.item_id, self.infos = None, []
            self.setVisible(False)
            return
        self.setVisible(True)
        keep = self._select_next
        if keep is None and record.id == self.item_id and self.list.currentItem() is not None:
            keep = int(self.list.currentItem().data(IMAGE_ID))
        self._select_next = None
        self.item_id = record.id
        try:
            self.infos = self.images.images(record.id)
        except PlannerError:  # gone meanwhile, or the plan cannot be read
            self.infos = []
        self._fill(keep)

    def _fill(self, keep: int | None) -> None:
        assert self.images is not None
        missing = [i.id for i in self.infos if self.cache.get(i.id) is None]
        if missing:
            for image_id, data in self.images.thumbnails(missing).items():
                self.cache.put(image_id, data)
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for info in self.infos:
                pixmap = self.cache.get(info.id) or QPixmap()
                item = QListWidgetItem(QIcon(pixmap), "")
                item.setData(IMAGE_ID, info.id)
                item.setSizeHint(GRID)
                self.list.addItem(item)
                if info.id == keep:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        self._name_images()
        self.list.fit_height()
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.list.currentRow() if self.list.currentItem() is not None else -1
        self.remove_button.setEnabled(row >= 0)
        self.left_button.setEnabled(row > 0)
        self.right_button.setEnabled(0 <= row < self.list.count() - 1)

    def _info(self, image_id: int) -> ImageInfo | None:
        return next((i for i in self.infos if i.id == image_id), None)

    # -- changes -----------------------------------------------------------------------
    def _run(self, text: str, action: Callable[[], ch.Outcome | Sequence[ch.Outcome]]) -> bool:
        if self.controller is None:
            return False
        return bool(self.controller.run(text, action))

    def add_files_to(self, item_id: int, paths: Sequence[Path]) -> bool:
        """Attach image files to an item (all or none), one undoable step."""
        images = self.images
        if images is None or not paths:
            return False
        if len(paths) == 1:
            text = _("Add {name}").format(name=f"'{paths[0].name}'")
        else:
            n = len(paths)
            text = ngettext("Add {n} image", "Add {n} images", n).format(n=formats.number(n))
        return self._run(text, lambda: images.add_files(item_id, list(paths)))

    def add_files(self, paths: Sequence[Path]) -> bool:
        return self.item_id is not None and self.add_files_to(self.item_id, paths)

    def add_from_dialog(self) -> None:
        names, _chosen = QFileDialog.getOpenFileNames(
            self, _("Add images"), str(Path.home()), file_filter()
        )
        if names:
            self.add_files([Path(n) for n in names])

    def add_data(self, filename: str, data: bytes) -> bool:
        """An image given as bytes (pasted), checked like a file."""
        images, item_id = self.images, self.item_id
        if images is None or item_id is None:
            return False
        return self._run(
            _("Paste {name}").format(name=f"'{filename}'"),
            lambda: images.add(item_id, [prepare_image(filename, data)]),
        )

    def paste(self) -> bool:
        """Ctrl+V: image files copied in a file manager, or an image (a screenshot...)."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return False
        files = dropped_files(mime)
        if files:
            return self.add_files(files)
        for mime_type, suffix in PASTE_TYPES:  # the original bytes, when offered
            if mime.hasFormat(mime_type):
                data = bytes(mime.data(mime_type).data())
                if data:
                    return self.add_data(f"{PASTED_NAME}.{suffix}", data)
        if mime.hasImage():
            image = QGuiApplication.clipboard().image()
            if not image.isNull():
                buffer = QBuffer()
                buffer.open(QIODevice.OpenModeFlag.WriteOnly)
                QImageWriter(buffer, QByteArray(b"png")).write(image)
                return self.add_data(f"{PASTED_NAME}.png", bytes(buffer.data().data()))
        if self.controller is not None:
            self.controller.failed.emit(_("The clipboard holds no image to paste."))
        return False

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(IMAGE_ID))

    def remove_selected(self) -> bool:
        image_id, images = self.selected_id(), self.images
        if image_id is None or images is None:
            return False
        info = self._info(image_id)
        row = self.list.currentRow()
        order = self.list.ids()
        neighbours = order[row + 1 : row + 2] or order[max(row - 1, 0) : row]
        self._select_next = neighbours[0] if neighbours else None
        if info is None:
            text = _("Remove image")
        else:
            text = _("Remove image {name}").format(name=f"'{info.filename}'")
        return self._run(text, lambda: images.remove(image_id))

    def move_selected(self, step: int) -> bool:
        image_id = self.selected_id()
        if image_id is None:
            return False
        index = self.list.currentRow() + step
        if not 0 <= index < self.list.count():
            return False
        return self.move_image(image_id, index)

    def move_image(self, image_id: int, index: int) -> bool:
        images = self.images
        if images is None:
            return False
        info = self._info(image_id)
        self._select_next = image_id
        if info is None:
            text = _("Move image")
        else:
            text = _("Move image {name}").format(name=f"'{info.filename}'")
        return self._run(text, lambda: images.move(image_id, index))

    # -- viewing -----------------------------------------------------------------------
    def _clicked(self, item: QListWidgetItem) -> None:
        self.open_viewer(int(item.data(IMAGE_ID)))

    def _open_viewer(self, image_id: int) -> None:
        from planner.ui.details.image_viewer import ImageViewer

        if self.images is None:
            return
        ids = [i.id for i in self.infos]
        viewer = ImageViewer(self.images, ids, image_id, self.window())
        viewer.show()

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)  # in the viewport's coordinates
        menu = QMenu(self)
        if item is not None:
            self.list.setCurrentItem(item)
            image_id = int(item.data(IMAGE_ID))
            menu.addAction(pgettext("menu", "Open"), lambda: self.open_viewer(image_id))
            menu.addAction(pgettext("menu", "Save As…"), lambda: self.save_as(image_id))
            menu.addAction(pgettext("menu", "Remove"), self.remove_selected)
            menu.addSeparator()
        menu.addAction(pgettext("menu", "Add Images…"), self.add_from_dialog)
        menu.addAction(pgettext("menu", "Paste"), self.paste)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def save_as(self, image_id: int) -> None:
        info, images = self._info(image_id), self.images
        if info is None or images is None:
            return
        name, _chosen = QFileDialog.getSaveFileName(
            self,
            _("Save image"),
            str(Path.home() / image_file_name(images, image_id)),
            file_filter(),
        )
        if name:
            plan = self.plan
            try:
                save_image(images, image_id, Path(name), plan_files(plan) if plan else ())
            except (PlannerError, OSError) as e:  # refused (the plan itself), or not written
                if self.controller is not None:
                    self.controller.failed.emit(str(e))

    # -- dropping files onto the details panel -----------------------------------------
    def accept_drops_on(self, *widgets: QWidget) -> None:
        """Image files dropped on these widgets (the panel, its text fields) are added to
        the shown item; other drops (text into the notes) work as before."""
        for widget in widgets:
            widget.setAcceptDrops(True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
            event, QDragEnterEvent | QDropEvent
        ):
            mime = event.mimeData()
            if self.item_id is not None and mime is not None and dropped_files(mime):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            mime = event.mimeData()
            files = dropped_files(mime) if mime is not None else []
            if self.item_id is not None and files:
                # Taken as a copy, whatever was proposed: the files stay where they are.
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                self.add_files(files)
                return True
        return super().eventFilter(watched, event)
