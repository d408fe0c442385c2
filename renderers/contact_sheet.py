"""One overview image of many renders, for eyeballing a change across every combination."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from PIL import Image, ImageDraw

from renderers.fonts import Weight, font

_CELL = 300
_LABEL = 34
_PAD = 16


def contact_sheet(renderings: Sequence[tuple[str, bytes]], columns: int = 6) -> bytes:
    """Thumbnails (aspect kept, bottom-aligned in equal cells) with a label under each; PNG."""
    columns = max(1, min(columns, len(renderings) or 1))
    rows = max(1, -(-len(renderings) // columns))
    cell_h = _CELL * 16 // 9
    width = columns * (_CELL + _PAD) + _PAD
    height = rows * (cell_h + _LABEL + _PAD) + _PAD
    sheet = Image.new("RGB", (width, height), (40, 40, 44))
    draw = ImageDraw.Draw(sheet)
    face = font(Weight.SEMIBOLD, 15)
    for i, (name, data) in enumerate(renderings):
        r, c = divmod(i, columns)
        x = _PAD + c * (_CELL + _PAD)
        y = _PAD + r * (cell_h + _LABEL + _PAD)
        with Image.open(BytesIO(data)) as img:
            thumb = img.convert("RGB")
            thumb.thumbnail((_CELL, cell_h), Image.Resampling.LANCZOS)
        sheet.paste(thumb, (x, y + cell_h - thumb.height))
        draw.text((x, y + cell_h + 8), _clip(name, face, _CELL), font=face, fill=(230, 230, 230))
    buf = BytesIO()
    sheet.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def _clip(text: str, face, width: int) -> str:
    while text and face.getlength(text) > width:
        text = text[:-1]
    return text
