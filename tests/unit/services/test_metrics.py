"""Measurable targets on the services, on a real plan file: metric rules and progress
(beyond 100 %, below 0 %, limits), check-ins moving the current value, the journal newest
first, why and examples; every change's exact inverse; bad values refused by name with the
plan unchanged; purge and its undo keep them all."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

import pytest

from planner.domain import metrics as mt
from planner.domain.errors import InvalidInput, NotFound, PlannerError, Refused
from planner.exports.json_format import export_document
from planner.services.demo import build_demo
from planner.services.metrics import MetricService
from planner.services.plan import PlanService
from tests.helpers.clock import FakeClock

TODAY = date(2026, 11, 22)


@pytest.fixture
def metrics(service: PlanService) -> MetricService:
    return MetricService(service.store, service.clock)


@pytest.fixture
def goal(service: PlanService) -> int:
    group = service.create_group("Health").ids[0]
    return service.create_item(group, "Run").ids[0]


def snapshot(service: PlanService) -> dict[str, Any]:
    document = export_document(service)
    document.pop("exported_at")
    return document


def refused(service: PlanService, action: Any, error: type[PlannerError], pattern: str) -> None:
    before = snapshot(service)
    with pytest.raises(error, match=pattern):
        action()
    assert snapshot(service) == before


def distance(metrics: MetricService, goal: int, **more: Any) -> None:
    fields = {"name": "Distance", "unit": "km", "baseline": "10", "target": "42"} | more
    metrics.set_metric(goal, **fields)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("", "is required"),
        ("abc", "'abc' is not a number"),
        ("nan", "'nan' is not a number"),
        ("NaN", "not a number"),
        ("inf", "not a number"),
        ("-Infinity", "not a number"),
        ("1e400", "too large"),
        ("1" * 16, "too large"),
        ("0.0000001", "more than 6 decimal places"),
        ("1,5", "not a number"),
        ("12 km", "not a number"),
    ],
)
def test_bad_values(text: str, pattern: str) -> None:
    with pytest.raises(InvalidInput, match=pattern):
        mt.parse_value(text, "The target")


def test_good_values() -> None:
    assert mt.parse_value(" 12.50 ") == D("12.50")
    assert mt.parse_value("−3") == D(-3)  # a typographic minus
    assert mt.parse_value("1e3") == D(1000)
    assert mt.parse_value(0.1) == D("0.1")  # not 0.1000000000000000055…
    with pytest.raises(InvalidInput, match="finite"):
        mt.parse_value(float("nan"))


@pytest.mark.parametrize(
    ("fields", "pattern"),
    [
        ({"name": ""}, "needs a name"),
        ({"target": "10"}, "target equals the baseline"),
        ({"target": "10", "direction": "increase"}, "must be above the baseline"),
        (
            {"target": "5", "direction": "increase"},
            r"target \(5\) must be above the baseline \(10\)",
        ),
        ({"target": "42", "direction": "decrease"}, "must be below the baseline"),
        ({"stretch": "40"}, "must be above 42"),
        ({"target": "5", "stretch": "6"}, "must be below 5"),
        ({"direction": "sideways"}, "'sideways' is not a direction"),
        ({"baseline": "x"}, "The baseline: 'x' is not a number"),
        ({"unit": "u" * 51}, "at most 50"),
    ],
)
def test_bad_metrics_change_nothing(
    service: PlanService, metrics: MetricService, goal: int, fields: dict[str, str], pattern: str
) -> None:
    refused(service, lambda: distance(metrics, goal, **fields), InvalidInput, pattern)


def test_metrics_only_on_goals_and_tasks(
    service: PlanService, metrics: MetricService, goal: int
) -> None:
    group = service.get(goal).parent_id
    assert group is not None
    refused(service, lambda: distance(metrics, group), Refused, "is a group")
    refused(service, lambda: distance(metrics, 999), NotFound, "no item with id 999")
    refused(service, lambda: metrics.remove_metric(goal), Refused, "has no metric")
    refused(service, lambda: metrics.add_checkin(goal, "3"), Refused, "has no metric; set one")
    refused(service, lambda: metrics.add_journal(group, "x"), Refused, "is a group")


def test_progress_follows_the_latest_checkin(
    service: PlanService, metrics: MetricService, goal: int
) -> None:
    distance(metrics, goal)
    m = metrics.metric(goal)
    assert m is not None and m.direction is mt.Direction.INCREASE
    assert (m.current, m.progress, m.status_text()) == (None, 0, "0%")
    metrics.add_checkin(goal, "26", TODAY - timedelta(days=3))
    assert metrics.metric(goal).progress == D("0.5")  # type: ignore[union-attr]
    # A check-in dated earlier does not become the current value.
    metrics.add_checkin(goal, "50", TODAY - timedelta(days=5))
    assert metrics.metric(goal).current == D(26)  # type: ignore[union-attr]
    metrics.add_checkin(goal, "58", TODAY - timedelta(days=2))
    m = metrics.metric(goal)
    assert m is not None and m.status_text() == "150%"  # beyond 100 %
    metrics.add_checkin(goal, "2", TODAY)
    assert metrics.metric(goal).status_text() == "-25%"  # type: ignore[union-attr]  # Babel's minus
    assert [c.value for c in metrics.checkins(goal)] == [D(50), D(26), D(58), D(2)]
    # Removing the latest brings the one before it back.
    latest = metrics.checkins(goal)[-1].id
    metrics.remove_checkin(latest)
    assert metrics.metric(goal).current == D(58)  # type: ignore[union-attr]


def test_decrease_and_limits(service: PlanService, metrics: MetricService, goal: int) -> None:
    metrics.set_metric(goal, name="Weight", unit="kg", baseline="90", target="80")
    metrics.add_checkin(goal, "85")
    m = metrics.metric(goal)
    assert m is not None and m.direction is mt.Direction.DECREASE and m.progress == D("0.5")
    metrics.set_metric(goal, name="Screen", baseline="5", target="2", direction="at-most")
    m = metrics.metric(goal)
    # The check-ins stay when the metric changes.
    assert m is not None and m.current == D(85) and m.within is False
    assert (m.status_text(), m.limit_word, m.share) == ("Over the limit", "Over", 0.0)
    metrics.add_checkin(goal, "2", TODAY)
    m = metrics.metric(goal)
    assert m is not None and m.within is True and m.limit_word == "OK"
    metrics.set_metric(goal, name="Steps", baseline="0", target="2", direction="stay at least")
    assert metrics.metric(goal).within is True  # type: ignore[union-attr]
    # A limit may equal the baseline.
    metrics.set_metric(goal, name="Steps", baseline="2", target="2", direction="at_least")


def test_every_change_has_an_exact_inverse(
    service: PlanService, metrics: MetricService, goal: int
) -> None:
    steps = [
        lambda: metrics.set_metric(goal, name="D", baseline="1", target="2"),
        lambda: metrics.add_checkin(goal, "1.5", TODAY),
        lambda: metrics.set_metric(
            goal, name="E", unit="m", baseline="0", target="9", stretch="12"
        ),
        lambda: metrics.add_journal(goal, "First week done", TODAY),
        lambda: service.edit(goal, why="Health", examples="Three runs a week"),
        lambda: metrics.remove_checkin(metrics.checkins(goal)[0].id),
        lambda: metrics.remove_journal(metrics.journal(goal)[0].id),
        lambda: metrics.add_checkin(goal, "4", TODAY),
        lambda: metrics.remove_metric(goal),
    ]
    for step in steps:
        before = snapshot(service)
        outcome = step()
        after = snapshot(service)
        assert after != before
        undone = service.apply(outcome.inverse)
        assert snapshot(service) == before
        service.apply(undone.inverse)
        assert snapshot(service) == after


def test_removing_a_metric_takes_its_checkins_and_undo_brings_them_back(
    service: PlanService, metrics: MetricService, goal: int
) -> None:
    distance(metrics, goal)
    ids = [metrics.add_checkin(goal, v).entries[0] for v in ("12", "14")]
    outcome = metrics.remove_metric(goal)
    assert metrics.checkins(goal) == []
    service.apply(outcome.inverse)
    assert [c.id for c in metrics.checkins(goal)] == ids
    assert metrics.metric(goal).current == D(14)  # type: ignore[union-attr]


def test_journal_newest_first_and_bad_entries(
    service: PlanService, metrics: MetricService, goal: int
) -> None:
    metrics.add_journal(goal, "b", TODAY)
    metrics.add_journal(goal, "a", TODAY - timedelta(days=1))
    metrics.add_journal(goal, "c", TODAY)
    assert [e.text for e in metrics.journal(goal)] == ["c", "b", "a"]
    refused(service, lambda: metrics.add_journal(goal, "   "), InvalidInput, "needs some text")
    refused(service, lambda: metrics.remove_journal(999), NotFound, "no journal entry")
    refused(service, lambda: metrics.remove_checkin(999), NotFound, "no check-in")


def test_the_demos_journal_is_written_by_the_plans_clock(
    service: PlanService, metrics: MetricService, clock: FakeClock
) -> None:
    build_demo(service)
    written = [e for m in metrics.all_metrics() for e in metrics.journal(m)]
    assert [(e.day, e.created) for e in written] == [(TODAY - timedelta(days=3), clock())]


def test_purge_and_undo_keep_metric_checkins_journal(
    service: PlanService, metrics: MetricService, goal: int
) -> None:
    distance(metrics, goal, stretch="50")
    metrics.add_checkin(goal, "20")
    metrics.add_journal(goal, "Going well")
    service.edit(goal, why="Because", examples="Like this")
    before = snapshot(service)
    outcome = service.purge([goal])
    with pytest.raises(NotFound):
        metrics.metric(goal)
    service.apply(outcome.inverse)
    assert snapshot(service) == before


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_undo_to_the_start_and_redo_to_the_end(
    service: PlanService, metrics: MetricService, seed: int
) -> None:
    """People, assignments, metrics, check-ins, journal, why and purges in a random order;
    undoing all of them (newest first) gives the first plan back, redoing them the last."""
    import random

    from planner.services.people import PeopleService

    rng = random.Random(seed)
    people = PeopleService(service.store)
    group = service.create_group("G").ids[0]
    items = [service.create_item(group, f"Goal {i}").ids[0] for i in range(4)]
    items += [service.create_item(items[i % 4], f"Task {i}").ids[0] for i in range(4)]
    start = snapshot(service)
    done: list[Any] = []

    def live() -> list[int]:
        return [r.id for r in service.all_items() if not r.is_group]

    for _ in range(40):
        ids = live()
        everyone = [p.id for p in people.people()]
        choice = rng.randrange(9)
        try:
            if choice == 0 or not everyone:
                outcome = people.add_person(f"P{rng.randrange(1000)}", "p@example.org")
            elif choice == 1:
                outcome = people.assign(rng.sample(ids, k=min(3, len(ids))), rng.choice(everyone))
            elif choice == 2:
                outcome = people.remove_person(rng.choice(everyone))
            elif choice == 3:
                baseline = rng.randrange(10)
                outcome = metrics.set_metric(
                    rng.choice(ids), name="M", baseline=str(baseline), target=str(baseline + 5)
                )
            elif choice == 4:
                day = TODAY - timedelta(days=rng.randrange(0, 10))
                outcome = metrics.add_checkin(rng.choice(ids), str(rng.randrange(20)), day)
            elif choice == 5:
                outcome = metrics.add_journal(rng.choice(ids), f"entry {rng.randrange(99)}")
            elif choice == 6:
                outcome = service.edit(rng.choice(ids), why=f"why {rng.randrange(9)}")
            elif choice == 7 and len(ids) > 3:
                outcome = service.purge([rng.choice(ids)])
            else:
                with_metric = list(metrics.all_metrics())
                if not with_metric:
                    continue
                outcome = metrics.remove_metric(rng.choice(with_metric))
        except Refused:
            continue  # e.g. a check-in on an item without a metric
        done.append(outcome)
    end = snapshot(service)
    redo = []
    for outcome in reversed(done):
        redo.append(service.apply(outcome.inverse))
    assert snapshot(service) == start
    for outcome in reversed(redo):
        service.apply(outcome.inverse)
    assert snapshot(service) == end


def test_a_checkin_dated_after_today_is_refused(
    service: PlanService, metrics: MetricService, goal: int
) -> None:
    """A value not reached yet never becomes the current one."""
    distance(metrics, goal)
    refused(
        service,
        lambda: metrics.add_checkin(goal, "30", TODAY + timedelta(days=1)),
        InvalidInput,
        re.escape("A check-in cannot be dated after today (Nov 23, 2026)."),
    )
    metrics.add_checkin(goal, "30", TODAY)
    assert metrics.metric(goal).current == D(30)  # type: ignore[union-attr]
