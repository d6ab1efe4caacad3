"""Images attached to items: what a stored image is, and the checks that need no decoder.

The format is told by the content (magic bytes), never by the file name; the pixel size is
read from the file's header, so an enormous image is refused before anything decodes it.
"""

from __future__ import annotations

import dataclasses
import struct

from planner import formats
from planner.domain.errors import InvalidInput, Refused
from planner.i18n import _, ngettext

MAX_BYTES = 20 * 1024 * 1024  # 20 MB per image
MAX_PIXELS = 100_000_000  # 100 megapixels once decoded
THUMB_SIDE = 256  # longest side of a stored thumbnail, in pixels
FILENAME_MAX = 255
FORMAT_NAMES = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "bmp": "BMP"}
SUFFIXES = {"png": ".png", "jpeg": ".jpg", "gif": ".gif", "webp": ".webp", "bmp": ".bmp"}


@dataclasses.dataclass(frozen=True, slots=True)
class ImageInfo:
    """One stored image without its bytes: what a list, a tooltip or the tree needs."""

    id: int
    item_id: int
    position: int
    filename: str
    format: str
    width: int
    height: int
    size: int  # bytes of the image file

    @property
    def label(self) -> str:
        return _("{name} — {format}, {width} × {height} px, {size}").format(
            name=self.filename,
            format=FORMAT_NAMES.get(self.format, self.format),
            width=self.width,
            height=self.height,
            size=human_size(self.size),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class NewImage:
    """An image checked and ready to store: the file's bytes as they were, and a small
    thumbnail (PNG or JPEG bytes) so that showing it never decodes the full image."""

    filename: str
    format: str
    width: int
    height: int
    data: bytes = dataclasses.field(repr=False)
    thumb: bytes = dataclasses.field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)


@dataclasses.dataclass(frozen=True, slots=True)
class StoredImage:
    """An image of an item with its id and position: id 0 is one not stored yet."""

    id: int
    item_id: int
    position: int
    image: NewImage

    @property
    def info(self) -> ImageInfo:
        i = self.image
        return ImageInfo(
            self.id, self.item_id, self.position, i.filename, i.format, i.width, i.height, i.size
        )


@dataclasses.dataclass(frozen=True, slots=True)
class CleanPicture:
    """A copy of an image fit to leave the machine (in a card): its pixels only, turned as
    the camera meant, in sRGB; PNG or JPEG bytes of `width` × `height` pixels."""

    mime: str
    data: bytes = dataclasses.field(repr=False)
    width: int
    height: int


def fit_within(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """`size` scaled down to fit in `box`, its proportions kept (never enlarged, never
    below one pixel a side)."""
    width, height = size
    scale = min(1.0, box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def is_lossy(fmt: str, data: bytes) -> bool:
    """A JPEG, or a WebP coded lossily (its picture is a "VP8 " chunk; lossless is "VP8L"):
    pictures that a JPEG copy keeps as well as a PNG, at a fraction of its size."""
    if fmt != "webp":
        return fmt == "jpeg"
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        if kind in (b"VP8 ", b"VP8L"):
            return kind == b"VP8 "
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        pos += 8 + length + (length & 1)  # chunks are padded to an even length
    return False


def human_size(size: int) -> str:
    if size < 1024:
        return ngettext("{n} byte", "{n} bytes", size).format(n=formats.number(size))
    if size < 1024 * 1024:
        return _("{size} KB").format(size=formats.number(round(size / 1024), places=0))
    return _("{size} MB").format(size=formats.number(size / (1024 * 1024), places=1))


def clean_filename(name: str, fmt: str) -> str:
    """The name an image is kept under: the last part of a path, without control
    characters, never empty."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip()
    return name[:FILENAME_MAX] or "image" + SUFFIXES[fmt]


def sniff_format(data: bytes) -> str | None:
    """The image format the content starts with, whatever the file is called."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:2] == b"BM" and len(data) >= 26:
        return "bmp"
    return None


def check_size(name: str, size: int) -> None:
    if size > MAX_BYTES:
        raise Refused(
            _("{name} is {size}; an image can be at most {limit}.").format(
                name=name, size=human_size(size), limit=human_size(MAX_BYTES)
            )
        )
    if size == 0:
        raise InvalidInput(_("{name} is empty, not an image.").format(name=name))


def check_header(name: str, data: bytes) -> tuple[str, int, int]:
    """(format, width, height) from the content's magic bytes and header, or a refusal
    naming the file: not an image of an accepted format, a damaged header, or more pixels
    than MAX_PIXELS."""
    check_size(name, len(data))
    fmt = sniff_format(data)
    if fmt is None:
        raise InvalidInput(
            _("{name} is not a PNG, JPEG, GIF, WebP or BMP image.").format(name=name)
        )
    try:
        width, height = _DIMENSIONS[fmt](data)
    except (struct.error, IndexError, ValueError):
        width = height = 0
    if width <= 0 or height <= 0:
        raise InvalidInput(
            _(
                "{name} claims to be a {format} image but is damaged (its header cannot be read)."
            ).format(name=name, format=FORMAT_NAMES[fmt])
        )
    check_pixels(name, width, height)
    return fmt, width, height


def check_pixels(name: str, width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        megapixels = round(width * height / 1e6)
        raise Refused(
            # TRANSLATORS: {limit} is 100.
            ngettext(
                "{name} is {width} × {height} pixels ({megapixels} megapixel); an image can "
                "be at most {limit} megapixels.",
                "{name} is {width} × {height} pixels ({megapixels} megapixels); an image can "
                "be at most {limit} megapixels.",
                megapixels,
            ).format(
                name=name,
                width=formats.number(width),
                height=formats.number(height),
                megapixels=formats.number(megapixels),
                limit=formats.number(MAX_PIXELS // 1_000_000),
            )
        )


# -- header readers: (width, height) from the first bytes, no decoding -----------------


def _png(data: bytes) -> tuple[int, int]:
    if data[12:16] != b"IHDR":
        raise ValueError("no IHDR")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _gif(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack("<HH", data[6:10])
    return width, height


def _bmp(data: bytes) -> tuple[int, int]:
    (header,) = struct.unpack("<I", data[14:18])
    if header == 12:  # OS/2 BITMAPCOREHEADER
        width, height = struct.unpack("<HH", data[18:22])
        return width, height
    width, height = struct.unpack("<ii", data[18:26])
    return width, abs(height)  # a negative height is a top-down bitmap


def _webp(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8 ":
        if data[23:26] != b"\x9d\x01\x2a":
            raise ValueError("no VP8 start code")
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        if data[20] != 0x2F:
            raise ValueError("no VP8L signature")
        (bits,) = struct.unpack("<I", data[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    raise ValueError("unknown WebP chunk")


# Start-of-frame markers: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg(data: bytes) -> tuple[int, int]:
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise ValueError("not a marker")
        while data[pos] == 0xFF:  # fill bytes
            pos += 1
        marker = data[pos]
        pos += 1
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no frame header before
            break
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            return width, height
        pos += length
    raise ValueError("no frame header")


_DIMENSIONS = {"png": _png, "gif": _gif, "bmp": _bmp, "webp": _webp, "jpeg": _jpeg}
