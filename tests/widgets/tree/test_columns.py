"""The tree's columns in a narrow tree: with the Assigned To panel open at 1100 pixels, at
100 % and 150 %, every column shown fits without a sideways scroll and Total stays on
screen; which columns give way, in which order; the columns the user hides or sizes are
remembered; a name cut short shows whole in a tooltip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QFont, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from planner.ui.tree.columns import HIDING, allot
from planner.ui.tree.model import Column
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import MakeDemoWindow

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def font_scale(request: pytest.FixtureRequest) -> Iterator[float]:
    """The application's font made `request.param` times larger while the test runs: what
    a screen at 150 % gives when the desktop scales fonts rather than whole windows."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    bigger = QFont(before)
    bigger.setPointSizeF(before.pointSizeF() * request.param)
    app.setFont(bigger)
    yield request.param
    app.setFont(before)


def show_side_bar(window: MainWindow, shown: bool) -> None:
    """View › Side Bar (the views' list left of the tree) as a click leaves it."""
    action = window.actions_by_name["side_bar"]
    if action.isChecked() != shown:
        action.trigger()
    QApplication.processEvents()


def narrow_demo(make_demo_window: MakeDemoWindow) -> MainWindow:
    """The demo window 1100 pixels wide, every row open, the side bar of views shown."""
    window = make_demo_window()
    window.tree.expandAll()
    show_side_bar(window, True)
    window.resize(1100, 700)
    for _turn in range(3):
        QApplication.processEvents()
    window.tree.fit_columns()  # as the open rows' timer does
    QApplication.processEvents()
    return window


def shown_columns(tree: PlanTreeView) -> list[int]:
    header = tree.header()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


@pytest.mark.parametrize("font_scale", [1.0, 1.5], indirect=True)
def test_beside_a_side_panel_every_column_shown_fits_and_total_is_on_screen(
    make_demo_window: MakeDemoWindow, font_scale: float
) -> None:
    """At 1100 pixels with a side panel open (the Assigned To dock then, the side bar of
    views now) the columns needed 638 pixels of 528 (a sideways scroll bar, Total off
    screen); now the least useful give way."""
    window = narrow_demo(make_demo_window)
    tree, header = window.tree, window.tree.header()
    assert window.views.side_bar.isVisible()
    room = tree.viewport().width()
    widths = [header.sectionSize(c) for c in shown_columns(tree)]
    assert sum(widths) <= room, (widths, room)
    assert header.length() <= room
    assert tree.horizontalScrollBar().maximum() == 0
    for column in (Column.DUE, Column.TOTAL):  # these always stay, whole on screen
        assert not header.isSectionHidden(column)
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= room
    assert header.sectionSize(Column.TITLE) >= tree._title_least()[1]
    if font_scale == 1.0:  # room for a few words of every title beside a task's arrows
        assert header.sectionSize(Column.TITLE) >= tree._title_least()[0]
        assert not header.isSectionHidden(Column.PROGRESS)


def test_at_150_percent_scaling_in_a_process_of_its_own_nothing_scrolls_sideways(
    tmp_path: Path,
) -> None:
    """QT_SCALE_FACTOR=1.5 as a user sets it, in a real process on the sample plan, on a
    screen of 1920 x 1080 pixels (1280 x 720 at 150 %)."""
    script = tmp_path / "measure.py"
    script.write_text(MEASURE, encoding="utf-8")
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [SCREEN]}), encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "QT_SCALE_FACTOR": "1.5",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "demo")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["scale"] == 1.5
    assert seen["window"] == 1100 and seen["dock"] is True
    assert sum(seen["widths"].values()) <= seen["room"], seen
    assert seen["scroll"] == 0
    assert str(Column.TOTAL) in seen["widths"] and str(Column.DUE) in seen["widths"]
    assert seen["total_right"] <= seen["room"]


SCREEN = {"name": "s", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}
MEASURE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from planner.app import make_demo_plan, open_plan, plan_files
from planner.ui.tree.model import Column
from planner.ui.window.main_window import MainWindow

app = QApplication([])
folder = Path(sys.argv[1])
folder.mkdir()
plan = make_demo_plan(folder)
settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
window = MainWindow(lambda p, c, **o: open_plan(p, create=c, **o), settings, files=plan_files())
assert window.open_path(plan, temporary=True)
window.show()
window.tree.expandAll()
side_bar = window.actions_by_name["side_bar"]
if not side_bar.isChecked():
    side_bar.trigger()
window.resize(1100, 700)
for _ in range(5):
    app.processEvents()
window.tree.fit_columns()
app.processEvents()
tree, header = window.tree, window.tree.header()
shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
print(json.dumps({
    "scale": window.devicePixelRatioF(),
    "window": window.width(),
    "dock": window.views.side_bar.isVisible(),
    "room": tree.viewport().width(),
    "widths": {c: header.sectionSize(c) for c in shown},
    "scroll": tree.horizontalScrollBar().maximum(),
    "total_right": header.sectionViewportPosition(Column.TOTAL) + header.sectionSize(Column.TOTAL),
}))
window.close()
"""


def test_wide_enough_every_column_has_its_width_and_the_title_the_rest() -> None:
    wanted = {Column.DUE: 120, Column.PROGRESS: 110, Column.PRIORITY: 60, Column.ASSIGNEE: 90}
    wanted[Column.TOTAL] = 80
    allotment = allot(wanted, {}, 900, (170, 70))
    assert allotment.widths == wanted
    assert allotment.crowded_out == frozenset()
    assert allotment.title == 900 - 460


def test_the_columns_give_way_in_order_due_and_total_last() -> None:
    """First Assignee, then Progress shrink (no narrower than `least`), then whole columns
    hide (Created, Assignee, Priority, Progress); then Due shrinks; then the title gets
    narrower, down to its floor; only then does the tree scroll."""
    wanted = {
        Column.DUE: 120,
        Column.CREATED: 90,
        Column.PROGRESS: 110,
        Column.PRIORITY: 60,
        Column.ASSIGNEE: 90,
        Column.TOTAL: 80,
    }
    least = {Column.ASSIGNEE: 70, Column.PROGRESS: 80, Column.DUE: 100}
    title = (170, 70)
    full = sum(wanted.values()) + 170  # 720

    def at(room: int) -> tuple[dict[int, int], set[int], int]:
        allotment = allot(wanted, least, room, title)
        assert allotment.total() == room or allotment.title == title[1]
        return allotment.widths, set(allotment.crowded_out), allotment.title

    assert at(full) == ({**wanted}, set(), 170)
    widths, gone, width = at(full - 10)  # Assignee gives 10
    assert (widths[Column.ASSIGNEE], gone, width) == (80, set(), 170)
    widths, gone, _width = at(full - 30)  # Assignee its 20, Progress 10
    assert (widths[Column.ASSIGNEE], widths[Column.PROGRESS], gone) == (70, 100, set())
    widths, gone, _width = at(full - 51)  # too little for shrinking alone: Created hides
    assert gone == {Column.CREATED}
    assert widths[Column.ASSIGNEE] == 90  # once Created went, room enough for Assignee
    _widths, gone, _width = at(full - 200)
    assert gone == {Column.CREATED, Column.ASSIGNEE}
    _widths, gone, _width = at(full - 250)
    assert gone == {Column.CREATED, Column.ASSIGNEE, Column.PRIORITY}
    widths, gone, width = at(370)  # Due 120 + Total 80 + the title's 170
    assert gone == set(HIDING) and widths == {Column.DUE: 120, Column.TOTAL: 80}
    assert width == 170
    widths, gone, width = at(350)  # Due cut short
    assert (widths, width) == ({Column.DUE: 100, Column.TOTAL: 80}, 170)
    widths, gone, width = at(260)  # the title below its least
    assert (widths, width) == ({Column.DUE: 100, Column.TOTAL: 80}, 80)
    widths, gone, width = at(200)  # even its floor does not fit: the tree scrolls
    assert (widths, width) == ({Column.DUE: 100, Column.TOTAL: 80}, 70)


def test_a_column_hidden_for_want_of_room_comes_back_and_says_so_in_the_menu(
    make_demo_window: MakeDemoWindow,
) -> None:
    window = narrow_demo(make_demo_window)
    tree = window.tree
    assert Column.ASSIGNEE in tree.crowded_out
    assert tree.isColumnHidden(Column.ASSIGNEE)
    texts = {a.text(): a for a in tree.column_menu().actions()}
    crowded = texts["Assignee (hidden: no room)"]
    assert crowded.isChecked()  # the user shows it: back once there is room
    assert "Widen the window" in crowded.toolTip()
    assert texts["Due"].isChecked() and not texts["Created"].isChecked()

    show_side_bar(window, False)
    window.resize(1400, 700)
    QApplication.processEvents()
    assert not tree.isColumnHidden(Column.ASSIGNEE)
    assert tree.crowded_out == frozenset()
    assert "Assignee" in {a.text() for a in tree.column_menu().actions()}


def test_columns_the_user_hides_or_shows_are_remembered(
    make_demo_window: MakeDemoWindow, tmp_path: Path
) -> None:
    window = make_demo_window()
    tree = window.tree
    menu = {a.text(): a for a in tree.column_menu().actions()}
    menu["Priority"].setChecked(False)  # as a click in the header's menu does
    menu["Created"].setChecked(True)
    QApplication.processEvents()
    assert tree.isColumnHidden(Column.PRIORITY) and not tree.isColumnHidden(Column.CREATED)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    tree.save_columns(settings)

    again = PlanTreeView()
    again.setModel(window.model)
    again.configure_columns()
    assert again.isColumnHidden(Column.CREATED)  # the default
    again.resize(1000, 500)
    again.restore_columns(settings)
    assert again.hidden_by_user == {Column.PRIORITY}
    assert again.isColumnHidden(Column.PRIORITY) and not again.isColumnHidden(Column.CREATED)
    again.setModel(None)


def test_a_width_the_user_dragged_gives_way_when_short_and_comes_back(
    make_demo_window: MakeDemoWindow, tmp_path: Path
) -> None:
    window = make_demo_window()
    tree, header = window.tree, window.tree.header()
    tree.user_widths[Column.PROGRESS] = 260  # as a drag of its edge leaves it
    tree.arrange_columns()
    assert header.sectionSize(Column.PROGRESS) == 260
    show_side_bar(window, True)
    assert header.sectionSize(Column.PROGRESS) < 260 or tree.isColumnHidden(Column.PROGRESS)
    assert header.length() <= tree.viewport().width()
    show_side_bar(window, False)
    assert header.sectionSize(Column.PROGRESS) == 260

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    tree.save_columns(settings)
    assert settings.value("tree/user_widths") == f"{Column.PROGRESS}:260"


def test_widths_saved_by_the_version_before_are_kept(
    make_demo_window: MakeDemoWindow, tmp_path: Path
) -> None:
    """Before, the dragged columns were listed under tree/user_sized, their widths in the
    header's state, and hidden columns were hidden there."""
    window = make_demo_window()
    tree, header = window.tree, window.tree.header()
    header.resizeSection(Column.DUE, 171)
    tree.setColumnHidden(Column.PRIORITY, True)
    settings = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    settings.setValue("tree/header", header.saveState())
    settings.setValue("tree/user_sized", [Column.DUE])
    tree.restore_columns(settings)
    assert tree.user_widths == {Column.DUE: 171}
    assert header.sectionSize(Column.DUE) == 171
    assert tree.hidden_by_user == {Column.CREATED, Column.PRIORITY}


@pytest.mark.qt_log_ignore("does not support raise")  # the tooltip, offscreen
def test_a_name_cut_short_shows_whole_in_a_tooltip(
    qtbot: Any, make_demo_window: MakeDemoWindow
) -> None:
    window = make_demo_window()
    tree, header, model = window.tree, window.tree.header(), window.model
    assert model is not None
    tree.expandAll()
    QApplication.processEvents()
    index = next(
        model.index(row, Column.ASSIGNEE, parent)
        for parent in _open_rows(tree)
        for row in range(model.rowCount(parent))
        if model.index(row, Column.ASSIGNEE, parent).data()
    )
    name = str(index.data())
    tree.scrollTo(index)
    header.resizeSection(Column.ASSIGNEE, tree.fontMetrics().horizontalAdvance(name[:3]))
    spot = tree.visualRect(index).center()
    tip = QHelpEvent(QHelpEvent.Type.ToolTip, spot, tree.viewport().mapToGlobal(spot))
    QApplication.sendEvent(tree.viewport(), tip)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == name
    QToolTip.hideText()


def _open_rows(tree: PlanTreeView) -> Iterator[Any]:
    model = tree.model()
    stack = [tree.rootIndex()]
    while stack:
        parent = stack.pop()
        yield parent
        for row in range(model.rowCount(parent)):
            child = model.index(row, 0, parent)
            if tree.isExpanded(child):
                stack.append(child)


def test_a_spot_without_a_row_has_no_tooltip(make_demo_window: MakeDemoWindow) -> None:
    tree = make_demo_window().tree
    spot = QPoint(5, tree.viewport().height() - 2)
    tree.collapseAll()
    QApplication.processEvents()
    tip = QHelpEvent(QHelpEvent.Type.ToolTip, spot, tree.viewport().mapToGlobal(spot))
    assert not tree._show_cut_text(tip)
