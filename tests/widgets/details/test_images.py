"""Images in the window: the details panel's section (file dialog, paste, drop, remove,
reorder by button and by drag), files dropped onto a tree row, the tree's mark, the viewer,
and undo / redo of each step; bad files refused with the file named and nothing changed."""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from planner.services.image_codec import prepare_image
from planner.services.images import ImageService
from planner.store import connection
from planner.ui.details.image_viewer import SCREEN_SHARE, ImageViewer
from planner.ui.details.images import IMAGE_ID, ImagesSection
from planner.ui.tree.model import Role
from planner.ui.window.main_window import MainWindow
from tests.helpers.image_files import flat_png, gif_animation, image_bytes, noisy_jpeg
from tests.helpers.window import MakeWindow, model_of, service_of

CTRL = Qt.KeyboardModifier.ControlModifier
AMBER = (255, 200, 0)


def image_file_bytes(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {}
    for name, data in {
        "a.png": image_bytes("PNG", (60, 40), "red"),
        "b.jpg": image_bytes("JPEG", (80, 40), "blue"),
        "c.gif": image_bytes("GIF", (30, 30), "green"),
        "fake.png": b"this is text, not a picture\n" * 4,
    }.items():
        made[name] = tmp_path / name
        made[name].write_bytes(data)
    return made


def goal_window(make_window: MakeWindow) -> tuple[MainWindow, int, int]:
    window = make_window()
    service = service_of(window)
    group = service.first_group()
    assert group is not None
    goal = window.controller.run("New", lambda: service.create_item(group.id, "Trip"))[0].ids[0]  # type: ignore[union-attr,index]
    other = service.create_item(group.id, "Other").ids[0]
    model_of(window).sync([other])
    window.reveal([goal])
    return window, goal, other


def section(window: MainWindow) -> ImagesSection:
    return window.details.images


def shown(window: MainWindow) -> list[int]:
    return section(window).list.ids()


def names(window: MainWindow, item_id: int) -> list[str]:
    return [i.filename for i in ImageService(service_of(window).store).images(item_id)]


def mark(window: MainWindow, item_id: int) -> Any:
    return model_of(window).index_for_item(item_id).data(Role.IMAGES)


def test_add_by_dialog_shows_thumbnails_and_the_tree_mark_with_undo_and_redo(
    make_window: MakeWindow, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    window, goal, _ = goal_window(make_window)
    assert section(window).isVisible() and shown(window) == [] and not mark(window, goal)
    chosen = [str(files["a.png"]), str(files["b.jpg"])]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    qtbot.mouseClick(section(window).add_button, Qt.MouseButton.LeftButton)
    assert names(window, goal) == ["a.png", "b.jpg"]
    ids = shown(window)
    assert len(ids) == 2 and section(window).title.text() == "Images (2)"
    assert mark(window, goal) == 2
    icon = section(window).list.item(0).icon()
    assert not icon.isNull() and icon.availableSizes()
    assert window.actions_by_name["undo"].text() == "&Undo Add 2 images"

    window.undo()
    assert names(window, goal) == [] and shown(window) == [] and not mark(window, goal)
    window.redo()
    assert shown(window) == ids and mark(window, goal) == 2  # the same images, same ids


def test_bad_file_is_refused_with_its_name_and_nothing_changes(
    make_window: MakeWindow, files: dict[str, Path], errors: list[str]
) -> None:
    window, goal, _ = goal_window(make_window)
    stack = window.controller.stack  # type: ignore[union-attr]
    steps = stack.count()
    section(window).add_files([files["a.png"], files["fake.png"]])
    assert errors == ["'fake.png' is not a PNG, JPEG, GIF, WebP or BMP image."]
    assert names(window, goal) == [] and shown(window) == [] and stack.count() == steps


def test_remove_and_reorder_by_buttons_and_by_drag_each_undoable(
    make_window: MakeWindow, files: dict[str, Path], qtbot: Any
) -> None:
    window, goal, _ = goal_window(make_window)
    sec = section(window)
    sec.add_files([files["a.png"], files["b.jpg"], files["c.gif"]])
    a, b, c = shown(window)

    sec.list.setCurrentRow(0)
    qtbot.mouseClick(sec.right_button, Qt.MouseButton.LeftButton)
    assert shown(window) == [b, a, c] and sec.selected_id() == a
    # The first thumbnail dragged onto the last one's place: the plan follows.
    sec.list.setCurrentRow(0)
    assert sec.list.dragEnabled() and sec.list.viewport().acceptDrops()
    last = sec.list.visualItemRect(sec.list.item(2)).center()
    sec.list.drop_current_at(last)
    qtbot.waitUntil(lambda: shown(window) == [a, c, b])
    assert names(window, goal) == ["a.png", "c.gif", "b.jpg"] and sec.selected_id() == b
    sec.list.setCurrentRow(1)
    qtbot.mouseClick(sec.remove_button, Qt.MouseButton.LeftButton)
    assert shown(window) == [a, b] and sec.selected_id() == b

    window.undo()
    assert shown(window) == [a, c, b]
    window.undo()
    assert shown(window) == [b, a, c]
    window.undo()
    assert shown(window) == [a, b, c]
    for expected in ([b, a, c], [a, c, b], [a, b]):
        window.redo()
        assert shown(window) == expected
    assert mark(window, goal) == 2


def test_paste_an_image_from_the_clipboard(make_window: MakeWindow, qtbot: Any) -> None:
    window, goal, _ = goal_window(make_window)
    image = QImage(120, 90, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    sec = section(window)
    sec.list.setFocus()
    qtbot.waitUntil(sec.list.hasFocus)
    qtbot.keyClick(sec.list, Qt.Key.Key_V, CTRL)
    (info,) = ImageService(service_of(window).store).images(goal)
    assert (info.filename, info.format, info.width, info.height) == (
        "Pasted image.png",
        "png",
        120,
        90,
    )
    assert len(shown(window)) == 1
    window.undo()
    assert shown(window) == []


def _file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_files_dropped_on_a_tree_row_or_the_details_panel(
    make_window: MakeWindow, files: dict[str, Path]
) -> None:
    window, goal, other = goal_window(make_window)
    model = model_of(window)
    target = model.index_for_item(other)
    mime = _file_mime(files["a.png"], files["c.gif"])
    action = Qt.DropAction.CopyAction
    assert model.canDropMimeData(mime, action, -1, 0, target)
    assert not model.canDropMimeData(mime, action, -1, 0, target.parent())  # the group
    assert not model.canDropMimeData(mime, action, 0, 0, target)  # between rows
    assert model.dropMimeData(mime, action, -1, 0, target) is False  # never a move
    assert names(window, other) == ["a.png", "c.gif"] and mark(window, other) == 2
    assert files["a.png"].exists()

    panel = window.details
    drop_mime = _file_mime(files["b.jpg"])
    pos = QPointF(panel.width() / 2, 20)
    enter = QDragEnterEvent(
        QPoint(int(pos.x()), int(pos.y())),
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        drop_mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        drop_mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, drop)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    assert names(window, goal) == ["b.jpg"]
    window.undo()
    assert names(window, goal) == []


def test_files_dropped_on_a_deleted_row_are_refused(
    make_window: MakeWindow, files: dict[str, Path]
) -> None:
    window, _, other = goal_window(make_window)
    window.reveal([other])
    window.items.delete()
    model = model_of(window)
    deleted = model.index_for_item(other)
    assert deleted.isValid() and model.section_of(deleted.parent()) is not None
    mime = _file_mime(files["a.png"])
    for column in range(model.columnCount(deleted.parent())):  # the title and every cell
        cell = deleted.siblingAtColumn(column)
        assert not model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, column, cell)
    assert names(window, other) == []


def test_only_the_selected_items_thumbnails_are_decoded_and_they_are_cached(
    make_window: MakeWindow,
) -> None:
    window, goal, other = goal_window(make_window)
    images = ImageService(service_of(window).store)
    images.add(goal, [prepare_image(f"{i}.png", image_bytes(size=(20 + i, 20))) for i in range(4)])
    images.add(other, [prepare_image("x.png", image_bytes())])
    # Reopened, as a user would find the plan: nothing decoded until an item is shown.
    path = window.plan_path
    assert path is not None
    window.open_path(path)
    cache = section(window).cache
    window.reveal([goal])
    assert len(shown(window)) == 4 and cache.decoded == 4
    window.reveal([other])
    assert cache.decoded == 5
    window.reveal([goal])
    assert cache.decoded == 5 and len(shown(window)) == 4


def test_purging_an_item_takes_its_images_and_undo_brings_them_back(
    make_window: MakeWindow, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, goal, _ = goal_window(make_window)
    section(window).add_files([files["a.png"]])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.reveal([goal])
    window.items.purge()
    assert ImageService(service_of(window).store).counts() == {}
    window.undo()
    assert names(window, goal) == ["a.png"] and mark(window, goal) == 1


def test_the_viewer_fits_a_big_image_to_the_screen_and_pages_through(
    make_window: MakeWindow, qtbot: Any
) -> None:
    window, goal, other = goal_window(make_window)
    images = ImageService(service_of(window).store)
    big = prepare_image("big.jpg", noisy_jpeg((4000, 3000)))
    small = prepare_image("small.png", image_bytes(size=(50, 40)))
    images.add(goal, [big, small])
    window.reveal([other])
    window.reveal([goal])
    sec = section(window)
    qtbot.waitUntil(
        lambda: sec.list.viewport().rect().contains(sec.list.visualItemRect(sec.list.item(0)))
    )
    rect = sec.list.visualItemRect(sec.list.item(0))
    qtbot.mouseClick(sec.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (viewer,) = window.findChildren(ImageViewer)
    assert viewer.isVisible()
    screen = viewer.fit_size()
    pixmap = viewer.picture.pixmap()
    assert pixmap.width() <= screen.width() and pixmap.height() <= screen.height()
    assert pixmap.width() == round(pixmap.height() * 4 / 3) or pixmap.height() == screen.height()
    assert screen.width() <= viewer.screen().availableGeometry().width() * SCREEN_SHARE + 1
    assert "4000 × 3000" in viewer.caption.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.picture.pixmap().size().toTuple() == (50, 40)  # never enlarged
    viewer.close()


def test_opening_and_browsing_read_no_image_data_and_selecting_reads_thumbnails_only(
    make_window: MakeWindow, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, goal, other = goal_window(make_window)
    ImageService(service_of(window).store).add(
        goal, [prepare_image("big.jpg", noisy_jpeg((1200, 900)))]
    )
    statements: list[str] = []  # every statement SQLite runs, on any connection to the plan
    configure = connection.configure

    def traced(con: sqlite3.Connection, read_only: bool) -> None:
        configure(con, read_only)
        con.set_trace_callback(statements.append)

    monkeypatch.setattr(connection, "configure", traced)
    path = window.plan_path
    assert path is not None
    window.open_path(path)
    window.tree.expandAll()
    window.reveal([other])
    window.grab()
    assert mark(window, goal) == 1
    assert statements and not [s for s in statements if "image_data" in s]
    window.reveal([goal])
    window.grab()
    touching = [s.split("FROM")[0] for s in statements if "image_data" in s]
    assert touching and all("thumb" in s and not re.search(r"\bdata\b", s) for s in touching)


def test_100_megapixel_images_show_in_the_viewer_and_as_thumbnails_without_a_warning(
    make_window: MakeWindow, qtbot: Any
) -> None:
    """The biggest images the plan accepts: a flat 8-bit PNG, a 16-bit PNG (8 bytes a
    pixel decoded), an animated GIF, and a strip a million pixels wide. Each shows in the
    viewer, scaled to fit, and as a thumbnail; a Qt warning fails the test."""
    window, goal, other = goal_window(make_window)
    images = ImageService(service_of(window).store)
    made = {
        "flat.png": flat_png((10_000, 10_000), AMBER),
        "deep.png": flat_png((10_000, 10_000), AMBER, bits=16),
        "moving.gif": gif_animation((10_000, 10_000), [AMBER, (0, 0, 255)]),
        "strip.png": image_file_bytes(Image.new("RGB", (1_000_000, 5), AMBER), "PNG"),
    }
    images.add(goal, [prepare_image(name, data) for name, data in made.items()])
    window.reveal([other])
    window.reveal([goal])
    sec = section(window)
    assert sec.list.count() == 4
    for row in range(4):
        thumb = sec.cache.get(int(sec.list.item(row).data(IMAGE_ID)))
        assert thumb is not None and not thumb.isNull()
        corner = thumb.toImage().pixelColor(0, 0).getRgb()[:3]  # a JPEG thumbnail: nearly
        assert all(abs(a - b) <= 4 for a, b in zip(corner, AMBER, strict=True)), corner
    sec.open_viewer(sec.list.ids()[0])
    (viewer,) = window.findChildren(ImageViewer)
    screen = viewer.fit_size()
    for index, name in enumerate(made):
        assert viewer.info is not None and viewer.info.filename == name
        pixmap = viewer.picture.pixmap()
        assert not pixmap.isNull(), viewer.picture.text()
        size = pixmap.deviceIndependentSize()
        assert 1 <= size.height() <= screen.height() and 1 <= size.width() <= screen.width()
        picture = pixmap.toImage()
        middle = picture.pixelColor(picture.width() // 2, picture.height() // 2)
        assert middle.getRgb()[:3] == AMBER, name  # the animation's first frame
        if index < len(made) - 1:
            qtbot.keyClick(viewer, Qt.Key.Key_Right)
    viewer.close()
