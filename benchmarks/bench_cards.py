"""The share card of a goal with 500 tasks (three levels, a fifth done, cost lines on a
tenth), and of a goal with 6 camera photos (12 megapixels, 4-5 MB each, with EXIF): how
long the HTML, the PDF and the PNG take, from the plan file to the bytes. For the photos,
the first card (every photo cleaned and scaled) and the median of the next ones (a live
share rebuilding after each change) are told apart.

    uv run python benchmarks/bench_cards.py [--repeat 5]

Targets: HTML under 0.5 s; PDF and PNG under 2 s.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import figure

from planner.app import open_plan
from planner.exports.card import build_card, render_html
from planner.exports.card_render import ensure_gui, render_pdf, render_png
from planner.services.costs import CostService
from planner.services.plan import PlanService

TASKS = 500
TARGETS_S = {"html": 0.5, "pdf": 2.0, "png": 2.0}
PHOTOS = 6
PHOTO_SIZE = (4000, 3000)


def median_s(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def camera_photo(seed: int) -> bytes:
    """A photo-like JPEG (smooth noise does not compress) with a camera's EXIF."""
    from PIL import Image

    rnd = random.Random(seed)
    small = (PHOTO_SIZE[0] // 8, PHOTO_SIZE[1] // 8)
    noise = Image.frombytes("RGB", small, rnd.randbytes(small[0] * small[1] * 3))
    exif = Image.Exif()
    exif.update({0x0112: 6, 0x010F: "Canon", 0x0110: "Canon EOS 5D", 0x010E: "HomeLaptop"})
    out = io.BytesIO()
    noise.resize(PHOTO_SIZE, Image.Resampling.BILINEAR).save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def describe(label: str, data: bytes) -> str:
    if label == "pdf":
        return f", {data.count(b'/Type /Page') - data.count(b'/Type /Pages')} pages"
    if label == "png":
        from PySide6.QtGui import QImage

        image = QImage.fromData(data)
        return f", {image.width()}×{image.height()} px"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-cards-"))
    try:
        service = open_plan(folder / "cards.sqlite3", create=True)
        costs = CostService(service.store)
        group = service.create_group("Work").ids[0]
        goal = service.create_item(group, "Ship the release", notes="A goal of 500 tasks.").ids[0]
        made, done = 0, []
        stages = [service.create_item(goal, f"Stage {s + 1}").ids[0] for s in range(10)]
        made += len(stages)
        while made < TASKS:
            stage = stages[made % len(stages)]
            task = service.create_item(stage, f"Task {made:03} with a title of some length").ids[0]
            made += 1
            if made < TASKS and made % 7 == 0:
                service.create_item(task, f"Step {made:03}")
                made += 1
            if made % 5 == 0:
                done.append(task)
            if made % 10 == 0:
                costs.set_calc(task, True)
                costs.add_line(task, "Hours", Decimal(made % 13 + 1), Decimal("85.5"))
        service.mark_done(done)
        ensure_gui()
        name = "Bench plan"
        print(f"a goal with {len(service.subtree(goal)) - 1} tasks, {len(done)} done")

        def html() -> bytes:
            return render_html(build_card(service, goal, name)).encode()

        def pdf() -> bytes:
            return render_pdf(build_card(service, goal, name))

        def png() -> bytes:
            return render_png(build_card(service, goal, name))

        for label, action in (("html", html), ("pdf", pdf), ("png", png)):
            seconds, data = median_s(action, args.repeat)
            assert isinstance(data, bytes)
            extra = describe(label, data)
            verdict = "ok" if seconds < TARGETS_S[label] else "OVER TARGET"
            figure(
                f"{label.upper()} card, goal of 500 tasks",
                round(seconds * 1000, 1),
                "ms",
                f"< {TARGETS_S[label] * 1000:.0f} ms",
                seconds < TARGETS_S[label],
            )
            print(
                f"{label.upper():<5} {seconds * 1000:7.0f} ms  (target < {TARGETS_S[label]} s, "
                f"{verdict}); {len(data) / 1024:,.0f} KiB{extra}"
            )
        photos_card(service, group, folder, name, args.repeat)
        giant_card(service, group, folder, name)
        service.store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def photos_card(service: PlanService, group: int, folder: Path, name: str, repeat: int) -> None:
    """A goal with PHOTOS camera photos: the first card of each format, then the median."""
    from planner.services.image_codec import forget_clean_copies
    from planner.services.images import ImageService

    goal = service.create_item(group, "Walk the coast", notes="Six photos.").ids[0]
    paths = []
    for n in range(PHOTOS):
        paths.append(folder / f"photo{n}.jpg")
        paths[-1].write_bytes(camera_photo(n))
    ImageService(service.store).add_files(goal, paths)
    size_mb = sum(p.stat().st_size for p in paths) / PHOTOS / 1e6
    print(f"a goal with {PHOTOS} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]}, {size_mb:.1f} MB each")
    renders = {"html": lambda c: render_html(c).encode(), "pdf": render_pdf, "png": render_png}
    for label, render in renders.items():
        forget_clean_copies()
        start = time.perf_counter()
        first = render(build_card(service, goal, name))
        first_s = time.perf_counter() - start
        seconds, data = median_s(lambda r=render: r(build_card(service, goal, name)), repeat)
        assert isinstance(data, bytes) and isinstance(first, bytes)
        figure(f"{label.upper()} card, {PHOTOS} photos, first", round(first_s * 1000, 1), "ms")
        figure(f"{label.upper()} card, {PHOTOS} photos, again", round(seconds * 1000, 1), "ms")
        print(
            f"{label.upper():<5} first {first_s * 1000:7.0f} ms, again {seconds * 1000:7.0f} ms; "
            f"{len(data) / 1024:,.0f} KiB{describe(label, data)}"
        )


def giant_card(service: PlanService, group: int, folder: Path, name: str) -> None:
    """A goal with one 100-megapixel PNG (the most the plan accepts): the first PDF card,
    its copy made from the full image."""
    from PIL import Image

    from planner.services.image_codec import forget_clean_copies
    from planner.services.images import ImageService

    goal = service.create_item(group, "Map the valley").ids[0]
    path = folder / "valley.png"
    Image.new("RGB", (10_000, 10_000), (255, 200, 0)).save(path)
    ImageService(service.store).add_files(goal, [path])
    forget_clean_copies()
    start = time.perf_counter()
    data = render_pdf(build_card(service, goal, name))
    seconds = time.perf_counter() - start
    figure("PDF card, one 100-megapixel PNG, first", round(seconds * 1000, 1), "ms")
    print(f"PDF card of one 10,000×10,000 PNG, first: {seconds * 1000:.0f} ms, {len(data):,} bytes")


if __name__ == "__main__":
    main()
