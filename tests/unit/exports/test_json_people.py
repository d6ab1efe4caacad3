"""JSON version 3 carries people (by name), assignees, metrics, check-ins, journal, why
and examples: a round trip through a file gives the same plan; versions 1 and 2 still read;
bad parts are refused by where they are, and nothing is added."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.app import open_plan
from planner.domain.errors import InvalidInput
from planner.exports import json_format
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from tests.helpers.clock import FakeClock


def build(service: PlanService) -> None:
    people = PeopleService(service.store)
    metrics = MetricService(service.store, service.clock)
    ana = people.add_person("Ana", "ana@example.org", "Coach").people[0]
    people.add_person("Nobody's")  # listed though nothing is assigned to them
    group = service.create_group("Health").ids[0]
    run = service.create_item(group, "Run", due=date(2027, 3, 1)).ids[0]
    week = service.create_item(run, "Week 1").ids[0]
    people.assign([run, week], ana)
    metrics.set_metric(run, name="Distance", unit="km", baseline="10", target="42.5", stretch="50")
    metrics.add_checkin(run, "12.25", date(2026, 11, 1))
    metrics.add_checkin(run, "0.1", date(2026, 11, 8))
    metrics.add_journal(run, "Slow start.\nKnee hurts.", date(2026, 11, 2))
    metrics.add_journal(run, "Better", date(2026, 11, 9))
    service.edit(run, why="Health", examples="Three runs a week")
    metrics.set_metric(week, name="Screen", unit="h", baseline="5", target="2", direction="at_most")


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The document without export time and ids (a new plan gives new ids)."""
    text = json.dumps(document)
    data = json.loads(text)
    data.pop("exported_at")
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            node.pop("id", None)
            node.pop("created", None) if "title" in node or "name" in node else None
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return data


def test_round_trip_gives_the_same_plan(
    service: PlanService, tmp_path: Path, clock: FakeClock
) -> None:
    build(service)
    document = json_format.export_document(service)
    assert document["version"] == json_format.VERSION == 4
    assert [p["name"] for p in document["people"]] == ["Ana", "Nobody's"]
    run = document["groups"][1]["items"][0]
    assert run["assignee"] == "Ana"
    assert run["metric"] == {
        "name": "Distance",
        "unit": "km",
        "baseline": "10",
        "target": "42.5",
        "stretch": "50",
        "direction": "increase",
        "current": "0.1",
    }
    assert run["checkins"] == [
        {"date": "2026-11-01", "value": "12.25"},
        {"date": "2026-11-08", "value": "0.1"},
    ]
    assert [e["text"] for e in run["journal"]] == ["Better", "Slow start.\nKnee hurts."]
    text = json_format.dumps(document)
    file = tmp_path / "export.json"
    file.write_text(text, encoding="utf-8")

    other = open_plan(tmp_path / "other.sqlite3", create=True, clock=clock)
    try:
        kind, nodes, _currency, people = json_format.read(file.read_text(encoding="utf-8"))
        other.purge([g.id for g in other.children(None)])
        other.add_trees(None, nodes, people)
        again = json_format.export_document(other)
        assert comparable(again) == comparable(document)
        # Importing once more matches the people by name: no second Ana.
        other.add_trees(None, nodes, people)
        assert [p.name for p in PeopleService(other.store).people()] == ["Ana", "Nobody's"]
    finally:
        other.store.close()


def test_one_item_lists_only_its_people(service: PlanService) -> None:
    build(service)
    run = next(r for r in service.all_items() if r.title == "Run")
    document = json_format.export_document(service, run.id)
    assert document["people"] == [{"name": "Ana", "email": "ana@example.org", "note": "Coach"}]


def test_an_unknown_assignee_becomes_a_new_person(service: PlanService) -> None:
    text = json.dumps(
        {
            "format": "planner",
            "version": 3,
            "item": {
                "title": "Paint",
                "assignee": "  Zoë  ",
                "children": [{"title": "Buy paint", "assignee": "ZOË"}],
            },
        }
    )
    _kind, nodes, _currency, people = json_format.read(text)
    group = service.first_group()
    assert group is not None
    outcome = service.add_trees(group.id, nodes, people)
    people = PeopleService(service.store).people()
    assert [p.name for p in people] == ["Zoë"]
    paint = service.get(outcome.ids[0])
    assert paint.assignee_id == people[0].id
    assert service.subtree(paint.id)[1].assignee_id == people[0].id


def test_versions_1_and_2_still_read(service: PlanService) -> None:
    for version in (1, 2):
        text = json.dumps(
            {"format": "planner", "version": version, "item": {"title": f"Old {version}"}}
        )
        _kind, nodes, _currency, people = json_format.read(text)
        assert people == []
        group = service.first_group()
        assert group is not None
        record = service.get(service.add_trees(group.id, nodes).ids[0])
        assert (record.title, record.assignee_id, record.why) == (f"Old {version}", None, "")


@pytest.mark.parametrize(
    ("item", "pattern"),
    [
        (
            {"metric": {"name": "D", "baseline": "1", "target": "1", "direction": "increase"}},
            r"item: To increase, the target \(1\)",
        ),
        (
            {"metric": {"name": "D", "baseline": "1", "target": "NaN", "direction": "increase"}},
            "item: The target: 'NaN' is not a number",
        ),
        ({"metric": {"name": "D", "baseline": "1", "target": "2"}}, "direction is missing"),
        ({"metric": "fast"}, "metric: expected an object"),
        ({"checkins": [{"date": "2026-01-01", "value": "1"}]}, "checkins without a metric"),
        (
            {
                "metric": {"name": "D", "baseline": "1", "target": "2", "direction": "increase"},
                "checkins": [{"date": "2026-02-30", "value": "1"}],
            },
            r"checkins\[0\]: date",
        ),
        ({"journal": [{"date": "2026-01-01", "text": ""}]}, r"journal\[0\]: A journal entry"),
        ({"assignee": ""}, "item: A person needs a name"),
        ({"assignee": 5}, "item: A person's name must be text"),
        ({"why": 3}, "item: why must be text"),
    ],
)
def test_bad_parts_are_refused(service: PlanService, item: dict[str, Any], pattern: str) -> None:
    text = json.dumps({"format": "planner", "version": 3, "item": {"title": "T"} | item})
    with pytest.raises(InvalidInput, match=pattern):
        json_format.loads(text)


@pytest.mark.parametrize(
    ("people", "pattern"),
    [
        ("Ana", "people: expected a list"),
        ([{"name": ""}], r"people\[0\]: A person needs a name"),
        ([{"name": "A", "email": "nope"}], r"people\[0\]: 'nope' is not an email"),
        ([{"name": "A"}, {"name": "a"}], r"people\[1\]: 'a' is listed twice"),
    ],
)
def test_bad_people_lists(people: Any, pattern: str) -> None:
    text = json.dumps({"format": "planner", "version": 3, "people": people, "groups": []})
    with pytest.raises(InvalidInput, match=pattern):
        json_format.read(text)
