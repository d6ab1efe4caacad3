"""Images: a 100,000-item plan with 2,000 images of about 500 KB each (a 1 GB plan file)
opens as fast as the same plan without them, and selecting an item with 10 images shows its
thumbnails quickly the first time.

    uv run python benchmarks/bench_images.py

Start-up is measured like bench_window.py (a whole process until the window is painted
and ready, median of several runs). The thumbnails figure is measured in a fresh process,
with nothing cached (the kernel's page cache dropped too when run as root): click the item's
row, fill the Images section, paint the panel.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_window import start_up
from figures import figure
from PIL import Image
from plan_builder import build_plan

from planner.app import open_plan
from planner.domain.images import NewImage
from planner.services.image_codec import prepare_image
from planner.services.images import ImageService

IMAGES = 2_000
PER_ITEM = 10
DISTINCT = 20  # different photos, each stored many times (every copy is its own blob)
RUNS = 5

# The child process: open the window, select the item, time until its thumbnails are shown.
THUMBS = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from planner.app import open_plan, plan_files
from planner.ui.window.main_window import MainWindow
app = QApplication([])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(lambda p, c: open_plan(p, create=c), settings, files=plan_files())
window.open_path(Path(sys.argv[1]))
window.resize(1200, 800)
window.show()
app.processEvents()
window.grab()
section = window.details.images
item = int(sys.argv[3])
index = window.navigator.load_path(item)  # the row in view, as the user sees it before clicking
window.tree.scrollTo(index)
app.processEvents()
start = time.perf_counter()
window.tree.setCurrentIndex(index)  # what a click on the row does
app.processEvents()
window.details.grab()  # the panel painted with its thumbnails
shown_ms = (time.perf_counter() - start) * 1000
assert len(section.list.ids()) == 10 and section.cache.decoded == 10, section.cache.decoded
# The thumbnails' part alone (read and decoded again), and what it would cost without
# stored thumbnails: read each full image and decode it down to 96 px.
from planner.ui.details.image_viewer import read_image
from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
images, ids = section.images, section.list.ids()
start = time.perf_counter()
for image_id, data in images.thumbnails(ids).items():
    assert QPixmap().loadFromData(data)
thumbs_ms = (time.perf_counter() - start) * 1000
start = time.perf_counter()
for image_id in ids:
    image, _ = read_image(images.data(image_id), QSize(96, 96))
    assert not image.isNull()
full_ms = (time.perf_counter() - start) * 1000
print(f"{shown_ms:.1f} {thumbs_ms:.1f} {full_ms:.1f}")
sys.stdout.flush()
os._exit(0)
"""


def photo(seed: int, size: tuple[int, int] = (1200, 850)) -> bytes:
    """A photo-like JPEG of about 500 KB (coarse noise, smoothed: it does not compress)."""
    rnd = random.Random(seed)
    small = (size[0] // 4, size[1] // 4)
    raw = rnd.randbytes(small[0] * small[1] * 3)
    image = Image.frombytes("RGB", small, raw).resize(size, Image.Resampling.BILINEAR)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=93)
    return out.getvalue()


def add_images(path: Path) -> tuple[float, list[int], float]:
    """2,000 images on 200 items spread over the plan; (seconds, item ids, mean KB)."""
    start = time.perf_counter()
    photos: list[NewImage] = [prepare_image(f"photo-{i}.jpg", photo(i)) for i in range(DISTINCT)]
    service = open_plan(path)
    try:
        with service.store.read() as unit:
            item_ids = [r.id for r in unit.all_items() if not r.is_group]
        step = len(item_ids) // (IMAGES // PER_ITEM)
        chosen = item_ids[::step][: IMAGES // PER_ITEM]
        images = ImageService(service.store)
        for n, item_id in enumerate(chosen):
            batch = [photos[(n * PER_ITEM + k) % DISTINCT] for k in range(PER_ITEM)]
            images.add(item_id, batch)
    finally:
        service.store.close()
    mean_kb = statistics.mean(p.size for p in photos) / 1024
    return time.perf_counter() - start, chosen, mean_kb


def marks_query(path: Path) -> tuple[float, int]:
    """The one read the tree makes for its image marks: (ms, items with images)."""
    service = open_plan(path)
    try:
        images = ImageService(service.store)
        start = time.perf_counter()
        counts = images.counts()
        return (time.perf_counter() - start) * 1000, len(counts)
    finally:
        service.store.close()


def drop_page_cache() -> bool:
    """Ask the kernel to forget cached file pages (root only), for a cold first read."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def thumbnails(path: Path, settings: Path, item_id: int) -> tuple[float, float, float, bool]:
    shown, thumbs, full, cold = [], [], [], False
    for _ in range(RUNS):
        cold = drop_page_cache()
        out = subprocess.run(
            [sys.executable, "-c", THUMBS, str(path), str(settings), str(item_id)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        shown.append(float(out[-3]))
        thumbs.append(float(out[-2]))
        full.append(float(out[-1]))
    return statistics.median(shown), statistics.median(thumbs), statistics.median(full), cold


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain, pictured = folder / "plain.sqlite3", folder / "images.sqlite3"
        build_plan(plain)
        build_plan(pictured)
        add_seconds, items, mean_kb = add_images(pictured)
        size_mb = pictured.stat().st_size / 1e6
        settings = folder / "settings.ini"
        env_note = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine
        config = folder / "config"  # start-up runs as the app does, with its own settings
        start_up(plain, config)  # warm-up: bytecode written
        plain_s, plain_mb = start_up(plain, config)[1:3]
        pictured_s, pictured_mb = start_up(pictured, config)[1:3]
        if env_note is not None:
            os.environ["PYTHONDONTWRITEBYTECODE"] = env_note
        query_ms, marked = marks_query(pictured)
        shown_ms, thumbs_ms, full_ms, cold = thumbnails(pictured, settings, items[len(items) // 2])
    print(
        f"Plan of 101,551 items with {IMAGES:,} images of {mean_kb:.0f} KB on average "
        f"({size_mb:,.0f} MB file); images added in {add_seconds:.1f} s\n"
    )
    print(f"{'figure':<58}{'measured':>12}  target")
    cache = "cold" if cold else "page cache warm"
    rows = [
        ("start to window ready, 100,000 items, no images", f"{plain_s:.2f} s", ""),
        ("start to window ready, 100,000 items + 2,000 images", f"{pictured_s:.2f} s", ""),
        ("  ratio with / without images", f"{pictured_s / plain_s:.2f}", "<= 1.1"),
        ("peak memory without / with images", f"{plain_mb:.0f}/{pictured_mb:.0f} MB", ""),
        (f"which items have images (one index read, {marked} items)", f"{query_ms:.1f} ms", ""),
        (
            f"click an item with 10 images: thumbnails shown ({cache})",
            f"{shown_ms:.0f} ms",
            "< 200 ms",
        ),
        ("  of which: read and decode the 10 stored thumbnails", f"{thumbs_ms:.0f} ms", ""),
        ("  instead: read 10 full images, decode them to 96 px", f"{full_ms:.0f} ms", ""),
    ]
    for name, value, target in rows:
        print(f"{name:<58}{value:>12}  {target}")
    ratio = pictured_s / plain_s
    figure(
        "start-up ratio with / without 2,000 images", round(ratio, 2), "", "<= 1.1", ratio <= 1.1
    )
    figure("peak memory with 2,000 images", round(pictured_mb), "MB")
    figure("10 thumbnails shown, first time", round(shown_ms), "ms", "< 200 ms", shown_ms < 200)


if __name__ == "__main__":
    main()
