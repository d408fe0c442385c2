"""Lineup: the acts with their set times, as a carousel only when one slide can't hold them.

Pages are decided by measured height, not by a fixed count: the whole list goes on one
slide if it fits there at a readable size (in two columns when long), and otherwise
on as few slides as do, split evenly (7 + 6, never 12 + 1). Each slide repeats the
header so any slide shared alone still says what and when.
"""

from __future__ import annotations

from dataclasses import replace

from renderers.flow import Column
from renderers.fonts import Weight
from renderers.labels import label
from renderers.plan import Slide
from renderers.rows import place_row
from renderers.spec import Layout, Slot
from renderers.templates.announcement import announcement
from renderers.templates.common import (
    Ctx,
    header,
    start,
    title_style,
    when_parts,
    where_text,
)
from renderers.templates.tickets import footer
from renderers.templates.timetable import ROW_GAP, arrange
from renderers.textfit import Style

MAX_SLIDES = 10
#: Name sizes: the largest a short list grows to, and the smallest still read on a phone.
LIST_SIZE = {Layout.SQUARE: (68, 28), Layout.PORTRAIT: (76, 28), Layout.STORY: (84, 30)}
#: What a list may shrink to when even ten slides cannot hold it at a readable size.
LAST_RESORT_SIZE = 16
TITLE_MIN = 40
TITLE_SIZE = {Layout.SQUARE: 84, Layout.PORTRAIT: 96, Layout.STORY: 110}


def balanced(slots: tuple[Slot, ...], count: int) -> list[tuple[Slot, ...]]:
    """`count` runs of consecutive acts whose lengths differ by at most one, longer first."""
    per, extra = divmod(len(slots), count)
    out, at = [], 0
    for i in range(count):
        n = per + (1 if i < extra else 0)
        out.append(slots[at : at + n])
        at += n
    return [chunk for chunk in out if chunk]


def lineup(ctx: Ctx) -> list[Slide]:
    slots = tuple(s for s in ctx.poster.lineup if s.name.strip())
    if not slots:
        return announcement(ctx)
    hi, lo = LIST_SIZE[ctx.frame.layout]
    most = min(MAX_SLIDES, len(slots))
    for count in range(_fewest_pages(ctx, len(slots), lo), most + 1):
        chunks = balanced(slots, count)
        first = _slide(ctx, chunks[0], 0, len(chunks), hi, lo)  # the longest page
        if first is None:
            continue
        rest = [_slide(ctx, c, i, len(chunks), hi, lo) for i, c in enumerate(chunks) if i]
        if all(slide is not None for slide in rest):
            return [first, *(slide for slide in rest if slide is not None)]
    chunks = balanced(slots, most)
    out = []
    for i, chunk in enumerate(chunks):
        slide = _slide(ctx, chunk, i, len(chunks), hi, LAST_RESORT_SIZE)
        out.append(slide if slide is not None else _chrome(ctx, i, len(chunks))[0])
    return out


def _fewest_pages(ctx: Ctx, acts: int, lo: int) -> int:
    """A lower bound on pages: rows of the smallest readable size in the sparsest chrome."""
    _slide, col = _chrome(ctx, 0, 2)
    rows = max(1, int((col.room - lo * 1.05) // (lo * (1.05 + ROW_GAP))) + 1)
    return max(1, min(MAX_SLIDES, -(-acts // (2 * rows))))


def _slide(
    ctx: Ctx, slots: tuple[Slot, ...], index: int, total: int, hi: int, lo: int
) -> Slide | None:
    """One page, dropping optional chrome (a title line, the venue) before the list fails."""
    for title_lines, with_where in ((2, True), (1, True), (1, False)):
        slide, col = _chrome(ctx, index, total, title_lines, with_where)
        fitted = arrange(ctx, slots, col, hi, lo, grow=True, two=True)
        if fitted is not None:
            for el in fitted.elements:
                slide.add(el)
            return slide
    return None


def _chrome(
    ctx: Ctx, index: int, total: int, title_lines: int = 1, with_where: bool = False
) -> tuple[Slide, Column]:
    """Header, title, date and venue, rule and footer; the column left is the list's room."""
    p, pal, sc = ctx.poster, ctx.pal, ctx.scale
    slide, col = start(ctx)
    kicker = label("lineup", ctx.locale)
    if total > 1:
        kicker = f"{kicker}  {index + 1}/{total}"
    header(ctx, slide, col, kicker)
    style = replace(title_style(ctx, TITLE_SIZE[ctx.frame.layout], title_lines), min_size=TITLE_MIN)
    block = col.fit(p.title, style, truncate=False)
    if block is None:  # a very long title takes a third line rather than losing words
        block = col.fit(p.title, replace(style, max_lines=title_lines + 1), truncate=False)
    slide.add(col.put_top(block, pal.text, "title", sc.gap // 2))
    info = Style(Weight.SEMIBOLD, sc.sub, max(sc.sub - 12, 16), 1)
    for el in place_row(col, when_parts(ctx, info), gap=10) or []:
        slide.add(el)
    if with_where:
        where = Style(Weight.SEMIBOLD, sc.sub, max(sc.sub - 12, 16), 1)
        slide.add(col.text_top(where_text(p), where, pal.muted, "venue", sc.gap))
    rule = max(sc.gap // 8, 3)
    slide.add(col.bar_top(col.width, rule, pal.accent, sc.gap))
    footer(ctx, slide, col)
    return slide, col
