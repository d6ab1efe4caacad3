"""The filter bar over the tree: each field finds what it says, the rows above what is
found stay (greyed), fields combine, Clear and closing give the tree back as it was, and
the status bar says a filter is on."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from planner.domain.items import Priority, Status
from planner.domain.new_node import NewNode
from planner.domain.tree_filter import NOBODY, DueWindow, TreeFilter
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.ui.tree.filter_bar import FilterBar
from planner.ui.tree.nodes import Column
from planner.ui.tree.sorting import SortSpec
from planner.ui.tree.style import style
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.i18n_checks import clipped
from tests.helpers.window import MakeWindow, UseLanguage, index_of, model_of

FOREGROUND = Qt.ItemDataRole.ForegroundRole


@pytest.fixture
def plan(service: PlanService, clock: FakeClock) -> dict[str, int]:
    """Goals › Trip › Book flights (high, Ana, due tomorrow), Pack (due in 20 days),
    Renew passport (done); Goals › Chores › Call the bank (overdue), Buy bread (today,
    medium); Home › Paint the hall (no date, low)."""
    today = service.today()
    group = service.first_group()
    assert group is not None
    ids = {"Goals": group.id}

    def add(parent: str, title: str, **fields: object) -> None:
        ids[title] = service.create_item(ids[parent], title).ids[0]
        if fields:
            service.edit(ids[title], **fields)

    add("Goals", "Trip")
    add("Trip", "Book flights", due=today + timedelta(days=1), priority=Priority.HIGH)
    add("Trip", "Pack", due=today + timedelta(days=20))
    add("Trip", "Renew passport", due=today + timedelta(days=1))
    service.mark_done([ids["Renew passport"]])
    add("Goals", "Chores")
    add("Chores", "Call the bank", due=today - timedelta(days=2))
    add("Chores", "Buy bread", due=today, priority=Priority.MEDIUM)
    ids["Home"] = service.create_group("Home").ids[0]
    add("Home", "Paint the hall", priority=Priority.LOW, due=None)
    people = PeopleService(service.store)
    ids["Ana"] = people.add_person("Ana").people[0]
    people.assign([ids["Book flights"]], ids["Ana"])
    return ids


def shown(window: MainWindow) -> list[str]:
    """The titles of the rows the tree shows (open and not hidden), top to bottom."""
    tree, model = window.tree, model_of(window)
    out: list[str] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(parent)):
            if tree.isRowHidden(row, parent):
                continue
            index = model.index(row, 0, parent)
            out.append("  " * depth + str(index.data()))
            if tree.isExpanded(index):
                walk(index, depth + 1)

    walk(QModelIndex(), 0)
    return out


def set_filter(window: MainWindow, **fields: object) -> None:
    window.filters.filtering.apply(TreeFilter(**fields))  # type: ignore[arg-type]


def test_text_shows_what_it_finds_with_the_rows_above_greyed(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    set_filter(window, text="flights")
    assert shown(window) == ["Goals", "  Trip", "    Book flights"]
    found = index_of(window, ["Goals", "Trip", "Book flights"])
    assert found.data(FOREGROUND) is None
    for above in (["Goals"], ["Goals", "Trip"]):
        assert index_of(window, above).data(FOREGROUND) == style().context
    assert window.filter_label.text() == "Filter on: 1 of 8 items"
    assert not window.filter_label.isHidden()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"person": "Ana"}, ["Goals", "  Trip", "    Book flights"]),
        (
            {"person": NOBODY, "priority": Priority.LOW},
            ["Home", "  Paint the hall"],
        ),
        ({"priority": Priority.MEDIUM}, ["Goals", "  Chores", "    Buy bread"]),
        ({"due": DueWindow.OVERDUE}, ["Goals", "  Chores", "    Call the bank"]),
        ({"due": DueWindow.TODAY}, ["Goals", "  Chores", "    Buy bread"]),
        (
            {"due": DueWindow.UNDATED, "hide_closed": True, "text": "hall"},
            ["Home", "  Paint the hall"],
        ),
        (
            {"text": "renew"},
            ["Goals", "  Trip", "    Done (1)", "      Renew passport"],
        ),
        ({"text": "renew", "hide_closed": True}, []),
    ],
)
def test_each_field_and_fields_together(
    make_window: MakeWindow, plan: dict[str, int], fields: dict[str, object], expected: list[str]
) -> None:
    window = make_window()
    if fields.get("person") == "Ana":
        fields = fields | {"person": plan["Ana"]}
    set_filter(window, **fields)
    assert shown(window) == expected


def test_due_this_week_and_this_month(make_window: MakeWindow, plan: dict[str, int]) -> None:
    window = make_window()
    today = service_today(window)
    week_end = today + timedelta(days=6 - today.weekday())
    set_filter(window, due=DueWindow.WEEK, hide_closed=True)
    expected_week = [
        t
        for t, days in (("Book flights", 1), ("Buy bread", 0))
        if today + timedelta(days=days) <= week_end
    ]
    assert [
        row.strip() for row in shown(window) if row.strip() in ("Book flights", "Buy bread", "Pack")
    ] == expected_week
    set_filter(window, due=DueWindow.MONTH, hide_closed=True)
    month = [row.strip() for row in shown(window)]
    assert "Buy bread" in month and "Call the bank" not in month


def service_today(window: MainWindow) -> date:
    assert window.service is not None
    return window.service.today()


def test_clear_gives_back_every_row_and_the_rows_open_before(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    before = shown(window)
    window.filter_bar.open_bar()
    window.filter_bar.text.setText("bank")
    window.filter_bar._send()  # what the typing pause does
    assert shown(window) == ["Goals", "  Chores", "    Call the bank"]
    assert window.filter_label.text() == "Filter on: 1 of 8 items"
    window.filter_bar.clear_button.click()
    assert window.filter_bar.text.text() == ""
    assert window.filter_label.isHidden()
    # The current row (none was chosen under the filter) and the rows open before.
    assert shown(window) == before
    assert index_of(window, ["Goals"]).data(FOREGROUND) is None


def test_closing_the_bar_clears_the_filter(make_window: MakeWindow, plan: dict[str, int]) -> None:
    window = make_window()
    before = shown(window)
    window.actions_by_name["filter"].trigger()
    assert window.filter_bar.isVisibleTo(window)
    window.filter_bar.priority.setCurrentIndex(window.filter_bar.priority.findData(Priority.HIGH))
    assert shown(window) == ["Goals", "  Trip", "    Book flights"]
    window.filter_bar.close_button.click()
    assert not window.filter_bar.isVisibleTo(window)
    assert shown(window) == before


def test_an_item_edited_under_a_filter_stays_greyed_until_the_filter_changes(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    set_filter(window, priority=Priority.HIGH)
    flights = index_of(window, ["Goals", "Trip", "Book flights"])
    window.tree.setCurrentIndex(flights)
    window.items.edit_item(plan["Book flights"], priority=Priority.LOW)
    assert shown(window) == ["Goals", "  Trip", "    Book flights"]
    flights = index_of(window, ["Goals", "Trip", "Book flights"])
    assert flights.data(FOREGROUND) == style().context
    assert window.filter_label.text() == "Filter on: 0 of 8 items"
    set_filter(window, priority=Priority.HIGH, text="")
    assert shown(window) == []


def test_a_new_item_under_a_filter_is_shown(make_window: MakeWindow, plan: dict[str, int]) -> None:
    window = make_window()
    set_filter(window, text="bank")
    window.tree.setCurrentIndex(index_of(window, ["Goals", "Chores", "Call the bank"]))
    window.items.new_sibling()
    titles = [row.strip() for row in shown(window)]
    assert titles[:3] == ["Goals", "Chores", "Call the bank"]
    assert len(titles) == 4  # the new item, ready for its title


def test_a_current_row_the_filter_hides_gives_way_to_the_first_found(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    window.tree.setCurrentIndex(index_of(window, ["Home", "Paint the hall"]))
    set_filter(window, text="bread")
    assert window.tree.currentIndex().data() == "Buy bread"
    assert window.navigator.current_record() is not None
    # A current row the filter shows stays current.
    set_filter(window, text="b")
    assert window.tree.currentIndex().data() == "Buy bread"


def test_indent_under_a_filter_goes_under_the_row_the_user_sees(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService
) -> None:
    window = make_window()
    set_filter(window, text="bread")  # Call the bank, above Buy bread, is hidden
    window.tree.setCurrentIndex(index_of(window, ["Goals", "Chores", "Buy bread"]))
    window.items.indent()
    assert service.get(plan["Buy bread"]).parent_id == plan["Chores"]
    set_filter(window, text="pack")  # Book flights, above Pack, is hidden
    set_filter(window, text="b")  # Book flights, Buy bread, Call the bank shown
    window.tree.setCurrentIndex(index_of(window, ["Goals", "Chores", "Buy bread"]))
    window.items.indent()
    assert service.get(plan["Buy bread"]).parent_id == plan["Call the bank"]


def test_a_plan_closed_under_a_filter_keeps_the_rows_the_user_had_open(
    make_window: MakeWindow, plan: dict[str, int], plan_path: Path
) -> None:
    window = make_window()
    window.tree.open_rows.open(index_of(window, ["Home"]))
    before = set(window.tree.open_rows.keys)
    window.actions_by_name["filter"].trigger()
    window.filter_bar.text.setText("bank")
    window.filter_bar._send()
    assert set(window.tree.open_rows.keys) != before  # Chores opened to show the bank
    window.close()
    again = make_window(path=plan_path, create=False)
    assert set(again.tree.open_rows.keys) == before
    assert not again.filter_bar.isVisibleTo(again)
    assert again.filter_label.isHidden()


def test_hiding_done_and_deleted_alone_opens_nothing(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService
) -> None:
    service.delete([plan["Pack"]])
    window = make_window()
    window.tree.open_rows.open(index_of(window, ["Goals"]))
    window.tree.open_rows.open(index_of(window, ["Goals", "Trip"]))
    assert shown(window) == [
        "Goals",
        "  Trip",
        "    Book flights",
        "    Done (1)",
        "    Deleted (1)",
        "  Chores",
        "Home",
    ]
    set_filter(window, hide_closed=True)
    assert shown(window) == ["Goals", "  Trip", "    Book flights", "  Chores", "Home"]
    assert window.filter_label.text() == "Filter on: 6 of 8 items"
    window.tree.open_rows.open(index_of(window, ["Goals", "Chores"]))  # opened under it
    assert shown(window)[-3:] == ["    Call the bank", "    Buy bread", "Home"]
    set_filter(window)
    assert "    Done (1)" in shown(window)


def test_a_filter_that_finds_nothing_says_so(make_window: MakeWindow, plan: dict[str, int]) -> None:
    window = make_window()
    window.tree.setCurrentIndex(index_of(window, ["Home", "Paint the hall"]))
    set_filter(window, text="zeppelin")
    assert shown(window) == []
    assert window.tree.filter_hint == (
        "Nothing matches the filter.\n\nChange it, or press Clear to see every item."
    )
    assert not window.tree.currentIndex().isValid()
    assert window.filter_label.text() == "Filter on: 0 of 8 items"
    set_filter(window)
    assert window.tree.filter_hint is None


@pytest.mark.parametrize("width", [1300, 700, 330])
def test_the_bar_cuts_no_word_however_narrow(
    qtbot: object, use_language: UseLanguage, width: int
) -> None:
    """German's long choices go on to further lines; the text field keeps the first line's
    room (it was squeezed to 28 px beside them)."""
    use_language("de")
    bar = FilterBar()
    bar.set_people([(1, "Maria Silva")])
    bar.resize(width, bar.heightForWidth(width) if bar.hasHeightForWidth() else 200)
    bar.show()
    QApplication.processEvents()
    assert clipped(bar) == []
    assert bar.text.width() > width // 2
    tops = sorted({w.geometry().top() for w in (bar.person, bar.priority, bar.due)})
    assert len(tops) == (1 if width >= 700 else 2)


def test_rows_opened_under_a_filter_show_only_what_it_allows(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService
) -> None:
    """The filter hides rows in the lists shown open only: a list loaded but closed hides
    its rows as it opens (and one open under a closed row as that row opens)."""
    service.delete([plan["Pack"]])
    window = make_window()
    opening = window.tree.open_rows
    opening.open(index_of(window, ["Goals"]))
    opening.open(index_of(window, ["Goals", "Trip"]))
    opening.open(index_of(window, ["Goals", "Chores"]))
    window.tree.collapse(index_of(window, ["Goals", "Trip"]))  # loaded, closed
    window.tree.collapse(index_of(window, ["Goals"]))  # Chores stays open under it
    set_filter(window, hide_closed=True)
    opening.open(index_of(window, ["Goals"]))
    opening.open(index_of(window, ["Goals", "Trip"]))
    assert shown(window) == [
        "Goals",
        "  Trip",
        "    Book flights",
        "  Chores",
        "    Call the bank",
        "    Buy bread",
        "Home",
    ]
    set_filter(window, text="trip")  # Trip found: its rows are not
    window.tree.collapse(index_of(window, ["Goals", "Trip"]))
    opening.open(index_of(window, ["Goals", "Trip"]))
    assert shown(window) == ["Goals", "  Trip"]
    set_filter(window)  # (the rows open before it: Goals was closed)
    opening.open(index_of(window, ["Goals"]))
    opening.open(index_of(window, ["Goals", "Trip"]))
    assert shown(window)[:5] == [
        "Goals",
        "  Trip",
        "    Book flights",
        "    Done (1)",
        "    Deleted (1)",
    ]


def test_a_list_under_a_row_another_filter_hid_shows_the_right_rows_when_shown_again(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    """A filter leaves the rows of a list it no longer shows as the filter before left
    them (no one sees them); shown again, by a filter or as its row opens, the list shows
    exactly what the filter now allows, and Clear shows every row of it."""
    window = make_window()
    set_filter(window, text="flights")  # Trip's list: Pack and Done hidden
    assert shown(window) == ["Goals", "  Trip", "    Book flights"]
    set_filter(window, text="bank")  # Trip hidden, its list left as it was
    assert shown(window) == ["Goals", "  Chores", "    Call the bank"]
    set_filter(window, text="pack")  # Trip's list again: Pack shown, Book flights not
    assert shown(window) == ["Goals", "  Trip", "    Pack"]
    set_filter(window, text="bank")
    set_filter(window, text="trip")  # Trip found: its rows not (shown as it opens)
    window.tree.collapse(index_of(window, ["Goals", "Trip"]))
    window.tree.open_rows.open(index_of(window, ["Goals", "Trip"]))
    assert shown(window) == ["Goals", "  Trip"]
    set_filter(window, text="bank")
    set_filter(window)  # Clear: Trip's list hidden by two filters before, all back
    window.tree.open_rows.open(index_of(window, ["Goals"]))
    window.tree.open_rows.open(index_of(window, ["Goals", "Trip"]))
    assert shown(window)[:5] == ["Goals", "  Trip", "    Book flights", "    Pack", "    Done (1)"]


def test_zoomed_in_the_filter_shows_only_what_it_finds_there(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    """Zoomed in on Trip, a filter that finds nothing under Trip shows none of its rows
    (neither every row nor those a filter before left)."""
    window = make_window()
    window.navigator.zoom_to(plan["Trip"])
    tree, trip = window.tree, index_of(window, ["Goals", "Trip"])

    def rows_shown() -> list[str]:
        model = model_of(window)
        rows = range(model.rowCount(trip))
        return [str(model.index(r, 0, trip).data()) for r in rows if not tree.isRowHidden(r, trip)]

    assert rows_shown() == ["Book flights", "Pack", "Done (1)"]
    set_filter(window, text="pack")
    assert rows_shown() == ["Pack"]
    set_filter(window, text="bank")
    assert rows_shown() == []
    set_filter(window)
    assert rows_shown() == ["Book flights", "Pack", "Done (1)"]


def test_expand_all_under_a_filter_opens_found_rows_as_opening_each_does(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    """View › Expand All under a filter shows what opening each row by hand shows: the
    rows below a found row that the filter does not find stay hidden."""
    window = make_window()
    set_filter(window, text="trip")  # Trip found (closed), its rows not
    assert shown(window) == ["Goals", "  Trip"]
    window.actions_by_name["expand_all"].trigger()
    assert shown(window) == ["Goals", "  Trip"]
    set_filter(window)
    window.tree.open_rows.open(index_of(window, ["Goals"]))
    window.tree.open_rows.open(index_of(window, ["Goals", "Trip"]))
    assert shown(window)[:4] == ["Goals", "  Trip", "    Book flights", "    Pack"]


PATHS = 160  # goals, each with a found item two lists down: 320 lists on the paths


@pytest.fixture
def wide_plan(service: PlanService) -> None:
    """Goals › Goal i › Step i › Wanted i (high), Other i › Deep i, a done Finished i;
    Goal i › Spare i › Leaf i: what the filter finds spread over 320 lists, with rows
    beside them that have rows of their own."""
    group = service.first_group()
    assert group is not None
    goals = [
        NewNode(
            title=f"Goal {i}",
            children=[
                NewNode(
                    title=f"Step {i}",
                    children=[
                        NewNode(title=f"Wanted {i}", priority=Priority.HIGH),
                        NewNode(title=f"Other {i}", children=[NewNode(title=f"Deep {i}")]),
                        NewNode(title=f"Finished {i}", status=Status.DONE),
                    ],
                ),
                NewNode(title=f"Spare {i}", children=[NewNode(title=f"Leaf {i}")]),
            ],
        )
        for i in range(PATHS)
    ]
    service.add_trees(group.id, goals)


def test_a_first_filter_over_many_lists_reads_only_the_lists_on_its_paths(
    make_window: MakeWindow, wide_plan: None
) -> None:
    """A filter finding items in hundreds of lists no one opened yet reads those lists
    (not the whole plan's): the rows beside the paths keep their own rows unread, yet
    show them when the filter clears, and a list's Done section counts right."""
    window = make_window()
    set_filter(window, priority=Priority.HIGH)
    wait_for_paths(window)
    assert shown(window) == wide_found()
    model = model_of(window)
    spare = index_of(window, ["Goals", "Goal 7", "Spare 7"])
    assert not model.is_loaded(spare)  # (the whole plan's shape was read: every list)
    assert model.rowCount(spare) == 1
    set_filter(window)
    opening = window.tree.open_rows
    for path in (["Goals"], ["Goals", "Goal 7"], ["Goals", "Goal 7", "Step 7"]):
        opening.open(index_of(window, path))
    opening.open(index_of(window, ["Goals", "Goal 7", "Step 7", "Other 7"]))
    opening.open(index_of(window, ["Goals", "Goal 7", "Spare 7"]))
    at = shown(window).index("  Goal 7")
    assert shown(window)[at : at + 8] == [
        "  Goal 7",
        "    Step 7",
        "      Wanted 7",
        "      Other 7",
        "        Deep 7",
        "      Done (1)",
        "    Spare 7",
        "      Leaf 7",
    ]


def wide_found() -> list[str]:
    """What the filter for high priority shows on wide_plan."""
    rows = ["Goals"]
    for i in range(PATHS):
        rows += [f"  Goal {i}", f"    Step {i}", f"      Wanted {i}"]
    return rows


def wait_for_paths(window: MainWindow) -> None:
    """The window let run until every path below the first screen is open."""
    filtering = window.filters.filtering
    deadline = time.monotonic() + 20
    while filtering.opening and time.monotonic() < deadline:
        QApplication.processEvents()
    assert not filtering.opening


def test_a_filter_over_many_lists_shows_its_first_screen_then_opens_the_paths_below(
    make_window: MakeWindow, wide_plan: None
) -> None:
    """Paths through lists not loaded yet: the rows from the top are shown at once, the
    goals further down shown (their count said) but opened as the window gets to them,
    a slice at a time with its events in between (a goal opened by hand meanwhile shows
    what the filter allows); then every path is open."""
    window = make_window()
    set_filter(window, priority=Priority.HIGH)
    assert window.filter_label.text() == f"Filter on: {PATHS} of {PATHS * 8:,} items"
    first = shown(window)
    assert window.filters.filtering.opening
    assert first[:4] == ["Goals", "  Goal 0", "    Step 0", "      Wanted 0"]
    assert [row for row in first if row.startswith("  Goal ")] == [
        f"  Goal {i}" for i in range(PATHS)
    ]
    assert f"  Goal {PATHS - 1}" == first[-1]  # the last goals shown closed so far
    every = wide_found()
    assert [row for row in every if row in first] == first  # (in the same order)
    last = ["Goals", f"Goal {PATHS - 1}"]  # opened by hand meanwhile: Spare stays hidden
    window.tree.open_rows.open(index_of(window, last))
    assert shown(window)[-2:] == [f"  Goal {PATHS - 1}", f"    Step {PATHS - 1}"]
    wait_for_paths(window)
    assert shown(window) == every


def test_clear_or_a_change_while_the_paths_open_stops_or_starts_over(
    make_window: MakeWindow, wide_plan: None, service: PlanService
) -> None:
    """Clear before every path is open: the tree as it was, nothing opened after. A
    change before then (a found item no longer high): filtered again, the item kept
    (greyed), every path open in the end."""
    window = make_window()
    before = shown(window)
    set_filter(window, priority=Priority.HIGH)
    assert window.filters.filtering.opening
    set_filter(window)
    assert not window.filters.filtering.opening
    wait_for_paths(window)
    assert shown(window) == before
    set_filter(window, priority=Priority.HIGH)
    wanted = index_of(window, ["Goals", "Goal 0", "Step 0", "Wanted 0"])
    item_id = model_of(window).item_id(wanted)
    assert item_id is not None
    window.items.edit_item(item_id, priority=Priority.LOW)
    wait_for_paths(window)
    assert shown(window) == wide_found()
    assert index_of(window, ["Goals", "Goal 0", "Step 0", "Wanted 0"]).data(FOREGROUND) == (
        style().context
    )
    assert window.filter_label.text() == f"Filter on: {PATHS - 1} of {PATHS * 8:,} items"


def test_a_first_filter_over_many_lists_under_a_sort_shows_them_sorted(
    make_window: MakeWindow, wide_plan: None
) -> None:
    """Sorted by Title, descending: the paths opened a slice at a time are each in that
    order too, as the first screen is."""
    window = make_window()
    window.tree.sort_by(SortSpec(Column.TITLE, descending=True))
    set_filter(window, priority=Priority.HIGH)
    assert window.filters.filtering.opening
    wait_for_paths(window)
    goals = sorted(range(PATHS), key=lambda i: f"goal {i}", reverse=True)
    expected = ["Goals"]
    for i in goals:
        expected += [f"  Goal {i}", f"    Step {i}", f"      Wanted {i}"]
    assert shown(window) == expected
