"""Countdown: D-N as the hero, recomputed for the day the image is posted.

On the day itself the hero becomes "TONIGHT" / "오늘 밤". After the event (a late
repost) it falls back to the date numeral rather than counting the wrong way.
"""

from __future__ import annotations

from renderers.fonts import Weight
from renderers.labels import countdown_words, numeric_date
from renderers.plan import Slide
from renderers.rows import place_row
from renderers.spec import Layout
from renderers.templates.common import (
    Ctx,
    header,
    kicker_text,
    place_title,
    start,
    title_style,
    when_parts,
    where_text,
)
from renderers.templates.tickets import footer
from renderers.textfit import Style

TITLE_SIZE = {Layout.SQUARE: 110, Layout.PORTRAIT: 124, Layout.STORY: 136}
HERO_SIZE = {Layout.SQUARE: 360, Layout.PORTRAIT: 420, Layout.STORY: 480}


def days_left(ctx: Ctx) -> int:
    return (ctx.poster.starts_at.date() - ctx.request.posted_on).days


def hero_words(ctx: Ctx) -> tuple[str, str]:
    days = days_left(ctx)
    if days < 0:
        return numeric_date(ctx.poster.starts_at), ""
    return countdown_words(days, ctx.locale)


def countdown(ctx: Ctx) -> list[Slide]:
    for caption, truncate in ((True, False), (False, False), (False, True)):
        slide = _build(ctx, caption, truncate)
        if slide is not None:
            return [slide]
    raise AssertionError("the last attempt always yields a slide")


def _build(ctx: Ctx, with_caption: bool, truncate: bool) -> Slide | None:
    p, pal, sc = ctx.poster, ctx.pal, ctx.scale
    layout = ctx.frame.layout
    slide, col = start(ctx)
    header(ctx, slide, col, kicker_text(ctx))
    hero, caption = hero_words(ctx)
    hero_style = Style(Weight.BLACK, HERO_SIZE[layout], 90, 2, leading=0.98)
    height = round(col.room * 0.45)
    block = col.fit(hero, hero_style, height=height)
    slide.add(col.put_top(block, pal.accent_text, "hero", sc.gap // 2))
    if caption and with_caption:
        cap_style = Style(Weight.BOLD, sc.info, max(sc.info - 16, 18), 1)
        slide.add(col.text_top(caption, cap_style, pal.text, "caption", sc.gap))

    footer(ctx, slide, col)
    where = Style(Weight.SEMIBOLD, sc.sub, max(sc.sub - 12, 18), 2, 1.25)
    slide.add(col.text_bottom(where_text(p), where, pal.muted, "venue", 14))
    info = Style(Weight.BOLD, sc.info, max(sc.info - 16, 20), 1)
    for el in place_row(col, when_parts(ctx, info), at_bottom=True, gap=sc.gap) or []:
        slide.add(el)

    col.skip_top(sc.gap)  # keep the countdown and the event apart
    style = title_style(ctx, TITLE_SIZE[layout], 3)
    if not place_title(ctx, slide, col, style, truncate, sc.gap, at_bottom=True):
        return None
    return slide
