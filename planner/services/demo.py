"""A sample plan that shows every feature: groups, deep goals, done, deleted, overdue."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from planner.domain.costs import LineKind
from planner.domain.items import Priority
from planner.services.costs import CostService
from planner.services.image_codec import prepare_image
from planner.services.images import ImageService
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService

# (title, days from today to the due date or None, priority, children)
Tree = list[tuple[str, int | None, Priority, list[Any]]]

N, L, M, H = Priority.NONE, Priority.LOW, Priority.MEDIUM, Priority.HIGH

# Calculation: (item title, [(description, quantity, unit, unit price, income?)])
COSTS: list[tuple[str, list[tuple[str, str, str, str, bool]]]] = [
    ("Renovate the bathroom", [("Skip hire", "1", "", "180", False)]),
    (
        "Choose tiles",
        [("Wall tiles", "14.5", "m²", "32.90", False), ("Adhesive", "6", "bags", "18.75", False)],
    ),
    ("Order the vanity unit", [("Vanity unit", "1", "", "449", False)]),
    ("Call the tiler", [("Tiler's quote", "3", "days", "320", False)]),
    ("Buy running shoes", [("Running shoes", "1", "pair", "129.99", False)]),
    ("Sign up for the spring race", [("Race entry", "1", "", "65", False)]),
    ("Book flights", [("Return flights", "2", "tickets", "189.50", False)]),
    (
        "Find a flat near Alfama",
        [("Flat", "5", "nights", "96", False), ("Deposit back", "1", "", "150", True)],
    ),
]

DEMO: dict[str, Tree] = {
    "Health": [
        (
            "Run a half marathon",
            120,
            H,
            [
                (
                    "Build a base: 3 runs a week",
                    30,
                    M,
                    [
                        ("Buy running shoes", -3, H, []),
                        ("Plan a 5 km route", 2, N, []),
                        ("First 10 km run", 21, M, []),
                    ],
                ),
                ("Sign up for the spring race", 0, H, []),
                (
                    "Long runs",
                    90,
                    M,
                    [
                        ("15 km", 60, N, []),
                        (
                            "18 km",
                            75,
                            N,
                            [
                                ("Test energy gels", 70, L, []),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        ("Sleep before 23:00 on weeknights", 14, M, []),
    ],
    "Career": [
        (
            "Get the cloud certification",
            45,
            H,
            [
                (
                    "Finish the video course",
                    10,
                    M,
                    [
                        ("Networking module", -1, M, []),
                        ("Storage module", 5, N, []),
                        ("Security module", 9, N, []),
                    ],
                ),
                ("Book the exam", 1, H, []),
                ("Two practice tests", 35, M, []),
            ],
        ),
        (
            "Raise CSAT from 4.2 to 4.7",
            38,
            H,
            [
                ("Review ten low-score tickets", 3, M, []),
                ("Ask the coach for feedback", 7, L, []),
            ],
        ),
    ],
    "Home": [
        (
            "Renovate the bathroom",
            60,
            M,
            [
                ("Choose tiles", -8, M, []),
                (
                    "Get three quotes",
                    12,
                    H,
                    [
                        ("Call the plumber", 4, N, []),
                        ("Call the tiler", 4, N, []),
                    ],
                ),
                ("Order the vanity unit", 25, L, []),
            ],
        ),
        (
            "Trip to Lisbon",
            80,
            M,
            [
                ("Book flights", 15, H, []),
                ("Find a flat near Alfama", 95, M, []),
            ],
        ),
    ],
}


def build_demo(service: PlanService) -> None:
    """Fill an empty plan (with its one "Goals" group) with the sample content."""
    today = service.today()
    first = service.first_group()
    ids: dict[str, int] = {}
    for name, goals in DEMO.items():
        if first is not None and first.title == "Goals":
            service.edit(first.id, title=name)
            group_id, first = first.id, None
        else:
            group_id = service.create_group(name).ids[0]
        stack = [(group_id, goal) for goal in goals]
        while stack:
            parent, (title, days, priority, children) = stack.pop(0)
            due = None if days is None else today + timedelta(days=days)
            new_id = service.create_item(parent, title, due=due, priority=priority).ids[0]
            ids[title] = new_id
            stack.extend((new_id, child) for child in children)
    service.edit(
        ids["Run a half marathon"], notes="Spring race, 21.1 km.\nGoal time: under 2 hours."
    )
    costs = CostService(service.store)
    for title, lines in COSTS:
        item_id = ids[title]
        costs.set_calc(item_id, True)
        for description, quantity, unit, price, income in lines:
            kind = LineKind.INCOME if income else LineKind.EXPENSE
            costs.add_line(
                item_id, description, Decimal(quantity), Decimal(price), unit=unit, kind=kind
            )
    _action_plan(service, ids)
    service.mark_done([ids["Buy running shoes"], ids["Storage module"]])
    service.mark_done([ids["Plan a 5 km route"]])
    service.delete([ids["Ask the coach for feedback"], ids["Call the tiler"]])
    someday = service.create_group("Someday").ids[0]
    service.create_item(someday, "Learn to sail", due=None)
    service.delete([someday])


def _action_plan(service: PlanService, ids: dict[str, int]) -> None:
    """People with assignments, a measurable target with check-ins and a journal, why it
    matters, and an image."""
    today = service.today()
    people = PeopleService(service.store)
    coach = people.add_person("Maria Silva", email="maria@example.com", note="Team coach")
    maria = coach.people[0]
    sam = people.add_person("Sam Okafor").people[0]
    people.assign([ids["Ask the coach for feedback"], ids["Raise CSAT from 4.2 to 4.7"]], maria)
    people.assign([ids["Call the plumber"], ids["Order the vanity unit"]], sam)
    csat = ids["Raise CSAT from 4.2 to 4.7"]
    metrics = MetricService(service.store, service.clock)
    metrics.set_metric(csat, name="CSAT", unit="points", baseline="4.2", target="4.7")
    for days, value in ((-28, "4.25"), (-14, "4.38"), (-3, "4.41")):
        metrics.add_checkin(csat, value, today + timedelta(days=days))
    metrics.add_journal(csat, "Callbacks within a day lifted the scores.", today - timedelta(3))
    service.edit(
        csat,
        why="Happy customers stay, and tell their friends.",
        examples="Call back within one working day; close every ticket with a summary.",
    )
    ImageService(service.store).add(ids["Choose tiles"], [prepare_image("tiles.png", _tiles())])


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
