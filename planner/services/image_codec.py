"""Checking an image file and making its thumbnail, with Pillow: the same checks for the
window, the command line and imports, none of which needs Qt below the window.

The content decides the format (magic bytes), the header's pixel size is checked before
anything is decoded, and the file must decode in full: a damaged or truncated file is
refused. Every refusal names the file.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import InvalidInput
from planner.domain.images import (
    FORMAT_NAMES,
    THUMB_SIDE,
    NewImage,
    check_header,
    check_pixels,
    check_size,
    clean_filename,
)

if TYPE_CHECKING:
    from PIL import Image

_PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP", "bmp": "BMP"}
# Pillow may name a JPEG with several pictures (a camera's MPO) differently.
_PIL_NAMES = {"png": {"PNG"}, "jpeg": {"JPEG", "MPO"}, "gif": {"GIF"}, "webp": {"WEBP"}}
_PIL_NAMES["bmp"] = {"BMP", "DIB"}


def read_image_file(path: Path, shown_name: str | None = None) -> NewImage:
    """Read and check the image file at `path` (at most 20 MB is read)."""
    name = f"'{shown_name or path.name}'"
    try:
        if path.is_dir():
            raise InvalidInput(f"{name} is a folder, not an image.")
        check_size(name, path.stat().st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{name}: there is no such file.") from None
    except OSError as e:
        raise InvalidInput(f"{name} cannot be read: {e.strerror or e}.") from None
    return prepare_image(shown_name or path.name, data)


def prepare_image(filename: str, data: bytes) -> NewImage:
    """Check an image's bytes (format by content, size, pixels, a full decode) and make its
    thumbnail; raise InvalidInput or Refused naming `filename` when it cannot be used."""
    name = f"'{filename}'"
    fmt, width, height = check_header(name, data)
    try:
        thumb = _decode_and_thumbnail(name, fmt, data)
    except (InvalidInput, MemoryError):
        raise
    except Exception as e:  # a decoder's complaint about a damaged file, of any kind
        raise InvalidInput(
            f"{name} claims to be a {FORMAT_NAMES[fmt]} image but does not decode "
            f"({_reason(e)}); it may be damaged or cut short."
        ) from None
    return NewImage(clean_filename(filename, fmt), fmt, width, height, data, thumb)


def _decode_and_thumbnail(name: str, fmt: str, data: bytes) -> bytes:
    from PIL import Image  # on first use: the window starts without Pillow

    with warnings.catch_warnings():
        # The pixel count was checked against our own bound from the header already.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[fmt]]) as image:
            if image.format not in _PIL_NAMES[fmt]:
                raise ValueError(f"read as {image.format}")
            check_pixels(name, *image.size)
            if fmt == "jpeg":
                # Decode straight to a smaller scale: every byte is still read and checked.
                image.draft("RGB", (THUMB_SIDE, THUMB_SIDE))
            image.load()
            return _thumbnail(image)


def _thumbnail(image: Image.Image) -> bytes:
    """PNG when the image has transparency, else JPEG; turned as the camera meant."""
    from PIL import Image, ImageOps

    transparent = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    small = ImageOps.exif_transpose(image) or image
    small = small.convert("RGBA" if transparent else "RGB")
    small.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    out = io.BytesIO()
    if transparent:
        small.save(out, "PNG")
    else:
        small.save(out, "JPEG", quality=85)
    return out.getvalue()


def _reason(error: Exception) -> str:
    text = str(error).strip().rstrip(".") or type(error).__name__
    return text[:120]
