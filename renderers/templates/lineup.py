"""Lineup: the acts with their set times, as a carousel when one slide would get cramped.

Each layout has a comfortable number of rows per slide; longer lineups are spread
evenly over up to ten slides (Instagram's carousel limit), each repeating the header
so any slide shared alone still says what and when.
"""

from __future__ import annotations

from math import ceil

from renderers.fonts import Weight
from renderers.labels import label
from renderers.plan import Slide
from renderers.rows import place_row
from renderers.spec import Layout, Slot
from renderers.templates.announcement import announcement
from renderers.templates.common import (
    Ctx,
    footer,
    header,
    start,
    title_style,
    when_parts,
    where_text,
)
from renderers.templates.timetable import timetable
from renderers.textfit import Style

MAX_SLIDES = 10
PER_SLIDE = {Layout.SQUARE: 8, Layout.PORTRAIT: 10, Layout.STORY: 12}
LIST_SIZE = {Layout.SQUARE: (68, 26), Layout.PORTRAIT: (76, 26), Layout.STORY: (84, 28)}
TITLE_SIZE = {Layout.SQUARE: 84, Layout.PORTRAIT: 96, Layout.STORY: 110}


def pages(slots: tuple[Slot, ...], layout: Layout) -> list[tuple[Slot, ...]]:
    """Split evenly: 12 acts on squares become 6 + 6, not 8 + 4."""
    count = min(MAX_SLIDES, ceil(len(slots) / PER_SLIDE[layout]))
    per = ceil(len(slots) / count)
    return [slots[i : i + per] for i in range(0, len(slots), per)]


def lineup(ctx: Ctx) -> list[Slide]:
    slots = tuple(s for s in ctx.poster.lineup if s.name.strip())
    if not slots:
        return announcement(ctx)
    chunks = pages(slots, ctx.frame.layout)
    return [_slide(ctx, chunk, i, len(chunks)) for i, chunk in enumerate(chunks)]


def _slide(ctx: Ctx, slots: tuple[Slot, ...], index: int, total: int) -> Slide:
    p, pal, sc = ctx.poster, ctx.pal, ctx.scale
    layout = ctx.frame.layout
    for title_lines, with_where in ((2, True), (1, True), (1, False)):
        slide, col = start(ctx)
        kicker = label("lineup", ctx.locale)
        if total > 1:
            kicker = f"{kicker}  {index + 1}/{total}"
        header(ctx, slide, col, kicker)
        style = title_style(ctx, TITLE_SIZE[layout], title_lines)
        slide.add(col.text_top(p.title, style, pal.text, "title", sc.gap // 2))
        info = Style(Weight.SEMIBOLD, sc.sub, max(sc.sub - 12, 16), 1)
        for el in place_row(col, when_parts(ctx, info), gap=10) or []:
            slide.add(el)
        if with_where:
            where = Style(Weight.SEMIBOLD, sc.sub, max(sc.sub - 12, 16), 1)
            slide.add(col.text_top(where_text(p), where, pal.muted, "venue", sc.gap))
        rule = max(sc.gap // 8, 3)
        slide.add(col.bar_top(col.width, rule, pal.accent, sc.gap))
        footer(ctx, slide, col)
        hi, lo = LIST_SIZE[layout]
        rows = timetable(ctx, slots, col, hi, lo)
        if rows is None:
            rows = timetable(ctx, slots, col, hi, 12) if not with_where else None
        if rows is not None:
            for el in rows:
                slide.add(el)
            return slide
    return slide
