"""Quick add against a real plan file: the item made with every part in one change (its
undo removes it all, its redo brings it all back), the place and the person found by name,
the currency checked, and every refusal leaving the plan as it was."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from planner.domain.costs import LineKind
from planner.domain.errors import InvalidInput, PlannerError
from planner.domain.items import Priority, Status
from planner.exports.json_format import export_document
from planner.services.costs import CostService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.quick_add import QuickAddService, QuickDefaults

TODAY = date(2026, 11, 22)  # the clock fixture's day, a Sunday


@pytest.fixture
def plan(service: PlanService) -> dict[str, int]:
    """Goals (first group), Health › Run a marathon › Training, Work › Health (a goal),
    Archive (deleted group) › Old; Ana Silva, Ana Costa, Bo."""
    ids: dict[str, int] = {}
    first = service.first_group()
    assert first is not None
    ids["Goals"] = first.id
    ids["Health"] = service.create_group("Health").ids[0]
    ids["Marathon"] = service.create_item(ids["Health"], "Run a marathon").ids[0]
    ids["Training"] = service.create_item(ids["Marathon"], "Training").ids[0]
    ids["Work"] = service.create_group("Work").ids[0]
    ids["Work Health"] = service.create_item(ids["Work"], "Health").ids[0]
    ids["Archive"] = service.create_group("Archive").ids[0]
    ids["Old"] = service.create_item(ids["Archive"], "Old").ids[0]
    service.delete([ids["Archive"]])
    people = PeopleService(service.store)
    for name in ("Ana Silva", "Ana Costa", "Bo"):
        ids[name] = people.add_person(name).people[0]
    CostService(service.store).set_currency("EUR")
    return ids


def snapshot(service: PlanService) -> dict[str, Any]:
    document = export_document(service)
    document.pop("exported_at")
    return document


def test_one_line_makes_the_item_with_every_part(
    service: PlanService, plan: dict[str, int]
) -> None:
    quick = QuickAddService(service)
    outcome = quick.add("Buy running shoes fri !high @Bo €129.99 #Run_a_marathon")
    item = service.get(outcome.ids[0])
    assert item.title == "Buy running shoes"
    assert item.parent_id == plan["Marathon"]
    assert item.due == date(2026, 11, 27)  # the Friday after Sunday the 22nd
    assert item.priority is Priority.HIGH
    assert item.assignee_id == plan["Bo"]
    assert item.calc_on
    [line] = CostService(service.store).lines(item.id)
    assert (line.description, line.quantity, line.unit_price, line.kind) == (
        "Buy running shoes",
        Decimal(1),
        Decimal("129.99"),
        LineKind.EXPENSE,
    )


def test_its_undo_removes_it_all_at_once_and_its_redo_brings_it_back(
    service: PlanService, plan: dict[str, int]
) -> None:
    before = snapshot(service)
    outcome = QuickAddService(service).add("Shoes tomorrow !low @Bo €80 #Run_a_marathon")
    made = snapshot(service)
    assert made != before
    # One change: its inverse is one change, applied in one transaction.
    back = service.apply(outcome.inverse)
    assert snapshot(service) == before
    service.apply(back.inverse)
    assert snapshot(service) == made
    assert CostService(service.store).lines(outcome.ids[0])[0].unit_price == Decimal(80)


def test_without_parts_it_is_a_plain_new_item(service: PlanService, plan: dict[str, int]) -> None:
    quick = QuickAddService(service)
    goal = service.get(quick.add("Stretch", plan["Health"]).ids[0])
    assert goal.parent_id == plan["Health"]
    assert goal.due == TODAY + timedelta(days=30)  # as any new goal
    assert (goal.priority, goal.assignee_id, goal.calc_on) == (Priority.NONE, None, False)
    service.edit(plan["Marathon"], due=date(2027, 4, 5))
    task = service.get(quick.add("Buy gels", plan["Marathon"]).ids[0])
    assert task.due == date(2027, 4, 5)  # its parent's
    first = service.get(quick.add("Anything").ids[0])
    assert first.parent_id == plan["Goals"]  # no place at all: the first group


@pytest.mark.parametrize(
    ("place", "where"),
    [
        ("#Run_a_marathon", "Marathon"),
        ("#run_A_MARATHON", "Marathon"),
        ("#Health/Run_a_marathon", "Marathon"),
        ("#Run_a_marathon/Training", "Training"),
        ("#Work/Health", "Work Health"),
        ("#Goals", "Goals"),
    ],
)
def test_the_place_is_found_by_its_title_or_path(
    service: PlanService, plan: dict[str, int], place: str, where: str
) -> None:
    item = service.get(QuickAddService(service).add(f"Task {place}").ids[0])
    assert item.parent_id == plan[where]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "Task #Health",
            "'#Health' could be 'Health', 'Work › Health'; write more of its path, as #Group/Goal.",
        ),
        (
            "Task #Nowhere",
            "Nothing open in the plan is called '#Nowhere': no group, goal or task. "
            "Write \\#Nowhere to keep it in the title.",
        ),
        ("Task #Old", "Nothing open in the plan is called '#Old'"),  # deleted with its group
        ("Task #Archive", "Nothing open in the plan is called '#Archive'"),
        ("Task #Marathon/Training", "Nothing open in the plan is called"),  # not its path
        (
            "Task @Ana",
            "'@Ana' could be 'Ana Costa', 'Ana Silva'; write more of the name, as @Ana_Silva.",
        ),
        (
            "Task @Anna",
            "Nobody in the plan is called 'Anna'; add them to the people first, or write "
            "\\@Anna to keep it in the title.",
        ),
        ("Task $5", "The plan counts in EUR; '$' is another currency."),
        ("Task 5CHF", "The plan counts in EUR; 'CHF' is another currency."),
        ("Task €5000000000000", "can be at most"),
        ("Task !urgent", "'!urgent' is not a priority"),
        ("x" * 501, "at most 500 characters"),
    ],
)
def test_refused_with_what_is_wrong_and_nothing_changed(
    service: PlanService, plan: dict[str, int], line: str, message: str
) -> None:
    before = snapshot(service)
    with pytest.raises(InvalidInput) as refused:
        QuickAddService(service).add(line)
    assert message in str(refused.value)
    assert snapshot(service) == before


@pytest.mark.parametrize(
    ("typed", "who"),
    [("@Bo", "Bo"), ("@bo", "Bo"), ("@Ana_Silva", "Ana Silva"), ("@ana_c", "Ana Costa")],
)
def test_the_person_by_whole_name_first_name_or_its_start(
    service: PlanService, plan: dict[str, int], typed: str, who: str
) -> None:
    item = service.get(QuickAddService(service).add(f"Call {typed}").ids[0])
    assert item.assignee_id == plan[who]


def test_a_done_goal_is_no_place_to_add_to(service: PlanService, plan: dict[str, int]) -> None:
    service.mark_done([plan["Marathon"]])
    with pytest.raises(InvalidInput, match="Nothing open in the plan is called '#Training'"):
        QuickAddService(service).add("Task #Training")


def test_the_currency_may_be_written_as_its_code_or_its_sign(
    service: PlanService, plan: dict[str, int]
) -> None:
    quick = QuickAddService(service)
    for word in ("€12", "12€", "EUR12"):
        assert service.get(quick.add(f"Thing {word}").ids[0]).calc_on
    CostService(service.store).set_currency("BRL")
    assert service.get(quick.add("Coisa R$12").ids[0]).calc_on
    CostService(service.store).set_currency("USD")
    assert service.get(quick.add("Thing $12").ids[0]).calc_on


def test_reading_looks_nothing_up(service: PlanService, plan: dict[str, int]) -> None:
    entry = QuickAddService(service).read("Task fri @Nobody #Nowhere")
    assert (entry.title, entry.due, entry.assignee, entry.parent) == (
        "Task",
        date(2026, 11, 27),
        "Nobody",
        ("Nowhere",),
    )
    assert service.get(plan["Goals"]).status is Status.ACTIVE


def test_a_views_defaults_fill_what_the_line_leaves_out(
    service: PlanService, plan: dict[str, int]
) -> None:
    """Typed in a view: its due date, priority and person unless the line gives its own;
    No due date's `undated` makes an item with no date (not the parent's, or 30 days)."""
    quick = QuickAddService(service)

    def made(line: str, defaults: QuickDefaults) -> Any:
        entry = quick.read(line, TODAY)
        return service.get(quick.make(quick.resolve(entry, None, defaults)).ids[0])

    bo = plan["Bo"]
    given = QuickDefaults(due=TODAY, priority=Priority.HIGH, person_id=bo)
    item = made("Call the plumber", given)
    assert (item.due, item.priority, item.assignee_id) == (TODAY, Priority.HIGH, bo)
    item = made("Call the plumber tomorrow !low @Ana_Silva", given)
    assert item.due == TODAY + timedelta(days=1) and item.priority is Priority.LOW
    assert item.assignee_id == plan["Ana Silva"]
    assert made("Sort photos #Run_a_marathon", QuickDefaults(undated=True)).due is None
    assert made("Sort photos fri", QuickDefaults(undated=True)).due == date(2026, 11, 27)
    assert made("Sort photos #Run_a_marathon", QuickDefaults()).due is not None


def test_a_views_person_removed_meanwhile_is_refused(
    service: PlanService, plan: dict[str, int]
) -> None:
    quick = QuickAddService(service)
    PeopleService(service.store).remove_person(plan["Bo"])
    before = snapshot(service)
    with pytest.raises(PlannerError, match="There is no person"):
        quick.resolve(quick.read("Send it", TODAY), None, QuickDefaults(person_id=plan["Bo"]))
    assert snapshot(service) == before
