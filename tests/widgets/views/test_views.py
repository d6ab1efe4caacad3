"""The ready-made views in the window: each view's rows and headings as the agenda reads
them, what an empty view says, the item commands on a view's rows with their undo, Show in
Tree, the side bar's counts following changes made here and by the command line, and the
side bar's keys."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication

from planner.domain.agenda import View
from planner.domain.items import Priority, Status
from planner.formats import day_heading
from planner.services.agenda import AgendaService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.repeats import RepeatService
from planner.ui.views.side_bar import COUNT, KEY, TREE, Choice
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, UseLanguage, model_of, service_of

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def make_plan(service: PlanService, clock: FakeClock) -> dict[str, int]:
    """A plan with an item in every view: two overdue, due today, tomorrow, in three days,
    in ten, undated of high priority, done today and yesterday, one assigned to Ana, and
    a task under a done goal (on no one's agenda)."""
    today = clock.now.astimezone().date()
    group = service.first_group()
    assert group is not None

    def add(title: str, parent: int = group.id, **fields: Any) -> int:
        return service.create_item(parent, title, **fields).ids[0]

    ids = {
        "rent": add("Pay rent", due=today - timedelta(days=3)),
        "mum": add("Call mum", due=today, priority=Priority.MEDIUM),
        "trip": add("Trip", due=today + timedelta(days=10)),
        "dentist": add("Book dentist", due=today + timedelta(days=1)),
        "read": add("Read a book", due=None, priority=Priority.HIGH),
        "old": add("File taxes", due=today - timedelta(days=5)),
        "yesterday": add("Water plants", due=today),
        "finished": add("Finished goal", due=None),
    }
    ids["passport"] = add("Renew passport", ids["trip"], due=today + timedelta(days=3))
    ids["hidden"] = add("Under a done goal", ids["finished"], due=today)
    ana = PeopleService(service.store).add_person("Ana").people[0]
    PeopleService(service.store).assign([ids["passport"]], ana)
    ids["ana"] = ana
    service.mark_done([ids["finished"]])
    now = clock.now
    clock.now = now - timedelta(days=1)
    service.mark_done([ids["yesterday"]])
    clock.now = now
    return ids


@pytest.fixture
def window(make_window: MakeWindow, service: PlanService, clock: FakeClock) -> MainWindow:
    make_plan(service, clock)
    return make_window()


def ids_of(service: PlanService) -> dict[str, int]:
    return {r.title: r.id for r in service.all_items()}


def shown(window: MainWindow) -> list[str]:
    """The view page's entries: a heading as "# text", a row as its title."""
    return [
        f"# {e}" if isinstance(e, str) else e.record.title for e in window.views.page.rows.entries
    ]


def agenda_says(window: MainWindow, view: View, person: int | None = None) -> list[str]:
    """The same view as the agenda service reads it, every row, in the same form."""
    service = service_of(window)
    agenda = AgendaService(service.store).view(view, window.today(), person_id=person)
    out: list[str] = []
    for section in agenda.sections:
        if section.heading:
            out.append(f"# {section.heading}")
        out += [row.record.title for row in section.rows]
    return out


def current_title(window: MainWindow) -> str | None:
    record = window.navigator.current_record()
    return None if record is None else record.title


def test_each_view_shows_the_agendas_rows_under_its_headings(window: MainWindow) -> None:
    service = service_of(window)
    today = window.today()
    ana = PeopleService(service.store).people()[0].id
    expected = {
        View.TODAY: ["# Overdue", "File taxes", "Pay rent", "# Today", "Call mum"],
        View.UPCOMING: [
            "# Tomorrow",
            "Book dentist",
            f"# {day_heading(today + timedelta(days=3), today)}",
            "Renew passport",
            f"# {day_heading(today + timedelta(days=10), today)}",
            "Trip",
        ],
        View.OVERDUE: ["File taxes", "Pay rent"],
        View.NO_DATE: ["Read a book"],
        View.HIGH: ["Read a book"],
        View.ASSIGNED: ["Renew passport"],
        View.LOGBOOK: ["# Done today", "Finished goal", "# Yesterday", "Water plants"],
    }
    for view, rows in expected.items():
        person = ana if view is View.ASSIGNED else None
        window.views.open_view(view, person)
        assert window.pages.currentWidget() is window.views.page
        assert shown(window) == agenda_says(window, view, person), view
        assert shown(window) == rows, view
    assert day_heading(today + timedelta(days=3), today).startswith("Wednesday")
    window.views.open_view(View.UPCOMING)
    assert window.views.page.caption.text() == "Upcoming"
    # Every row says where it is, when it is due, and who has it.
    rows = window.views.page.rows
    passport = rows.row_at(rows.index_of(ids_of(service)["Renew passport"]))
    assert passport is not None
    assert passport.path == ("Goals", "Trip")
    assert (passport.countdown, passport.assignee) == ("3 days left", "Ana")


def test_an_empty_view_says_what_it_is_for(make_window: MakeWindow) -> None:
    window = make_window()
    page = window.views.page
    for view, text in (
        (View.TODAY, "Nothing due today."),
        (View.UPCOMING, "Nothing due in the coming days."),
        (View.LOGBOOK, "Nothing done yet."),
    ):
        window.views.open_view(view)
        assert page.rows.entries == []
        assert page.empty.isVisible() and page.empty.text() == text
        assert not page.list.isVisible()


def test_mark_done_in_today_removes_the_row_and_undo_brings_it_back(
    qtbot: Any, window: MainWindow
) -> None:
    service = service_of(window)
    mum = ids_of(service)["Call mum"]
    window.views.open_view(View.TODAY)
    page = window.views.page
    page.select([mum])
    page.list.setFocus()
    assert current_title(window) == "Call mum"
    assert window.details._record is not None and window.details._record.id == mum
    qtbot.keyClick(page.list, Key.Key_Return, CTRL)  # the tree's key
    assert service.get(mum).status is Status.DONE
    assert "Call mum" not in shown(window)
    assert current_title(window) == "Pay rent"  # the row now in its place
    assert window.controller.stack.undoText() == "Mark done 'Call mum'"  # type: ignore[union-attr]
    qtbot.keyClick(page.list, Key.Key_Z, CTRL)
    assert service.get(mum).status is Status.ACTIVE
    assert shown(window) == agenda_says(window, View.TODAY)
    assert "Call mum" in shown(window)
    assert [r.title for r in page.selected_records()] == ["Call mum"]
    assert window.pages.currentWidget() is page  # the undo stays in the view


def test_rename_and_delete_on_a_view_row_are_one_step_each(qtbot: Any, window: MainWindow) -> None:
    service = service_of(window)
    rent = ids_of(service)["Pay rent"]
    window.views.open_view(View.OVERDUE)
    page = window.views.page
    page.select([rent])
    page.list.setFocus()
    qtbot.keyClick(page.list, Key.Key_F2)
    assert page.list.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert editor is not None
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "Pay the rent")
    qtbot.keyClick(editor, Key.Key_Return)
    # The delegate commits and closes the editor through a queued call.
    qtbot.waitUntil(lambda: page.list.state() != QAbstractItemView.State.EditingState)
    assert service.get(rent).title == "Pay the rent"
    assert "Pay the rent" in shown(window)
    stack = window.controller.stack  # type: ignore[union-attr]
    assert stack.undoText() == "Rename 'Pay rent'"
    page.select([rent])
    page.list.setFocus()
    qtbot.keyClick(page.list, Key.Key_Delete)
    assert service.get(rent).status is Status.DELETED
    assert "Pay the rent" not in shown(window)
    window.undo()
    window.undo()
    assert service.get(rent).title == "Pay rent"
    assert service.get(rent).status is Status.ACTIVE
    assert "Pay rent" in shown(window)


def test_ctrl_j_and_enter_show_the_item_in_the_tree(qtbot: Any, window: MainWindow) -> None:
    service = service_of(window)
    passport = ids_of(service)["Renew passport"]
    window.views.open_view(View.UPCOMING)
    page = window.views.page
    page.select([passport])
    page.list.setFocus()
    qtbot.keyClick(page.list, Key.Key_J, CTRL)
    assert window.pages.currentWidget() is window.tree_page
    assert window.views.chosen == TREE
    assert model_of(window).record(window.tree.currentIndex()).id == passport  # type: ignore[union-attr]
    assert QApplication.focusWidget() is window.tree
    assert window.navigator.page is None  # the commands act on the tree again
    # Enter does the same; Alt+2 went back to the view first.
    qtbot.keyClick(window.tree, Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.views.chosen == Choice(View.UPCOMING)
    page.select([ids_of(service)["Book dentist"]])
    page.list.setFocus()
    qtbot.keyClick(page.list, Key.Key_Return)
    assert window.pages.currentWidget() is window.tree_page
    assert window.tree.currentIndex().data() == "Book dentist"


def test_a_past_turn_in_the_logbook_is_history_not_an_item_to_change(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    first = service.first_group()
    assert first is not None
    run = service.create_item(first.id, "Morning run", due=clock().astimezone().date()).ids[0]
    RepeatService(service.store, clock).set_repeat(run, "daily")
    service.mark_done([run])  # recorded as a turn; it comes back due tomorrow
    tomorrow = clock().astimezone().date() + timedelta(days=1)
    read = service.create_item(first.id, "Read", due=tomorrow).ids[0]
    window = make_window()
    window.views.open_view(View.LOGBOOK)
    page = window.views.page
    assert shown(window) == ["# Done today", "Morning run"]
    assert page.select([run])
    index = page.list.currentIndex()
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert "A past turn of a repeating item" in index.data(Qt.ItemDataRole.ToolTipRole)
    details = window.details._record  # the item itself, as it is now (back, due tomorrow)
    assert details is not None and (details.id, details.status) == (run, Status.ACTIVE)
    page.list.setFocus()
    stack = window.controller.stack  # type: ignore[union-attr]
    steps = stack.count()
    qtbot.keyClick(page.list, Key.Key_Return, CTRL)  # done/not done: nothing to act on
    qtbot.keyClick(page.list, Key.Key_Delete)
    assert stack.count() == steps
    assert service.get(run).status is Status.ACTIVE
    window.actions_by_name["side_bar"].trigger()  # (the test screen starts without it)
    qtbot.waitUntil(lambda: counts(window)["Logbook"] == "1")  # done today: the turn
    qtbot.keyClick(page.list, Key.Key_Return)  # Enter: the item itself, in the tree
    assert window.pages.currentWidget() is window.tree_page
    assert model_of(window).record(window.tree.currentIndex()).id == run  # type: ignore[union-attr]
    # Back, due tomorrow, it is in Upcoming with the tree's repeat mark (as its turn is).
    model_of(window).routines.load()
    window.views.open_view(View.UPCOMING)
    look = page.list.itemDelegate()
    row = page.rows.row_at(page.rows.index_of(run))
    assert row is not None and look.title_text(row) == "Morning run  \u21bb"  # type: ignore[attr-defined]
    row = page.rows.row_at(page.rows.index_of(read))
    assert row is not None and look.title_text(row) == "Read"  # type: ignore[attr-defined]


def counts(window: MainWindow) -> dict[str, str]:
    bar = window.views.side_bar
    return {item.text(): bar.count_of(item.data(KEY)) for item in bar.entries()}


def test_counts_follow_a_change_in_the_tree_and_one_by_the_command_line(
    qtbot: Any, window: MainWindow, plan_path: Path
) -> None:
    window.actions_by_name["side_bar"].trigger()  # (the test screen starts without it)
    qtbot.waitUntil(lambda: counts(window)["Today"] == "3")
    assert counts(window)["Overdue"] == "2"
    assert counts(window)["Assigned to Ana"] == "1"
    assert counts(window)["Logbook"] == "1"  # done today
    # In the tree: "Pay rent" marked done.
    rent = ids_of(service_of(window))["Pay rent"]
    window.reveal([rent])
    window.actions_by_name["toggle_done"].trigger()
    assert (counts(window)["Today"], counts(window)["Overdue"]) == ("2", "1")
    assert counts(window)["Logbook"] == "2"
    window.undo()
    assert (counts(window)["Today"], counts(window)["Overdue"]) == ("3", "2")
    # The command line marks "Call mum" done.
    mum = ids_of(service_of(window))["Call mum"]
    env = os.environ | {"PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "planner", "--db", str(plan_path), "done", str(mum)]
    result = subprocess.run(command, capture_output=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert window.pick_up_outside_changes()
    assert counts(window)["Today"] == "2"
    assert counts(window)["Overdue"] == "2"


def test_the_view_shown_follows_a_change_made_by_the_command_line(
    window: MainWindow, plan_path: Path
) -> None:
    window.views.open_view(View.TODAY)
    mum = ids_of(service_of(window))["Call mum"]
    env = os.environ | {"PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "planner", "--db", str(plan_path), "edit", str(mum)]
    result = subprocess.run(
        [*command, "--title", "Call mum back"], capture_output=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert window.pick_up_outside_changes()
    assert "Call mum back" in shown(window)
    assert shown(window) == agenda_says(window, View.TODAY)


def test_the_side_bar_by_keys(qtbot: Any, window: MainWindow) -> None:
    """F6 reaches the side bar; the arrows move, Enter opens and hands the focus to the
    rows; the first entry is the tree."""
    window.actions_by_name["side_bar"].trigger()
    bar = window.views.side_bar
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Key.Key_F6, SHIFT)
    assert QApplication.focusWidget() is bar
    assert bar.current_choice() == TREE
    qtbot.keyClick(bar, Key.Key_Down)
    qtbot.keyClick(bar, Key.Key_Down)
    assert bar.current_choice() == Choice(View.UPCOMING)
    assert window.views.chosen == TREE  # moving does not open
    qtbot.keyClick(bar, Key.Key_Return)
    assert window.views.chosen == Choice(View.UPCOMING)
    assert QApplication.focusWidget() is window.views.page.list
    assert current_title(window) == "Book dentist"  # its first row, in the details too
    assert window.details._record is not None and window.details._record.title == "Book dentist"
    qtbot.keyClick(window.views.page.list, Key.Key_F6)
    assert window.details.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_F6)
    assert QApplication.focusWidget() is bar
    qtbot.keyClick(bar, Key.Key_Home)
    qtbot.keyClick(bar, Key.Key_Return)
    assert window.pages.currentWidget() is window.tree_page
    assert QApplication.focusWidget() is window.tree


def test_assigned_entries_follow_the_people(window: MainWindow) -> None:
    window.actions_by_name["side_bar"].trigger()
    service = service_of(window)
    people = PeopleService(service.store)
    names = [c for c in counts(window) if c.startswith("Assigned")]
    assert names == ["Assigned to Ana"]
    window.steps.run_in_place("Add Bo", lambda: people.add_person("Bo"))
    names = [c for c in counts(window) if c.startswith("Assigned")]
    assert names == ["Assigned to Ana", "Assigned to Bo"]
    window.views.open_view(View.ASSIGNED, people.people()[1].id)
    assert window.views.page.empty.text() == "Nothing open is assigned to this person."
    window.undo()  # Bo is gone: his view with him, the tree shown
    assert window.views.chosen == TREE
    assert [c for c in counts(window) if c.startswith("Assigned")] == ["Assigned to Ana"]


def test_the_day_turning_moves_the_view_shown_and_the_counts(
    window: MainWindow, clock: FakeClock
) -> None:
    window.actions_by_name["side_bar"].trigger()
    window.views.open_view(View.TODAY)
    assert "Book dentist" not in shown(window)
    clock.advance(days=1)
    window.day_watcher.dayChanged.emit(window.today())
    assert shown(window) == agenda_says(window, View.TODAY)
    assert shown(window)[-2:] == ["# Today", "Book dentist"]
    assert counts(window)["Today"] == "4"  # Call mum is overdue now


def test_a_long_view_is_read_a_page_at_a_time_its_headings_carried_on(
    make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    """450 items due on three days: the first 200 rows are read, the rest as the list
    scrolls, each day's heading once, the whole the agenda's."""
    today = clock.now.astimezone().date()
    group = service.first_group()
    assert group is not None
    for n in range(450):
        day = today + timedelta(days=1 + n // 150)
        service.create_item(group.id, f"Task {n:03}", due=day)
    window = make_window()
    window.views.open_view(View.UPCOMING)
    rows = window.views.page.rows
    assert (rows.loaded, rows.total) == (200, 450)
    assert shown(window)[:2] == ["# Tomorrow", "Task 000"]
    list_ = window.views.page.list
    while rows.canFetchMore():
        list_.scrollToBottom()
        QApplication.processEvents()
    assert rows.loaded == 450
    assert shown(window) == agenda_says(window, View.UPCOMING)
    assert sum(entry.startswith("# ") for entry in shown(window)) == 3
    # A change reads as many rows again as were loaded, the scroll kept.
    window.views.page.select([ids_of(service)["Task 300"]])
    scrolled = list_.verticalScrollBar().value()
    assert scrolled > 0
    window.actions_by_name["toggle_done"].trigger()
    assert rows.loaded == 449 and "Task 300" not in shown(window)
    assert list_.verticalScrollBar().value() == scrolled
    assert current_title(window) == "Task 301"


def test_tree_commands_from_a_view_show_the_tree_first(window: MainWindow) -> None:
    """New Subtask on a view's row: the tree is shown with the item selected, and the
    subtask made under it (its title editor open)."""
    service = service_of(window)
    trip = ids_of(service)["Trip"]
    window.views.open_view(View.UPCOMING)
    window.views.page.select([trip])
    window.actions_by_name["new_subtask"].trigger()
    assert window.pages.currentWidget() is window.tree_page
    assert window.tree.state() == QAbstractItemView.State.EditingState
    made = service.children(trip)
    assert [r.title for r in made if r.status is Status.ACTIVE][-1] == "New task"


def test_the_side_bar_is_shown_or_hidden_as_it_was_left(
    qtbot: Any, make_window: MakeWindow, plan_path: Path
) -> None:
    window = make_window()
    assert not window.views.side_bar.isVisible()  # the test screen is 800 px wide
    window.actions_by_name["side_bar"].trigger()
    assert window.views.side_bar.isVisible()
    window.close()
    again = make_window(plan_path, create=False)
    assert again.views.side_bar.isVisible()
    assert again.actions_by_name["side_bar"].isChecked()


def test_a_language_switch_names_the_view_shown_again(
    window: MainWindow, use_language: UseLanguage
) -> None:
    window.actions_by_name["side_bar"].trigger()
    window.views.open_view(View.UPCOMING)
    use_language("de")
    assert window.views.page.caption.text() == "Demnächst"
    assert shown(window)[0] == "# Morgen"
    assert "Hohe Priorität" in counts(window)
    assert window.actions_by_name["show_in_tree"].text() == "Im &Baum zeigen"


def test_the_view_shown_and_the_counts_follow_every_operation_and_its_undo(
    window: MainWindow,
) -> None:
    """Random operations on a view's rows (done, not done, delete, due date, priority,
    assignee), undo and redo, and view switches (seeded): after each, the view shown is
    what the agenda reads and every count is what it counts, from the plan alone."""
    rng = random.Random(18)
    window.actions_by_name["side_bar"].trigger()
    service = service_of(window)
    people = PeopleService(service.store)
    ana = people.people()[0].id
    today = window.today()
    views = [Choice(v) for v in View if v is not View.ASSIGNED] + [Choice(View.ASSIGNED, ana)]
    page = window.views.page
    for step in range(60):
        records = page.selected_records()
        move = rng.choice(["view", "done", "delete", "due", "priority", "assign", "undo", "redo"])
        if move == "view" or (not records and move not in ("undo", "redo")):
            window.views.open(rng.choice(views))
        elif move == "done":
            window.actions_by_name["toggle_done"].trigger()
        elif move == "delete":
            window.actions_by_name["delete"].trigger()
        elif move == "due":
            due = rng.choice([None, today + timedelta(days=rng.randint(-4, 20))])
            window.items.edit_item(records[0].id, due=due)
        elif move == "priority":
            window.items.edit_item(records[0].id, priority=rng.choice(list(Priority)))
        elif move == "assign":
            window.people.assign_selected(rng.choice([None, ana]))
        else:
            (window.undo if move == "undo" else window.redo)()
        chosen = window.views.chosen
        if chosen.view is not None:
            said = agenda_says(window, chosen.view, chosen.person_id)
            assert shown(window) == said, (step, move)
        truth = AgendaService(service.store).counts(today)
        bar = window.views.side_bar
        for choice in bar.choices()[1:]:
            assert choice.view is not None
            count = truth.of(choice.view, choice.person_id)
            assert bar.count_of(choice) == (str(count) if count else ""), (step, move, choice)
        if chosen.view is not None and page.rows.entries and rng.random() < 0.7:
            rows = [e for e in page.rows.entries if not isinstance(e, str)]
            page.select([rng.choice(rows).record.id])


def test_a_person_removed_elsewhere_takes_their_view_with_them(
    window: MainWindow, plan_path: Path, clock: FakeClock
) -> None:
    """Ana removed by another program before the window noticed: choosing her view shows
    the tree and the side bar without her, no error."""
    window.actions_by_name["side_bar"].trigger()
    ana = PeopleService(service_of(window).store).people()[0].id
    from planner.app import open_plan

    other = open_plan(plan_path, clock=clock)
    PeopleService(other.store).remove_person(ana)
    other.store.close()
    window.views.open(Choice(View.ASSIGNED, ana))
    assert window.views.chosen == TREE
    assert window.pages.currentWidget() is window.tree_page
    assert not [c for c in counts(window) if c.startswith("Assigned")]


def test_the_arrows_go_from_row_to_row_over_the_headings(qtbot: Any, window: MainWindow) -> None:
    window.views.open_view(View.UPCOMING)
    page = window.views.page
    page.list.setFocus()
    assert current_title(window) == "Book dentist"  # under "Tomorrow"
    qtbot.keyClick(page.list, Key.Key_Down)
    assert current_title(window) == "Renew passport"  # the next day's heading passed over
    assert window.details._record is not None and window.details._record.title == "Renew passport"
    qtbot.keyClick(page.list, Key.Key_Up)
    assert current_title(window) == "Book dentist"
    qtbot.keyClick(page.list, Key.Key_Up)  # the first heading: nowhere to go
    assert current_title(window) == "Book dentist"


def test_widths_saved_before_the_side_bar_keep_the_details_panel(
    make_window: MakeWindow, make_settings: Any
) -> None:
    """A window closed before the side bar came saved two panes (tree, details): the
    details panel keeps its share and the side bar does not take the tree's width."""
    from PySide6.QtWidgets import QSplitter, QWidget

    two = QSplitter()
    two.addWidget(QWidget())
    two.addWidget(QWidget())
    two.resize(1000, 600)
    two.setSizes([700, 300])
    settings = make_settings()
    settings.setValue("window/splitter", two.saveState())
    settings.setValue("window/side_bar", True)
    settings.sync()
    window = make_window()
    QApplication.processEvents()
    side, pages, details = window.splitter.sizes()
    assert details > 0 and pages > 0  # was: the side bar the tree's width, details 0
    assert side <= window.views.side_bar.sizeHint().width() + 1
    window.close()
    again = make_window(create=False)
    QApplication.processEvents()
    assert again.splitter.sizes()[2] > 0


@pytest.mark.parametrize("code", ["en", "ru"])
def test_the_side_bar_is_as_wide_as_its_names_and_counts(
    use_language: UseLanguage, window: MainWindow, code: str
) -> None:
    """Every name whole beside its count (the shown one in bold), and no wider than that
    needs: the room beside it is the tree's."""
    use_language(code)
    side_bar = window.views.side_bar
    bold = side_bar.font()
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    needed = max(
        metrics.horizontalAdvance(item.text())
        + metrics.horizontalAdvance(str(item.data(COUNT) or ""))
        for item in side_bar.entries()
    )
    width = side_bar.sizeHint().width()
    assert needed < width < needed + 4 * side_bar.fontMetrics().horizontalAdvance("n") + 40


def test_the_side_bar_has_room_for_the_counts_before_they_come(
    make_window: MakeWindow, make_settings: Any, plan_path: Path, clock: FakeClock
) -> None:
    """The counts come after the first paint, when the panes have their widths: a big
    plan's ("101,551" beside "No due date") cut the name short ("No due ..."). The side
    bar makes room for counts as big as the plan's item ids go before they come."""
    import sqlite3

    from planner.app import open_plan
    from planner.domain.agenda import AgendaCounts

    service = open_plan(plan_path, create=True, clock=clock)
    service.store.close()
    con = sqlite3.connect(plan_path)  # a plan that has lived long: ids past a million
    with con:
        con.execute("UPDATE sqlite_sequence SET seq = 1234566 WHERE name = 'items'")
    con.close()
    service = open_plan(plan_path, clock=clock)
    group = service.first_group()
    assert group is not None
    assert service.create_item(group.id, "Undated").ids == (1_234_567,)
    service.store.close()
    settings = make_settings()
    settings.setValue("window/side_bar", True)
    settings.sync()
    window = make_window(create=False)
    QApplication.processEvents()
    side_bar = window.views.side_bar
    width = side_bar.width()
    side_bar.show_counts(AgendaCounts(0, 0, 0, 1_234_567, 0, 0, {}))
    assert side_bar.count_of(Choice(View.NO_DATE)) == "1,234,567"
    assert side_bar.sizeHint().width() <= width  # every name whole beside it
