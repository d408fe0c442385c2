"""Rows: several short texts on one shared baseline (date + time, pill + link + price,
time + artist), each fitted into the width its neighbours leave.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from renderers.color import RGB
from renderers.flow import Column
from renderers.geometry import Box
from renderers.plan import Element, Rect, Text
from renderers.textfit import Block, Style, fit

Fitter = Callable[[str, Style, float, float], Block | None]


@dataclass(frozen=True)
class Part:
    text: str
    style: Style
    color: RGB
    kind: str
    pill: RGB | None = None  # solid rounded shape behind the text
    column: int | None = None  # fixed width (times in a lineup), pen placed at its start
    fitter: Fitter | None = None  # how to fit it (a URL shortens its path); default: fit()

    def fit(self, width: float, height: float) -> Block | None:
        if self.fitter is not None:
            return self.fitter(self.text, self.style, width, height)
        return fit(self.text, self.style, width, height)


def _pad(block: Block, pill: RGB | None) -> tuple[int, int]:
    if pill is None:
        return 0, 0
    return round(block.size * 0.55), round(block.size * 0.38)


def place_row(
    col: Column,
    parts: list[Part],
    trailing: Part | None = None,
    at_bottom: bool = False,
    gap: int = 0,
    spacing: int = 24,
    trailing_share: float = 1 / 3,
) -> list[Element] | None:
    """Fit and place a row at the column's top (or bottom); None if even one part won't fit.

    A `trailing` part is right-aligned at the column edge and fitted first (within
    `trailing_share` of the width, never truncated), so the flexible parts (a long URL)
    shrink around it instead of running into it; if it cannot fit, the row is refused.
    """
    right = col.x1
    fitted_trailing = None
    if trailing is not None:
        fitted_trailing = trailing.fit(col.width * trailing_share, col.room)
        if fitted_trailing is None:
            return None
        right -= fitted_trailing.width + spacing
    x = col.x0
    placed: list[tuple[Part, Block, int]] = []
    for part in parts:
        limit = part.column if part.column is not None else right - x
        if part.pill is not None:
            limit -= 2 * round(part.style.max_size * 0.55)
        block = part.fit(max(limit, 1), col.room)
        if block is None:
            if part.column is not None:
                x += part.column + spacing
            continue
        px, _ = _pad(block, part.pill)
        width = part.column if part.column is not None else block.width + 2 * px
        placed.append((part, block, x))
        x += width + spacing
        if x >= right:
            break
    if fitted_trailing is not None and trailing is not None:
        placed.append((trailing, fitted_trailing, col.x1 - fitted_trailing.width))
    if not placed:
        return None
    above = max(b.top_to_baseline + _pad(b, p.pill)[1] for p, b, _ in placed)
    below = max(b.height - b.top_to_baseline + _pad(b, p.pill)[1] for p, b, _ in placed)
    if above + below > col.room:
        return None
    top = col.bottom - above - below if at_bottom else col.top
    baseline = top + above
    elements: list[Element] = []
    for part, block, x0 in placed:
        px, py = _pad(block, part.pill)
        y = baseline - block.top_to_baseline
        if part.pill is not None:
            shape = Box(x0, y - py, x0 + block.width + 2 * px, y + block.height + py, "pill")
            elements.insert(0, Rect(shape, part.pill, radius=shape.height // 2))
            elements.append(Text(block, x0 + px, y, part.color, part.kind))
        elif part.column is not None:
            elements.append(Text(block, x0, y, part.color, part.kind, "origin"))
        else:
            elements.append(Text(block, x0, y, part.color, part.kind))
    if at_bottom:
        col.bottom = top - gap
    else:
        col.top = top + above + below + gap
    return elements
