"""The share card: what it holds (the subtree, nothing else), and its HTML parsed back."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import format_date

from planner.domain.errors import Refused
from planner.exports.card import Card, CardCheckIn, CardMetric, build_card, render_html
from planner.services.plan import PlanService
from tests.helpers.cards import PAYLOAD, action_plan


class Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(html)
    return parsed


def test_html_card_holds_the_subtree_and_nothing_else(
    service: PlanService, plan: dict[str, int], plan_path: Path
) -> None:
    card = build_card(service, plan["goal"], "My plan", locale="en_GB")
    html = render_html(card)
    parsed = parse(html)
    text = " ".join(parsed.text)
    assert "script" not in parsed.tags
    assert "<script>" not in html
    # The payload, in a title and in the notes, reads as the text it is.
    assert text.count(PAYLOAD) == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for title in ("Run a marathon", "Buy shoes", "Week 1", "Health", "My plan"):
        assert title in text
    for outside in ("Old idea", "Hidden child", "Sibling goal outside", "Far away goal"):
        assert outside not in html
    assert "Other group outside" not in html
    # No external resource: no URL at all, no file path, no id attribute.
    assert not re.search(r"(https?:|//[a-z]|file:|src=\"(?!data:))", html, re.I)
    assert str(plan_path.parent) not in html and "sqlite" not in html
    assert not any(name in {"id", "href", "src", "action"} for name, _ in parsed.attrs)
    csp = next(v for n, v in parsed.attrs if n == "content" and v and "script-src" in v)
    assert "script-src 'none'" in csp and "default-src 'none'" in csp
    assert "as of Sunday, 22 November 2026" in text  # the long date, as everywhere
    assert "€204.90" in text and "€139.90" in text and "€65.00" in text
    assert "1 of 3 subtasks done" in text


def test_card_fields(service: PlanService, plan: dict[str, int]) -> None:
    card = build_card(service, plan["goal"], "My plan", locale="en_US")
    assert card.made_on == format_date(service.today(), format="full", locale="en_US")
    assert card.path == ("Health",)
    assert card.kind == "Goal" and card.status == "Active"
    assert [(r.title, r.depth, r.done) for r in card.rows] == [
        (PAYLOAD, 1, False),
        ("Week 1", 2, False),
        ("Buy shoes", 1, True),
    ]
    assert card.progress == (1, 3)
    assert card.totals is not None
    assert (card.totals.expense, card.totals.expense_done) == ("€204.90", "€139.90")
    assert card.totals.expense_remaining == "€65.00" and not card.totals.income
    task = build_card(service, plan["week"], "My plan")
    assert task.kind == "Task" and task.path == ("Health", "Run a marathon", PAYLOAD)
    assert task.rows == () and task.progress is None and task.totals is None


def test_parts_not_used_are_left_out(service: PlanService) -> None:
    group = service.create_group("G").ids[0]
    bare = service.create_item(group, "Bare goal", due=None).ids[0]
    html = render_html(build_card(service, bare, "P"))
    for absent in ("NOTES", "COSTS", "SUBTASKS", "Progress", "DUE", "PRIORITY", "TARGET"):
        assert absent not in html


def test_optional_parts_show_when_given(service: PlanService, plan: dict[str, int]) -> None:
    import dataclasses

    card = build_card(service, plan["goal"], "P")
    metric = CardMetric("CSAT", "4.2", "4.7", "4.5", 60, check_ins=(CardCheckIn("1 Nov", "4.4"),))
    full: Card = dataclasses.replace(
        card, assignees=("Ana <x>",), metric=metric, why="Because", examples="Like this"
    )
    text = " ".join(parse(render_html(full)).text)
    for shown in ("Ana <x>", "CSAT", "4.7", "60%", "Because", "Like this", "4.4"):  # Babel's 60%
        assert shown in text


def test_deleted_items_and_groups_are_refused(service: PlanService, plan: dict[str, int]) -> None:
    with pytest.raises(Refused):
        build_card(service, plan["group"], "P")
    service.delete([plan["training"]])
    with pytest.raises(Refused, match="deleted"):
        build_card(service, plan["week"], "P")


def test_the_card_shows_assignee_metric_why_examples_and_images(
    service: PlanService, plan: dict[str, int], tmp_path: Path
) -> None:
    action_plan(service, plan["goal"], tmp_path)
    card = build_card(service, plan["goal"], "P")
    assert card.assignees == ("Ana Ng",)
    assert card.metric is not None
    assert (card.metric.name, card.metric.current, card.metric.percent) == ("CSAT", "4.45", 50)
    assert [c.value for c in card.metric.check_ins] == ["4.45", "4.3"]  # newest first
    assert card.examples == "Call back within a day"
    assert len(card.images) == 1 and card.images[0].mime == "image/png"
    html = render_html(card)
    parsed = parse(html)
    text = " ".join(parsed.text)
    for shown in ("Ana Ng", "CSAT", "4.45", "50%", "Customers stay " + PAYLOAD, "route.png"):
        assert shown in text, shown
    sources = [v for k, v in parsed.attrs if k == "src"]
    assert sources and all(v and v.startswith("data:image/png;base64,") for v in sources)
    assert "<script>" not in html
    assert str(tmp_path) not in html


def test_the_card_writes_dates_and_shares_as_the_window_does(
    service: PlanService, plan: dict[str, int], tmp_path: Path
) -> None:
    """One short and one long date, one percent: the window's (formats.py), in the card's
    locale."""
    action_plan(service, plan["goal"], tmp_path)
    card = build_card(service, plan["goal"], "P", locale="de_DE")
    assert card.made_on == "Sonntag, 22. November 2026"
    assert card.metric is not None
    assert card.metric.check_ins[0].day == "15. Nov. 2026"
    assert card.metric.percent_text == "50\xa0%"
    assert card.percent_text.endswith("\xa0%")
    english = build_card(service, plan["goal"], "P", locale="en_US")
    assert english.metric is not None and english.metric.percent_text == "50%"
    assert english.made_on == "Sunday, November 22, 2026"
