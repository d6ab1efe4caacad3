"""Real image files for tests, made with Pillow, and hand-made bad ones."""

from __future__ import annotations

import io
import struct
import zlib
from functools import cache

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


# -- a photo carrying what a camera and an editor leave in a file ----------------------

# Text no shared card may carry: it names the user's computer and home folder.
PRIVATE = ("HomeLaptop", "/home/alice", "Canon EOS", "Alice Example")
_PRIVATE_TEXT = "HomeLaptop /home/alice"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'dc:creator="Alice Example, HomeLaptop /home/alice"/></rdf:RDF></x:xmpmeta>'
)
# The picture as stored: wider than tall, a red square at its top-left corner on blue.
# EXIF orientation 6 means "turn 90° clockwise to show": shown 80 × 120, red top-right.
STORED_SIZE = (120, 80)
SHOWN_SIZE = (80, 120)
RED, BLUE = (255, 0, 0), (0, 0, 255)


def private_exif(orientation: int = 6) -> Image.Exif:
    """EXIF with an orientation, a GPS position, the camera, and the user's computer in
    the description, software, artist, host computer, user comment and XP comment."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 5D"
    exif[0x010E] = _PRIVATE_TEXT  # ImageDescription
    exif[0x0131] = "HomeLaptop photo editor"  # Software
    exif[0x013B] = "Alice Example"  # Artist
    exif[0x013C] = "HomeLaptop"  # HostComputer
    exif[0x9C9C] = (_PRIVATE_TEXT + "\0").encode("utf-16-le")  # XPComment
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\0\0\0" + _PRIVATE_TEXT.encode()  # UserComment
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 22.0, 1.5), 3: "E", 4: (4.0, 53.0, 2.0)})
    return exif


def private_icc() -> bytes:
    """An sRGB ICC profile whose description names the user's computer (same length as
    the built-in text, so the profile stays valid)."""
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    built_in = "sRGB built-in".encode("utf-16-be")
    assert built_in in icc
    return icc.replace(built_in, "HomeLaptop ab".encode("utf-16-be"))


def _iptc_segment() -> bytes:
    """A JPEG APP13 segment (Photoshop IRB) holding an IPTC by-line."""
    by_line = b"Alice Example, HomeLaptop /home/alice"
    iptc = b"\x1c\x02\x50" + struct.pack(">H", len(by_line)) + by_line
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def _gif_xmp_extension() -> bytes:
    """An application extension "XMP DataXMP" carrying the XMP in sub-blocks."""
    blocks = b"".join(
        bytes([len(XMP[i : i + 255])]) + XMP[i : i + 255] for i in range(0, len(XMP), 255)
    )
    return b"\x21\xff\x0bXMP DataXMP" + blocks + b"\x00"


def private_photo(fmt: str) -> bytes:
    """A real JPEG, PNG, WebP or GIF file with everything above that its format can hold:
    EXIF (orientation 6, GPS, camera, the user's computer), XMP, a comment, an ICC profile
    with personal text, IPTC (JPEG), text chunks (PNG). GIF holds only a comment and XMP,
    so it is stored as shown."""
    picture = Image.new("RGB", STORED_SIZE, BLUE)
    picture.paste(RED, (0, 0, 40, 40))
    out = io.BytesIO()
    if fmt == "JPEG":
        picture.save(
            out, "JPEG", quality=95, exif=private_exif(), xmp=XMP,
            comment=_PRIVATE_TEXT, icc_profile=private_icc(),
        )  # fmt: skip
        data = out.getvalue()
        return data[:2] + _iptc_segment() + data[2:]
    if fmt == "PNG":
        from PIL import PngImagePlugin

        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "Alice Example")
        text.add_text("Comment", _PRIVATE_TEXT, zip=True)  # zTXt
        text.add_itxt("XML:com.adobe.xmp", XMP.decode())
        text.add_itxt("Description", _PRIVATE_TEXT, zip=True)
        picture.save(out, "PNG", pnginfo=text, exif=private_exif(), icc_profile=private_icc())
        return out.getvalue()
    if fmt == "WEBP":
        picture.save(
            out, "WEBP", quality=95, exif=private_exif(), xmp=XMP, icc_profile=private_icc()
        )
        return out.getvalue()
    if fmt == "GIF":
        shown = picture.transpose(Image.Transpose.ROTATE_270)  # as orientation 6 shows it
        shown.save(out, "GIF", comment=_PRIVATE_TEXT)
        data = out.getvalue()
        flags = data[10]
        start = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)  # after the colours
        return data[:start] + _gif_xmp_extension() + data[start:]
    raise ValueError(fmt)


def private_text_in(data: bytes) -> list[str]:
    """The private markers found in `data`, as ASCII/UTF-8 or UTF-16 text."""
    return [
        marker
        for marker in PRIVATE
        if any(marker.encode(codec) in data for codec in ("utf-8", "utf-16-le", "utf-16-be"))
    ]


# -- the biggest images a plan accepts (100 megapixels), quick to make ------------------


@cache
def flat_png(size: tuple[int, int], rgb: tuple[int, int, int], bits: int = 8) -> bytes:
    """A flat-colour PNG of 8 or 16 bits a channel (Qt decodes the latter to 8 bytes a
    pixel), made once for each size and colour: a 100-megapixel one takes a second."""
    width, height = size
    ihdr = struct.pack(">IIBBBBB", width, height, bits, 2, 0, 0, 0)
    pixel = bytes(rgb) if bits == 8 else struct.pack(">HHH", *(c * 257 for c in rgb))
    row = b"\x00" + pixel * width
    packer = zlib.compressobj(1)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def gif_animation(size: tuple[int, int], colours: list[tuple[int, int, int]]) -> bytes:
    """An animated GIF, one flat frame a colour."""
    palette = [c for colour in colours for c in colour]
    frames = []
    for index in range(len(colours)):
        frame = Image.new("P", size, index)
        frame.putpalette(palette)
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    return out.getvalue()


def near(color: tuple[int, ...], expected: tuple[int, int, int], slack: int = 40) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(color[:3], expected, strict=True))


def assert_turned(image: Image.Image) -> None:
    """Shown as orientation 6 means: portrait, the red corner at the top right."""
    assert image.size == SHOWN_SIZE
    rgb = image.convert("RGB")
    width, height = rgb.size
    assert near(rgb.getpixel((width - 8, 8)), RED)  # type: ignore[arg-type]
    assert near(rgb.getpixel((8, 8)), BLUE)  # type: ignore[arg-type]
    assert near(rgb.getpixel((width - 8, height - 8)), BLUE)  # type: ignore[arg-type]
