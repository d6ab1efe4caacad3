"""The share card as PDF (its text read back with pypdf) and as PNG (decoded)."""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from planner.exports.card import build_card
from planner.exports.card_render import PNG_WIDTH, render_pdf, render_png
from planner.services.images import ImageService
from planner.services.plan import PlanService
from tests.helpers.cards import PAYLOAD, PHOTO_FORMATS, action_plan, pdf_pictures
from tests.helpers.image_files import assert_turned, flat_png, near, private_photo, private_text_in

AMBER = (255, 200, 0)  # a colour the card itself never uses


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
    assert "as of Sunday, 22 November 2026" in text
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


def colour_box(png: bytes, test: Callable[[int, int, int], bool]) -> tuple[int, int, int, int]:
    """The bounding box of the pixels of a card PNG whose colour passes `test`."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    mask = Image.new("1", image.size)
    mask.putdata([test(*pixel) for pixel in image.get_flattened_data()])
    box = mask.getbbox()
    assert box is not None
    return box


def is_red(r: int, g: int, b: int) -> bool:
    return r > 190 and g < 70 and b < 70


def is_picture(r: int, g: int, b: int) -> bool:
    return is_red(r, g, b) or (b > 190 and r < 70 and g < 70)


@pytest.mark.parametrize("fmt", PHOTO_FORMATS)
def test_pdf_and_png_cards_carry_the_picture_turned_and_no_metadata(
    qapp: object, service: PlanService, tmp_path: Path, fmt: str
) -> None:
    goal = service.create_item(service.create_group("G").ids[0], "Walk the coast").ids[0]
    path = tmp_path / f"coast.{fmt.lower()}"
    path.write_bytes(private_photo(fmt))
    ImageService(service.store).add_files(goal, [path])
    card = build_card(service, goal, "P")

    pdf = render_pdf(card)
    assert private_text_in(pdf) == []
    (picture,) = pdf_pictures(pdf)
    assert private_text_in(picture.data) == []
    assert_turned(picture.image)

    png = render_png(card)
    assert private_text_in(png) == []
    left, top, right, bottom = colour_box(png, is_picture)
    # Shown 80 × 120 at the PNG's 2x: portrait, the red corner at its top right.
    assert (right - left, bottom - top) == (160, 240)
    red_left, red_top, red_right, red_bottom = colour_box(png, is_red)
    assert red_right == right and red_top == top and red_left >= (left + right) / 2
    assert red_bottom < top + (bottom - top) / 2


def test_a_100_megapixel_image_shows_in_the_pdf_and_png_cards(
    qapp: object, service: PlanService, tmp_path: Path
) -> None:
    """Qt refuses to decode more than 256 MB for an image: the card's copy is scaled
    first, so the picture is there and Qt prints no warning (a Qt warning fails the test)."""
    goal = service.create_item(service.create_group("G").ids[0], "Map the valley").ids[0]
    path = tmp_path / "valley.png"
    path.write_bytes(flat_png((10_000, 10_000), AMBER))
    ImageService(service.store).add_files(goal, [path])
    card = build_card(service, goal, "P")
    (picture,) = pdf_pictures(render_pdf(card))
    assert picture.image.size == (900, 900)
    assert near(picture.image.convert("RGB").getpixel((450, 450)), AMBER, 2)  # type: ignore[arg-type]
    left, top, right, bottom = colour_box(render_png(card), lambda *c: c == AMBER)
    assert (right - left, bottom - top) == (600, 600)  # 300 px shown, at 2x
