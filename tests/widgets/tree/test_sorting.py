"""Sorting the tree by a column header: ascending, descending, then the user's own order;
a view only (the positions in the file never change); drops between rows refused while
sorted, drops onto an item still moving it (and undone); Move Up/Down disabled."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from planner.domain.items import Priority
from planner.domain.new_node import NewNode
from planner.domain.tree_filter import TreeFilter
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.ui.tree.nodes import Column
from planner.ui.tree.sorting import SortSpec
from planner.ui.window.main_window import MainWindow
from planner.ui.window.memory import sort_key
from tests.helpers.window import MakeWindow, index_of, model_of, titles_under

TITLES = ("Walk the dog", "buy bread", "Call Ana", "Answer mail")


@pytest.fixture(autouse=True, params=["short lists", "long lists"])
def long_lists(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test twice: as lists of a few rows are, and as long ones are (their column of
    places made with their rows, before any sort: here every list counts as long)."""
    if request.param == "long lists":
        monkeypatch.setattr("planner.ui.tree.lazy.LONG_LIST", 1)


@pytest.fixture
def plan(service: PlanService) -> dict[str, int]:
    """Goals › Chores › four tasks with due dates, priorities and assignees; Goals › Trip."""
    group = service.first_group()
    assert group is not None
    ids = {"Goals": group.id}
    ids["Chores"] = service.create_item(group.id, "Chores").ids[0]
    today = date(2026, 12, 6)
    dues = (today + timedelta(days=3), None, today + timedelta(days=1), today + timedelta(days=9))
    priorities = (Priority.LOW, Priority.HIGH, Priority.NONE, Priority.MEDIUM)
    people = PeopleService(service.store)
    ids["Zoe"] = people.add_person("Zoe").people[0]
    ids["Ana"] = people.add_person("Ana").people[0]
    assignees = ("Zoe", None, "Ana", None)
    for title, due, priority, person in zip(TITLES, dues, priorities, assignees, strict=True):
        item_id = service.create_item(ids["Chores"], title).ids[0]
        ids[title] = item_id
        service.edit(item_id, due=due, priority=priority)
        if person is not None:
            people.assign([item_id], ids[person])
    ids["Trip"] = service.create_item(group.id, "Trip").ids[0]
    return ids


def shown_under(window: MainWindow, path: list[str]) -> list[str]:
    """The rows under a row the tree shows open, as the user sees them."""
    window.tree.open_rows.open(index_of(window, path))
    return titles_under(window, path)


def chores(window: MainWindow) -> list[str]:
    return shown_under(window, ["Goals", "Chores"])


def positions(path: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, position FROM items ORDER BY id").fetchall()


def click_heading(window: MainWindow, column: int) -> None:
    window.tree.header().sectionClicked.emit(column)


def test_title_sorts_ascending_descending_then_back(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    assert chores(window) == list(TITLES)
    click_heading(window, Column.TITLE)
    assert chores(window) == ["Answer mail", "buy bread", "Call Ana", "Walk the dog"]
    header = window.tree.header()
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorSection() == Column.TITLE
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click_heading(window, Column.TITLE)
    assert chores(window) == ["Walk the dog", "Call Ana", "buy bread", "Answer mail"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    click_heading(window, Column.TITLE)
    assert chores(window) == list(TITLES)
    assert not header.isSortIndicatorShown()


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        (Column.DUE, ["Call Ana", "Walk the dog", "Answer mail", "buy bread"]),
        (Column.PRIORITY, ["buy bread", "Answer mail", "Walk the dog", "Call Ana"]),
        (Column.ASSIGNEE, ["Call Ana", "Walk the dog", "buy bread", "Answer mail"]),
    ],
)
def test_each_column_ascending_descending_empty_last(
    make_window: MakeWindow, plan: dict[str, int], column: int, ascending: list[str]
) -> None:
    window = make_window()
    titles_under(window, ["Goals", "Chores"])
    window.tree.sort_by(SortSpec(column))
    assert chores(window) == ascending
    window.tree.sort_by(SortSpec(column, descending=True))
    empty = {Column.DUE: 1, Column.PRIORITY: 1, Column.ASSIGNEE: 2}[column]
    valued = len(ascending) - empty
    assert chores(window) == ascending[:valued][::-1] + ascending[valued:]


def test_progress_and_total_sort_siblings(make_window: MakeWindow, service: PlanService) -> None:
    group = service.first_group()
    assert group is not None
    half = service.create_item(group.id, "Half done").ids[0]
    none = service.create_item(group.id, "Nothing done").ids[0]
    alone = service.create_item(group.id, "Alone").ids[0]  # no tasks: no progress
    done = [service.create_item(half, f"Step {n}").ids[0] for n in range(2)]
    service.create_item(none, "Step").ids[0]
    service.mark_done(done[:1])
    window = make_window()
    goals = shown_under(window, [group.title])
    assert goals == ["Half done", "Nothing done", "Alone"]
    window.tree.sort_by(SortSpec(Column.PROGRESS, descending=True))
    assert shown_under(window, [group.title]) == ["Half done", "Nothing done", "Alone"]
    window.tree.sort_by(SortSpec(Column.PROGRESS))
    assert shown_under(window, [group.title]) == ["Nothing done", "Half done", "Alone"]
    del alone
    window.tree.sort_by(SortSpec(Column.TOTAL))  # no totals: every row keeps its place
    assert shown_under(window, [group.title]) == ["Half done", "Nothing done", "Alone"]


def test_sorting_never_writes_the_order(make_window: MakeWindow, plan: dict[str, int]) -> None:
    window = make_window()
    assert window.plan_path is not None
    before = positions(window.plan_path)
    for column in (Column.TITLE, Column.DUE, Column.PRIORITY, Column.ASSIGNEE):
        for _click in range(3):
            click_heading(window, column)
            titles_under(window, ["Goals", "Chores"])
            assert positions(window.plan_path) == before
    # A change while sorted does not write the order shown either.
    click_heading(window, Column.TITLE)
    window.items.edit_item(plan["Walk the dog"], title="Aardvark walk")
    assert chores(window)[0] == "Aardvark walk"
    assert positions(window.plan_path) == before


def drag(window: MainWindow, path: list[str]) -> object:
    model = model_of(window)
    return model.mimeData([index_of(window, path)])


def test_a_drop_between_rows_is_refused_while_sorted(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    assert window.plan_path is not None
    click_heading(window, Column.TITLE)
    before, shown = positions(window.plan_path), chores(window)
    model = model_of(window)
    data = drag(window, ["Goals", "Chores", "Walk the dog"])
    chores_index = index_of(window, ["Goals", "Chores"])
    assert not model.canDropMimeData(data, MOVE, 0, 0, chores_index)  # type: ignore[arg-type]
    assert not model.dropMimeData(data, MOVE, 0, 0, chores_index)  # type: ignore[arg-type]
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("The tree is sorted by a column: items cannot be put in order here.")
    )
    assert positions(window.plan_path) == before
    assert chores(window) == shown


def test_a_drop_onto_an_item_still_moves_it_and_undoes(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    assert window.plan_path is not None
    click_heading(window, Column.DUE)
    model = model_of(window)
    data = drag(window, ["Goals", "Chores", "Walk the dog"])
    trip = index_of(window, ["Goals", "Trip"])
    assert model.canDropMimeData(data, MOVE, -1, 0, trip)  # type: ignore[arg-type]
    model.dropMimeData(data, MOVE, -1, 0, trip)  # type: ignore[arg-type]
    assert shown_under(window, ["Goals", "Trip"]) == ["Walk the dog"]
    assert "Walk the dog" not in chores(window)
    assert chores(window) == ["Call Ana", "Answer mail", "buy bread"]  # still by due
    window.undo()
    assert titles_under(window, ["Goals", "Trip"]) == []
    assert chores(window) == ["Call Ana", "Walk the dog", "Answer mail", "buy bread"]


MOVE = Qt.DropAction.MoveAction


def test_move_up_and_down_are_disabled_while_sorted(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    window.tree.setCurrentIndex(index_of(window, ["Goals", "Chores", "Call Ana"]))
    up, down = window.actions_by_name["move_up"], window.actions_by_name["move_down"]
    assert up.isEnabled() and down.isEnabled()
    click_heading(window, Column.PRIORITY)
    assert not up.isEnabled() and not down.isEnabled()
    assert "sorted by a column" in up.statusTip()
    click_heading(window, Column.PRIORITY)
    click_heading(window, Column.PRIORITY)
    assert up.isEnabled()


def test_open_rows_selection_and_widths_kept_through_sorting_and_filtering(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    tree = window.tree
    chores_index = index_of(window, ["Goals", "Chores"])
    tree.open_rows.open(chores_index)
    trip = index_of(window, ["Goals", "Trip"])
    tree.setCurrentIndex(index_of(window, ["Goals", "Chores", "Call Ana"]))
    header = tree.header()
    tree.user_widths[Column.DUE] = 133  # as a drag of its edge leaves it
    tree.arrange_columns()
    assert header.sectionSize(Column.DUE) == 133
    for spec in (SortSpec(Column.TITLE, descending=True), None):
        tree.sort_by(spec)
        assert tree.isExpanded(index_of(window, ["Goals", "Chores"]))
        assert not tree.isExpanded(index_of(window, ["Goals", "Trip"]))
        assert tree.currentIndex().data() == "Call Ana"
    window.filters.filtering.apply(TreeFilter(text="walk"))
    window.filters.filtering.apply(TreeFilter())
    assert tree.isExpanded(index_of(window, ["Goals", "Chores"]))
    assert header.sectionSize(Column.DUE) == 133
    del trip


def test_rows_added_to_a_sorted_list_keep_every_list_in_order(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService
) -> None:
    """Qt's sort of a list goes on into the lists below it: a row that came into one of
    them since its own sort must not be moved by it."""
    window = make_window()
    window.tree.open_rows.open(index_of(window, ["Goals"]))
    chores(window)  # open
    click_heading(window, Column.TITLE)
    assert chores(window) == ["Answer mail", "buy bread", "Call Ana", "Walk the dog"]
    window.tree.setCurrentIndex(index_of(window, ["Goals", "Chores", "buy bread"]))
    window.items.edit_item(plan["Call Ana"], title="Zebra call")
    assert chores(window) == ["Answer mail", "buy bread", "Walk the dog", "Zebra call"]
    service_item = service.create_item(plan["Chores"], "Milk").ids[0]
    window.model.sync([service_item])  # type: ignore[union-attr]
    assert chores(window) == ["Answer mail", "buy bread", "Milk", "Walk the dog", "Zebra call"]
    # A sort of the list above (Goals: Chores and Trip) leaves Chores as it is.
    click_heading(window, Column.TITLE)  # descending
    assert shown_under(window, ["Goals"]) == ["Trip", "Chores"]
    assert chores(window) == ["Zebra call", "Walk the dog", "Milk", "buy bread", "Answer mail"]
    click_heading(window, Column.TITLE)  # the user's own order
    assert shown_under(window, ["Goals"]) == ["Chores", "Trip"]
    assert chores(window) == ["Walk the dog", "buy bread", "Zebra call", "Answer mail", "Milk"]


def test_a_row_added_to_a_list_sorted_before_is_not_moved_by_a_sort_above_it(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService
) -> None:
    service.create_item(plan["Walk the dog"], "Find the leash")  # a row with rows
    window = make_window()
    tree, model = window.tree, model_of(window)
    tree.open_rows.open(index_of(window, ["Goals"]))
    chores(window)
    click_heading(window, Column.TITLE)
    click_heading(window, Column.TITLE)
    click_heading(window, Column.TITLE)  # the user's order again
    tree.collapse(index_of(window, ["Goals", "Chores"]))
    first = service.create_item(plan["Chores"], "Milk", index=0).ids[0]
    model.sync([first])
    # Chores is closed: only the lists open (Goals) are sorted now, Qt's sort going on
    # into Chores' list, which must stay as the plan has it.
    tree.sort_by(SortSpec(Column.TITLE, descending=True))
    assert shown_under(window, ["Goals"]) == ["Trip", "Chores"]
    chores_index = index_of(window, ["Goals", "Chores"])
    assert [str(model.index(r, 0, chores_index).data()) for r in range(5)] == ["Milk", *TITLES]
    # Qt's own rows say the same: the row with rows is Walk the dog's.
    with_rows = [model.hasChildren(model.index(r, 0, chores_index)) for r in range(5)]
    assert with_rows == [False, True, False, False, False]
    # Opened, it is sorted.
    assert chores(window) == ["Walk the dog", "Milk", "Call Ana", "buy bread", "Answer mail"]


def test_sorts_after_the_places_settled_show_the_same_orders(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService
) -> None:
    service.create_item(plan["Walk the dog"], "Find the leash")  # a row with rows
    window = make_window()
    model = model_of(window)
    chores(window)
    for spec, expected in (
        (SortSpec(Column.TITLE), ["Answer mail", "buy bread", "Call Ana", "Walk the dog"]),
        (SortSpec(Column.DUE), ["Call Ana", "Walk the dog", "Answer mail", "buy bread"]),
        (
            SortSpec(Column.TITLE, descending=True),
            ["Walk the dog", "Call Ana", "buy bread", "Answer mail"],
        ),
        (None, list(TITLES)),
    ):
        window.tree.sort_by(spec)
        assert chores(window) == expected
        model.settle_places()  # what the window does 0.3 s after a sort
        assert chores(window) == expected
        chores_index = index_of(window, ["Goals", "Chores"])
        with_rows = [model.hasChildren(model.index(r, 0, chores_index)) for r in range(4)]
        assert with_rows == [title == "Walk the dog" for title in expected]


def sort_entries(window: MainWindow) -> list[str]:
    """View › Sort By's entries as the menu shows them ("✓" before the one in effect)."""
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    sort_by = next(a.menu() for a in view.actions() if a.text() == "So&rt By")
    return [
        ("✓" if a.isChecked() else "") + a.text().replace("&", "")
        for a in sort_by.actions()
        if not a.isSeparator()
    ]


def heading(window: MainWindow) -> tuple[int, Qt.SortOrder] | None:
    header = window.tree.header()
    if not header.isSortIndicatorShown():
        return None
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def test_view_sort_by_sorts_as_a_heading_does_and_follows_the_headings(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    actions = window.actions_by_name
    assert sort_entries(window) == [
        "✓Your Order",
        "Title",
        "Due",
        "Priority",
        "Total",
        "Progress",
        "Assignee",
        "Descending",
    ]
    assert not actions["sort_own"].isEnabled()  # in effect: it says so
    assert actions["sort_own"].statusTip() == "The tree is in your own order already."
    assert actions["sort_descending"].statusTip() == "Choose a column to sort by first."
    actions["sort_due"].trigger()
    assert chores(window) == ["Call Ana", "Walk the dog", "Answer mail", "buy bread"]
    assert heading(window) == (Column.DUE, Qt.SortOrder.AscendingOrder)
    assert sort_entries(window)[2] == "✓Due"
    assert not actions["sort_due"].isEnabled() and actions["sort_own"].isEnabled()
    actions["sort_descending"].trigger()
    assert chores(window) == ["Answer mail", "Walk the dog", "Call Ana", "buy bread"]
    assert heading(window) == (Column.DUE, Qt.SortOrder.DescendingOrder)
    assert sort_entries(window)[-1] == "✓Descending"
    actions["sort_title"].trigger()  # another column: still descending
    assert chores(window) == ["Walk the dog", "Call Ana", "buy bread", "Answer mail"]
    assert heading(window) == (Column.TITLE, Qt.SortOrder.DescendingOrder)
    click_heading(window, Column.TITLE)  # the heading's third click: the user's order
    assert heading(window) is None
    assert sort_entries(window)[0] == "✓Your Order"
    assert not actions["sort_descending"].isEnabled()
    click_heading(window, Column.PRIORITY)  # a heading: the menu agrees
    assert sort_entries(window)[3] == "✓Priority"
    assert not actions["sort_descending"].isChecked()
    actions["sort_own"].trigger()
    assert chores(window) == list(TITLES)
    assert heading(window) is None


def test_a_plan_reopened_is_sorted_as_it_was_left_its_file_unchanged(
    make_window: MakeWindow, plan: dict[str, int], plan_path: Path
) -> None:
    window = make_window()
    before = positions(plan_path)
    window.actions_by_name["sort_due"].trigger()
    window.actions_by_name["sort_descending"].trigger()
    shown = chores(window)
    window.close()
    again = make_window(path=plan_path, create=False)
    assert chores(again) == shown == ["Answer mail", "Walk the dog", "Call Ana", "buy bread"]
    assert heading(again) == (Column.DUE, Qt.SortOrder.DescendingOrder)
    assert sort_entries(again)[2] == "✓Due" and sort_entries(again)[-1] == "✓Descending"
    assert positions(plan_path) == before
    click_heading(again, Column.DUE)  # back to the user's order: remembered too
    again.close()
    third = make_window(path=plan_path, create=False)
    assert chores(third) == list(TITLES)
    assert heading(third) is None
    assert positions(plan_path) == before


def test_a_sort_remembered_for_one_plan_is_not_another_plans(
    make_window: MakeWindow, plan: dict[str, int], plan_path: Path, tmp_path: Path
) -> None:
    window = make_window()
    window.actions_by_name["sort_title"].trigger()
    window.close()
    other = make_window(path=tmp_path / "other.plan", create=True)
    assert heading(other) is None
    assert sort_entries(other)[0] == "✓Your Order"


def test_sort_by_from_the_keyboard_alone(
    make_window: MakeWindow, plan: dict[str, int], qtbot: Any
) -> None:
    """View open (Alt+V), then R, D: the tree sorted by Due, as the access keys say."""
    window = make_window()
    view_action = next(a for a in window.menuBar().actions() if a.text() == "&View")
    view = view_action.menu()
    sort_by = next(a.menu() for a in view.actions() if a.text() == "So&rt By")
    window.menuBar().setActiveAction(view_action)  # what Alt+V does (offscreen has no Alt)
    qtbot.waitUntil(view.isVisible)
    QTest.keyClick(view, Qt.Key.Key_R)
    qtbot.waitUntil(sort_by.isVisible)
    QTest.keyClick(sort_by, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert chores(window) == ["Call Ana", "Walk the dog", "Answer mail", "buy bread"]
    assert heading(window) == (Column.DUE, Qt.SortOrder.AscendingOrder)


@pytest.mark.parametrize("kept", ["99 ascending", "1 sideways", "due", "", "-1 descending"])
def test_a_sort_kept_wrongly_in_the_settings_opens_in_the_users_order(
    make_window: MakeWindow,
    plan: dict[str, int],
    plan_path: Path,
    make_settings: Callable[[], QSettings],
    kept: str,
) -> None:
    settings = make_settings()
    settings.setValue(sort_key(plan_path), kept)
    settings.sync()
    window = make_window()
    assert heading(window) is None
    assert chores(window) == list(TITLES)


def test_a_long_lists_kept_sort_rows_follow_every_change(
    make_window: MakeWindow,
    plan: dict[str, int],
    service: PlanService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long list keeps what its rows sort by between sorts (here: every list, however
    short): a rename, a due date, a move, their undo and a reload from the file are each
    sorted by what the plan says now, never by what was read before."""
    monkeypatch.setattr("planner.ui.tree.model.KEPT_SORT_ROWS", 1)
    window = make_window()
    tree = window.tree
    assert chores(window) == list(TITLES)
    tree.sort_by(SortSpec(Column.TITLE))
    assert chores(window) == ["Answer mail", "buy bread", "Call Ana", "Walk the dog"]
    window.items.edit_item(plan["Call Ana"], title="Zebra call")  # sorted again at once
    assert chores(window) == ["Answer mail", "buy bread", "Walk the dog", "Zebra call"]
    window.undo()
    assert chores(window) == ["Answer mail", "buy bread", "Call Ana", "Walk the dog"]
    tree.sort_by(SortSpec(Column.DUE))
    window.items.edit_item(plan["buy bread"], due=date(2026, 12, 1))
    assert chores(window) == ["buy bread", "Call Ana", "Walk the dog", "Answer mail"]
    # Moved while in the user's order: the next sort back to it shows the move.
    tree.sort_by(None)
    tree.setCurrentIndex(index_of(window, ["Goals", "Chores", "Answer mail"]))
    window.actions_by_name["move_up"].trigger()
    assert chores(window) == ["Walk the dog", "buy bread", "Answer mail", "Call Ana"]
    tree.sort_by(SortSpec(Column.TITLE))
    tree.sort_by(None)
    assert chores(window) == ["Walk the dog", "buy bread", "Answer mail", "Call Ana"]
    window.undo()
    tree.sort_by(SortSpec(Column.TITLE))
    tree.sort_by(None)
    assert chores(window) == list(TITLES)
    # Changed by another program: the window reads the file again.
    service.edit(plan["Walk the dog"], title="a walk")
    model_of(window).reload()
    tree.sort_by(SortSpec(Column.TITLE))
    assert chores(window) == ["a walk", "Answer mail", "buy bread", "Call Ana"]


def test_a_row_added_to_a_long_list_never_sorted_is_not_moved_by_a_sort_above_it(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService, long_lists: None
) -> None:
    """A long list has its column of places before its first sort, empty: a row coming
    into it takes no place there, or Qt's sort of the list above it (going on into this
    one) would put that row first."""
    service.create_item(plan["Walk the dog"], "Find the leash")  # a row with rows
    window = make_window()
    tree, model = window.tree, model_of(window)
    tree.open_rows.open(index_of(window, ["Goals"]))
    tree.open_rows.open(index_of(window, ["Goals", "Chores"]))
    tree.collapse(index_of(window, ["Goals", "Chores"]))
    last = service.create_item(plan["Chores"], "Milk").ids[0]
    model.sync([last])
    tree.sort_by(SortSpec(Column.TITLE, descending=True))
    assert shown_under(window, ["Goals"]) == ["Trip", "Chores"]
    chores_index = index_of(window, ["Goals", "Chores"])
    assert [str(model.index(r, 0, chores_index).data()) for r in range(5)] == [*TITLES, "Milk"]
    # Qt's own rows say the same: the row with rows is Walk the dog's.
    with_rows = [model.hasChildren(model.index(r, 0, chores_index)) for r in range(5)]
    assert with_rows == [True, False, False, False, False]
    assert chores(window) == ["Walk the dog", "Milk", "Call Ana", "buy bread", "Answer mail"]


def test_sorts_and_changes_while_the_places_settle_show_the_right_orders(
    make_window: MakeWindow, service: PlanService, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window settles a sort's places a slice at a time, its events let in between:
    a row added and a sort by another column in the middle of it, and the sorts after it
    has settled, each show the order they should (every third row has rows of its own:
    Qt's rows say so as the list does)."""
    monkeypatch.setattr("planner.ui.tree.settling.SETTLE_SLICE_S", 0.0)  # (64 rows a slice)
    monkeypatch.setattr("planner.ui.tree.settling.SETTLE_GAP_MS", 20)  # (a test can see it)
    group = service.first_group()
    assert group is not None
    tasks = [
        NewNode(title=f"Task {n:04}", children=[NewNode(title="Sub")] if n % 3 == 0 else [])
        for n in range(1_000)
    ]
    service.add_trees(group.id, [NewNode(title="Long", children=tasks)])
    own = [f"Task {n:04}" for n in range(1_000)]
    window = make_window()
    tree, model = window.tree, model_of(window)
    for path in (["Goals"], ["Goals", "Long"]):
        tree.open_rows.open(index_of(window, path))
    long_index = index_of(window, ["Goals", "Long"])

    def shown() -> list[str]:
        titles = titles_under(window, ["Goals", "Long"])
        with_rows = [model.hasChildren(model.index(r, 0, long_index)) for r in range(len(titles))]
        assert with_rows == [title != "Milk" and int(title[5:]) % 3 == 0 for title in titles]
        return titles

    tree.sort_by(SortSpec(Column.TITLE, descending=True))
    assert shown() == own[::-1]
    qtbot.waitUntil(lambda: model.settling)  # half-way
    long_id = model.item_id(long_index)
    assert long_id is not None
    milk = service.create_item(long_id, "Milk", index=500).ids[0]
    model.sync([milk])
    assert shown() == [*own[::-1], "Milk"]
    tree.sort_by(None)
    assert shown() == [*own[:500], "Milk", *own[500:]]
    qtbot.waitUntil(lambda: not model.settling, timeout=20_000)
    tree.sort_by(SortSpec(Column.TITLE))
    assert shown() == ["Milk", *own]
    tree.sort_by(None)
    assert shown() == [*own[:500], "Milk", *own[500:]]
