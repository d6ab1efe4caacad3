"""A sample plan that shows every feature: groups, deep goals, done, deleted, overdue, a
habit, a repeating task and a reminder; in the current language (its texts are marked
where defined and translated when built)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from planner.domain.costs import LineKind
from planner.domain.items import Priority
from planner.i18n import N_, _
from planner.services.agenda import day_start
from planner.services.costs import CostService
from planner.services.habits import HabitService
from planner.services.image_codec import prepare_image
from planner.services.images import ImageService
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.reminders import ReminderService
from planner.services.repeats import RepeatService

HABIT_DAYS = 42  # how long the sample habit has been kept

# (title, days from today to the due date or None, priority, children); titles are the
# English texts (msgids), translated when the plan is built, and name items below.
Tree = list[tuple[str, int | None, Priority, list[Any]]]

N, L, M, H = Priority.NONE, Priority.LOW, Priority.MEDIUM, Priority.HIGH

# Calculation: (item title as in DEMO, [(description, quantity, unit, unit price, income?)])
COSTS: list[tuple[str, list[tuple[str, str, str, str, bool]]]] = [
    (N_("Renovate the bathroom"), [(N_("Skip hire"), "1", "", "180", False)]),
    (
        N_("Choose tiles"),
        [
            (N_("Wall tiles"), "14.5", N_("m²"), "32.90", False),
            (N_("Adhesive"), "6", N_("bags"), "18.75", False),
        ],
    ),
    (N_("Order the vanity unit"), [(N_("Vanity unit"), "1", "", "449", False)]),
    (N_("Call the tiler"), [(N_("Tiler's quote"), "3", N_("days"), "320", False)]),
    (N_("Buy running shoes"), [(N_("Running shoes"), "1", N_("pair"), "129.99", False)]),
    (N_("Sign up for the spring race"), [(N_("Race entry"), "1", "", "65", False)]),
    (N_("Book flights"), [(N_("Return flights"), "2", N_("tickets"), "189.50", False)]),
    (
        N_("Find a flat near Alfama"),
        [(N_("Flat"), "5", N_("nights"), "96", False), (N_("Deposit back"), "1", "", "150", True)],
    ),
]

DEMO: dict[str, Tree] = {
    N_("Health"): [
        (
            N_("Run a half marathon"),
            120,
            H,
            [
                (
                    N_("Build a base: 3 runs a week"),
                    30,
                    M,
                    [
                        (N_("Buy running shoes"), -3, H, []),
                        (N_("Plan a 5 km route"), 2, N, []),
                        (N_("First 10 km run"), 21, M, []),
                    ],
                ),
                (N_("Sign up for the spring race"), 0, H, []),
                (
                    N_("Long runs"),
                    90,
                    M,
                    [
                        (N_("15 km"), 60, N, []),
                        (
                            N_("18 km"),
                            75,
                            N,
                            [
                                (N_("Test energy gels"), 70, L, []),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        (N_("Sleep before 23:00 on weeknights"), 14, M, []),
    ],
    N_("Career"): [
        (
            N_("Get the cloud certification"),
            45,
            H,
            [
                (
                    N_("Finish the video course"),
                    10,
                    M,
                    [
                        (N_("Networking module"), -1, M, []),
                        (N_("Storage module"), 5, N, []),
                        (N_("Security module"), 9, N, []),
                    ],
                ),
                (N_("Book the exam"), 1, H, []),
                (N_("Two practice tests"), 35, M, []),
            ],
        ),
        (
            N_("Raise CSAT from 4.2 to 4.7"),
            38,
            H,
            [
                (N_("Review ten low-score tickets"), 3, M, []),
                (N_("Ask the coach for feedback"), 7, L, []),
            ],
        ),
    ],
    N_("Home"): [
        (
            N_("Renovate the bathroom"),
            60,
            M,
            [
                (N_("Choose tiles"), -8, M, []),
                (
                    N_("Get three quotes"),
                    12,
                    H,
                    [
                        (N_("Call the plumber"), 4, N, []),
                        (N_("Call the tiler"), 4, N, []),
                    ],
                ),
                (N_("Order the vanity unit"), 25, L, []),
            ],
        ),
        (
            N_("Trip to Lisbon"),
            80,
            M,
            [
                (N_("Book flights"), 15, H, []),
                (N_("Find a flat near Alfama"), 95, M, []),
            ],
        ),
    ],
}


def build_demo(service: PlanService) -> None:
    """Fill an empty plan (with its one first group, named in the current language) with
    the sample content, in the current language."""
    today = service.today()
    first = service.first_group()
    ids: dict[str, int] = {}  # by the English title (the msgid)
    for name, goals in DEMO.items():
        if first is not None and first.title == _("Goals"):
            service.edit(first.id, title=_(name))
            group_id, first = first.id, None
        else:
            group_id = service.create_group(_(name)).ids[0]
        stack = [(group_id, goal) for goal in goals]
        while stack:
            parent, (title, days, priority, children) = stack.pop(0)
            due = None if days is None else today + timedelta(days=days)
            new_id = service.create_item(parent, _(title), due=due, priority=priority).ids[0]
            ids[title] = new_id
            stack.extend((new_id, child) for child in children)
    service.edit(
        ids["Run a half marathon"], notes=_("Spring race, 21.1 km.\nGoal time: under 2 hours.")
    )
    costs = CostService(service.store)
    for title, lines in COSTS:
        item_id = ids[title]
        costs.set_calc(item_id, True)
        for description, quantity, unit, price, income in lines:
            kind = LineKind.INCOME if income else LineKind.EXPENSE
            costs.add_line(
                item_id,
                _(description),
                Decimal(quantity),
                Decimal(price),
                unit=_(unit) if unit else "",
                kind=kind,
            )
    _action_plan(service, ids)
    _routines(service, ids)
    service.mark_done([ids["Buy running shoes"], ids["Storage module"]])
    service.mark_done([ids["Plan a 5 km route"]])
    service.delete([ids["Ask the coach for feedback"], ids["Call the tiler"]])
    someday = service.create_group(_("Someday")).ids[0]
    service.create_item(someday, _("Learn to sail"), due=None)
    service.delete([someday])


def _action_plan(service: PlanService, ids: dict[str, int]) -> None:
    """People with assignments, a measurable target with check-ins and a journal, why it
    matters, and an image."""
    today = service.today()
    people = PeopleService(service.store)
    # People's names are names: the same in every language.
    coach = people.add_person("Maria Silva", email="maria@example.com", note=_("Team coach"))
    maria = coach.people[0]
    sam = people.add_person("Sam Okafor").people[0]
    people.assign([ids["Ask the coach for feedback"], ids["Raise CSAT from 4.2 to 4.7"]], maria)
    people.assign([ids["Call the plumber"], ids["Order the vanity unit"]], sam)
    csat = ids["Raise CSAT from 4.2 to 4.7"]
    metrics = MetricService(service.store, service.clock)
    # TRANSLATORS: the customer satisfaction score, as a metric's name.
    metrics.set_metric(csat, name=_("CSAT"), unit=_("points"), baseline="4.2", target="4.7")
    for days, value in ((-28, "4.25"), (-14, "4.38"), (-3, "4.41")):
        metrics.add_checkin(csat, value, today + timedelta(days=days))
    metrics.add_journal(csat, _("Callbacks within a day lifted the scores."), today - timedelta(3))
    service.edit(
        csat,
        why=_("Happy customers stay, and tell their friends."),
        examples=_("Call back within one working day; close every ticket with a summary."),
    )
    ImageService(service.store).add(ids["Choose tiles"], [prepare_image("tiles.png", _tiles())])


def _routines(service: PlanService, ids: dict[str, int]) -> None:
    """A habit with six weeks of ticks, a weekly task with one turn done, a reminder."""
    today = service.today()
    began = today - timedelta(days=HABIT_DAYS)
    sleep = ids["Sleep before 23:00 on weeknights"]
    HabitService(service.store, lambda: day_start(began)).set_habit(sleep, "weekdays")
    habits = HabitService(service.store, service.clock)
    for back in range(HABIT_DAYS, 0, -1):
        day = today - timedelta(days=back)
        if day.weekday() < 5 and back % 6:  # weeknights, a miss now and then
            habits.tick(sleep, day)
    review = ids["Review ten low-score tickets"]
    RepeatService(service.store, service.clock).set_repeat(review, "weekly")
    service.mark_done([review])  # one turn done: it comes back due a week later
    ReminderService(service.store, service.clock).add_before(ids["Book flights"], 0)


def _tiles() -> bytes:
    """A small picture of blue and white tiles, drawn here (the demo ships no files)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 160), "#f4f7fb")
    draw = ImageDraw.Draw(image)
    for row in range(4):
        for column in range(6):
            colour = "#2f6db5" if (row + column) % 2 else "#dbe7f5"
            x, y = column * 40, row * 40
            draw.rectangle((x + 2, y + 2, x + 37, y + 37), fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
