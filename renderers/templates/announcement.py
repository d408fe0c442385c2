"""Announcement: the title as the hero, then when and where, a lineup teaser, tickets.

Square keeps one column of title over info. Portrait and story add a large date
numeral above the title, because a tall canvas reads top-down like a poster.
Optional pieces are dropped (teaser first, then the numeral) before the title may be
truncated.
"""

from __future__ import annotations

from renderers.flow import Column
from renderers.fonts import Weight
from renderers.labels import clock, label, numeric_date, weekday
from renderers.plan import Slide
from renderers.rows import Part, place_row
from renderers.spec import Layout
from renderers.templates.common import (
    Ctx,
    header,
    kicker_text,
    label_style,
    lineup_count,
    lineup_names,
    place_title,
    sink,
    start,
    title_style,
    when_parts,
    where_text,
)
from renderers.templates.tickets import footer
from renderers.textfit import Block, Style


def announcement(ctx: Ctx) -> list[Slide]:
    tall = ctx.frame.layout is not Layout.SQUARE
    attempts = [(True, tall, False), (False, tall, False), (False, False, False)]
    attempts.append((False, False, True))
    for preview, hero, truncate in attempts:
        slide = _build(ctx, preview, hero, truncate)
        if slide is not None:
            return [slide]
    raise AssertionError("the last attempt always yields a slide")


def _build(ctx: Ctx, preview: bool, hero: bool, truncate: bool) -> Slide | None:
    p, pal, sc = ctx.poster, ctx.pal, ctx.scale
    slide, col = start(ctx)
    header(ctx, slide, col, kicker_text(ctx))
    footer(ctx, slide, col)
    if preview and lineup_count(p):
        teaser = Style(
            Weight.SEMIBOLD, sc.sub, max(sc.sub - 10, 18), sc.preview_lines, 1.3, trim_end="/"
        )
        slide.add(col.put_bottom(_teaser(ctx, col, teaser), pal.text, "lineup", 16))
        tag = label_style(ctx, sc.small - 2)
        slide.add(
            col.text_bottom(label("lineup", ctx.locale), tag, pal.muted, "lineup-label", sc.gap)
        )
    where = Style(Weight.SEMIBOLD, sc.sub, max(sc.sub - 12, 18), 2, 1.25)
    slide.add(col.text_bottom(where_text(p), where, pal.muted, "venue", 14))
    info = Style(Weight.BOLD, sc.info, max(sc.info - 16, 20), 1)
    parts = _short_when(ctx, info) if hero else when_parts(ctx, info)
    for el in place_row(col, parts, at_bottom=True, gap=sc.gap) or []:
        slide.add(el)

    mark = len(slide.elements)
    if hero:
        numeral = Style(Weight.BLACK, sc.hero, sc.hero // 2, 1, leading=1.0)
        slide.add(col.text_top(numeral_text(ctx), numeral, pal.accent_text, "hero", sc.gap // 2))
    bar_h = max(sc.gap // 3, 8)
    col.skip_bottom(bar_h + sc.gap)
    if not place_title(ctx, slide, col, title_style(ctx), truncate, sc.gap * 2 // 3):
        return None
    col.skip_bottom(-(bar_h + sc.gap))
    slide.add(col.bar_top(round(col.width * 0.14), bar_h, pal.accent))
    sink(slide, mark, round(col.room * sc.sink))
    return slide


def _teaser(ctx: Ctx, col: Column, style: Style) -> Block | None:
    """As many names as fit whole, then "+N more": a teaser never ends mid-name."""
    p = ctx.poster
    block = col.fit(lineup_names(p), style, truncate=False)
    if block is not None:
        return block
    lo, hi, best = 1, lineup_count(p) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        found = col.fit(lineup_names(p, mid), style, truncate=False)
        if found is None:
            hi = mid - 1
        else:
            lo, best = mid + 1, found
    return best


def numeral_text(ctx: Ctx) -> str:
    return numeric_date(ctx.poster.starts_at)


def _short_when(ctx: Ctx, style: Style) -> list[Part]:
    """Under a date numeral only the weekday and time are left to say."""
    p, pal = ctx.poster, ctx.pal
    return [
        Part(weekday(p.starts_at, ctx.locale), style, pal.text, "date"),
        Part(clock(p.starts_at), style, pal.accent_text, "start"),
    ]
