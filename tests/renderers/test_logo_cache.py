"""A huge uploaded logo is cached at a bounded size and still placed exactly as a small one."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from renderers.geometry import Box
from renderers.logo import CACHED_SIDE, _decoded, logo_box


def png(size: tuple[int, int]) -> bytes:
    image = Image.new("RGBA", size, (255, 51, 68, 255))
    image.paste((0, 0, 0, 0), (0, 0, size[0] // 2, size[1] // 2))  # some transparency
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_forty_megapixel_logo_is_cached_at_most_at_the_bounded_side() -> None:
    huge = png((10_000, 4_000))

    cached = _decoded(huge)

    assert max(cached.size) == CACHED_SIDE
    assert cached.size == (CACHED_SIDE, CACHED_SIDE * 4 // 10)
    assert len(cached.tobytes()) <= CACHED_SIDE * CACHED_SIDE * 4  # not 160 MB


def test_the_bounded_copy_lands_in_the_same_box_as_the_full_size_logo() -> None:
    slot = Box(700, 60, 1020, 188, "logo")
    assert logo_box(png((10_000, 4_000)), slot) == logo_box(png((500, 200)), slot)
