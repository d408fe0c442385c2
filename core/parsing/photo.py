"""Check an uploaded photo before anything renders it: size, real type, pixels, integrity.

Uploads are untrusted bytes. The cheap checks come first (byte size, magic numbers), so a
huge or hostile file is refused before Pillow parses it, and Pillow is only asked for
the header and a reduced decode, never a full-resolution one, to judge integrity.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from io import BytesIO

from PIL import Image

from core.parsing.errors import FieldError

MIN_SHORT_SIDE = 320
ACCEPTED = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_SHOWN = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
_MIME_ALIASES = {
    "image/jpeg": "JPEG", "image/jpg": "JPEG", "image/pjpeg": "JPEG",
    "image/png": "PNG", "image/x-png": "PNG",
    "image/webp": "WEBP",
}  # fmt: skip
# Frontends send these when they do not know; they claim nothing to disagree with.
_UNDECLARED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})


@dataclass(frozen=True)
class PhotoLimits:
    """How large an upload may be, in bytes and in decoded pixels."""

    max_bytes: int
    max_pixels: int


@dataclass(frozen=True)
class CheckedPhoto:
    data: bytes
    mime: str
    width: int
    height: int


def _sniff(data: bytes) -> str | None:
    """The image type named by the first bytes: an accepted one, another one, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "HEIC"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if data[:2] == b"BM":
        return "BMP"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if data[:4] == b"8BPS":
        return "PSD"
    return None


def _one_decimal(value: float) -> str:
    """`10` or `10.5`: sizes shown to people, without a pointless `.0`."""
    return f"{value:.1f}".removesuffix(".0")


def _check_declared(declared_mime: str | None, kind: str) -> None:
    """Refuse a file whose label and content disagree, e.g. a PNG renamed to .jpg."""
    declared = (declared_mime or "").split(";")[0].strip().lower()
    if declared in _UNDECLARED or _MIME_ALIASES.get(declared) == kind:
        return
    shown = _SHOWN.get(_MIME_ALIASES.get(declared, ""), declared)
    raise FieldError("photo.mime_mismatch", declared=shown, actual=_SHOWN[kind])


def _decode_cheaply(image: Image.Image, kind: str) -> None:
    """Decode enough to notice corruption without paying for full resolution."""
    if kind == "JPEG":
        # JPEG can decode at 1/8 scale, which still walks every compressed block.
        image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    elif kind == "PNG":
        image.verify()  # checks every chunk's CRC through IEND
    else:
        image.load()  # WebP has no reduced decode; pixels are already bounded


def _inspect(data: bytes, kind: str, max_pixels: int) -> tuple[int, int]:
    """(width, height); when both are acceptable, also proves the image decodes."""
    too_many = FieldError("photo.too_many_pixels", max_mp=_one_decimal(max_pixels / 1e6))
    # Pillow warns about likely bombs; turn that into an error and keep stderr quiet.
    # catch_warnings is process-wide, so callers should not run this on many threads.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data), formats=[kind]) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise too_many
                if min(width, height) >= MIN_SHORT_SIDE:
                    _decode_cheaply(image, kind)
        except FieldError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except Exception:  # any decoder failure on hostile bytes means "corrupt"
            raise FieldError("photo.corrupt") from None
    return width, height


def check_photo(
    data: bytes, declared_mime: str | None, *, max_bytes: int, max_pixels: int
) -> CheckedPhoto:
    """The photo, if it is a sound JPEG, PNG or WebP within the byte and pixel limits."""
    if len(data) > max_bytes:
        raise FieldError(
            "photo.too_large",
            size_mb=_one_decimal(len(data) / 1_048_576),
            limit_mb=_one_decimal(max_bytes / 1_048_576),
        )
    kind = _sniff(data)
    if kind is None:
        raise FieldError("photo.not_image")
    if kind not in ACCEPTED:
        raise FieldError("photo.unsupported", kind=kind)
    _check_declared(declared_mime, kind)
    width, height = _inspect(data, kind, max_pixels)
    if min(width, height) < MIN_SHORT_SIDE:
        raise FieldError("photo.too_small", width=width, height=height, min=MIN_SHORT_SIDE)
    return CheckedPhoto(data=data, mime=ACCEPTED[kind], width=width, height=height)
