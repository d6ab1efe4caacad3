"""People and assignees on the services, on a real plan file: adding, editing, removing
(items become unassigned, and come back on undo), assigning, one person's items with their
counts; bad input refused with a clear message and the plan unchanged."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.app import open_plan
from planner.domain import changes as ch
from planner.domain.errors import InvalidInput, NotFound, PlannerError, Refused
from planner.exports.json_format import export_document
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.store import plan_file
from planner.store.plan_check import APPLICATION_ID
from tests.helpers.clock import FakeClock
from tests.helpers.migrations import plan_at

TODAY = date(2026, 11, 22)  # the local date of the `clock` fixture


@pytest.fixture
def people(service: PlanService) -> PeopleService:
    return PeopleService(service.store)


def snapshot(service: PlanService) -> dict[str, Any]:
    document = export_document(service)
    document.pop("exported_at")
    return document


def tree(service: PlanService) -> dict[str, int]:
    group = service.create_group("Health").ids[0]
    run = service.create_item(group, "Run", due=TODAY + timedelta(days=10)).ids[0]
    shoes = service.create_item(run, "Buy shoes", due=TODAY - timedelta(days=1)).ids[0]
    socks = service.create_item(run, "Buy socks").ids[0]
    old = service.create_item(run, "Old idea").ids[0]
    return {"group": group, "run": run, "shoes": shoes, "socks": socks, "old": old}


def refused(
    service: PlanService, action: Callable[[], object], error: type[PlannerError], pattern: str
) -> None:
    """The action fails with a message matching `pattern` and changes nothing."""
    before = snapshot(service)
    with pytest.raises(error, match=pattern):
        action()
    assert snapshot(service) == before


def round_trip(service: PlanService, outcome: ch.Outcome) -> None:
    """Undo, then redo: each lands exactly where the plan was."""
    after = snapshot(service)
    undone = service.apply(outcome.inverse)
    assert snapshot(service) != after
    service.apply(undone.inverse)
    assert snapshot(service) == after


def test_add_list_edit_remove(service: PlanService, people: PeopleService) -> None:
    ana = people.add_person("  Ana  ", "ana@example.org", "Runs fast").people[0]
    bob = people.add_person("bob").people[0]
    assert [(p.name, p.email, p.note) for p in people.people()] == [
        ("Ana", "ana@example.org", "Runs fast"),
        ("bob", "", ""),
    ]
    people.edit_person(bob, name="Bob", email="bob@example.com")
    assert people.person(bob).name == "Bob"
    assert people.person(bob).email == "bob@example.com"
    people.remove_person(ana)
    assert [p.name for p in people.people()] == ["Bob"]
    # Ids are never reused.
    assert people.add_person("Cy").people[0] > bob


@pytest.mark.parametrize(
    ("name", "email", "error", "pattern"),
    [
        ("", "", InvalidInput, "needs a name"),
        ("   \n ", "", InvalidInput, "needs a name"),
        ("ANA", "", Refused, "already a person named 'Ana'"),
        ("ＡＮＡ", "", Refused, "already a person named 'Ana'"),  # full-width letters
        ("Eve", "eve", InvalidInput, "'eve' is not an email address"),
        ("Eve", "eve@", InvalidInput, "not an email address"),
        ("Eve", "eve@example", InvalidInput, "not an email address"),
        ("Eve", "e ve@example.org", InvalidInput, "not an email address"),
        ("Eve", "eve@@example.org", InvalidInput, "not an email address"),
        ("x" * 201, "", InvalidInput, "at most 200"),
    ],
)
def test_bad_people_are_refused(
    service: PlanService,
    people: PeopleService,
    name: str,
    email: str,
    error: type[PlannerError],
    pattern: str,
) -> None:
    people.add_person("Ana")
    refused(service, lambda: people.add_person(name, email), error, pattern)


def test_edit_refuses_a_taken_name_and_a_bad_email(
    service: PlanService, people: PeopleService
) -> None:
    people.add_person("Ana")
    bob = people.add_person("Bob").people[0]
    refused(service, lambda: people.edit_person(bob, name="ana"), Refused, "already a person")
    refused(service, lambda: people.edit_person(bob, email="no"), InvalidInput, "email")
    refused(service, lambda: people.edit_person(99, name="Zed"), NotFound, "no person with id 99")
    refused(service, lambda: people.edit_person(bob), InvalidInput, "Nothing to change")
    # A person may change the case of their own name.
    people.edit_person(bob, name="BOB")
    assert people.person(bob).name == "BOB"


def test_assign_unassign_and_bad_assignments(service: PlanService, people: PeopleService) -> None:
    ids = tree(service)
    ana = people.add_person("Ana").people[0]
    outcome = people.assign([ids["run"], ids["shoes"]], ana)
    assert outcome.ids == (ids["run"], ids["shoes"])
    assert service.get(ids["run"]).assignee_id == ana
    round_trip(service, outcome)
    refused(service, lambda: people.assign([ids["group"]], ana), Refused, "groups have no assignee")
    refused(service, lambda: people.assign([ids["run"]], 77), NotFound, "no person with id 77")
    refused(
        service, lambda: people.assign([ids["socks"], 999], ana), NotFound, "no item with id 999"
    )
    refused(service, lambda: people.assign([], ana), InvalidInput, "No item")
    people.assign([ids["shoes"]], None)
    assert service.get(ids["shoes"]).assignee_id is None
    assert service.get(ids["run"]).assignee_id == ana


def test_undo_of_an_assignment_restores_each_old_assignee(
    service: PlanService, people: PeopleService
) -> None:
    ids = tree(service)
    ana = people.add_person("Ana").people[0]
    bob = people.add_person("Bob").people[0]
    people.assign([ids["run"]], ana)
    people.assign([ids["shoes"]], bob)
    before = snapshot(service)
    outcome = people.assign([ids["run"], ids["shoes"], ids["socks"]], bob)
    service.apply(outcome.inverse)
    assert snapshot(service) == before


def test_removing_a_person_unassigns_and_undo_brings_everything_back(
    service: PlanService, people: PeopleService
) -> None:
    ids = tree(service)
    ana = people.add_person("Ana", "ana@example.org", "note").people[0]
    people.assign([ids["run"], ids["shoes"], ids["old"]], ana)
    service.delete([ids["old"]])
    assert people.assigned_count(ana) == 3
    before = snapshot(service)
    outcome = people.remove_person(ana)
    assert sorted(outcome.ids) == sorted([ids["run"], ids["shoes"], ids["old"]])
    assert all(service.get(i).assignee_id is None for i in outcome.ids)
    assert people.people() == []
    redo = service.apply(outcome.inverse)
    assert snapshot(service) == before
    assert people.person(ana).email == "ana@example.org"  # the same id, the same fields
    service.apply(redo.inverse)
    assert people.people() == []


def test_assigned_view_lists_paths_and_counts(service: PlanService, people: PeopleService) -> None:
    ids = tree(service)
    ana = people.add_person("Ana").people[0]
    people.assign([ids["run"], ids["shoes"], ids["socks"], ids["old"]], ana)
    service.mark_done([ids["socks"]])
    service.delete([ids["old"]])
    view = people.assigned(ana, TODAY)
    assert [(e.record.title, e.path) for e in view.items] == [
        ("Run", ("Health",)),
        ("Buy shoes", ("Health", "Run")),
        ("Buy socks", ("Health", "Run")),
    ]
    assert (view.counts.active, view.counts.overdue, view.counts.done) == (2, 1, 1)
    # An item inside a deleted one is not listed either.
    service.delete([ids["run"]])
    assert people.assigned(ana, TODAY).items == ()


def test_purge_and_its_undo_keep_the_assignee(service: PlanService, people: PeopleService) -> None:
    ids = tree(service)
    ana = people.add_person("Ana").people[0]
    people.assign([ids["shoes"]], ana)
    before = snapshot(service)
    outcome = service.purge([ids["run"]])
    service.apply(outcome.inverse)
    assert snapshot(service) == before
    assert service.get(ids["shoes"]).assignee_id == ana


def test_purged_items_come_back_unassigned_when_their_person_is_gone(
    service: PlanService, people: PeopleService
) -> None:
    """Another program removed the person meanwhile: the undo still works."""
    ids = tree(service)
    ana = people.add_person("Ana").people[0]
    people.assign([ids["shoes"]], ana)
    outcome = service.purge([ids["shoes"]])
    people.remove_person(ana)
    service.apply(outcome.inverse)
    assert service.get(ids["shoes"]).assignee_id is None


def test_a_plan_from_0002_is_upgraded_keeping_items_and_ids(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The upgrade adds columns with ALTER TABLE: items, their ids and AUTOINCREMENT stay."""
    path = tmp_path / "old.sqlite3"
    plan_at(path, "0002")
    con = sqlite3.connect(path)
    with con:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(
            "INSERT INTO items (id, kind, parent_id, position, title, notes, created, priority, "
            "status) VALUES (1, 'group', NULL, 0, 'G', '', '2025-01-01T00:00:00+00:00', 0, "
            "'active'), (7, 'item', 1, 0, 'Old task', 'n', '2025-01-01T00:00:00+00:00', 2, "
            "'active')"
        )
        con.execute("DELETE FROM items WHERE id = 7")
        con.execute(
            "INSERT INTO items (id, kind, parent_id, position, title, notes, created, priority, "
            "status) VALUES (5, 'item', 1, 0, 'Kept', 'n', '2025-01-01T00:00:00+00:00', 2, "
            "'active')"
        )
    con.close()
    assert plan_file.inspect_plan(path) == "0002"
    service = open_plan(path, clock=clock)
    try:
        assert plan_file.inspect_plan(path) == plan_file.HEAD_REVISION
        kept = service.get(5)
        assert (kept.title, kept.assignee_id, kept.why, kept.examples) == ("Kept", None, "", "")
        people = PeopleService(service.store)
        ana = people.add_person("Ana").people[0]
        people.assign([5], ana)
        MetricService(service.store).set_metric(5, name="D", baseline="0", target="1")
        # Ids are never reused: AUTOINCREMENT survived the upgrade.
        assert service.create_item(1, "New").ids[0] == 8
        assert service.check() == []
    finally:
        service.store.close()


def test_add_and_assign_is_one_transaction(service: PlanService, people: PeopleService) -> None:
    ids = tree(service)
    added, assigned = people.add_and_assign("Ana", [ids["run"], ids["shoes"]])
    assert service.get(ids["shoes"]).assignee_id == added.people[0]
    before = snapshot(service)
    # A bad item: the new person is not added either.
    refused(service, lambda: people.add_and_assign("Bob", [999]), NotFound, "id 999")
    refused(service, lambda: people.add_and_assign("ana", [ids["run"]]), Refused, "already")
    assert snapshot(service) == before
    service.apply(assigned.inverse)
    service.apply(added.inverse)
    assert people.people() == []
