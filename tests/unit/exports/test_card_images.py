"""Images on the share card: what leaves the machine is the picture only (no EXIF, GPS,
XMP, IPTC, ICC text, comments or text chunks), turned as the camera meant and scaled to
what the card shows; the stored original stays byte for byte as the user gave it."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from planner.exports.card import IMAGE_DETAIL, IMAGE_HEIGHT, IMAGE_WIDTH, build_card, render_html
from planner.services import image_codec
from planner.services.image_codec import forget_clean_copies, prepare_image
from planner.services.images import ImageService
from planner.services.plan import PlanService
from tests.helpers.cards import PHOTO_FORMATS, html_images
from tests.helpers.image_files import (
    SHOWN_SIZE,
    assert_turned,
    image_bytes,
    near,
    noisy_jpeg,
    private_photo,
    private_text_in,
)

# What an image's own info may hold once cleaned: how Pillow describes the file itself.
HARMLESS_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive"}
HARMLESS_INFO |= {"progression", "interlace", "gamma", "aspect"}


@pytest.fixture
def goal(service: PlanService) -> int:
    group = service.create_group("Trips").ids[0]
    return service.create_item(group, "Walk the coast").ids[0]


def add(service: PlanService, goal: int, tmp_path: Path, name: str, data: bytes) -> int:
    path = tmp_path / name
    path.write_bytes(data)
    return ImageService(service.store).add_files(goal, [path])[0].images[0]


def assert_clean(data: bytes) -> Image.Image:
    """The image bytes carry no private text and no metadata; returns the decoded image."""
    assert private_text_in(data) == []
    image = Image.open(io.BytesIO(data))
    image.load()
    assert not image.getexif(), dict(image.getexif())
    assert set(image.info) <= HARMLESS_INFO, sorted(image.info)
    assert not getattr(image, "text", {})  # PNG text chunks
    assert not getattr(image, "applist", [])[2:]  # JPEG: no APPn segment but JFIF's
    return image


@pytest.mark.parametrize("fmt", PHOTO_FORMATS)
def test_the_html_card_carries_the_picture_turned_and_no_metadata(
    service: PlanService, goal: int, tmp_path: Path, fmt: str
) -> None:
    original = private_photo(fmt)
    assert private_text_in(original)  # the file does carry it
    image_id = add(service, goal, tmp_path, f"coast.{fmt.lower()}", original)
    html = render_html(build_card(service, goal, "P"))
    assert private_text_in(html.encode()) == []
    ((mime, data, width, height),) = html_images(html)
    assert_turned(assert_clean(data))
    assert mime in ("image/jpeg", "image/png")
    assert (width, height) == SHOWN_SIZE  # small: shown at its own size, never enlarged
    # What is kept in the plan is the user's file, byte for byte.
    assert ImageService(service.store).data(image_id) == original


def test_big_images_are_scaled_to_what_the_card_shows(
    service: PlanService, goal: int, tmp_path: Path
) -> None:
    add(service, goal, tmp_path, "wide.jpg", noisy_jpeg((4000, 3000)))
    add(service, goal, tmp_path, "tall.png", image_bytes("PNG", (500, 2500), "green"))
    add(service, goal, tmp_path, "mid.png", image_bytes("PNG", (600, 400), "blue"))
    wide, tall, mid = html_images(render_html(build_card(service, goal, "P")))
    assert wide[0] == "image/jpeg" and Image.open(io.BytesIO(wide[1])).size == (900, 675)
    assert wide[2:] == (IMAGE_WIDTH, 225)
    # A tall image is bounded by the height a card gives an image (never across pages).
    assert tall[0] == "image/png" and Image.open(io.BytesIO(tall[1])).size == (360, 1800)
    assert tall[2:] == (120, IMAGE_HEIGHT)
    # Between the shown size and IMAGE_DETAIL times it: kept at its own size.
    assert Image.open(io.BytesIO(mid[1])).size == (600, 400) and mid[2:] == (300, 200)
    assert IMAGE_DETAIL == 3


def test_transparency_stays_and_16_bit_grey_is_not_turned_white(
    service: PlanService, goal: int, tmp_path: Path
) -> None:
    out = io.BytesIO()
    Image.new("I;16", (64, 48), 32896).save(out, "PNG")  # mid grey, 16 bits a pixel
    add(service, goal, tmp_path, "scan.png", out.getvalue())
    add(service, goal, tmp_path, "logo.png", image_bytes("PNG", (50, 50), "#ff000080"))
    grey, logo = html_images(render_html(build_card(service, goal, "P")))
    assert near(Image.open(io.BytesIO(grey[1])).convert("RGB").getpixel((5, 5)), (128,) * 3, 2)  # type: ignore[arg-type]
    assert logo[0] == "image/png"
    assert Image.open(io.BytesIO(logo[1])).convert("RGBA").getpixel((5, 5)) == (255, 0, 0, 128)


def test_the_thumbnail_of_a_16_bit_grey_image_is_grey() -> None:
    out = io.BytesIO()
    Image.new("I;16", (300, 200), 32896).save(out, "PNG")
    thumb = Image.open(io.BytesIO(prepare_image("scan.png", out.getvalue()).thumb))
    assert near(thumb.convert("RGB").getpixel((5, 5)), (128,) * 3, 2)  # type: ignore[arg-type]


def test_an_image_that_no_longer_decodes_is_named_not_embedded(
    service: PlanService, goal: int, tmp_path: Path, plan_path: Path
) -> None:
    """An image spoilt in the plan file (by another program) is left out of the card, its
    name said, never embedded as it is."""
    image_id = add(service, goal, tmp_path, "spoilt.jpg", private_photo("JPEG"))
    cut = private_photo("JPEG")[:600]
    with closing(sqlite3.connect(plan_path)) as con, con:
        con.execute("UPDATE image_data SET data = ? WHERE image_id = ?", (cut, image_id))
    html = render_html(build_card(service, goal, "P"))
    assert html_images(html) == [] and "data:image" not in html
    assert "spoilt.jpg (cannot be shown: it does not decode)" in html
    assert private_text_in(html.encode()) == []


def test_a_card_made_again_decodes_no_image_again(
    service: PlanService, goal: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A live share builds its card after every change: the clean copies are kept by the
    digest of the images' bytes, so only a new image is decoded."""
    forget_clean_copies()
    decoded: list[str] = []
    real = image_codec._decoded

    def counted(filename: str, *rest: Any) -> Any:
        decoded.append(filename)
        return real(filename, *rest)

    monkeypatch.setattr(image_codec, "_decoded", counted)
    add(service, goal, tmp_path, "coast.jpg", private_photo("JPEG"))
    add(service, goal, tmp_path, "map.png", image_bytes("PNG", (640, 480), "blue"))
    decoded.clear()  # adding decodes each once, for its check and thumbnail
    first = render_html(build_card(service, goal, "P"))
    assert sorted(decoded) == ["coast.jpg", "map.png"]
    assert render_html(build_card(service, goal, "P")) == first
    assert sorted(decoded) == ["coast.jpg", "map.png"]
    add(service, goal, tmp_path, "other.png", image_bytes("PNG", (640, 480), "red"))
    decoded.clear()
    pictures = html_images(render_html(build_card(service, goal, "P")))
    assert decoded == ["other.png"] and len({p[1] for p in pictures}) == 3
