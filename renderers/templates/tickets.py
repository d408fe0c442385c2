"""The ticket footer: a TICKETS pill with the link, and the price, never silently cut.

The price is information people act on, so it shrinks or wraps but is never shortened;
when it cannot share a line with the link it gets a line (or two) of its own above it.
Only the link's path may end in an ellipsis: the host is what people type.
"""

from __future__ import annotations

from dataclasses import replace

from renderers.flow import Column
from renderers.fonts import Weight
from renderers.labels import label
from renderers.plan import Element, Slide
from renderers.rows import Part, place_row
from renderers.templates.common import Ctx, label_style
from renderers.textfit import Block, Style, fit, measurer, prepare, set_block, whole

#: The price may take up to this share of the row it shares with the link.
PRICE_SHARE = 0.45
#: The link gives up at most this much size before its path is shortened instead.
URL_SHRINK = 0.8


def short_url(url: str) -> str:
    """Drop the scheme, 'www.', the query and a trailing slash: the part people type."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    if url.startswith("www."):
        url = url[4:]
    for mark in ("#", "?"):
        url = url.split(mark, 1)[0]
    return url.rstrip("/")


def fit_url(text: str, style: Style, width: float, height: float) -> Block | None:
    """The link at the largest size that shows it whole, else with its path ellipsized.

    Shrinking stops at URL_SHRINK of the style's size: below that a shortened path
    reads better than a tiny full one. The host is never cut.
    """
    one_line = replace(style, max_lines=1)
    floor = max(style.min_size, round(style.max_size * URL_SHRINK))
    block = fit(text, replace(one_line, min_size=floor), width, height, truncate=False)
    if block is not None:
        return block
    host, slash, path = prepare(text, one_line).partition("/")
    for size in range(floor, style.min_size - 1, -1):
        measure = measurer(one_line, size)
        if measure(host + slash + "…") > width:
            continue
        kept = path
        while kept and measure(f"{host}/{kept}…") > width:
            kept = kept[:-1]
        shown = f"{host}/{kept}…" if slash else host
        block = set_block([shown], one_line, size)
        if block.width <= width and block.height <= height:
            return block
    return None


def footer(ctx: Ctx, slide: Slide, col: Column) -> None:
    """Bottom rows: the link with its pill and the price beside it, or the price above it."""
    for el in footer_elements(ctx, col):
        slide.add(el)


def footer_elements(ctx: Ctx, col: Column) -> list[Element]:
    p, pal, sc = ctx.poster, ctx.pal, ctx.scale
    small = Style(Weight.SEMIBOLD, sc.small, max(sc.small - 10, 14), 1)
    link: list[Part] = []
    if p.ticket_url and short_url(p.ticket_url):
        pill = label_style(ctx, sc.small - 4)
        link.append(Part(label("tickets", ctx.locale), pill, pal.on_accent, "tickets", pal.accent))
        link.append(Part(short_url(p.ticket_url), small, pal.text, "url", fitter=fit_url))
    price_text = (p.price or "").strip()
    if not link and not price_text:
        return []
    if not price_text:
        return place_row(col, link, at_bottom=True, gap=sc.gap) or []
    price = Part(price_text, small, pal.accent_text, "price", fitter=whole)
    if link:
        row = place_row(
            col, link, trailing=price, at_bottom=True, gap=sc.gap, trailing_share=PRICE_SHARE
        )
        if row is not None:
            return row
    wrapped = replace(small, max_lines=3, leading=1.2, shrink_first=True)
    block = whole(price_text, wrapped, col.width, col.room)
    out: list[Element] = []
    if link:
        out.extend(place_row(col, link, at_bottom=True, gap=sc.gap // 3) or [])
    placed = col.put_bottom(block, pal.accent_text, "price", sc.gap)
    if placed is not None:
        out.append(placed)
    return out
