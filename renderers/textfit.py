"""Auto-fit: the largest size between a style's bounds at which text wraps into its box.

Blocks are measured by their real ink, so placement is exact: a box returned here
contains every pixel the painter will draw for it, which is what lets templates
promise "nothing clipped, nothing overlapping".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from renderers import measure as estimate
from renderers.breaking import wrap
from renderers.fonts import Weight, clean, font

_DIGITS = estimate.DIGITS


@dataclass(frozen=True)
class Style:
    """How a block may be set: weight, size bounds, line limit, leading, tracking (em)."""

    weight: Weight
    max_size: int
    min_size: int
    max_lines: int = 1
    leading: float = 1.1
    tracking: float = 0.0
    tabular: bool = False
    upper: bool = False
    trim_end: str = ""  # separators dropped when they end a line ("/" in a name list)
    balance: bool = False  # even out line lengths (titles), like CSS text-wrap: balance
    shrink_first: bool = False  # fewer lines before larger size (a name stays on one line)


@dataclass(frozen=True)
class Line:
    """One set line: runs of (text, x offset from the line origin) and its ink box."""

    runs: tuple[tuple[str, float], ...]
    advance: float
    ink: tuple[int, int, int, int]  # relative to (origin x, baseline)


@dataclass(frozen=True)
class Block:
    """Set lines at one size. `top_to_baseline` places the first baseline below the ink top."""

    lines: tuple[Line, ...]
    weight: Weight
    size: int
    pitch: int

    @cached_property
    def left(self) -> int:
        return min(line.ink[0] for line in self.lines)

    @cached_property
    def width(self) -> int:
        return max(line.ink[2] for line in self.lines) - self.left

    @property
    def top_to_baseline(self) -> int:
        return -self.lines[0].ink[1]

    @cached_property
    def height(self) -> int:
        last = self.lines[-1].ink[3] + self.pitch * (len(self.lines) - 1)
        return last + self.top_to_baseline

    @property
    def text(self) -> str:
        return "\n".join("".join(run for run, _dx in line.runs) for line in self.lines)


def prepare(text: str, style: Style) -> str:
    text = clean(text)
    return text.upper() if style.upper else text


def measurer(style: Style, size: int):
    """An estimated width function for wrap() at `size` (see renderers.measure)."""

    def measure(s: str) -> float:
        return estimate.width(style.weight, size, s, style.tracking, style.tabular)

    return measure


@lru_cache(maxsize=4096)
def set_line(text: str, style: Style, size: int) -> Line:
    """Lay out one line into runs; tracked or tabular text is placed character by character.

    Cached: measuring ink with FreeType is the costly part of layout, and the same lines
    come back in every template, theme and re-render of an event.
    """
    face = font(style.weight, size)
    track = style.tracking * size
    if not track and not style.tabular:
        runs: tuple[tuple[str, float], ...] = ((text, 0.0),)
        advance = face.getlength(text)
    else:
        scale = size / estimate.REF
        cell = estimate.ref_cell(style.weight) * scale
        placed: list[tuple[str, float]] = []
        x = 0.0
        for ch in text:
            w = estimate.ref_width(style.weight, ch) * scale
            if style.tabular and ch in _DIGITS:
                placed.append((ch, x + (cell - w) / 2))
                w = cell
            else:
                placed.append((ch, x))
            x += w + track
        runs = tuple(placed)
        advance = x - track if placed else 0.0
    ink = _ink(face, runs)
    return Line(runs=runs, advance=advance, ink=ink)


def _ink(face, runs: tuple[tuple[str, float], ...]) -> tuple[int, int, int, int]:
    x0 = y0 = 10**9
    x1 = y1 = -(10**9)
    for text, dx in runs:
        if not text.strip():
            continue
        left, top, right, bottom = face.getbbox(text, anchor="ls")
        x0, y0 = min(x0, int(left + dx)), min(y0, top)
        x1, y1 = max(x1, int(right + dx) + 1), max(y1, bottom)
    if x0 > x1:
        return (0, 0, 0, 0)
    return (x0, y0, x1, y1)


def set_block(lines: list[str], style: Style, size: int) -> Block:
    return Block(
        lines=tuple(set_line(line, style, size) for line in lines),
        weight=style.weight,
        size=size,
        pitch=round(size * style.leading),
    )


def fit(
    text: str, style: Style, width: float, height: float, truncate: bool = True
) -> Block | None:
    """Largest block that fits: words first, shrinking; then split words; then truncate.

    Returns None only when not even one line at the minimum size fits the height,
    or when the text is empty once undrawable characters are dropped.
    """
    text = prepare(text, style)
    if not text:
        return None
    if style.shrink_first and style.max_lines > 1:
        for lines in range(1, style.max_lines):
            block = _largest(text, replace(style, max_lines=lines), width, height, split=False)
            if block is not None:
                return block
    block = _largest(text, style, width, height, split=False)
    if block is None:
        # Breaking inside words is the last resort, so it happens near the minimum size
        # (not at full size), with lines balanced so no lone syllable is left over.
        near_min = min(style.max_size, round(style.min_size * SPLIT_SIZE_RANGE))
        split_style = replace(style, max_size=near_min, balance=True)
        block = _largest(text, split_style, width, height, split=True)
    if block is not None:
        return block
    return _truncated(text, style, width, height) if truncate else None


def _wrap(text: str, style: Style, size: int, width: float, split: bool) -> list[str] | None:
    lines = wrap(text, measurer(style, size), width, split)
    if lines is None or not style.trim_end:
        return lines
    strip = style.trim_end + " \u00a0\u2002"
    return [trimmed for line in lines if (trimmed := line.rstrip(strip))]


def _estimate(lines: list[str], style: Style, size: int) -> tuple[float, float]:
    """(width, height) the block would have, from reference-size measurements."""
    w = max(estimate.width(style.weight, size, ln, style.tracking, style.tabular) for ln in lines)
    top = estimate.extent(style.weight, size, lines[0])[0]
    bottom = estimate.extent(style.weight, size, lines[-1])[1]
    return w, bottom - top + (len(lines) - 1) * round(size * style.leading)


def _candidate(text: str, style: Style, size: int, width: float, height: float, split: bool):
    """Lines that should fit at `size` by estimate, or None."""
    lines = _wrap(text, style, size, width, split)
    if not lines or len(lines) > style.max_lines:
        return None
    w, h = _estimate(lines, style, size)
    return lines if w <= width and h <= height else None


def _largest(text: str, style: Style, width: float, height: float, split: bool):
    """Binary search by estimate for the largest size, then verify with real faces.

    If the exact block is a pixel too big (hinting), step down until it fits.
    """
    lo, hi = style.min_size, style.max_size
    if style.max_lines == 1 and "\n" not in text:
        natural = measurer(style, hi)(text)
        if natural > width:
            hi = max(lo, min(hi, int(hi * width / natural) + 1))
    if hi > lo and _candidate(text, style, hi, width, height, split) is not None:
        lo = hi  # the common case (short text, roomy box) needs no search
    elif _candidate(text, style, lo, width, height, split) is None:
        return None
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _candidate(text, style, mid, width, height, split) is None:
            hi = mid - 1
        else:
            lo = mid
    lo = _fewer_lines(text, style, lo, width, height, split)
    for size in range(lo, style.min_size - 1, -1):
        lines = _candidate(text, style, size, width, height, split)
        if lines is None:
            continue
        if style.balance and len(lines) > 1:
            lines = _balanced(text, style, size, width, height, split, len(lines))
        block = set_block(lines, style, size)
        if block.width <= width and block.height <= height:
            return block
    return None


def _balanced(
    text: str, style: Style, size: int, width: float, height: float, split: bool, count: int
) -> list[str]:
    """The same number of lines at the narrowest width that still allows it."""
    lo, hi = width / count, width
    best = _candidate(text, style, size, hi, height, split) or []
    for _ in range(8):
        mid = (lo + hi) / 2
        lines = _candidate(text, style, size, mid, height, split)
        if lines is not None and len(lines) <= count:
            hi, best = mid, lines
        else:
            lo = mid
    return best


#: Words are broken only at sizes up to this factor above the style's minimum.
SPLIT_SIZE_RANGE = 1.25

#: A title may give up this much size to lose a line ("나이트" alone on a line looks
#: like a mistake; one line fewer at 88% reads as intended).
BALANCE = 0.88


def _fewer_lines(text: str, style: Style, size: int, width: float, height: float, split: bool):
    """Prefer the largest size with one line fewer, if it is not much smaller."""
    lines = _candidate(text, style, size, width, height, split)
    if not lines or len(lines) < 3:
        return size
    floor = max(style.min_size, int(size * BALANCE))
    for smaller in range(size - 1, floor - 1, -1):
        fewer = _candidate(text, style, smaller, width, height, split)
        if fewer is not None and len(fewer) < len(lines):
            return smaller
    return size


def whole(text: str, style: Style, width: float, height: float) -> Block | None:
    """Fit without ever truncating (names, prices): shrink and wrap, or refuse."""
    return fit(text, style, width, height, truncate=False)


def _truncated(text: str, style: Style, width: float, height: float) -> Block | None:
    size = style.min_size
    measure = measurer(style, size)
    lines = _wrap(text, style, size, width, split=True) or []
    while lines:
        block = set_block(lines, style, size)
        if len(lines) <= style.max_lines and block.height <= height:
            break
        lines = lines[: min(len(lines) - 1, style.max_lines)]
        if lines:
            lines[-1] = _ellipsize(lines[-1], measure, width)
    if not lines:
        return None
    block = set_block(lines, style, size)
    return block if block.width <= width else None


def _ellipsize(line: str, measure, width: float) -> str:
    while line and measure(line + "…") > width:
        line = line[:-1].rstrip()
    return line + "…"
