"""check_photo: real type sniffed from bytes, limits enforced before decoding, bombs refused."""

from __future__ import annotations

import struct
import warnings
import zlib
from io import BytesIO

import pytest
from PIL import Image

from core.parsing.photo import check_photo
from tests.parsing.support import assert_refused

MB = 1024 * 1024
LIMITS = {"max_bytes": 10 * MB, "max_pixels": 40_000_000}


def _image(fmt: str, size: tuple[int, int] = (640, 480)) -> bytes:
    out = BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(out, fmt)
    return out.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header claims `width` x `height`, as a bomb would."""
    png = bytearray(_image("PNG", (1, 1)))
    ihdr = png[12:29]  # chunk type + 13 data bytes
    ihdr[4:12] = struct.pack(">II", width, height)
    png[12:29] = ihdr
    png[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(png)


@pytest.mark.parametrize(
    ("fmt", "declared", "mime"),
    [
        ("JPEG", "image/jpeg", "image/jpeg"),
        ("JPEG", "image/jpg", "image/jpeg"),
        ("JPEG", None, "image/jpeg"),
        ("PNG", "image/png", "image/png"),
        ("PNG", "application/octet-stream", "image/png"),
        ("WEBP", "image/webp", "image/webp"),
    ],
)
def test_accepts(fmt: str, declared: str | None, mime: str) -> None:
    data = _image(fmt)
    checked = check_photo(data, declared, **LIMITS)
    assert (checked.mime, checked.width, checked.height) == (mime, 640, 480)
    assert checked.data == data


def test_png_disguised_as_jpeg() -> None:
    error = assert_refused(
        lambda: check_photo(_image("PNG"), "image/jpeg", **LIMITS), "photo.mime_mismatch"
    )
    assert error.params == {"declared": "JPEG", "actual": "PNG"}


def test_too_large_is_refused_before_looking_inside() -> None:
    error = assert_refused(
        lambda: check_photo(b"\0" * (11 * MB), None, **LIMITS), "photo.too_large"
    )
    assert error.params == {"size_mb": "11", "limit_mb": "10"}


@pytest.mark.parametrize(
    ("data", "max_pixels"),
    [
        (_png_claiming(20_000, 20_000), 40_000_000),  # Pillow's own bomb error
        (_png_claiming(10_000, 10_000), 200_000_000),  # Pillow's bomb warning
        (_image("PNG"), 100_000),  # our limit, below Pillow's
    ],
)
def test_too_many_pixels_without_warnings(data: bytes, max_pixels: int) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert_refused(
            lambda: check_photo(data, "image/png", max_bytes=10 * MB, max_pixels=max_pixels),
            "photo.too_many_pixels",
        )
    assert caught == []


def _truncated_jpeg() -> bytes:
    data = _image("JPEG")
    return data[: len(data) // 2]


def _damaged_png() -> bytes:
    data = bytearray(_image("PNG"))
    data[200] ^= 0xFF  # inside IDAT: its CRC no longer matches
    return bytes(data)


HEIC_HEADER = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


@pytest.mark.parametrize(
    ("data", "declared", "key"),
    [
        (b"", None, "photo.not_image"),
        ("행사 안내\nhello".encode(), "text/plain", "photo.not_image"),
        (b"%PDF-1.7\n", "image/jpeg", "photo.not_image"),
        (_image("GIF"), "image/gif", "photo.unsupported"),
        (HEIC_HEADER, "image/heic", "photo.unsupported"),
        (_truncated_jpeg(), "image/jpeg", "photo.corrupt"),
        (_damaged_png(), "image/png", "photo.corrupt"),
        (_image("PNG", (200, 200)), "image/png", "photo.too_small"),
        (_image("JPEG", (1200, 300)), "image/jpeg", "photo.too_small"),
    ],
)
def test_refuses(data: bytes, declared: str | None, key: str) -> None:
    assert_refused(lambda: check_photo(data, declared, **LIMITS), key)
