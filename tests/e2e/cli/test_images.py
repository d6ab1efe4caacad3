"""Images on the command line: add (ids printed), list, move, save (byte-identical), rm,
and every bad file refused with one line naming it, the plan file left byte-identical."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from tests.helpers.built_plan import Plan
from tests.helpers.cards import html_images, pdf_pictures
from tests.helpers.cli import Cli, walk
from tests.helpers.image_files import (
    flat_png,
    huge_png_header,
    image_bytes,
    private_photo,
    private_text_in,
)
from tests.helpers.unchanged import unchanged


def find_item(document: dict[str, Any], title: str) -> dict[str, Any]:
    return next(n for n in walk(document["groups"]) if n.get("title") == title)


def test_add_list_move_save_rm(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    run = plan["Run a marathon"]
    files = {}
    for name, fmt in (("map.png", "PNG"), ("shoes.jpg", "JPEG"), ("route.webp", "WEBP")):
        files[name] = tmp_path / name
        files[name].write_bytes(image_bytes(fmt, (120, 80)))
    out = cli(plan.path, "image", "add", run, files["map.png"], files["shoes.jpg"]).ok().out
    first, second = (int(x) for x in out.split())
    third = int(
        cli(plan.path, "image", "add", run, files["route.webp"], "--position", "0").ok().out
    )
    listed = cli(plan.path, "image", "list", run).ok().out.splitlines()
    assert listed[0] == f"#{third}  route.webp  WebP  120 × 80  {listed[0].split('  ')[-1]}"
    assert [line.split("  ")[1] for line in listed] == ["route.webp", "map.png", "shoes.jpg"]
    cli(plan.path, "image", "move", third, "2").ok()
    rows = cli(plan.path, "image", "list", run, "--json").ok().json
    assert [r["id"] for r in rows] == [first, second, third]
    assert rows[1] | {"size": 0} == {
        "id": second,
        "filename": "shoes.jpg",
        "format": "jpeg",
        "width": 120,
        "height": 80,
        "size": 0,
        "position": 1,
    }

    saved = tmp_path / "copy.bin"
    assert cli(plan.path, "image", "save", second, saved).ok().out.strip() == str(saved)
    assert saved.read_bytes() == files["shoes.jpg"].read_bytes()
    folder = tmp_path / "out"
    folder.mkdir()
    cli(plan.path, "image", "save", first, folder).ok()
    assert (folder / "map.png").read_bytes() == files["map.png"].read_bytes()

    cli(plan.path, "image", "rm", first).ok()
    assert [r["id"] for r in cli(plan.path, "image", "list", run, "--json").ok().json] == [
        second,
        third,
    ]
    exported = cli(plan.path, "export", "--item", run, "--format", "json").ok().json
    assert [i["filename"] for i in exported["item"]["images"]] == ["shoes.jpg", "route.webp"]
    # Export and import into a new plan: the same images, byte for byte, in order.
    whole = tmp_path / "plan.json"
    cli(plan.path, "export", "--format", "json", "-o", whole).ok()
    copy = tmp_path / "copy.sqlite3"
    cli(copy, "import", whole).ok()
    new_run = find_item(cli(copy, "export", "--format", "json").ok().json, "Run a marathon")
    listed = cli(copy, "image", "list", new_run["id"], "--json").ok().json
    assert [r["filename"] for r in listed] == ["shoes.jpg", "route.webp"]
    cli(copy, "image", "save", listed[1]["id"], tmp_path / "again.webp").ok()
    assert (tmp_path / "again.webp").read_bytes() == files["route.webp"].read_bytes()
    # Purging the item takes its images with it.
    cli(plan.path, "purge", run).ok()
    cli(plan.path, "image", "rm", second).refused(f"There is no image with id {second}")


def test_bad_files_are_refused_and_the_plan_is_unchanged(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    run, health = plan["Run a marathon"], plan["Health"]
    good = tmp_path / "good.png"
    good.write_bytes(image_bytes())
    bad = {
        "notes.png": b"plain text, renamed\n" * 10,
        "cut.png": image_bytes("PNG", (300, 300))[:150],
        "bomb.png": huge_png_header(),
        "scan.tif": image_bytes("TIFF"),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    big = tmp_path / "big.jpg"
    with big.open("wb") as f:
        f.write(image_bytes("JPEG"))
        f.truncate(21 * 1024 * 1024)
    cases = [
        ((run, good, tmp_path / "notes.png"), r"'notes.png' is not a PNG, JPEG, GIF, WebP or BMP"),
        ((run, tmp_path / "cut.png"), r"'cut.png' claims to be a PNG image but does not decode"),
        ((run, tmp_path / "bomb.png"), r"'bomb.png' is 20,000 × 20,000 pixels .*at most 100 meg"),
        ((run, tmp_path / "scan.tif"), r"'scan.tif' is not a PNG"),
        ((run, big), r"'big.jpg' is 21.0 MB; an image can be at most 20.0 MB"),
        ((run, tmp_path / "missing.png"), r"'missing.png': there is no such file"),
        ((health, good), r"Images belong to goals and tasks"),
        ((99999, good), r"There is no item with id 99999"),
    ]
    with unchanged(plan.path):
        for args, message in cases:
            cli(plan.path, "image", "add", *args).refused(message)
        cli(plan.path, "image", "rm", "12345").refused("There is no image with id 12345")
        cli(plan.path, "image", "save", "12345", tmp_path / "x").refused("no image with id")
    assert not (tmp_path / "x").exists()


def test_cards_carry_no_photo_metadata_and_no_qt_warning_while_the_originals_stay(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    """A photo with GPS, camera and the user's computer in its metadata, and a 100-megapixel
    PNG, on an item: its HTML, PDF and PNG cards carry the pictures and none of that, and
    print nothing on stderr; `image save` and the JSON export give the originals back."""
    run = plan["Run a marathon"]
    photo, valley = tmp_path / "coast.jpg", tmp_path / "valley.png"
    photo.write_bytes(private_photo("JPEG"))
    valley.write_bytes(flat_png((10_000, 10_000), (255, 200, 0)))
    photo_id, _ = (
        int(x) for x in cli(plan.path, "image", "add", run, photo, valley).ok().out.split()
    )
    for fmt in ("pdf", "png", "html"):
        card = tmp_path / f"card.{fmt}"
        result = cli(plan.path, "export", "--item", run, "--format", fmt, "-o", card).ok()
        assert result.err == "", result.err
        data = card.read_bytes()
        assert private_text_in(data) == []
        if fmt == "html":
            pictures = html_images(data.decode())
            assert [p[2:] for p in pictures] == [(80, 120), (300, 300)]
            assert all(private_text_in(p[1]) == [] for p in pictures)
        if fmt == "pdf":
            pictures = pdf_pictures(data)
            assert [p.image.size for p in pictures] == [(80, 120), (900, 900)]
            assert all(private_text_in(p.data) == [] for p in pictures)
    # What the user gave is kept as it was: metadata and all.
    saved = tmp_path / "saved.jpg"
    cli(plan.path, "image", "save", photo_id, saved).ok()
    assert saved.read_bytes() == photo.read_bytes()
    exported = cli(plan.path, "export", "--item", run, "--format", "json").ok().json
    assert base64.b64decode(exported["item"]["images"][0]["data"]) == photo.read_bytes()
