"""The share card as PDF (its text read back with pypdf) and as PNG (decoded)."""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import pypdf

from planner.exports.card import build_card
from planner.services.plan import PlanService
from planner.ui.card_render import PNG_WIDTH, render_pdf, render_png
from tests.unit.test_card import PAYLOAD, action_plan
from tests.unit.test_card import plan as plan


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def test_pdf_has_the_titles_and_totals_as_text(
    qapp: object, service: PlanService, plan: dict[str, int]
) -> None:
    card = build_card(service, plan["goal"], "My plan", locale="en_GB")
    text, pages = pdf_text(render_pdf(card))
    for shown in ("Run a marathon", "Buy shoes", "Week 1", PAYLOAD, "€204.90", "€65.00"):
        assert shown in text
    assert "as of 22 November 2026" in text
    assert pages == 1
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(card, "letter")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = pypdf.PdfReader(io.BytesIO(render_pdf(card, "a4"))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_a_long_subtree_breaks_across_pages_between_rows(
    qapp: object, service: PlanService
) -> None:
    group = service.create_group("G").ids[0]
    goal = service.create_item(group, "Big goal").ids[0]
    long = "with a title long enough to wrap onto a second line of the printed page"
    for i in range(150):
        service.create_item(goal, f"Task number {i:03} {long}")
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(build_card(service, goal, "P"))))
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    assert len(pages) >= 5
    # Every row is whole on one page: no title is cut by a page break.
    for i in range(150):
        assert sum(f"Task number {i:03} {long}" in page for page in pages) == 1, i
    assert all(page.rstrip().endswith(f"{n} / {len(pages)}") for n, page in enumerate(pages, 1))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_is_1200_wide_and_as_tall_as_the_card(
    qapp: object, service: PlanService, plan: dict[str, int]
) -> None:
    from PySide6.QtGui import QImage

    small = render_png(build_card(service, plan["week"], "P"))
    big = render_png(build_card(service, plan["goal"], "P"))
    image = QImage.fromData(big)
    assert not image.isNull() and image.width() == PNG_WIDTH
    assert png_size(big) == (PNG_WIDTH, image.height())
    assert png_size(small)[0] == PNG_WIDTH and png_size(small)[1] < image.height()
    # The blue header band is there, not a blank page.
    assert image.pixelColor(10, 10).name() == "#2f5d8a"


def test_pdf_and_png_show_the_action_plan_and_the_image(
    service: PlanService, plan: dict[str, int], tmp_path: Path
) -> None:
    before = png_size(render_png(build_card(service, plan["goal"], "P")))[1]
    action_plan(service, plan["goal"], tmp_path)
    card = build_card(service, plan["goal"], "P")
    text, _pages = pdf_text(render_pdf(card))
    for shown in ("Ana Ng", "CSAT", "Call back within a day", "route.png"):
        assert shown in text, shown
    width, height = png_size(render_png(card))
    assert width == PNG_WIDTH and height > before  # the new parts and the picture take room
