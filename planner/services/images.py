"""The images' use cases: attach checked image files to goals and tasks, list them, read
their thumbnails or bytes, remove and reorder them, and which items have any.

Every change goes through `apply` (or PlanService.apply: the same changes, the same store),
one transaction each, returning its exact inverse for undo.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from planner.domain import changes as ch
from planner.domain.errors import InvalidInput, Refused
from planner.domain.images import ImageInfo, NewImage, StoredImage
from planner.domain.ordering import anchor_at
from planner.i18n import _
from planner.services.image_changes import apply_image_change
from planner.services.image_codec import read_image_file
from planner.services.ports import Store


class ImageService:
    """Images on one open plan (the same store as its PlanService)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reads -------------------------------------------------------------------------
    def images(self, item_id: int) -> list[ImageInfo]:
        """An item's images in order, without their bytes."""
        with self.store.read() as unit:
            unit.require(item_id)
            return unit.images([item_id])

    def image(self, image_id: int) -> ImageInfo:
        with self.store.read() as unit:
            return unit.require_image(image_id)

    def thumbnails(self, image_ids: Iterable[int]) -> dict[int, bytes]:
        """Small PNG or JPEG pictures of some images, by image id."""
        with self.store.read() as unit:
            return unit.thumbnails(image_ids)

    def data(self, image_id: int) -> bytes:
        """The image file's bytes, as they were added."""
        with self.store.read() as unit:
            return unit.image_data(image_id)

    def counts(self, item_ids: Iterable[int] | None = None) -> dict[int, int]:
        """How many images each item has, for the items that have some (all of them when
        `item_ids` is None: one read of an index, fit for opening a big plan)."""
        with self.store.read() as unit:
            return unit.image_counts(item_ids)

    # -- changes -----------------------------------------------------------------------
    def add_files(
        self, item_id: int, paths: Sequence[Path], index: int | None = None
    ) -> list[ch.Outcome]:
        """Read and check every file first, then add them all, or none when one of them
        is refused. Each image's id is its outcome's `images[0]`."""
        if not paths:
            raise InvalidInput(_("No image file given."))
        self._check_owner(item_id)
        return self.add(item_id, [read_image_file(Path(p)) for p in paths], index)

    def add(
        self, item_id: int, images: Sequence[NewImage], index: int | None = None
    ) -> list[ch.Outcome]:
        """Checked images at `index` among the item's images (None: last), in one
        transaction."""
        with self.store.write() as unit:
            order = [i.id for i in unit.images([item_id])]
            after = anchor_at(order, index)
            outcomes = []
            for image in images:
                stored = StoredImage(0, item_id, 0, image)
                outcome = apply_image_change(unit, ch.AddImage(stored, after))
                outcomes.append(outcome)
                after = outcome.images[0]
            return outcomes

    def remove(self, image_id: int) -> ch.Outcome:
        return self.apply(ch.RemoveImage(image_id))

    def move(self, image_id: int, index: int) -> ch.Outcome:
        """Put an image at `index` among its item's images (0: first)."""
        with self.store.write() as unit:
            info = unit.require_image(image_id)
            order = [i.id for i in unit.images([info.item_id]) if i.id != image_id]
            return apply_image_change(unit, ch.PlaceImage(image_id, anchor_at(order, index)))

    def apply(self, change: ch.ImageChange) -> ch.Outcome:
        """Apply an image change (or its undo) in one transaction."""
        with self.store.write() as unit:
            return apply_image_change(unit, change)

    def _check_owner(self, item_id: int) -> None:
        with self.store.read() as unit:
            if unit.require(item_id).is_group:
                raise Refused(_("Images belong to goals and tasks, not to groups."))
