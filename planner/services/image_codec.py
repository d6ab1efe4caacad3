"""Checking an image file, making its thumbnail, and the clean copy a card shares, with
Pillow: the same checks for the window, the command line and imports, none of which needs
Qt below the window.

The content decides the format (magic bytes), the header's pixel size is checked before
anything is decoded, and the file must decode in full: a damaged or truncated file is
refused. Every refusal names the file. The stored file is never changed: thumbnails and
clean copies are new pictures made from its pixels.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import InvalidInput
from planner.domain.images import (
    FORMAT_NAMES,
    THUMB_SIDE,
    CleanPicture,
    NewImage,
    check_header,
    check_pixels,
    check_size,
    clean_filename,
    fit_within,
    is_lossy,
)
from planner.i18n import _

if TYPE_CHECKING:
    from PIL import Image, ImageCms

_PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP", "bmp": "BMP"}
# Pillow may name a JPEG with several pictures (a camera's MPO) differently.
_PIL_NAMES = {"png": {"PNG"}, "jpeg": {"JPEG", "MPO"}, "gif": {"GIF"}, "webp": {"WEBP"}}
_PIL_NAMES["bmp"] = {"BMP", "DIB"}
COPIES_KEPT_BYTES = 48 * 1024 * 1024  # clean copies kept for cards made again
# EXIF orientations that turn the picture a quarter: its width is shown as its height.
_QUARTER_TURNS = (5, 6, 7, 8)


def read_image_file(path: Path, shown_name: str | None = None) -> NewImage:
    """Read and check the image file at `path` (at most 20 MB is read)."""
    name = f"'{shown_name or path.name}'"
    try:
        if path.is_dir():
            raise InvalidInput(_("{name} is a folder, not an image.").format(name=name))
        check_size(name, path.stat().st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(_("{name}: there is no such file.").format(name=name)) from None
    except OSError as e:
        raise InvalidInput(
            _("{name} cannot be read: {reason}.").format(name=name, reason=e.strerror or e)
        ) from None
    return prepare_image(shown_name or path.name, data)


def prepare_image(filename: str, data: bytes) -> NewImage:
    """Check an image's bytes (format by content, size, pixels, a full decode) and make its
    thumbnail; raise InvalidInput or Refused naming `filename` when it cannot be used."""
    fmt, width, height = check_header(f"'{filename}'", data)
    picture = _decoded(filename, fmt, data, (THUMB_SIDE, THUMB_SIDE))
    # PNG when the image has transparency, else JPEG.
    thumb = _encoded(picture, lossy=True)
    return NewImage(clean_filename(filename, fmt), fmt, width, height, data, thumb.data)


def clean_copy(filename: str, data: bytes, box: tuple[int, int]) -> CleanPicture:
    """A copy of an image to share: at most `box` pixels, turned as its EXIF orientation
    says, colours converted to sRGB, and nothing but the pixels (no EXIF, GPS, XMP, IPTC,
    ICC profile, comment or text chunk). JPEG for a JPEG or lossy WebP without
    transparency, else PNG. Raises InvalidInput or Refused, naming the file, when the
    image cannot be used.

    Copies are kept by the digest of the image's bytes: a live share builds its card again
    after every change, and decoding its photos each time would take a second."""
    fmt, _width, _height = check_header(f"'{filename}'", data)
    key = (hashlib.sha256(data).digest(), box)
    picture = _recent_copies.get(key)
    if picture is None:
        picture = _encoded(_decoded(filename, fmt, data, box), lossy=is_lossy(fmt, data))
        _recent_copies.put(key, picture)
    return picture


class _RecentCopies:
    """The clean copies made last, up to `limit` bytes of them (any thread may ask)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._copies: OrderedDict[tuple[bytes, tuple[int, int]], CleanPicture] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[bytes, tuple[int, int]]) -> CleanPicture | None:
        with self._lock:
            picture = self._copies.get(key)
            if picture is not None:
                self._copies.move_to_end(key)
            return picture

    def put(self, key: tuple[bytes, tuple[int, int]], picture: CleanPicture) -> None:
        with self._lock:
            if key in self._copies:
                return
            self._copies[key] = picture
            self._size += len(picture.data)
            while self._size > self.limit and len(self._copies) > 1:
                _key, dropped = self._copies.popitem(last=False)
                self._size -= len(dropped.data)

    def clear(self) -> None:
        with self._lock:
            self._copies.clear()
            self._size = 0


_recent_copies = _RecentCopies(COPIES_KEPT_BYTES)


def forget_clean_copies() -> None:
    """Drop the clean copies kept (a benchmark measures making them)."""
    _recent_copies.clear()


def _decoded(filename: str, fmt: str, data: bytes, box: tuple[int, int]) -> Image.Image:
    """The whole file decoded (a damaged one refused), fit in `box` as shown."""
    name = f"'{filename}'"
    try:
        return _decode_and_fit(name, fmt, data, box)
    except (InvalidInput, MemoryError):
        raise
    # Pillow's decoders complain of a damaged file in many kinds (OSError, SyntaxError,
    # ValueError, EOFError, struct.error, zlib.error, ...): each means it does not decode.
    # Our own refusals and running out of memory pass through above.
    except Exception as e:
        raise InvalidInput(
            _(
                "{name} claims to be a {format} image but does not decode ({reason}); it may "
                "be damaged or cut short."
            ).format(name=name, format=FORMAT_NAMES[fmt], reason=_reason(e))
        ) from None


def _decode_and_fit(name: str, fmt: str, data: bytes, box: tuple[int, int]) -> Image.Image:
    from PIL import ExifTags, Image  # on first use: the window starts without Pillow

    with warnings.catch_warnings():
        # The pixel count was checked against our own bound from the header already.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[fmt]]) as image:
            if image.format not in _PIL_NAMES[fmt]:
                raise ValueError(_("read as {format}").format(format=image.format))
            check_pixels(name, *image.size)
            if image.getexif().get(ExifTags.Base.Orientation) in _QUARTER_TURNS:
                box = (box[1], box[0])  # fit as stored: the turn comes after
            if fmt == "jpeg":
                # Decode straight to a smaller scale: every byte is still read and checked.
                image.draft(image.mode, fit_within(image.size, box))
            image.load()
            return _fitted(image, box)


def _fitted(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """A decoded image scaled to fit `box`, then turned as its EXIF orientation says, in
    8-bit RGB or RGBA, its colours converted from its ICC profile to sRGB."""
    from PIL import Image, ImageOps

    icc = image.info.get("icc_profile")
    transparent = image.mode in ("RGBA", "LA", "PA", "RGBa") or "transparency" in image.info
    mode = "RGBA" if transparent else "RGB"
    # Modes an ICC transform and a smooth resize take as they are; others become RGB(A),
    # and so does a picture with a transparent colour (a PNG's tRNS, a GIF's index).
    if image.mode != mode and (transparent or image.mode not in ("RGB", "L", "CMYK")):
        image = _eight_bit(image).convert(mode)
    size = fit_within(image.size, box)
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)
    image = ImageOps.exif_transpose(image)  # the resized copy keeps the EXIF it reads
    return _in_srgb(image, icc, mode)


def _eight_bit(image: Image.Image) -> Image.Image:
    """16-bit grey scaled to 8 bits (converted as it is, every value over 255 is white)."""
    if image.mode.startswith("I"):
        return image.convert("I").point(lambda value: value / 256).convert("L")
    return image


def _in_srgb(image: Image.Image, icc: bytes | None, mode: str) -> Image.Image:
    """The image in `mode`, its colours converted from its ICC profile (if any) to sRGB,
    which is what a card's viewer assumes. A profile that cannot be used is ignored."""
    if icc:
        from PIL import ImageCms

        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _srgb(), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None  # a damaged profile, or one for other colours than the pixels'
        if converted is not None:
            return converted
    return image if image.mode == mode else image.convert(mode)


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _encoded(picture: Image.Image, lossy: bool) -> CleanPicture:
    """PNG or JPEG bytes of the pixels alone: Pillow's writers take an ICC profile and a
    comment from an image's info too, so only the pixels are copied into the one written."""
    from PIL import Image

    pixels = Image.frombytes(picture.mode, picture.size, picture.tobytes())
    out = io.BytesIO()
    if lossy and pixels.mode == "RGB":
        pixels.save(out, "JPEG", quality=85)
        mime = "image/jpeg"
    else:
        pixels.save(out, "PNG")
        mime = "image/png"
    return CleanPicture(mime, out.getvalue(), *pixels.size)


def _reason(error: Exception) -> str:
    text = str(error).strip().rstrip(".") or type(error).__name__
    return text[:120]
