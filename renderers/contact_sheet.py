"""One overview image of many renders, for eyeballing a change across every combination.

Cards are grouped into rows by their group (the template), each group headed by its
name; every card sits at the top of its row with its label right under it, and a row
is only as tall as its tallest card, so there are no empty bands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw

from renderers.fonts import Weight, font
from renderers.geometry import Box

_CELL = 300
_LABEL = 30
_HEADING = 40
_PAD = 16
_GROUND = (40, 40, 44)


@dataclass(frozen=True)
class Card:
    label: str
    jpeg: bytes
    group: str = ""


@dataclass(frozen=True)
class Placed:
    """Where one card and its label go on the sheet."""

    card: Box
    label_at: tuple[int, int]


@dataclass(frozen=True)
class Sheet:
    width: int
    height: int
    cards: tuple[Placed, ...]
    headings: tuple[tuple[str, int], ...]  # group name and its top


def arrange(sizes: Sequence[tuple[int, int]], groups: Sequence[str], columns: int) -> Sheet:
    """Rows per group, wrapped at `columns`; each row as tall as its tallest card."""
    rows = _rows(list(groups), columns)
    placed: list[Placed | None] = [None] * len(sizes)
    headings = []
    y = _PAD
    for k, (group, members) in enumerate(rows):
        if group and (k == 0 or rows[k - 1][0] != group):
            headings.append((group, y))
            y += _HEADING
        for c, i in enumerate(members):
            x = _PAD + c * (_CELL + _PAD)
            w, h = sizes[i]
            placed[i] = Placed(Box(x, y, x + w, y + h, "card"), (x, y + h + 7))
        y += max(sizes[i][1] for i in members) + _LABEL + _PAD
    width = columns * (_CELL + _PAD) + _PAD
    return Sheet(width, max(y, _PAD * 2), tuple(p for p in placed if p), tuple(headings))


def contact_sheet(cards: Sequence[Card | tuple[str, bytes]], columns: int = 6) -> bytes:
    """Thumbnails (aspect kept) in rows per group, labelled underneath; PNG."""
    items = [c if isinstance(c, Card) else Card(c[0], c[1]) for c in cards]
    columns = max(1, min(columns, max((_group_size(items, c.group) for c in items), default=1)))
    thumbs = [_thumb(c.jpeg) for c in items]
    layout = arrange([t.size for t in thumbs], [c.group for c in items], columns)
    sheet = Image.new("RGB", (layout.width, layout.height), _GROUND)
    draw = ImageDraw.Draw(sheet)
    face = font(Weight.SEMIBOLD, 15)
    heading = font(Weight.BOLD, 22)
    for group, top in layout.headings:
        draw.text((_PAD, top + 4), group.upper(), font=heading, fill=(245, 245, 245))
    for item, thumb, spot in zip(items, thumbs, layout.cards, strict=True):
        sheet.paste(thumb, (spot.card.x0, spot.card.y0))
        label = _clip(item.label, face, _CELL)
        draw.text(spot.label_at, label, font=face, fill=(220, 220, 220))
    buf = BytesIO()
    sheet.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def _group_size(items: list[Card], group: str) -> int:
    return sum(1 for c in items if c.group == group)


def _rows(groups: list[str], columns: int) -> list[tuple[str, list[int]]]:
    """Consecutive cards of one group, wrapped at `columns`; a new group starts a new row."""
    rows: list[tuple[str, list[int]]] = []
    for i, group in enumerate(groups):
        if rows and rows[-1][0] == group and len(rows[-1][1]) < columns:
            rows[-1][1].append(i)
        else:
            rows.append((group, [i]))
    return rows


def _thumb(data: bytes) -> Image.Image:
    with Image.open(BytesIO(data)) as img:
        thumb = img.convert("RGB")
    thumb.thumbnail((_CELL, _CELL * 16 // 9), Image.Resampling.LANCZOS)
    return thumb


def _clip(text: str, face, width: int) -> str:
    if face.getlength(text) <= width:
        return text
    while text and face.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"
