"""Writes of images, and reads of them with their bytes, inside one unit of work (mixed
into repository.Unit; the other reads are PlainReads').

Listing and marking read the small `images` rows only; thumbnails and image bytes are read
from `image_data` one item (or one image) at a time, only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from planner.domain.images import NewImage, StoredImage
from planner.store.plain_reads import PlainReads
from planner.store.schema import ImageDataRow, ImageRow


class ImageRows(PlainReads):
    """Image writes, and reads with the bytes, beside the plain reads (listing, counting,
    thumbnails and one image's bytes are there)."""

    session: Session

    def stored_images(self, item_ids: Iterable[int]) -> list[StoredImage]:
        """Images with their bytes (to put them back after a removal)."""
        infos = self.images(item_ids)
        found: list[StoredImage] = []
        for start in range(0, len(infos), 100):
            part = {i.id: i for i in infos[start : start + 100]}
            query = select(ImageDataRow.image_id, ImageDataRow.thumb, ImageDataRow.data).where(
                ImageDataRow.image_id.in_(list(part))
            )
            blobs = {i: (bytes(t), bytes(d)) for i, t, d in self.session.execute(query)}
            for info in part.values():
                thumb, data = blobs[info.id]
                image = NewImage(info.filename, info.format, info.width, info.height, data, thumb)
                found.append(StoredImage(info.id, info.item_id, info.position, image))
        return found

    def stored_image(self, image_id: int) -> StoredImage:
        info = self.require_image(image_id)
        query = select(ImageDataRow.thumb, ImageDataRow.data).where(
            ImageDataRow.image_id == image_id
        )
        thumb, data = self.session.execute(query).one()
        image = NewImage(
            info.filename, info.format, info.width, info.height, bytes(data), bytes(thumb)
        )
        return StoredImage(info.id, info.item_id, info.position, image)

    def insert_image(self, stored: StoredImage) -> int:
        """Insert an image; id 0 gets a new id, any other is kept (an image put back)."""
        image = stored.image
        values = {
            "item_id": stored.item_id,
            "position": stored.position,
            "filename": image.filename,
            "format": image.format,
            "width": image.width,
            "height": image.height,
            "size": image.size,
        }
        if stored.id:
            values["id"] = stored.id
        image_id = self.session.scalar(insert(ImageRow).values(**values).returning(ImageRow.id))
        assert image_id is not None
        self.session.execute(
            insert(ImageDataRow).values(image_id=image_id, thumb=image.thumb, data=image.data)
        )
        return image_id

    def update_image(self, image_id: int, **values: object) -> None:
        if values:
            self.session.execute(update(ImageRow).where(ImageRow.id == image_id).values(**values))

    def delete_image(self, image_id: int) -> None:
        """The row and its bytes (image_data goes with it: ON DELETE CASCADE)."""
        self.session.execute(delete(ImageRow).where(ImageRow.id == image_id))
