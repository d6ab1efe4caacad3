"""Images on a real plan file: checks by content, add / remove / reorder with exact undo,
purge and its undo, the JSON round trip; every refusal names the file and changes nothing."""

from __future__ import annotations

import base64
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from planner.app import open_plan
from planner.domain import changes as ch
from planner.domain.errors import InvalidInput, PlanFileError, PlannerError, Refused, StorageError
from planner.domain.images import MAX_BYTES, check_header
from planner.exports import json_format
from planner.services.image_codec import prepare_image, read_image_file
from planner.services.images import ImageService
from planner.services.plan import PlanService
from tests.helpers.image_files import huge_png_header, image_bytes, noisy_jpeg

FORMATS = ["PNG", "JPEG", "GIF", "WEBP", "BMP"]


@pytest.fixture
def goal(service: PlanService) -> int:
    group = service.first_group()
    assert group is not None
    return service.create_item(group.id, "Paint the house").ids[0]


@pytest.fixture
def images(service: PlanService) -> ImageService:
    return ImageService(service.store)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def snapshot(service: PlanService) -> str:
    document = json_format.export_document(service)
    document.pop("exported_at")
    return json.dumps(document)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_is_told_by_its_content_not_its_name(fmt: str, tmp_path: Path) -> None:
    data = image_bytes(fmt, (300, 200))
    image = read_image_file(write(tmp_path, "picture.dat", data))
    assert (image.format, image.width, image.height) == (fmt.lower(), 300, 200)
    assert image.filename == "picture.dat" and image.data == data
    # The stored thumbnail is small and decodes to at most 256 pixels a side.
    thumb = prepare_image("t", image.thumb)
    assert max(thumb.width, thumb.height) <= 256 and len(image.thumb) < 40_000


def test_a_big_photo_keeps_its_bytes_and_gets_a_small_thumbnail() -> None:
    data = noisy_jpeg((1600, 1200))
    image = prepare_image("photo.jpg", data)
    assert image.data == data and (image.width, image.height) == (1600, 1200)
    thumb = prepare_image("t.jpg", image.thumb)
    assert (thumb.width, thumb.height) == (256, 192)


@pytest.mark.parametrize(
    ("name", "data", "error", "words"),
    [
        ("notes.png", b"Just some text, renamed to .png\n" * 20, InvalidInput, "is not a PNG"),
        ("cut.png", image_bytes("PNG", (400, 300))[:200], InvalidInput, "does not decode"),
        ("cut.jpg", noisy_jpeg((400, 300))[:5000], InvalidInput, "does not decode"),
        ("bomb.png", huge_png_header(), Refused, "400 megapixels"),
        ("scan.tiff", image_bytes("TIFF"), InvalidInput, "is not a PNG, JPEG, GIF, WebP or BMP"),
        ("empty.gif", b"", InvalidInput, "is empty"),
        ("header.gif", b"GIF89a", InvalidInput, "damaged"),
    ],
)
def test_bad_files_are_refused_naming_the_file_and_nothing_changes(
    service: PlanService,
    images: ImageService,
    goal: int,
    tmp_path: Path,
    name: str,
    data: bytes,
    error: type[PlannerError],
    words: str,
) -> None:
    good = write(tmp_path, "good.png", image_bytes())
    before = snapshot(service)
    with pytest.raises(error) as caught:
        images.add_files(goal, [good, write(tmp_path, name, data)])
    assert f"'{name}'" in str(caught.value) and words in str(caught.value)
    assert snapshot(service) == before and images.images(goal) == []


def test_a_file_over_20_mb_is_refused_before_it_is_read(
    service: PlanService, images: ImageService, goal: int, tmp_path: Path
) -> None:
    path = tmp_path / "big.png"
    with path.open("wb") as f:
        f.write(image_bytes())
        f.truncate(21 * 1024 * 1024)
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(Refused, match=r"'big.png' is 21.0 MB; an image can be at most 20.0 MB"):
        images.add_files(goal, [path])
    assert images.images(goal) == []


def test_header_sizes_are_read_without_decoding() -> None:
    assert check_header("x", huge_png_header(9_000, 11_000))[1:] == (9_000, 11_000)
    for fmt in FORMATS:
        assert check_header("x", image_bytes(fmt, (123, 45)))[1:] == (123, 45)
    with pytest.raises(Refused, match="101 megapixels"):
        check_header("x", huge_png_header(10_100, 10_000))


def test_groups_have_no_images(service: PlanService, images: ImageService, tmp_path: Path) -> None:
    group = service.first_group()
    assert group is not None
    with pytest.raises(Refused, match="goals and tasks"):
        images.add_files(group.id, [write(tmp_path, "a.png", image_bytes())])


def test_add_remove_reorder_and_their_exact_undo(
    service: PlanService, images: ImageService, goal: int
) -> None:
    a, b, c = (prepare_image(f"{n}.png", image_bytes(color=n)) for n in ("red", "blue", "green"))
    outcomes = images.add(goal, [a, b])
    ids = [o.images[0] for o in outcomes]
    (first,) = images.add(goal, [c], index=0)
    c_id = first.images[0]

    def names() -> list[str]:
        return [i.filename for i in images.images(goal)]

    assert names() == ["green.png", "red.png", "blue.png"]
    empty = snapshot(service)
    move = images.move(c_id, 2)
    assert names() == ["red.png", "blue.png", "green.png"]
    back = service.apply(move.inverse)
    assert names() == ["green.png", "red.png", "blue.png"]
    service.apply(back.inverse)
    assert names() == ["red.png", "blue.png", "green.png"]
    service.apply(ch.PlaceImage(c_id, None))  # first again

    removed = images.remove(ids[0])
    assert names() == ["green.png", "blue.png"]
    put_back = service.apply(removed.inverse)
    assert names() == ["green.png", "red.png", "blue.png"]
    assert images.data(ids[0]) == a.data and images.image(ids[0]).id == ids[0]
    assert snapshot(service) == empty
    service.apply(put_back.inverse)  # redo the removal
    assert names() == ["green.png", "blue.png"]
    assert images.counts() == {goal: 2}
    service.apply(removed.inverse)  # undo once more: the same image, the same id
    with pytest.raises(Refused, match="already in the plan"):
        service.apply(removed.inverse)
    assert images.counts() == {goal: 3} and names() == ["green.png", "red.png", "blue.png"]


def test_purging_an_item_removes_its_images_and_undo_brings_them_back(
    service: PlanService, images: ImageService, goal: int, plan_path: Path
) -> None:
    sub = service.create_item(goal, "Buy paint").ids[0]
    images.add(goal, [prepare_image("a.gif", image_bytes("GIF"))])
    images.add(sub, [prepare_image("b.webp", image_bytes("WEBP"))])
    before = snapshot(service)
    purge = service.purge([goal])
    assert images.counts() == {}
    with closing(sqlite3.connect(plan_path)) as con:  # the bytes are gone from the file too
        assert con.execute("SELECT count(*) FROM image_data").fetchone() == (0,)
    service.apply(purge.inverse)
    assert snapshot(service) == before and images.counts() == {goal: 1, sub: 1}


def test_json_round_trip_carries_the_images(
    service: PlanService, images: ImageService, goal: int, tmp_path: Path
) -> None:
    data = [image_bytes(fmt, (50 + i, 20)) for i, fmt in enumerate(FORMATS)]
    images.add(goal, [prepare_image(f"p{i}", d) for i, d in enumerate(data)])
    text = json_format.dumps(json_format.export_document(service, goal))
    document = json.loads(text)
    assert document["version"] == json_format.VERSION
    exported = document["item"]["images"]
    assert [base64.b64decode(x["data"]) for x in exported] == data
    kind, nodes = json_format.loads(text)
    outcome = service.add_trees(service.first_group().id, nodes)  # type: ignore[union-attr]
    copy = outcome.ids[0]
    assert [images.data(i.id) for i in images.images(copy)] == data
    assert [i.filename for i in images.images(copy)] == [f"p{i}" for i in range(5)]


def test_an_import_with_a_bad_image_is_refused_and_adds_nothing(
    service: PlanService, images: ImageService, goal: int
) -> None:
    images.add(goal, [prepare_image("ok.png", image_bytes())])
    document = json_format.export_document(service, goal)
    document["item"]["images"].append(
        {"filename": "fake.png", "data": base64.b64encode(b"not an image").decode()}
    )
    with pytest.raises(InvalidInput, match=r"item.images\[1\]: 'fake.png' is not a PNG"):
        json_format.loads(json.dumps(document))
    document["item"]["images"][1]["data"] = "***"
    with pytest.raises(InvalidInput, match="not valid base64"):
        json_format.loads(json.dumps(document))
    # A reader that knows nothing of images: the key is simply not there.
    del document["item"]["images"]
    kind, nodes = json_format.loads(json.dumps(document))
    assert nodes[0].images == []


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of a table's b-tree with garbage."""
    with closing(sqlite3.connect(path)) as con:
        query = "SELECT rootpage FROM sqlite_schema WHERE name = ?"
        (root,) = con.execute(query, (table,)).fetchone()
        (page_size,) = con.execute("PRAGMA page_size").fetchone()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xfe" * (page_size - 8))


def test_opening_checks_every_table_but_the_image_bytes_which_check_reads(
    plan_path: Path, clock: Any, tmp_path: Path
) -> None:
    service = open_plan(plan_path, create=True, clock=clock)
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Goal").ids[0]
    for n in range(30):
        service.create_item(goal, f"Task {n} " + "x" * 200)
    (added,) = ImageService(service.store).add(
        goal, [prepare_image("a.jpg", noisy_jpeg((600, 400)))]
    )
    service.store.close()
    damaged_items = tmp_path / "items.sqlite3"
    damaged_items.write_bytes(plan_path.read_bytes())
    _damage_table(damaged_items, "items")
    with pytest.raises(PlanFileError, match="damaged"):
        open_plan(damaged_items)

    _damage_table(plan_path, "image_data")
    service = open_plan(plan_path, clock=clock)  # opens: only `check` reads every image
    try:
        assert service.check()
        with pytest.raises(StorageError, match="damaged"):
            ImageService(service.store).data(added.images[0])
    finally:
        service.store.close()
