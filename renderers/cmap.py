"""Read which code points an OpenType font maps, so we can drop glyphs it would draw as tofu.

Pillow exposes no cmap and fontTools is not a dependency; the cmap table is small
and its two common subtable formats (4 and 12) take a few lines to walk.
"""

from __future__ import annotations

import struct
from pathlib import Path


def codepoints(path: Path) -> frozenset[int]:
    """Every code point the font's Unicode cmap subtables map to a real glyph."""
    data = path.read_bytes()
    cmap = _table(data, b"cmap")
    (count,) = struct.unpack_from(">H", cmap, 2)
    subtables: dict[int, int] = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        if (platform, encoding) in {(3, 1), (3, 10), (0, 3), (0, 4)}:
            subtables.setdefault(struct.unpack_from(">H", cmap, offset)[0], offset)
    # Format 12 covers everything format 4 does (and beyond the BMP): read just one.
    if 12 in subtables:
        return frozenset(_format12(cmap, subtables[12]))
    if 4 in subtables:
        return frozenset(_format4(cmap, subtables[4]))
    return frozenset()


def _table(data: bytes, tag: bytes) -> bytes:
    (num_tables,) = struct.unpack_from(">H", data, 4)
    for i in range(num_tables):
        rec_tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if rec_tag == tag:
            return data[offset : offset + length]
    raise ValueError(f"font has no {tag!r} table")


def _format4(cmap: bytes, offset: int) -> set[int]:
    seg_x2 = struct.unpack_from(">H", cmap, offset + 6)[0]
    segs = seg_x2 // 2
    ends_at = offset + 14
    starts_at = ends_at + seg_x2 + 2
    deltas_at = starts_at + seg_x2
    ranges_at = deltas_at + seg_x2
    found: set[int] = set()
    for s in range(segs):
        end = struct.unpack_from(">H", cmap, ends_at + 2 * s)[0]
        start = struct.unpack_from(">H", cmap, starts_at + 2 * s)[0]
        delta = struct.unpack_from(">h", cmap, deltas_at + 2 * s)[0]
        range_offset = struct.unpack_from(">H", cmap, ranges_at + 2 * s)[0]
        for cp in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (cp + delta) & 0xFFFF
            else:
                at = ranges_at + 2 * s + range_offset + 2 * (cp - start)
                glyph = struct.unpack_from(">H", cmap, at)[0]
                if glyph:
                    glyph = (glyph + delta) & 0xFFFF
            if glyph:
                found.add(cp)
    return found


def _format12(cmap: bytes, offset: int) -> set[int]:
    (groups,) = struct.unpack_from(">I", cmap, offset + 12)
    found: set[int] = set()
    for g in range(groups):
        start, end, first_glyph = struct.unpack_from(">III", cmap, offset + 16 + 12 * g)
        found.update(range(start if first_glyph else start + 1, end + 1))
    return found
