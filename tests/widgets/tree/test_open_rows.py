"""Open rows at full scale: View › Expand All and Collapse All with Qt's model tester
watching, a row opened with everything below it (Shift+click on its arrow, Shift+Right,
*), open rows kept by key through reopening, actions, undo and an undone purge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.domain.items import Status
from planner.services.plan import PlanService
from planner.ui.tree import open_rows
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import (
    CTRL,
    SHIFT,
    MakeWindow,
    assert_current,
    index_of,
    model_of,
    press,
)


def build(service: PlanService) -> dict[str, int]:
    """Two groups (one deleted), goals three levels deep, and at every level an item done
    and one deleted, each with rows of its own: Done and Deleted sections everywhere."""
    ids: dict[str, int] = {}
    goals = service.first_group()
    assert goals is not None
    ids["Goals"] = goals.id
    for g in range(3):
        goal = ids[f"G{g}"] = service.create_item(goals.id, f"G{g}").ids[0]
        for t in range(3):
            task = ids[f"G{g}.{t}"] = service.create_item(goal, f"G{g}.{t}").ids[0]
            for s in range(2):
                ids[f"G{g}.{t}.{s}"] = service.create_item(task, f"G{g}.{t}.{s}").ids[0]
            service.mark_done([ids[f"G{g}.{t}.0"]])
            service.delete([ids[f"G{g}.{t}.1"]])
        service.mark_done([ids[f"G{g}.1"]])
        service.delete([ids[f"G{g}.2"]])
    service.mark_done([ids["G1"]])
    service.delete([ids["G2"]])
    old = ids["Old"] = service.create_group("Old").ids[0]
    service.create_item(old, "Old goal")
    service.delete([old])
    return ids


def open_titles(window: MainWindow) -> set[str]:
    """The titles of the open rows (sections by their owner: 'G0/Done (1)')."""
    model, tree = model_of(window), window.tree
    found, stack = set(), [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if tree.isExpanded(index):
                title = str(index.data())
                if model.section_of(index) is not None:
                    title = f"{parent.data()}/{title}"
                found.add(title)
                stack.append(index)
    return found


def rows_with_rows(service: PlanService) -> set[str]:
    """What Expand All opens: every item with rows under it, and every section."""
    found = set()
    for record in service.all_items():
        counts = service.counts([record.id])[record.id]
        if counts[Status.ACTIVE] or counts[Status.DONE] or counts[Status.DELETED]:
            found.add(record.title)
        for status, label in ((Status.DONE, "Done"), (Status.DELETED, "Deleted")):
            if counts[status]:
                found.add(f"{record.title}/{label} ({counts[status]})")
    top = service.counts([None])[None][Status.DELETED]
    if top:
        found.add(f"None/Deleted ({top})")
    return found


def test_expand_all_opens_every_row_and_collapse_all_closes_them_tester_quiet(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    build(service)
    window = make_window()  # Qt's model tester watches: any warning fails the test
    window.actions_by_name["expand_all"].trigger()
    qtbot.wait(1)
    assert open_titles(window) == rows_with_rows(service)
    assert model_of(window).rowCount(index_of(window, ["Goals", "G0", "G0.0"])) == 2
    window.actions_by_name["collapse_all"].trigger()
    qtbot.wait(1)
    assert open_titles(window) == set()
    window.actions_by_name["expand_all"].trigger()  # the rows are loaded already
    assert open_titles(window) == rows_with_rows(service)


def test_expand_all_shows_progress_and_a_busy_cursor_when_it_takes_a_while(
    qtbot: Any, make_window: MakeWindow, service: PlanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(service)
    window = make_window()
    monkeypatch.setattr(open_rows, "PROGRESS_AFTER_S", 0.0)  # "a while" at once
    seen: list[tuple[int, bool, bool]] = []
    report = window.tree.open_rows.progress
    assert report is not None

    def watch(percent: int) -> None:
        report(percent)
        cursor = QApplication.overrideCursor()
        busy = cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor
        seen.append((percent, window.expand_progress.bar.isVisible(), busy))

    window.tree.open_rows.progress = watch
    window.actions_by_name["expand_all"].trigger()
    percents = [p for p, _, _ in seen]
    assert percents[-1] == -1 and percents[:-1] == sorted(percents[:-1]) and len(percents) > 2
    assert all(shown and busy for p, shown, busy in seen if p >= 0)
    assert not window.expand_progress.bar.isVisible()
    assert QApplication.overrideCursor() is None


def test_a_quick_expand_all_shows_no_progress(
    make_window: MakeWindow, service: PlanService
) -> None:
    build(service)
    window = make_window()
    seen: list[int] = []
    window.tree.open_rows.progress = seen.append
    window.actions_by_name["expand_all"].trigger()
    assert seen == [-1]  # only "finished": it took less than 0.3 s


@pytest.mark.parametrize("how", ["shift+right", "asterisk", "shift+click"])
def test_a_row_opens_with_everything_below_it(
    qtbot: Any, make_window: MakeWindow, service: PlanService, how: str
) -> None:
    ids = build(service)
    window = make_window()
    window.reveal([ids["G0"]])
    window.tree.collapseAll()
    window.reveal([ids["G0"]])
    before = open_titles(window)
    if how == "shift+click":
        rect = window.tree.visualRect(window.tree.currentIndex())
        arrow = QPoint(rect.left() - window.tree.indentation() // 2, rect.center().y())
        qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, SHIFT, arrow)
    elif how == "asterisk":
        press(qtbot, window, Qt.Key.Key_Asterisk)
    else:
        press(qtbot, window, Qt.Key.Key_Right, SHIFT)
    below = {t for t in rows_with_rows(service) if t.startswith("G0")}
    assert open_titles(window) == before | below
    assert not any(t.startswith(("G1", "G2")) for t in open_titles(window))
    assert_current(window, "G0")


def test_every_open_row_is_open_again_when_the_plan_is_opened_again(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    """More open rows than open_rows.BULK: they come back from one read of the plan."""
    build(service)
    goals = service.first_group()
    assert goals is not None
    for n in range(open_rows.BULK + 20):
        service.create_item(service.create_item(goals.id, f"Extra {n}").ids[0], "Inside")
    window = make_window()
    window.actions_by_name["expand_all"].trigger()
    opened = open_titles(window)
    assert len(opened) > open_rows.BULK
    window.close()
    again = make_window(create=False)
    assert open_titles(again) == opened


def test_actions_with_every_row_open_keep_selection_and_open_rows(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    ids = build(service)
    window = make_window()
    window.actions_by_name["expand_all"].trigger()
    opened = open_titles(window)
    window.reveal([ids["G0"]])
    for key, modifiers, section in (
        (Qt.Key.Key_Down, CTRL | SHIFT, None),  # move down
        (Qt.Key.Key_Return, CTRL, "Done (2)"),  # done
        (Qt.Key.Key_Return, CTRL, None),  # not done
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier, "Deleted (2)"),
        (Qt.Key.Key_Z, CTRL, None),  # undo the delete
    ):
        press(qtbot, window, key, modifiers)
        index = assert_current(window, "G0")
        assert window.tree.selectionModel().selectedRows() == [index]
        assert (index.parent().data() if section else "Goals") == (section or "Goals")
        shown = open_titles(window)
        assert {t for t in opened if t.startswith("G0")} <= shown, key
        assert window.tree.isExpanded(index)


@pytest.mark.parametrize("action", ["done", "delete"])
def test_a_goal_marked_done_or_deleted_and_undone_comes_back_open(
    qtbot: Any, make_window: MakeWindow, service: PlanService, action: str
) -> None:
    """Its row went into a Done or Deleted section never opened: the row and what was
    open in it were dropped, and the undo brought it back closed."""
    ids = build(service)
    window = make_window(tester=False)  # the tester would load every list beforehand
    window.reveal([ids["G0.0.0"]])  # opens G0, G0.0 and G0.0's Done section
    window.reveal([ids["G0"]])
    opened = open_titles(window)
    assert {"G0", "G0.0", "G0.0/Done (1)"} <= opened
    if action == "done":
        press(qtbot, window, Qt.Key.Key_Return, CTRL)
    else:
        press(qtbot, window, Qt.Key.Key_Delete)
    window.undo()
    index = assert_current(window, "G0")
    assert window.tree.isExpanded(index)
    assert in_goal(open_titles(window)) == in_goal(opened)


def in_goal(titles: set[str]) -> set[str]:
    return {t for t in titles if t.startswith("G0")}


def test_an_undone_purge_brings_the_rows_back_open(
    qtbot: Any, make_window: MakeWindow, service: PlanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    ids = build(service)
    window = make_window()
    window.reveal([ids["G0.0.0"]])
    window.reveal([ids["G0"]])
    opened = open_titles(window)
    press(qtbot, window, Qt.Key.Key_Delete, SHIFT)  # delete permanently
    assert not any(t.startswith("G0") for t in open_titles(window))
    window.undo()
    assert open_titles(window) == opened
    assert_current(window, "G0")


def test_rows_open_by_key_after_a_change_made_elsewhere(
    qtbot: Any, make_window: MakeWindow, service: PlanService, plan_path: Path
) -> None:
    ids = build(service)
    window = make_window()
    window.actions_by_name["expand_all"].trigger()
    opened = open_titles(window)
    from planner.app import open_plan

    other = open_plan(plan_path)
    try:
        other.edit(ids["G0.0"], title="G0.0 renamed")
    finally:
        other.store.close()
    assert window.pick_up_outside_changes()
    assert open_titles(window) == {t.replace("G0.0", "G0.0 renamed", 1) for t in opened}


def test_keys_held_down_move_the_tree_and_the_details_follow_once_they_stop(
    qtbot: Any, make_window: MakeWindow, service: PlanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page Down held down: each frame is the tree's work; the details panel (a few
    reads) shows the row the keys stopped on."""
    from planner.ui.window import details_follow

    monkeypatch.setattr(details_follow, "NAVIGATION_PAUSE_MS", 1000)  # a slow machine's keys
    build(service)
    window = make_window()
    window.actions_by_name["expand_all"].trigger()
    window.tree.setCurrentIndex(model_of(window).index(0, 0))
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.details.title_edit.text() == "G0"  # one key: at once
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.tree.currentIndex().data() == "G0.0"
    assert window.details.title_edit.text() == "G0"  # still moving
    qtbot.waitUntil(lambda: window.details.title_edit.text() == "G0.0", timeout=3000)


def test_the_store_loads_what_writing_needs_at_the_first_input_not_before(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    """Someone who only looks (figures, totals, late-child marks, live shares, search)
    never loads SQLAlchemy; the first key starts loading it on a second thread."""
    ids = build(service)
    service.store.close()
    window = make_window(tester=False)
    store = window.service.store  # type: ignore[union-attr]
    window.actions_by_name["expand_all"].trigger()
    window.search.field.setText("G0")
    window.search.run()
    window.sharing.refresh_now()
    qtbot.wait(300)
    assert store._loader is None and store._full is None
    window.reveal([ids["G0"]])
    press(qtbot, window, Qt.Key.Key_Down)
    assert store._loader is not None or store._full is not None


def test_an_action_with_rows_open_in_it_fits_the_columns_once(
    qtbot: Any, make_window: MakeWindow, service: PlanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The columns fit what the rows show once the rows have opened, not once for each row
    an action opens again (a fit for each open row that moved with the goal: with 100,000
    rows open a fit took 40-70 ms, and a done 10 s)."""
    ids = build(service)
    window = make_window()
    window.actions_by_name["expand_all"].trigger()
    window.reveal([ids["G0"]])
    qtbot.wait(1)
    fits: list[int] = []
    monkeypatch.setattr(window.tree, "fit_columns", lambda: fits.append(1))
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # done: into Done, its open rows too
    qtbot.wait(1)
    assert window.tree.isExpanded(assert_current(window, "G0"))
    assert len(fits) == 1


def test_fitting_the_columns_reads_only_the_rows_shown(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    """Qt's own fit looks at up to 1,000 rows around those shown, and their records were
    read (40-70 ms with every row open)."""
    goals = service.first_group()
    assert goals is not None
    big = service.create_item(goals.id, "Big").ids[0]
    for n in range(1500):
        service.create_item(big, f"Task {n}")
    window = make_window()
    window.reveal([big])
    window.tree.expand(model_of(window).index_for_item(big))
    qtbot.wait(1)
    window.tree.fit_columns()
    model = model_of(window)
    far = model.index(600, 0, model.index_for_item(big))
    assert far.isValid() and not model.has_record(far)
