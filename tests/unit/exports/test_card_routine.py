"""The card of a repeating item carries its rule in words and its next dates; the card of a
habit its strip of the last 30 days and its streaks; a plan counting working days its
countdown in working days. Written to a real file (as `planner share` writes it) and
read back; the PDF's text read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pypdf

from planner.exports.card import build_card
from planner.exports.card_render import render_pdf
from planner.exports.share_files import make_share
from planner.services.habits import HabitService
from planner.services.plan import PlanService
from planner.services.repeats import RepeatService
from planner.services.workdays import WorkdayService
from tests.helpers.clock import FakeClock

TODAY = date(2026, 11, 22)  # the tests' clock's day, a Sunday


class Strip(HTMLParser):
    """The habit strip's cells ("kept", "missed", "free") and the text, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str]] = []  # (class, title)
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "td" and found.get("class") in ("kept", "missed", "free"):
            self.cells.append((str(found["class"]), str(found.get("title"))))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def written_card(service: PlanService, item_id: int, tmp_path: Path, plan_path: Path) -> Strip:
    target = tmp_path / "card.html"
    make_share(service, item_id, "html", target, False, plan_path)
    parsed = Strip()
    parsed.feed(target.read_text(encoding="utf-8"))
    return parsed


def words(parsed: Strip) -> str:
    return re.sub(r"\s+", " ", " ".join(parsed.text))


def a_goal(service: PlanService, due: date | None) -> int:
    group = service.create_group("Health").ids[0]
    return service.create_item(group, "Run", due=due).ids[0]


def test_card_of_a_repeating_item_has_its_rule_and_next_dates(
    service: PlanService, clock: FakeClock, tmp_path: Path, plan_path: Path
) -> None:
    goal = a_goal(service, date(2026, 11, 26))
    RepeatService(service.store, clock).set_repeat(goal, "every 2 weeks on mon,thu")
    text = words(written_card(service, goal, tmp_path, plan_path))
    assert "Every 2 weeks on Mon, Thu, from the due date" in text
    assert "Next due: Dec 7, 2026; then Dec 10, 2026, Dec 21, 2026, Dec 24, 2026" in text
    assert "Done 1 time" not in text  # no turn yet

    service.mark_done([goal])  # a turn: the card tells it
    RepeatService(service.store, clock).pause(goal)
    text = words(written_card(service, goal, tmp_path, plan_path))
    assert "Every 2 weeks on Mon, Thu, from the due date (paused)" in text
    assert "Next due" not in text
    assert "Done 1 time, last on Nov 22, 2026" in text

    pdf = render_pdf(build_card(service, goal, "Plan"))
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    pdf_text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))
    assert "Every 2 weeks on Mon, Thu, from the due date (paused)" in pdf_text


def test_card_of_something_that_does_not_repeat_has_no_such_part(
    service: PlanService, tmp_path: Path, plan_path: Path
) -> None:
    goal = a_goal(service, date(2026, 11, 26))
    parsed = written_card(service, goal, tmp_path, plan_path)
    assert "REPEATS" not in words(parsed) and "HABIT" not in words(parsed)
    assert parsed.cells == []


def test_card_of_a_habit_has_its_strip_and_streaks(
    service: PlanService, clock: FakeClock, tmp_path: Path, plan_path: Path
) -> None:
    goal = a_goal(service, None)
    habits = HabitService(service.store, clock)
    habits.set_habit(goal, "on mon,wed,fri")
    ticked = [TODAY - timedelta(days=n) for n in (2, 4, 6, 9, 40)]  # Fri, Wed, Mon, Fri, Tue
    for day in ticked:
        habits.tick(goal, day)
    parsed = written_card(service, goal, tmp_path, plan_path)
    assert len(parsed.cells) == 30
    kept = [title for kind, title in parsed.cells if kind == "kept"]
    assert kept == ["Nov 13, 2026", "Nov 16, 2026", "Nov 18, 2026", "Nov 20, 2026"]
    # Not a day it is due (Tue, Thu, Sat, Sun) is "free"; the last cell is today (Sunday).
    assert parsed.cells[-1] == ("free", "Nov 22, 2026")
    assert parsed.cells[-2] == ("free", "Nov 21, 2026")
    assert parsed.cells[0] == ("free", "Oct 24, 2026")  # a Saturday
    text = words(parsed)
    assert "Current streak: 4 days · best: 4 days" in text
    assert "Oct 24, 2026 to today" in text
    # 4 of the 12 Mondays, Wednesdays and Fridays of the 30 days before today; over 90
    # days, 4 of the 17 since the first tick (a Tuesday, a day it is not due).
    assert "Kept 33% of the last 30 days, 24% of the last 90" in text


def test_card_countdown_in_working_days(
    service: PlanService, clock: FakeClock, tmp_path: Path, plan_path: Path
) -> None:
    goal = a_goal(service, date(2026, 12, 22))
    assert "30 days left" in words(written_card(service, goal, tmp_path, plan_path))
    WorkdayService(service.store, clock).set_calendar(True)
    assert "22 working days left" in words(written_card(service, goal, tmp_path, plan_path))
