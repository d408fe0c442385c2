"""The insight chart: daily numbers of the last days, per event and per target, as a JPEG.

Pure and deterministic: the same spec gives the same bytes. Words arrive already in the
chat's language (core translates), so Korean and English labels are drawn alike in
Pretendard on the house's dark ground with the genre accents as series colours. A day
without data is a gap in a line (or no bar), never a drop to zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from renderers.color import RGB
from renderers.encode import jpeg
from renderers.fonts import Weight, clean, font

WIDTH, HEIGHT = 1200, 900
MARGIN = 56
_BACKGROUND_TOP: RGB = (0x12, 0x12, 0x1A)
_BACKGROUND_BOTTOM: RGB = (0x1C, 0x1A, 0x2A)
_TEXT: RGB = (0xF2, 0xF0, 0xF7)
_MUTED: RGB = (0x9A, 0x96, 0xAE)
_GRID: RGB = (0x33, 0x31, 0x44)
SERIES_COLOURS: tuple[RGB, ...] = (
    (0xFF, 0x33, 0x44),
    (0x4C, 0xC9, 0xF0),
    (0xFF, 0xD2, 0x3F),
    (0x8B, 0x7B, 0xFF),
    (0xFF, 0x9F, 0x1C),
    (0xFF, 0x4F, 0xD8),
)
MAX_SERIES = len(SERIES_COLOURS)


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int | None, ...]  # one per day; None: no data that day


@dataclass(frozen=True)
class Panel:
    title: str
    series: tuple[Series, ...]
    bars: bool = False  # grouped bars instead of lines


@dataclass(frozen=True)
class ChartSpec:
    title: str
    subtitle: str
    days: tuple[str, ...]  # the x-axis labels, oldest first
    panels: tuple[Panel, ...]
    no_data: str  # written across a panel that has nothing to draw


def render_chart(spec: ChartSpec) -> bytes:
    """The chart as JPEG bytes (encoding a PNG of this size costs several times more)."""
    image = _ground()
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, 40), clean(spec.title), font=font(Weight.BOLD, 40), fill=_TEXT)
    draw.text((MARGIN, 92), clean(spec.subtitle), font=font(Weight.REGULAR, 24), fill=_MUTED)
    top, bottom = 150, HEIGHT - 36
    count = max(1, len(spec.panels))
    height = (bottom - top) / count
    for index, panel in enumerate(spec.panels):
        box = (
            MARGIN,
            round(top + index * height),
            WIDTH - MARGIN,
            round(top + (index + 1) * height) - 24,
        )
        _panel(draw, box, panel, spec.days, spec.no_data)
    return jpeg(image)


def _ground() -> Image.Image:
    """A fresh copy of the background (built once per process)."""
    return _gradient().copy()


@cache
def _gradient() -> Image.Image:
    """A vertical gradient, built from one column and stretched."""
    column = Image.new("RGB", (1, HEIGHT))
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        column.putpixel(
            (0, y),
            tuple(
                round(a + (b - a) * t)
                for a, b in zip(_BACKGROUND_TOP, _BACKGROUND_BOTTOM, strict=False)
            ),
        )
    return column.resize((WIDTH, HEIGHT), Image.Resampling.NEAREST)


def _panel(
    draw: ImageDraw.ImageDraw,
    box: tuple[int, int, int, int],
    panel: Panel,
    days: Sequence[str],
    no_data: str,
) -> None:
    left, top, right, bottom = box
    draw.text((left, top), clean(panel.title), font=font(Weight.SEMIBOLD, 28), fill=_TEXT)
    series = panel.series[:MAX_SERIES]
    legend_bottom = _legend(draw, (left, top + 42, right), series)
    plot_top, plot_bottom = legend_bottom + 16, bottom - 44
    known = [v for s in series for v in s.values if v is not None]
    peak = max(known, default=0)
    ticks = _ticks(peak)
    label_font = font(Weight.REGULAR, 20)
    axis_width = max(draw.textlength(_short(t), font=label_font) for t in ticks) + 14
    plot_left = left + round(axis_width)
    scale_top = ticks[-1] or 1

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * value / scale_top

    for tick in ticks:
        y = y_of(tick)
        draw.line((plot_left, y, right, y), fill=_GRID, width=1)
        text = _short(tick)
        width = draw.textlength(text, font=label_font)
        draw.text((plot_left - 10 - width, y - 12), text, font=label_font, fill=_MUTED)
    slots = max(1, len(days))
    slot = (right - plot_left) / slots
    for index, day in enumerate(days):
        x = plot_left + slot * (index + 0.5)
        width = draw.textlength(day, font=label_font)
        draw.text((x - width / 2, plot_bottom + 10), day, font=label_font, fill=_MUTED)
    if not known:
        message = clean(no_data)
        message_font = font(Weight.REGULAR, 26)
        width = draw.textlength(message, font=message_font)
        middle = (plot_top + plot_bottom) / 2 - 14
        draw.text(
            ((plot_left + right - width) / 2, middle), message, font=message_font, fill=_MUTED
        )
        return
    if panel.bars:
        _bars(draw, series, plot_left, slot, y_of, plot_bottom)
    else:
        _lines(draw, series, plot_left, slot, y_of)


Scale = Callable[[float], float]


def _lines(
    draw: ImageDraw.ImageDraw, series: Sequence[Series], left: float, slot: float, y_of: Scale
) -> None:
    for colour, line in zip(SERIES_COLOURS, series, strict=False):
        run: list[tuple[float, float]] = []
        for index, value in enumerate(line.values):
            if value is None:
                _stroke(draw, run, colour)
                run = []
                continue
            run.append((left + slot * (index + 0.5), y_of(value)))
        _stroke(draw, run, colour)


def _stroke(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], colour: RGB) -> None:
    if len(points) > 1:
        draw.line(points, fill=colour, width=5, joint="curve")
    for x, y in points:
        draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill=colour)


def _bars(
    draw: ImageDraw.ImageDraw,
    series: Sequence[Series],
    left: float,
    slot: float,
    y_of: Scale,
    bottom: float,
) -> None:
    group = slot * 0.72
    width = group / max(1, len(series))
    for number, (colour, bars) in enumerate(zip(SERIES_COLOURS, series, strict=False)):
        for index, value in enumerate(bars.values):
            if not value:
                continue
            x0 = left + slot * index + (slot - group) / 2 + width * number
            draw.rectangle((x0 + 2, y_of(value), x0 + width - 2, bottom), fill=colour)


def _legend(draw: ImageDraw.ImageDraw, area: tuple[int, int, int], series: Sequence[Series]) -> int:
    """Colour swatches with labels, wrapping to a second row; returns the bottom edge."""
    left, top, right = area
    legend_font = font(Weight.REGULAR, 22)
    x, y = left, top
    for colour, item in zip(SERIES_COLOURS, series, strict=False):
        label = _fit(draw, clean(item.label), legend_font, 300)
        width = 30 + draw.textlength(label, font=legend_font) + 28
        if x + width > right and x > left:
            x, y = left, y + 34
        draw.rounded_rectangle((x, y + 4, x + 20, y + 24), radius=5, fill=colour)
        draw.text((x + 30, y), label, font=legend_font, fill=_TEXT)
        x += round(width)
    return y + 30


def _fit(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, limit: float) -> str:
    """The label, cut with an ellipsis when it would not fit in `limit` pixels."""
    if draw.textlength(text, font=face) <= limit:
        return text
    while text and draw.textlength(text + "…", font=face) > limit:
        text = text[:-1]
    return text.rstrip() + "…"


def _ticks(peak: int) -> list[int]:
    """0 and three or four round steps reaching at least `peak`."""
    if peak <= 0:
        return [0, 1]
    raw = peak / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, math.ceil(step))
    top = math.ceil(peak / step) * step
    return list(range(0, top + 1, step))


def _short(value: int) -> str:
    """1,200 as 1.2k: axis labels stay narrow."""
    if value >= 1000:
        return f"{value / 1000:.1f}".removesuffix(".0") + "k"
    return str(value)
