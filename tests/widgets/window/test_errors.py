"""What the window expects to go wrong is shown calmly (an item gone meanwhile, a plan that
cannot be read, a file that cannot be written); anything else is a bug, and is not hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.domain.errors import NotFound, StorageError
from planner.services.images import ImageService
from planner.ui.details.image_viewer import ImageViewer
from planner.ui.window.main_window import MainWindow
from tests.helpers.image_files import image_bytes
from tests.helpers.window import Bug, MakeWindow, model_of, raises, service_of


def file_state(path: Path) -> tuple[int, int, int]:
    """Which file is there, its size and when it was last written."""
    info = path.stat()
    return info.st_ino, info.st_size, info.st_mtime_ns


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


def with_goal(make_window: MakeWindow, tmp_path: Path) -> tuple[MainWindow, int, int]:
    """A window on a goal with one image, shown in the details panel."""
    window = make_window()
    service = service_of(window)
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Trip").ids[0]
    model_of(window).sync([goal])
    picture = tmp_path / "a.png"
    picture.write_bytes(image_bytes("PNG", (60, 40), "red"))
    window.reveal([goal])
    window.details.images.add_files([picture])
    [image] = window.details.images.list.ids()
    return window, goal, image


def test_the_details_of_an_item_gone_meanwhile_are_no_longer_shown(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _goal, _image = with_goal(make_window, tmp_path)
    assert window.details.currentIndex() == 1  # the item's page
    with monkeypatch.context() as patch:
        patch.setattr(window.service, "get", raises(NotFound("No item 1.")))
        window.show_details()
    assert window.details.currentIndex() == 0  # "Select a goal or task…"


def test_a_bug_while_showing_the_details_is_not_hidden(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _goal, _image = with_goal(make_window, tmp_path)
    with monkeypatch.context() as patch, pytest.raises(Bug):
        patch.setattr(window.service, "get", raises(Bug("details")))
        window.show_details()


def test_revealing_an_item_that_is_gone_selects_nothing_and_a_bug_is_not_hidden(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, goal, _image = with_goal(make_window, tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(window.service, "path", raises(StorageError("The plan is busy.")))
        assert not window.navigator.load_path(goal).isValid()
    with monkeypatch.context() as patch, pytest.raises(Bug):
        patch.setattr(window.service, "path", raises(Bug("reveal")))
        window.navigator.load_path(goal)


def test_the_images_of_an_item_that_cannot_be_read_are_not_listed_and_a_bug_is_not_hidden(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _goal, _image = with_goal(make_window, tmp_path)
    section = window.details.images
    record = window.navigator.current_record()
    assert section.images is not None and record is not None
    with monkeypatch.context() as patch:
        patch.setattr(section.images, "images", raises(StorageError("The plan is busy.")))
        section.show_item(record)
    assert section.list.ids() == [] and section.title.text() == "Images"
    with monkeypatch.context() as patch, pytest.raises(Bug):
        patch.setattr(section.images, "images", raises(Bug("images")))
        section.show_item(record)


def test_the_viewer_says_why_an_image_cannot_be_shown_and_a_bug_is_not_hidden(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _goal, image = with_goal(make_window, tmp_path)
    images = window.details.images.images
    assert images is not None
    with monkeypatch.context() as patch:
        patch.setattr(images, "data", raises(StorageError("The plan is busy.")))
        viewer = ImageViewer(images, [image], image, window)
    assert viewer.picture.text() == "The plan is busy."
    viewer.close()
    with monkeypatch.context() as patch, pytest.raises(Bug):
        patch.setattr(images, "data", raises(Bug("viewer")))
        ImageViewer(images, [image], image, window)


def test_save_as_writes_the_image_but_never_over_the_plan(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    window, _goal, image = with_goal(make_window, tmp_path)
    plan = window.plan_path
    assert plan is not None
    before = file_state(plan)  # not read: SQLite has the plan open
    target = str(plan)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    window.details.images.save_as(image)
    assert len(errors) == 1 and str(plan) in errors[0]
    assert file_state(plan) == before

    target = str(tmp_path / "saved.png")
    window.details.images.save_as(image)
    images = ImageService(service_of(window).store)
    assert Path(target).read_bytes() == images.data(image) and len(errors) == 1


def test_save_as_into_a_folder_that_cannot_be_written_says_so(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    window, _goal, image = with_goal(make_window, tmp_path)
    target = str(tmp_path / "no such folder" / "saved.png")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    window.details.images.save_as(image)
    assert len(errors) == 1 and "no such folder" in errors[0]
    assert not Path(target).exists()


def test_a_bug_while_saving_an_image_is_not_hidden(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    window, _goal, image = with_goal(make_window, tmp_path)
    target = str(tmp_path / "saved.png")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    monkeypatch.setattr("planner.ui.details.images.save_image", raises(Bug("save")))
    with pytest.raises(Bug):
        window.details.images.save_as(image)
    assert errors == []
