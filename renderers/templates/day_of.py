"""Day-of: tonight, where, what time the doors open, who plays when.

The practical poster for the day itself: the doors time and the venue are as large
as the title, and the timetable shows when each act is on. The timetable is dropped
before the title would have to shrink below its floor.
"""

from __future__ import annotations

from renderers.flow import Column
from renderers.fonts import Weight, clean
from renderers.labels import clock, label
from renderers.plan import Glow, Slide
from renderers.rows import Part, place_row
from renderers.spec import Layout
from renderers.templates.common import (
    Ctx,
    header,
    label_style,
    start,
    title_style,
    where_text,
)
from renderers.templates.tickets import footer
from renderers.templates.timetable import timetable
from renderers.textfit import Style

TITLE_SIZE = {Layout.SQUARE: 120, Layout.PORTRAIT: 136, Layout.STORY: 150}
DOORS_SIZE = {Layout.SQUARE: 96, Layout.PORTRAIT: 110, Layout.STORY: 124}
LIST_SIZE = {Layout.SQUARE: (38, 22), Layout.PORTRAIT: (44, 24), Layout.STORY: (50, 26)}
#: The most of the height the title may take; the rest is for doors, venue and the list.
TITLE_SHARE = 0.4


def day_of(ctx: Ctx) -> list[Slide]:
    for with_list, truncate in ((True, False), (False, False), (False, True)):
        slide = _build(ctx, with_list, truncate)
        if slide is not None:
            return [slide]
    raise AssertionError("the last attempt always yields a slide")


def _build(ctx: Ctx, with_list: bool, truncate: bool) -> Slide | None:
    """Title at the top; doors, venue and the timetable stacked up from the footer.

    The title takes at most TITLE_SHARE of the height, so a long lineup gets the rest
    instead of a fixed band with empty space above it.
    """
    p, pal, sc = ctx.poster, ctx.pal, ctx.scale
    layout = ctx.frame.layout
    slide, col = start(ctx)
    header(ctx, slide, col, label("tonight", ctx.locale))
    footer(ctx, slide, col)
    style = title_style(ctx, TITLE_SIZE[layout], 4)
    limit = round(col.room * TITLE_SHARE)
    if clean(p.title):
        block = col.fit(p.title, style, height=limit, truncate=truncate)
        if block is None:
            return None
        title = col.put_top(block, pal.text, "title", sc.gap)
        if title is not None and pal.glow > 0:
            slide.add(Glow(title, pal.accent, pal.glow))
        slide.add(title)
    where = Style(Weight.BOLD, sc.info, max(sc.info - 18, 20), 2, 1.15)
    doors = [
        Part(label("doors", ctx.locale), label_style(ctx, sc.sub), pal.muted, "doors-label"),
        Part(
            clock(p.starts_at),
            Style(Weight.BLACK, DOORS_SIZE[layout], 40, 1),
            pal.accent_text,
            "doors",
        ),
    ]
    slots = tuple(s for s in p.lineup if s.name.strip())
    if with_list and slots:
        probe = Column(col.x0, col.x1, col.top, col.bottom)
        probe.text_bottom(where_text(p), where, pal.text, "venue", sc.gap)
        place_row(probe, doors, at_bottom=True, gap=sc.gap // 2)
        hi, lo = LIST_SIZE[layout]
        box = Column(col.x0, col.x1, col.top + (col.bottom - probe.bottom), col.bottom)
        rows = timetable(ctx, slots, box, hi, lo, at_bottom=True, gap=sc.gap, two_columns=True)
        if rows is None:
            return None
        for el in rows:
            slide.add(el)
        col.bottom = box.bottom
    slide.add(col.text_bottom(where_text(p), where, pal.text, "venue", sc.gap))
    for el in place_row(col, doors, at_bottom=True, gap=sc.gap // 2) or []:
        slide.add(el)
    return slide
