"""Pieces every template shares: per-layout type scale, theme decoration, the header
(kicker + logo, same place everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from renderers.flow import Column
from renderers.fonts import Weight, clean
from renderers.geometry import Box, Frame
from renderers.labels import clock, genre_label, locale_key, long_date
from renderers.logo import logo_box
from renderers.plan import Glow, Logo, Rect, Slide, moved
from renderers.rows import Part
from renderers.spec import Layout, Poster, RenderRequest, Theme
from renderers.textfit import Style
from renderers.themes import Palette


@dataclass(frozen=True)
class Scale:
    """Type sizes (px) for one canvas shape; bigger canvases get more room, not just zoom."""

    title: int
    title_min: int
    title_lines: int
    hero: int
    info: int
    sub: int
    small: int
    kicker: int
    gap: int
    preview_lines: int
    sink: float  # share of leftover height put above the hero group (tall canvases)


SCALES = {
    Layout.SQUARE: Scale(184, 56, 5, 200, 46, 34, 26, 26, 30, 2, 0.0),
    Layout.PORTRAIT: Scale(196, 60, 6, 230, 50, 36, 28, 28, 38, 3, 0.3),
    Layout.STORY: Scale(204, 64, 7, 280, 56, 40, 30, 30, 48, 4, 0.4),
}


@dataclass(frozen=True)
class Ctx:
    request: RenderRequest
    frame: Frame
    pal: Palette

    @property
    def poster(self) -> Poster:
        return self.request.poster

    @property
    def locale(self) -> str:
        return self.poster.locale

    @property
    def scale(self) -> Scale:
        return SCALES[self.frame.layout]

    @property
    def theme(self) -> Theme:
        return self.pal.theme


def start(ctx: Ctx) -> tuple[Slide, Column]:
    """An empty slide and a column over the safe area (decoration is in the ground)."""
    slide = Slide()
    s = ctx.frame.safe
    return slide, Column(s.x0, s.x1, s.y0, s.y1)


def title_style(ctx: Ctx, max_size: int | None = None, lines: int | None = None) -> Style:
    sc = ctx.scale
    return Style(
        Weight.BLACK,
        max_size or sc.title,
        min(sc.title_min, max_size or sc.title),
        lines or sc.title_lines,
        leading=1.06,
        balance=True,
    )


def place_title(
    ctx: Ctx,
    slide: Slide,
    col: Column,
    style: Style,
    truncate: bool,
    gap: int = 0,
    at_bottom: bool = False,
) -> bool:
    """Fit the title into the room left; False means "no room, try a sparser slide".

    An empty title (or one made only of emoji) is simply not drawn.
    """
    if not clean(ctx.poster.title):
        return True
    block = col.fit(ctx.poster.title, style, truncate=truncate)
    if block is None:
        return False
    put = col.put_bottom if at_bottom else col.put_top
    title = put(block, ctx.pal.text, "title", gap)
    if title is not None and ctx.pal.glow > 0:
        slide.add(Glow(title, ctx.pal.accent, ctx.pal.glow))
    slide.add(title)
    return True


def sink(slide: Slide, first: int, dy: int) -> None:
    """Move the elements added since index `first` down by `dy` (into room left unused)."""
    if dy > 0:
        slide.elements[first:] = [moved(el, dy) for el in slide.elements[first:]]


def label_style(ctx: Ctx, size: int, weight: Weight = Weight.BOLD) -> Style:
    """Small caps-like labels: wide tracking suits Latin capitals, Hangul wants it tight."""
    tracking = 0.03 if locale_key(ctx.locale) == "ko" else 0.14
    return Style(weight, size, max(size - 8, 14), 1, tracking=tracking, upper=True)


def kicker_style(ctx: Ctx) -> Style:
    return label_style(ctx, ctx.scale.kicker)


def header(ctx: Ctx, slide: Slide, col: Column, kicker: str) -> None:
    """Logo in its fixed slot; the kicker (accent square + label) to its left."""
    bottom = col.top
    brand = ctx.poster.brand
    kicker_right = col.x1
    if brand and brand.logo_png:
        box = logo_box(brand.logo_png, ctx.frame.logo)
        if box is not None:
            slide.add(Logo(box, brand.logo_png))
            bottom = max(bottom, box.y1)
            kicker_right = box.x0 - 32
    if kicker:
        mark = round(ctx.scale.kicker * 0.62)
        sub = Column(col.x0 + mark + 18, kicker_right, col.top, col.bottom)
        text = sub.text_top(kicker, kicker_style(ctx), ctx.pal.accent_text, "kicker")
        if text is not None:
            b = text.box
            mid = text.y + text.block.top_to_baseline - round(text.block.size * 0.36)
            square = Box(col.x0, mid - mark // 2, col.x0 + mark, mid - mark // 2 + mark, "mark")
            slide.add(Rect(square, ctx.pal.accent))
            slide.add(text)
            bottom = max(bottom, b.y1)
    if bottom > col.top:
        col.top = bottom + ctx.scale.gap


def kicker_text(ctx: Ctx) -> str:
    return genre_label(ctx.poster.genre, ctx.locale)


def when_parts(ctx: Ctx, style: Style) -> list[Part]:
    """Date in text colour, start time in the accent: the two things people scan for."""
    p, pal = ctx.poster, ctx.pal
    return [
        Part(long_date(p.starts_at, ctx.locale), style, pal.text, "date"),
        Part(clock(p.starts_at), style, pal.accent_text, "start"),
    ]


def where_text(poster: Poster) -> str:
    return " · ".join(x for x in (poster.venue, poster.city or "") if x.strip())


def lineup_names(poster: Poster, count: int | None = None) -> str:
    """Names glued internally (a name opens only if it is wider than a line), '/' between.

    With `count`, only the first `count` names, then how many more there are.
    """
    names = [" ".join(s.name.split()).replace(" ", "\u00a0") for s in poster.lineup]
    names = [n for n in names if n]
    shown = names if count is None else names[:count]
    text = "\u00a0/ ".join(shown)
    rest = len(names) - len(shown)
    if rest > 0:
        more = f"외\u00a0{rest}팀" if locale_key(poster.locale) == "ko" else f"+{rest}\u00a0more"
        text = f"{text} {more}"
    return text


def lineup_count(poster: Poster) -> int:
    return sum(1 for s in poster.lineup if s.name.strip())
