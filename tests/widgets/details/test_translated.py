"""The goal tree and the details panel in every language: switching language while the
window is open shows the same words as opening it in that language; in the pseudo-language
every word they show comes from the catalog; and no label, button or tab of the panel is
cut, in any language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from planner import i18n
from planner.app import open_plan
from planner.domain.costs import LineKind
from planner.domain.items import Priority
from planner.services.costs import CostService
from planner.services.images import ImageService
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.ui.details.goal import GoalSections
from planner.ui.tree.model import PlanTreeModel
from planner.ui.tree.nodes import Column, Role
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.i18n_checks import (
    PseudoTranslations,
    babel_words,
    clipped,
    plain,
    unmarked,
    widget_texts,
)
from tests.helpers.image_files import image_bytes
from tests.helpers.window import MakeWindow, model_of

LANGUAGES = ["ru", "pt_BR", "zh_CN", "de", "pseudo"]
SPEAKING = Callable[[str], None]

# The user's own words in the sample plan: never translated.
USER_WORDS = [
    "Run a marathon",
    "Buy shoes",
    "Old plan",
    "Long run",
    "Train four times a week",
    "Weekly distance",
    "km",
    "Entry fee",
    "Prize money",
    "Gels",
    "Felt strong",
    "Alex",
    "race.png",
]


@pytest.fixture
def speak() -> Iterator[SPEAKING]:
    """speak(code): every later word in that language ("pseudo": the pseudo-language);
    English again after the test."""

    def speak(code: str) -> None:
        if code == "pseudo":
            i18n.use_catalog(PseudoTranslations(), "en")
        else:
            i18n.set_language(code)

    yield speak
    i18n.set_language("en")


def sample_plan(path: Path, clock: FakeClock, tmp_path: Path, image: bool = True) -> int:
    """A goal with everything the panel shows: due date, priority, notes, assignee, a
    metric with a check-in and a journal entry, cost lines (an income too) and a task with
    its own, a task done and one deleted, and an image. Its id."""
    service = open_plan(path, create=True, clock=clock)
    try:
        group = service.first_group()
        assert group is not None
        goal = service.create_item(
            group.id,
            "Run a marathon",
            due=date(2026, 12, 6),
            priority=Priority.HIGH,
            notes="Train four times a week",
        ).ids[0]
        long_run = service.create_item(goal, "Long run", due=date(2026, 11, 20)).ids[0]
        service.mark_done([service.create_item(goal, "Buy shoes").ids[0]])
        service.delete([service.create_item(goal, "Old plan").ids[0]])
        metrics = MetricService(service.store)
        metrics.set_metric(
            goal, name="Weekly distance", unit="km", baseline="10", target="50", stretch="60"
        )
        metrics.add_checkin(goal, "22", date(2026, 11, 15))
        metrics.add_journal(goal, "Felt strong", date(2026, 11, 16))
        costs = CostService(service.store)
        for item_id in (goal, long_run):
            costs.set_calc(item_id, True)
        costs.add_line(goal, "Entry fee", Decimal(1), Decimal(80))
        costs.add_line(goal, "Prize money", Decimal(1), Decimal(30), kind=LineKind.INCOME)
        costs.add_line(long_run, "Gels", Decimal(3), Decimal("2.5"))
        people = PeopleService(service.store)
        people.add_and_assign("Alex", [goal])
        if image:
            picture = tmp_path / "race.png"
            picture.write_bytes(image_bytes())
            ImageService(service.store).add_files(goal, [picture])
    finally:
        service.store.close()
    return goal


def opened(make_window: MakeWindow, path: Path, goal: int, qtbot: Any) -> MainWindow:
    """The window on the sample plan, the goal selected and its rows open."""
    window = make_window(path, create=False, tester=False)
    model = model_of(window)
    qtbot.waitUntil(lambda: model.costs.rollup is not None)
    window.reveal([goal])
    window.tree.expand(model.index_for_item(goal))
    qtbot.waitUntil(lambda: window.details.record is not None)
    qtbot.waitUntil(lambda: window.cost_actions.current is not None)
    return window


def tree_texts(model: PlanTreeModel) -> list[tuple[str, object]]:
    """The headers, and every text and tooltip of every loaded row (sections too)."""
    texts: list[tuple[str, object]] = [
        ("header", model.headerData(c, Qt.Orientation.Horizontal)) for c in range(len(Column.NAMES))
    ]
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            for column in range(len(Column.NAMES)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    texts.append((f"{row}/{column}/{role}", index.data(role)))
                texts.append((f"{row}/{column}/limit", index.data(Role.PROGRESS_TEXT)))
            stack.append(model.index(row, 0, parent))
    return texts


def section_rows(model: PlanTreeModel) -> list[QModelIndex]:
    found, stack = [], [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if model.section_of(index) is not None:
                found.append(index)
            stack.append(index)
    return found


# -- switching live = starting in the language --------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_switching_language_equals_opening_in_it(
    qtbot: Any,
    make_window: MakeWindow,
    plan_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    speak: SPEAKING,
    code: str,
) -> None:
    goal = sample_plan(plan_path, clock, tmp_path)
    speak(code)
    fresh = opened(make_window, plan_path, goal, qtbot)
    wanted = widget_texts(fresh.details), tree_texts(model_of(fresh))
    fresh.close()

    speak("en")
    window = opened(make_window, plan_path, goal, qtbot)
    english = widget_texts(window.details), tree_texts(model_of(window))
    speak(code)
    window.details.retranslate()  # as View › Language does
    model_of(window).retranslate()
    switched = widget_texts(window.details), tree_texts(model_of(window))

    assert switched == wanted
    assert switched != english  # the words did change


@pytest.mark.parametrize("code", ["de", "pseudo"])
def test_the_panel_follows_qts_language_change_by_itself(
    qtbot: Any,
    make_window: MakeWindow,
    plan_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    speak: SPEAKING,
    code: str,
) -> None:
    """Qt tells every widget when its translator changes: the panel and its sections
    follow that alone (the window need not call them)."""
    goal = sample_plan(plan_path, clock, tmp_path)
    speak(code)
    fresh = opened(make_window, plan_path, goal, qtbot)
    wanted = widget_texts(fresh.details)
    fresh.close()

    speak("en")
    window = opened(make_window, plan_path, goal, qtbot)
    speak(code)
    app = QApplication.instance()
    QApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))  # as installTranslator
    qtbot.waitUntil(lambda: widget_texts(window.details) == wanted)


def test_the_tree_repaints_every_row_and_header_on_a_switch(
    qtbot: Any,
    make_window: MakeWindow,
    plan_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    speak: SPEAKING,
) -> None:
    """The rows' texts are made when painted: retranslate tells the views that every
    header and every loaded row (the Done and Deleted sections too) changed."""
    goal = sample_plan(plan_path, clock, tmp_path)
    window = opened(make_window, plan_path, goal, qtbot)
    model = model_of(window)
    sections = section_rows(model)
    assert [i.data() for i in sections] == ["Done (1)", "Deleted (1)"]
    headers: list[tuple[int, int]] = []
    changed: list[tuple[QPersistentModelIndex, QPersistentModelIndex]] = []
    model.headerDataChanged.connect(lambda _o, first, last: headers.append((first, last)))
    model.dataChanged.connect(
        lambda a, b, _r=(): changed.append((QPersistentModelIndex(a), QPersistentModelIndex(b)))
    )
    speak("pseudo")
    model.retranslate()

    def repainted(index: QModelIndex) -> bool:
        return any(
            a.parent() == index.parent() and a.row() <= index.row() <= b.row() for a, b in changed
        )

    assert any(first == 0 and last == len(Column.NAMES) - 1 for first, last in headers)
    assert all(repainted(i) for i in sections)
    assert all(repainted(model.index(r, 0, sections[0].parent())) for r in range(3))
    assert [i.data() for i in sections] == ["⟦Đöñé (1)···⟧", "⟦Đéĺéŧéđ (1)····⟧"]


# -- every word from the catalog ----------------------------------------------------------


def test_every_word_of_the_panel_and_the_tree_is_from_the_catalog(
    qtbot: Any,
    make_window: MakeWindow,
    plan_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    speak: SPEAKING,
) -> None:
    goal = sample_plan(plan_path, clock, tmp_path, image=False)
    speak("pseudo")
    window = opened(make_window, plan_path, goal, qtbot)
    allowed = [*USER_WORDS, "Goals", *babel_words()]  # "Goals": the plan's first group
    texts = widget_texts(window.details)
    assert len(texts) > 100
    words = [(where, t) for where, t in texts if not where.endswith("format")]
    found = [(where, t) for where, t in words if unmarked(plain(t), allowed)]
    found += [
        (where, t)
        for where, t in tree_texts(model_of(window))
        if isinstance(t, str) and unmarked(t, allowed)
    ]
    assert found == []


def test_an_unmarked_word_is_found(
    qtbot: Any,
    make_window: MakeWindow,
    plan_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    speak: SPEAKING,
) -> None:
    goal = sample_plan(plan_path, clock, tmp_path, image=False)
    speak("pseudo")
    window = opened(make_window, plan_path, goal, qtbot)
    window.details.goal.add_checkin_button.setText("Check in")  # as a forgotten _() would
    allowed = [*USER_WORDS, "Goals", *babel_words()]
    texts = widget_texts(window.details)
    found = [t for w, t in texts if not w.endswith("format") and unmarked(plain(t), allowed)]
    assert found == ["Check in"]


# -- nothing cut ----------------------------------------------------------------------------


def every_tab(window: MainWindow) -> Iterator[str]:
    """Each tab of the details panel brought forward in turn (the Action Plan's three)."""
    details = window.details
    details.show_tab(details.details_tab)
    yield "Details"
    details.show_tab(details.goal_tab)
    for tab in range(details.goal.count()):
        details.goal.setCurrentIndex(tab)
        yield f"Action Plan {tab}"
    details.show_tab(details.costs_tab)
    yield "Calculation"


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_no_text_of_the_panel_is_cut(
    qtbot: Any,
    make_window: MakeWindow,
    plan_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    speak: SPEAKING,
    code: str,
) -> None:
    goal = sample_plan(plan_path, clock, tmp_path)
    speak(code)
    window = opened(make_window, plan_path, goal, qtbot)
    cut = []
    for tab in every_tab(window):
        QApplication.processEvents()
        cut += [f"{tab}: {line}" for line in clipped(window.details)]
    assert cut == []


def test_a_cut_text_is_found(
    qtbot: Any,
    make_window: MakeWindow,
    plan_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    speak: SPEAKING,
) -> None:
    goal = sample_plan(plan_path, clock, tmp_path)
    speak("pseudo")
    window = opened(make_window, plan_path, goal, qtbot)
    window.details.show_tab(window.details.costs_tab)
    window.details.costs.switch.setFixedWidth(120)  # as a layout with a fixed column would
    QApplication.processEvents()
    assert any("Ç" in line for line in clipped(window.details))


@pytest.mark.parametrize("code", ["de", "pseudo"])
def test_the_action_plan_at_its_narrowest_cuts_nothing(
    qtbot: Any, plan_path: Path, clock: FakeClock, tmp_path: Path, speak: SPEAKING, code: str
) -> None:
    """The Action Plan's own layouts give each of its words room, whatever the panel
    around it: its scrolled Target tab too, and the hint of the check-in value field."""
    goal_id = sample_plan(plan_path, clock, tmp_path, image=False)
    speak(code)
    service = open_plan(plan_path, clock=clock)
    try:
        goal = GoalSections()
        goal.set_service(MetricService(service.store))
        goal.show_record(service.get(goal_id), clock().date())
        holder = QWidget()
        QVBoxLayout(holder).addWidget(goal)
        qtbot.addWidget(holder)
        holder.show()
        cut = []
        for tab in range(goal.count()):
            goal.setCurrentIndex(tab)
            holder.resize(holder.minimumSizeHint().width(), 800)
            QApplication.processEvents()
            cut += [f"tab {tab}: {line}" for line in clipped(holder)]
        assert cut == []
    finally:
        goal.set_service(None)
        service.store.close()
