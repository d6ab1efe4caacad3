"""Real image files for tests, made with Pillow, and hand-made bad ones."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30), color: str = "red") -> bytes:
    mode = "RGBA" if fmt in ("PNG", "WEBP") else "RGB"
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt)
    return out.getvalue()


def noisy_jpeg(size: tuple[int, int], quality: int = 92, seed: int = 0) -> bytes:
    """A photo-like JPEG (noise does not compress): ~500 KB at 1000 × 700."""
    import random

    rnd = random.Random(seed)
    raw = bytes(rnd.getrandbits(8) for _ in range(size[0] * size[1] * 3 // 16))
    small = Image.frombytes("RGB", (size[0] // 4, size[1] // 4), raw[: size[0] * size[1] * 3 // 16])
    image = small.resize(size, Image.Resampling.BILINEAR)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def huge_png_header(width: int = 20_000, height: int = 20_000) -> bytes:
    """A well-formed PNG start claiming an enormous size (a "decompression bomb")."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )
