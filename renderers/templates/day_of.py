"""Day-of: tonight, where, what time the doors open, who plays when.

The practical poster for the day itself: the doors time and the venue are as large
as the title, and the timetable shows when each act is on. The timetable is dropped
before the title would have to shrink below its floor.
"""

from __future__ import annotations

from renderers.flow import Column
from renderers.fonts import Weight
from renderers.labels import clock, label
from renderers.plan import Slide
from renderers.rows import Part, place_row
from renderers.spec import Layout
from renderers.templates.common import (
    Ctx,
    footer,
    header,
    label_style,
    place_title,
    start,
    title_style,
    where_text,
)
from renderers.templates.timetable import timetable
from renderers.textfit import Style

TITLE_SIZE = {Layout.SQUARE: 120, Layout.PORTRAIT: 136, Layout.STORY: 150}
DOORS_SIZE = {Layout.SQUARE: 96, Layout.PORTRAIT: 110, Layout.STORY: 124}
LIST_SIZE = {Layout.SQUARE: (38, 22), Layout.PORTRAIT: (44, 24), Layout.STORY: (50, 26)}
LIST_SHARE = {Layout.SQUARE: 0.36, Layout.PORTRAIT: 0.42, Layout.STORY: 0.46}


def day_of(ctx: Ctx) -> list[Slide]:
    for with_list, truncate in ((True, False), (False, False), (False, True)):
        slide = _build(ctx, with_list, truncate)
        if slide is not None:
            return [slide]
    raise AssertionError("the last attempt always yields a slide")


def _build(ctx: Ctx, with_list: bool, truncate: bool) -> Slide | None:
    p, pal, sc = ctx.poster, ctx.pal, ctx.scale
    layout = ctx.frame.layout
    slide, col = start(ctx)
    header(ctx, slide, col, label("tonight", ctx.locale))

    footer(ctx, slide, col)
    slots = tuple(s for s in p.lineup if s.name.strip())
    if with_list and slots:
        hi, lo = LIST_SIZE[layout]
        share = round(col.room * LIST_SHARE[layout])
        box = Column(col.x0, col.x1, col.bottom - share, col.bottom)
        rows = timetable(ctx, slots, box, hi, lo, at_bottom=True, gap=sc.gap)
        if rows is None:
            return None
        for el in rows:
            slide.add(el)
        col.bottom = box.bottom
    where = Style(Weight.BOLD, sc.info, max(sc.info - 18, 20), 2, 1.15)
    slide.add(col.text_bottom(where_text(p), where, pal.text, "venue", sc.gap))
    doors = [
        Part(
            label("doors", ctx.locale),
            label_style(ctx, sc.sub),
            pal.muted,
            "doors-label",
        ),
        Part(
            clock(p.starts_at),
            Style(Weight.BLACK, DOORS_SIZE[layout], 40, 1),
            pal.accent_text,
            "doors",
        ),
    ]
    for el in place_row(col, doors, at_bottom=True, gap=sc.gap // 2) or []:
        slide.add(el)
    if not place_title(ctx, slide, col, title_style(ctx, TITLE_SIZE[layout], 4), truncate):
        return None
    return slide
