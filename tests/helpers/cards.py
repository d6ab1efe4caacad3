"""The share card's test plan (a subtree with costs, a deleted branch, things outside it and
a script tag in its text), every part the other screens add to an item, and the images a
card in HTML or PDF holds."""

from __future__ import annotations

import base64
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdf

from planner.services.costs import CostService
from planner.services.plan import PlanService

PAYLOAD = "<script>alert(1)</script>"
PHOTO_FORMATS = ["JPEG", "PNG", "WEBP", "GIF"]


def card_plan(service: PlanService) -> dict[str, int]:
    """Health > Run a marathon (costs, notes) > Buy shoes (done, costs), Training > Week 1;
    Old idea (deleted) > Hidden child; a sibling goal and another group outside."""
    group = service.create_group("Health").ids[0]
    goal = service.create_item(group, "Run a marathon", notes="Sub 4 hours.\n" + PAYLOAD).ids[0]
    shoes = service.create_item(goal, "Buy shoes").ids[0]
    training = service.create_item(goal, PAYLOAD).ids[0]
    week = service.create_item(training, "Week 1").ids[0]
    old = service.create_item(goal, "Old idea").ids[0]
    service.create_item(old, "Hidden child")
    service.delete([old])
    service.create_item(group, "Sibling goal outside")
    other = service.create_group("Other group outside").ids[0]
    service.create_item(other, "Far away goal")
    costs = CostService(service.store)
    costs.set_currency("EUR")
    for item, what, price in ((goal, "Race entry", "65"), (shoes, "Shoes", "139.90")):
        costs.set_calc(item, True)
        costs.add_line(item, what, Decimal(1), Decimal(price))
    service.mark_done([shoes])
    return {"group": group, "goal": goal, "shoes": shoes, "training": training, "week": week}


def action_plan(service: PlanService, goal: int, tmp_path: Path) -> None:
    """A person on the goal and on a subtask, a metric with two check-ins, why and
    examples, and one image: every part the other screens add to an item."""
    from datetime import date

    from PIL import Image

    from planner.services.images import ImageService
    from planner.services.metrics import MetricService
    from planner.services.people import PeopleService

    people = PeopleService(service.store)
    ana = people.add_person("Ana Ng").people[0]
    people.assign([goal], ana)
    metrics = MetricService(service.store)
    metrics.set_metric(goal, name="CSAT", unit="pts", baseline="4.2", target="4.7")
    metrics.add_checkin(goal, "4.3", date(2026, 11, 1))
    metrics.add_checkin(goal, "4.45", date(2026, 11, 15))
    service.edit(goal, why="Customers stay " + PAYLOAD, examples="Call back within a day")
    picture = tmp_path / "route.png"
    Image.new("RGB", (40, 20), (200, 30, 30)).save(picture)
    ImageService(service.store).add_files(goal, [picture])


def html_images(html: str) -> list[tuple[str, bytes, int, int]]:
    """(mime, bytes, shown width, shown height) of every image embedded in the HTML (0: a
    size not given)."""
    found = []
    for tag in re.findall(r"<img [^>]*>", html):
        mime, data = re.findall(r'src="data:([^;"]+);base64,([^"]+)"', tag)[0]
        width, height = (
            re.findall(rf'{side}="(\d+)"', tag) or ["0"] for side in ("width", "height")
        )
        found.append((mime, base64.b64decode(data), int(width[0]), int(height[0])))
    return found


def pdf_pictures(data: bytes) -> list[Any]:
    """The images a PDF holds, page by page (pypdf's: .data is the embedded bytes, .image
    the decoded picture)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [picture for page in reader.pages for picture in page.images]
