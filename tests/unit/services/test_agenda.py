"""The ready-made views against a brute-force reading of random plans (Hypothesis): each
view's rows, order, headings and paths, every count, with the tree's links read from the
plan or kept by the caller, through random changes and their undo; pages; an item the
caller's links do not know yet."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.app import open_plan
from planner.domain import agenda as ag
from planner.domain.errors import InvalidInput, PlannerError
from planner.domain.items import ItemRecord, Kind, Priority, Status
from planner.domain.new_node import NewNode
from planner.domain.rollup import Rollup
from planner.formats import day_heading
from planner.services.agenda import AgendaService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries
from planner.services.repeats import RepeatService
from tests.helpers.clock import FakeClock

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
TODAY = NOW.astimezone().date()
PEOPLE = ("Ana", "Bo", "Cy")
VIEWS = [v for v in ag.View if v is not ag.View.ASSIGNED]


# -- the brute force: every item, its line above, each rule written out plainly ------------


def above(record: ItemRecord, by_id: dict[int, ItemRecord]) -> list[ItemRecord]:
    """From its group down to its parent."""
    line: list[ItemRecord] = []
    parent = record.parent_id
    while parent is not None:
        line.append(by_id[parent])
        parent = by_id[parent].parent_id
    return line[::-1]


def expected_rows(
    records: list[ItemRecord], view: ag.View, today: date, days: int, person: int | None
) -> list[ItemRecord]:
    by_id = {r.id: r for r in records}
    found = []
    for r in records:
        line = above(r, by_id)
        if r.kind is Kind.GROUP or (person is not None and r.assignee_id != person):
            continue
        if view is ag.View.LOGBOOK:
            if r.status is Status.DONE and all(a.status is not Status.DELETED for a in line):
                day = r.done_at.astimezone().date() if r.done_at else today
                if days == 0 or day > today - timedelta(days=days):
                    found.append(r)
            continue
        if r.status is not Status.ACTIVE or any(a.status is not Status.ACTIVE for a in line):
            continue
        month_end = (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(1)
        due = r.due
        if (
            (view is ag.View.TODAY and due is not None and due <= today)
            or (view is ag.View.OVERDUE and due is not None and due < today)
            or (
                view is ag.View.UPCOMING
                and due is not None
                and today < due <= max(today + timedelta(days=days), month_end)
            )
            or (view is ag.View.NO_DATE and due is None)
            or (view is ag.View.HIGH and r.priority is Priority.HIGH)
            or view is ag.View.ASSIGNED
        ):
            found.append(r)
    if view is ag.View.LOGBOOK:
        return sorted(found, key=lambda r: (r.done_at, r.id), reverse=True)
    return sorted(found, key=lambda r: (r.due is None, r.due or date.min, r.id))


def expected_headings(
    view: ag.View, rows: list[ItemRecord], today: date, days: int
) -> list[tuple[str, list[int]]]:
    """Each heading with its rows' ids, as the issue says them."""
    sections: list[tuple[str, list[int]]] = []

    def put(heading: str, record: ItemRecord) -> None:
        if not sections or sections[-1][0] != heading:
            sections.append((heading, []))
        sections[-1][1].append(record.id)

    for r in rows:
        if view is ag.View.TODAY:
            put("Overdue" if r.due and r.due < today else "Today", r)
        elif view is ag.View.UPCOMING:
            assert r.due is not None
            if r.due > today + timedelta(days=days):
                put("Later this month", r)
            elif r.due == today + timedelta(days=1):
                put("Tomorrow", r)
            else:
                put(day_heading(r.due, today), r)
        elif view is ag.View.LOGBOOK:
            assert r.done_at is not None
            day = r.done_at.astimezone().date()
            put(
                "Done today"
                if day == today
                else "Yesterday"
                if day == today - timedelta(days=1)
                else day_heading(day, today),
                r,
            )
        else:
            put("", r)
    return sections


def check_everything(service: PlanService, today: date, tree: ag.TreeLinks | None) -> None:
    agenda = AgendaService(service.store)
    records = service.all_items()
    by_id = {r.id: r for r in records}
    people = {p.name: p.id for p in PeopleService(service.store).people()}
    for view in VIEWS:
        for days in (None, 3) if view in (ag.View.UPCOMING, ag.View.LOGBOOK) else (None,):
            shown = agenda.view(view, today, days=days, tree=tree)
            wanted_days = days or (ag.UPCOMING_DAYS if view is ag.View.UPCOMING else 0)
            rows = expected_rows(records, view, today, wanted_days, None)
            assert [(s.heading, [r.record.id for r in s.rows]) for s in shown.sections] == (
                expected_headings(view, rows, today, wanted_days)
            ), view
            assert shown.total == len(rows)
            for row in shown.rows:
                assert row.record == by_id[row.record.id]
                assert row.path == tuple(a.title for a in above(row.record, by_id))
    for name, person in people.items():
        shown = agenda.view(ag.View.ASSIGNED, today, person_id=person, tree=tree)
        rows = expected_rows(records, ag.View.ASSIGNED, today, 0, person)
        assert [r.record.id for r in shown.rows] == [r.id for r in rows], name
        assert {r.assignee for r in shown.rows} <= {name}
        mine = agenda.view(ag.View.TODAY, today, person_id=person, tree=tree)
        assert [r.record.id for r in mine.rows] == [
            r.id for r in expected_rows(records, ag.View.TODAY, today, 0, person)
        ]
    counts = agenda.counts(today, tree=tree)

    def n(view: ag.View) -> int:
        return len(expected_rows(records, view, today, ag.UPCOMING_DAYS, None))

    logged = expected_rows(records, ag.View.LOGBOOK, today, 0, None)
    assert counts == ag.AgendaCounts(
        today=n(ag.View.TODAY),
        upcoming=n(ag.View.UPCOMING),
        overdue=n(ag.View.OVERDUE),
        no_date=n(ag.View.NO_DATE),
        high=n(ag.View.HIGH),
        done_today=sum(1 for r in logged if r.done_at and r.done_at.astimezone().date() == today),
        assigned={
            p: k
            for p in people.values()
            if (k := len(expected_rows(records, ag.View.ASSIGNED, today, 0, p)))
        },
    )


# -- random plans ------------------------------------------------------------------------------

# Few days, so that items share them (the order then goes by id), around every edge: long
# overdue, yesterday, today, tomorrow, this week, the 14th day, later this month, next year.
dues = st.one_of(
    st.none(),
    st.sampled_from([-40, -3, -1, 0, 1, 2, 3, 14, 15, 22, 400]).map(
        lambda d: TODAY + timedelta(days=d)
    ),
)
nodes = st.recursive(
    st.builds(
        lambda status, due, priority, who, done_ago: (status, due, priority, who, done_ago, []),
        st.sampled_from(list(Status)),
        dues,
        st.sampled_from(list(Priority)),
        st.sampled_from((None, *PEOPLE)),
        st.integers(min_value=0, max_value=5),
    ),
    lambda children: st.builds(
        lambda head, kids: (*head[:5], kids),
        st.tuples(
            st.sampled_from(list(Status)),
            dues,
            st.sampled_from(list(Priority)),
            st.sampled_from((None, *PEOPLE)),
            st.integers(min_value=0, max_value=5),
        ),
        st.lists(children, max_size=4),
    ),
    max_leaves=25,
)
groups = st.lists(
    st.tuples(st.booleans(), dues, st.lists(nodes, max_size=4)), min_size=1, max_size=3
)
steps = st.lists(
    st.tuples(
        st.sampled_from(["done", "undone", "delete", "restore", "move", "due", "assign", "high"]),
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=10**6),
    ),
    max_size=4,
)


def to_node(spec: tuple, counter: list[int]) -> NewNode:  # type: ignore[type-arg]
    status, due, priority, who, done_ago, kids = spec
    counter[0] += 1
    done = NOW - timedelta(days=done_ago, hours=counter[0] % 7)
    return NewNode(
        title=f"t{counter[0]}",
        status=status,
        due=due,
        priority=priority,
        assignee=who or "",
        done_at=done if status is not Status.ACTIVE else None,
        deleted_at=NOW if status is Status.DELETED else None,
        children=[to_node(k, counter) for k in kids],
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new plan with its people, made once and copied for each example."""
    path = tmp_path_factory.mktemp("template") / "plan.sqlite3"
    service = open_plan(path, create=True, clock=FakeClock(NOW))
    for name in PEOPLE:
        PeopleService(service.store).add_person(name)
    service.store.close()
    return path


@pytest.fixture
def fresh_plan(template: Path) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp())
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def apply_step(service: PlanService, step: tuple[str, int, int]) -> object:
    """One change (maybe refused), returning its outcome (None when refused)."""
    kind, a, b = step
    items = [r for r in service.all_items() if r.kind is Kind.ITEM]
    if not items:
        return None
    one, other = items[a % len(items)], service.all_items()[b % len(service.all_items())]
    try:
        if kind == "done":
            return service.mark_done([one.id])
        if kind == "undone":
            return service.mark_undone([one.id])
        if kind == "delete":
            return service.delete([one.id])
        if kind == "restore":
            return service.restore([one.id])
        if kind == "move":
            return service.move([one.id], other.id)
        if kind == "due":
            return service.edit(one.id, due=TODAY + timedelta(days=b % 30 - 15))
        if kind == "high":
            return service.edit(one.id, priority=Priority.HIGH)
        people = PeopleService(service.store)
        return people.assign([one.id], people.people()[b % len(PEOPLE)].id)
    except PlannerError:
        return None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=groups, changes=steps, shift=st.integers(min_value=-3, max_value=3))
def test_every_view_is_what_a_brute_force_reading_finds(
    template: Path,
    fresh_plan: Path,
    plan: list,  # type: ignore[type-arg]
    changes: list[tuple[str, int, int]],
    shift: int,
) -> None:
    path = fresh_plan / f"plan-{len(list(fresh_plan.iterdir()))}.sqlite3"
    shutil.copyfile(template, path)
    service = open_plan(path, clock=FakeClock(NOW))
    try:
        counter = [0]
        for deleted, due, kids in plan:
            group = NewNode(f"g{counter[0]}", kind=Kind.GROUP, due=due, priority=Priority.HIGH)
            group.children = [to_node(k, counter) for k in kids]
            if deleted:
                group.status, group.deleted_at = Status.DELETED, NOW
            service.add_trees(None, [group])
        today = TODAY + timedelta(days=shift)
        check_everything(service, today, tree=None)
        for change in changes:
            outcome = apply_step(service, change)
            # The window's links, read afresh (as the model does after a change).
            check_everything(service, today, tree=TreeQueries(service.store).rollup())
            if outcome is not None:
                service.apply(outcome.inverse)  # type: ignore[attr-defined]
                check_everything(service, today, tree=None)
    finally:
        service.store.close()


# -- pages, links that do not know an item yet, refusals -------------------------------------


def test_a_page_is_a_slice_of_the_whole_view(service: PlanService) -> None:
    first = service.first_group()
    assert first is not None
    for k in range(12):
        service.create_item(first.id, f"late {k}", due=TODAY - timedelta(days=k % 4 + 1))
    agenda = AgendaService(service.store)
    whole = [r.record.id for r in agenda.view(ag.View.OVERDUE, TODAY).rows]
    pages = [agenda.view(ag.View.OVERDUE, TODAY, offset=k, limit=5) for k in (0, 5, 10)]
    assert [r.record.id for page in pages for r in page.rows] == whole
    assert {page.total for page in pages} == {12}
    assert agenda.view(ag.View.OVERDUE, TODAY, offset=40, limit=5).rows == []


def test_links_that_do_not_know_an_item_yet_ask_the_plan(service: PlanService) -> None:
    first = service.first_group()
    assert first is not None
    goal = service.create_item(first.id, "Goal", due=TODAY).ids[0]
    tree: Rollup = TreeQueries(service.store).rollup()
    # Made after the links were read (by another program, say): the links do not know them.
    task = service.create_item(goal, "Task", due=TODAY).ids[0]
    hidden = service.create_item(goal, "Hidden", due=TODAY).ids[0]
    service.mark_done([hidden])
    agenda = AgendaService(service.store)
    today = agenda.view(ag.View.TODAY, TODAY, tree=tree)
    assert [(r.record.id, r.path) for r in today.rows] == [
        (goal, ("Goals",)),
        (task, ("Goals", "Goal")),
    ]
    assert agenda.counts(TODAY, tree=tree).today == 2
    assert [r.record.id for r in agenda.view(ag.View.LOGBOOK, TODAY, tree=tree).rows] == [hidden]


@pytest.mark.parametrize(
    ("view", "kwargs", "message"),
    [
        (ag.View.ASSIGNED, {}, "the assigned view needs a person"),
        (ag.View.TODAY, {"days": 3}, "Only the upcoming and logbook views cover"),
        (ag.View.UPCOMING, {"days": 0}, "must be from 1 to 366"),
        (ag.View.LOGBOOK, {"days": 367}, "must be from 1 to 366"),
        (ag.View.TODAY, {"offset": -1}, "cannot start or end before its first row"),
        (ag.View.ASSIGNED, {"person_id": 99}, "There is no person with id 99."),
    ],
)
def test_refusals(service: PlanService, view: ag.View, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(PlannerError) as refused:
        AgendaService(service.store).view(view, TODAY, **kwargs)
    assert message in str(refused.value)
    assert isinstance(refused.value, InvalidInput) or "person" in message


def test_the_logbook_holds_the_past_turns_of_repeating_items(
    service: PlanService, clock: FakeClock
) -> None:
    first = service.first_group()
    assert first is not None
    today = clock().astimezone().date()
    run = service.create_item(first.id, "Run", due=today).ids[0]
    read = service.create_item(first.id, "Read").ids[0]
    RepeatService(service.store, clock).set_repeat(run, "daily")
    people = PeopleService(service.store)
    people.add_person("Ana")
    ana = people.people()[0].id
    people.assign([run], ana)
    service.mark_done([run])
    clock.advance(minutes=5)
    service.mark_done([read])
    clock.advance(minutes=5)
    service.mark_done([run])
    assert service.get(run).status is Status.ACTIVE  # it came back twice

    agenda = AgendaService(service.store)
    logbook = agenda.view(ag.View.LOGBOOK, today)
    shown = [(r.record.id, r.record.status, bool(r.turn)) for r in logbook.rows]
    assert shown == [(run, Status.DONE, True), (read, Status.DONE, False), (run, Status.DONE, True)]
    # Newest first, each turn with the due date it had.
    assert [logbook.rows[0].record.due, logbook.rows[2].record.due] == [today + timedelta(1), today]
    assert [s.heading for s in logbook.sections] == ["Done today"]
    assert logbook.rows[0].countdown == "Done 1 day early"
    assert agenda.counts(today).done_today == 3
    anas = agenda.view(ag.View.LOGBOOK, today, person_id=ana)
    assert [(r.record.id, bool(r.turn)) for r in anas.rows] == [(run, True), (run, True)]
    pages = [agenda.view(ag.View.LOGBOOK, today, offset=k, limit=2) for k in (0, 2)]
    assert [r.turn for p in pages for r in p.rows] == [r.turn for r in logbook.rows]

    service.delete([run])  # a deleted item's turns leave with it
    assert [r.record.id for r in agenda.view(ag.View.LOGBOOK, today).rows] == [read]
    assert agenda.counts(today).done_today == 1
