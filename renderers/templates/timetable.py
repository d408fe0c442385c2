"""The lineup as a clean list: start times in a tabular column, names aligned beside them.

One size for every row (a list with mixed sizes reads as a ranking), chosen as the
largest that lets all rows fit the room; a name too wide for its line may wrap once.
"""

from __future__ import annotations

from renderers.flow import Column
from renderers.fonts import Weight
from renderers.labels import clock
from renderers.plan import Element, Text, moved
from renderers.rows import Part, place_row
from renderers.spec import Slot
from renderers.templates.common import Ctx
from renderers.textfit import Style, fit

ROW_GAP = 0.42  # of the name size
TIME_RATIO = 0.8
MAX_EXTRA_GAP = 0.45  # a short list may loosen its rows by this much of the name size


def timetable(
    ctx: Ctx,
    slots: tuple[Slot, ...] | list[Slot],
    col: Column,
    max_size: int,
    min_size: int,
    at_bottom: bool = False,
    gap: int = 0,
) -> list[Element] | None:
    """Rows placed at the column's top (or bottom); None, column untouched, if they can't fit.

    `gap` is left after the list (below it, or above it when bottom-aligned).
    """
    if not slots:
        return None
    top = col.top
    rows = _sized(ctx, slots, col, max_size, min_size, grow=not at_bottom)
    if rows is None:
        return None
    used = col.top - top
    if not at_bottom:
        col.top += gap
        return rows
    col.top = top
    shift = col.bottom - (top + used)
    col.bottom -= used + gap
    return [moved(el, shift) for el in rows]


def _sized(
    ctx: Ctx, slots, col: Column, max_size: int, min_size: int, grow: bool
) -> list[Element] | None:
    per_row = col.room / len(slots)
    size = min(max_size, int(per_row / (1.05 + ROW_GAP)))
    size = max(size, min_size)
    while size >= min_size:
        placed = _try(ctx, slots, col, size, grow)
        if placed is not None:
            return placed
        size -= 2
    return None


def _try(ctx: Ctx, slots, col: Column, size: int, grow: bool) -> list[Element] | None:
    """All rows at one size on a uniform baseline grid, or None if they overflow."""
    pal = ctx.pal
    time_style = Style(Weight.SEMIBOLD, round(size * TIME_RATIO), 12, 1, tabular=True)
    probe = fit("00:00", time_style, col.width, col.room)
    has_times = any(s.starts_at is not None for s in slots)
    time_w = probe.width + 2 if probe is not None and has_times else 0
    name_style = Style(Weight.BOLD, size, max(round(size * 0.72), 12), 2, 1.08)
    rows: list[tuple[list[Element], int, int]] = []  # elements, ink above/below baseline
    for slot in slots:
        parts = []
        if time_w:
            when = clock(slot.starts_at) if slot.starts_at is not None else ""
            parts.append(Part(when, time_style, pal.accent_text, "time", column=time_w))
        parts.append(Part(slot.name, name_style, pal.text, "artist"))
        trial = Column(col.x0, col.x1, col.top, col.bottom)
        row = place_row(trial, parts, spacing=round(size * 0.6))
        texts = [e for e in row or [] if isinstance(e, Text)]
        if not any(t.kind == "artist" for t in texts):
            return None
        baseline = texts[0].y + texts[0].block.top_to_baseline
        above = baseline - min(t.box.y0 for t in texts)
        below = max(t.box.y1 for t in texts) - baseline
        rows.append((row or [], above, below))
    above = max(r[1] for r in rows)
    below = max(r[2] for r in rows)
    pitch = above + below + round(size * ROW_GAP)
    total = above + below + pitch * (len(rows) - 1)
    if total > col.room:
        return None
    if grow and len(rows) > 1:
        spare = (col.room - total) * 2 // 3
        pitch += min(spare // (len(rows) - 1), round(size * MAX_EXTRA_GAP))
    out: list[Element] = []
    for i, (elements, _above, _below) in enumerate(rows):
        first = next(e for e in elements if isinstance(e, Text))
        current = first.y + first.block.top_to_baseline
        target = col.top + above + i * pitch
        out.extend(moved(e, target - current) for e in elements)
    col.top += above + below + pitch * (len(rows) - 1)
    return out
