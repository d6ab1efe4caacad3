"""Hostile input everywhere a user's text gets in: titles, notes, dates, priorities, cost
values and JSON imports, with random Unicode, control characters, right-to-left marks,
emoji, lone surrogates, 10 MB strings and nesting 10,000 deep. Each is either refused with
a clear message (an InvalidInput or Refused, the plan unchanged) or taken correctly (read
back as cleaned) — never a traceback, never half a change."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.app import open_plan
from planner.domain.errors import InvalidInput, PlannerError
from planner.domain.money import parse_price, parse_quantity
from planner.domain.validation import clean_notes, clean_title, parse_date, parse_priority
from planner.exports import json_format
from planner.services.costs import CostService
from planner.services.plan import PlanService
from tests.conftest import FakeClock

NASTY = [
    "\u202eevil\u202c",  # right-to-left override
    "שלום עולם",
    "مرحبا",
    "👩‍👩‍👧‍👦🏳️‍🌈",  # zero-width joiner sequences
    "e\u0301\u0301\u0301",  # stacked combining marks
    "\x00",
    "\x1b[31mred\x1b[0m",
    "\r\n\t\x0b\x0c\x85\u2028\u2029",
    "\ud800",  # a lone surrogate (what a command line gives for bytes not in UTF-8)
    "\udcff\udcfe",
    "\ufeff",
    "'; DROP TABLE items; --",
    "%_\\",
    "﷽",
    "\U0010ffff",
]

any_char = st.characters(exclude_categories=())  # surrogates and control characters too
hostile_text = st.one_of(
    st.text(any_char, max_size=60),
    st.lists(st.sampled_from(NASTY), max_size=6).map("".join),
    st.tuples(st.text(any_char, max_size=10), st.sampled_from(NASTY)).map("".join),
)
FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlanService]:
    path = tmp_path_factory.mktemp("hostile") / "plan.sqlite3"
    service = open_plan(path, create=True, clock=FakeClock(datetime(2026, 1, 1, tzinfo=UTC)))
    yield service
    service.store.close()


def snapshot(service: PlanService) -> str:
    document = json_format.export_document(service)
    document.pop("exported_at")
    return json.dumps(document, sort_keys=True)


def refused_or_correct(service: PlanService, change: Callable[[], Any]) -> Any:
    """Run a change: a PlannerError must leave the plan as it was; anything else that is
    raised is a bug and fails the test."""
    before = snapshot(service)
    try:
        return change()
    except PlannerError as e:
        assert str(e), "a refusal says why"
        assert snapshot(service) == before, "a refused change left something behind"
        return e


@FAST
@given(title=hostile_text, notes=hostile_text)
def test_titles_and_notes(plan: PlanService, title: str, notes: str) -> None:
    group = plan.first_group()
    assert group is not None
    outcome = refused_or_correct(plan, lambda: plan.create_item(group.id, title, notes=notes))
    if isinstance(outcome, PlannerError):
        with pytest.raises(InvalidInput):
            clean_title(title)
        return
    record = plan.get(outcome.ids[0])
    assert record.title == clean_title(title)
    assert record.notes == clean_notes(notes)
    # An edit with the same text, and a group named with it, behave the same.
    edited = refused_or_correct(plan, lambda: plan.edit(record.id, title=notes or "x"))
    if not isinstance(edited, PlannerError):
        assert plan.get(record.id).title == clean_title(notes or "x")
    plan.purge([record.id])


@FAST
@given(text=hostile_text)
def test_dates_priorities_and_amounts(text: str) -> None:
    for parse in (parse_date, parse_priority, parse_quantity, parse_price):
        try:
            parse(text)
        except InvalidInput as e:
            assert str(e)


@FAST
@given(text=hostile_text)
def test_cost_line_text(plan: PlanService, text: str) -> None:
    group = plan.first_group()
    assert group is not None
    item = plan.create_item(group.id, "Costs").ids[0]
    costs = CostService(plan.store)
    refused_or_correct(plan, lambda: costs.add_line(item, text, "1", "2"))
    refused_or_correct(plan, lambda: costs.add_line(item, "Tiles", text, "2"))
    refused_or_correct(plan, lambda: costs.add_line(item, "Tiles", "1", text))
    plan.purge([item])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "title",
                    "name",
                    "items",
                    "children",
                    "status",
                    "due",
                    "notes",
                    "format",
                    "version",
                    "groups",
                    "item",
                    "lines",
                    "priority",
                    "created",
                    "done_at",
                ]
            )
            | hostile_text,
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@FAST
@given(value=json_values, wrap=st.booleans())
def test_json_import_of_random_documents(plan: PlanService, value: Any, wrap: bool) -> None:
    if wrap:  # past the first check, into the item parser
        value = {
            "format": "planner",
            "version": 2,
            "groups": value if isinstance(value, list) else [value],
        }
    text = json.dumps(value, ensure_ascii=False)
    try:
        kind, nodes = json_format.loads(text)
    except InvalidInput as e:
        assert str(e)
        return
    refused_or_correct(
        plan, lambda: plan.add_trees(None if kind == "groups" else plan.first_group().id, nodes)
    )  # type: ignore[union-attr]


@FAST
@given(text=hostile_text)
def test_json_import_of_random_text(text: str) -> None:
    try:
        json_format.loads(text)
    except InvalidInput as e:
        assert str(e)


# -- big and deep --------------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024


def test_ten_megabyte_title_and_notes_are_refused(plan: PlanService) -> None:
    group = plan.first_group()
    assert group is not None
    huge = "é" * TEN_MB
    for change in (
        lambda: plan.create_item(group.id, huge),
        lambda: plan.create_item(group.id, "Ok", notes=huge),
        lambda: plan.create_group(huge),
    ):
        outcome = refused_or_correct(plan, change)
        assert isinstance(outcome, InvalidInput)
        assert "at most" in str(outcome)


def test_ten_megabyte_json_string_is_refused_whole(plan: PlanService) -> None:
    # The first item is fine, the second is not: nothing of the import is added.
    items = [{"title": "Fine"}, {"title": "x" * TEN_MB}]
    text = json.dumps(
        {"format": "planner", "version": 2, "groups": [{"name": "G", "items": items}]}
    )
    try:
        kind, nodes = json_format.loads(text)
    except InvalidInput:
        return
    outcome = refused_or_correct(plan, lambda: plan.add_trees(None, nodes))
    assert isinstance(outcome, InvalidInput) and "at most" in str(outcome)


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_brackets_ten_thousand_deep_are_refused(opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = opener * 10_000 + "1" + closer * 10_000
    with pytest.raises(InvalidInput):
        json_format.loads(text)


def test_a_plan_ten_thousand_levels_deep_imports_whole(plan: PlanService) -> None:
    item: dict[str, Any] = {"title": "Level 10000"}
    for level in range(9_999, 0, -1):
        item = {"title": f"Level {level}", "children": [item]}
    text = json_format.to_json({"format": "planner", "version": 2, "item": item})
    kind, nodes = json_format.loads(text)
    group = plan.first_group()
    assert group is not None
    root = plan.add_trees(group.id, nodes).ids[0]
    below = plan.subtree(root)
    assert len(below) == 10_000
    assert below[-1].title == "Level 10000"
    assert len(plan.path(below[-1].id)) == 10_000  # the group and 9,999 items above it
    assert plan.check() == []
    plan.purge([root])


def test_dates_in_digits_of_any_script_are_read_as_such() -> None:
    from datetime import date

    assert parse_date("٢٠٢٦-١٢-٠١") == date(2026, 12, 1)  # Arabic-Indic
    assert parse_date("२०२६-०१-३१") == date(2026, 1, 31)  # Devanagari
    with pytest.raises(InvalidInput, match="not a date"):
        parse_date("²⁰²⁶-01-01")  # superscripts are not decimal digits
