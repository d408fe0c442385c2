"""The lineup as a clean list: start times in a tabular column, names aligned beside them.

One size for every row (a list with mixed sizes reads as a ranking), chosen as the
largest that lets all rows fit the room; a name on two lines pushes only the rows after
it down, so one long b2b name does not shrink the whole list. A long list may run in
two columns, like a festival bill, when that sets it clearly larger than one column
would. Rows without a time keep the time column empty, so every name starts at the
same x. A name too wide for its line shrinks first and then wraps, at a space.
"""

from __future__ import annotations

from dataclasses import dataclass

from renderers.flow import Column
from renderers.fonts import Weight
from renderers.labels import clock
from renderers.plan import Element, Text, moved
from renderers.rows import Part, place_row
from renderers.spec import Slot
from renderers.templates.common import Ctx
from renderers.textfit import Style, fit, whole

ROW_GAP = 0.42  # of the name size
TIME_RATIO = 0.8
MAX_EXTRA_GAP = 0.9  # a short list may loosen its rows by this much of the name size
NAME_SHRINK = 0.72  # how small a long name may get (of the row size) before it wraps
GUTTER = 1.3  # between two columns, in name sizes
#: Two columns are used only when they set the names at least this much larger.
TWO_COLUMN_GAIN = 1.2
#: ...and only for lists at least this long (a short list in two columns looks sparse).
TWO_COLUMN_MIN_ROWS = 10


@dataclass(frozen=True)
class Fitted:
    """A list laid out at the column's top: its elements, height and row size."""

    elements: list[Element]
    height: int
    size: int
    columns: int


def timetable(
    ctx: Ctx,
    slots: tuple[Slot, ...] | list[Slot],
    col: Column,
    max_size: int,
    min_size: int,
    at_bottom: bool = False,
    gap: int = 0,
    two_columns: bool = False,
) -> list[Element] | None:
    """Rows placed at the column's top (or bottom); None, column untouched, if they can't fit.

    `gap` is left after the list (below it, or above it when bottom-aligned).
    """
    fitted = arrange(ctx, slots, col, max_size, min_size, grow=not at_bottom, two=two_columns)
    if fitted is None:
        return None
    if not at_bottom:
        col.top += fitted.height + gap
        return fitted.elements
    shift = col.bottom - (col.top + fitted.height)
    col.bottom -= fitted.height + gap
    return [moved(el, shift) for el in fitted.elements]


def arrange(
    ctx: Ctx,
    slots: tuple[Slot, ...] | list[Slot],
    col: Column,
    max_size: int,
    min_size: int,
    grow: bool = True,
    two: bool = False,
) -> Fitted | None:
    """The list at its largest size in one column, or two when that reads clearly better."""
    if not slots:
        return None
    one = _largest(ctx, slots, col, max_size, min_size, grow, 1, min_size)
    if not two or len(slots) < TWO_COLUMN_MIN_ROWS:
        return one
    if one is not None and one.size >= max_size:
        return one
    floor = min_size if one is None else max(min_size, round(one.size * TWO_COLUMN_GAIN))
    pair = _largest(ctx, slots, col, max_size, floor, grow, 2, min_size)
    return pair if pair is not None else one


def _largest(
    ctx: Ctx,
    slots,
    col: Column,
    max_size: int,
    min_size: int,
    grow: bool,
    columns: int,
    readable: int,
) -> Fitted | None:
    """Binary search over sizes (fitting is monotonic in size), then the found size."""
    if min_size > max_size:
        return None
    rows = -(-len(slots) // columns)
    guess = min(max_size, int(col.room / rows / (0.7 + ROW_GAP)) + 4)  # ink, not em
    lo, hi = min_size, max(min_size, guess)
    best = _try(ctx, slots, col, hi, grow, columns, readable)
    if best is not None:
        return best  # short lists usually fit at the first guess
    best = _try(ctx, slots, col, lo, grow, columns, readable)
    if best is None:
        return None
    hi -= 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        found = _try(ctx, slots, col, mid, grow, columns, readable)
        if found is None:
            hi = mid - 1
        else:
            lo, best = mid, found
    return best


def _try(
    ctx: Ctx, slots, col: Column, size: int, grow: bool, columns: int, readable: int
) -> Fitted | None:
    """All rows at one size on a uniform baseline grid, or None if they overflow."""
    pal = ctx.pal
    time_style = Style(Weight.SEMIBOLD, round(size * TIME_RATIO), 12, 1, tabular=True)
    probe = fit("00:00", time_style, col.width, col.room)
    has_times = any(s.starts_at is not None for s in slots)
    time_w = probe.width + 2 if probe is not None and has_times else 0
    # A long name shrinks first, but not below the list's readable size: then it wraps.
    shrunk = max(round(size * NAME_SHRINK), min(size, readable))
    name_style = Style(Weight.BOLD, size, shrunk, 3, 1.08, shrink_first=True)
    gutter = round(size * GUTTER) if columns > 1 else 0
    col_w = (col.width - gutter * (columns - 1)) // columns
    per_column = -(-len(slots) // columns)
    rows: list[tuple[list[Element], int, int, int]] = []  # elements, above, below, column
    for i, slot in enumerate(slots):
        c = i // per_column
        x0 = col.x0 + c * (col_w + gutter)
        parts = []
        if time_w:
            when = clock(slot.starts_at) if slot.starts_at is not None else ""
            parts.append(Part(when, time_style, pal.accent_text, "time", column=time_w))
        parts.append(Part(slot.name, name_style, pal.text, "artist", fitter=whole))
        trial = Column(x0, x0 + col_w, col.top, col.bottom)
        row = place_row(trial, parts, spacing=round(size * 0.6))
        texts = [e for e in row or [] if isinstance(e, Text)]
        if not any(t.kind == "artist" for t in texts):
            return None
        baseline = texts[0].y + texts[0].block.top_to_baseline
        above = baseline - min(t.box.y0 for t in texts)
        below = max(t.box.y1 for t in texts) - baseline
        rows.append((row or [], above, below, c))
    above = max(r[1] for r in rows)
    gap = round(size * ROW_GAP)
    heights = [0] * columns  # each column's height so far, rows stacked with their own depth
    for _row, _above, below, c in rows:
        heights[c] += (gap if heights[c] else 0) + above + below
    total = max(heights)
    if total > col.room:
        return None
    extra = 0
    if grow and per_column > 1:
        spare = (col.room - total) * 2 // 3
        extra = min(spare // (per_column - 1), round(size * MAX_EXTRA_GAP))
    out: list[Element] = []
    cursor = [col.top] * columns
    for elements, _above, below, c in rows:
        first = next(e for e in elements if isinstance(e, Text))
        current = first.y + first.block.top_to_baseline
        target = cursor[c] + above
        out.extend(moved(e, target - current) for e in elements)
        cursor[c] = target + below + gap + extra
    height = max(cursor) - gap - extra - col.top
    return Fitted(out, height, size, columns)
