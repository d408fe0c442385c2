"""A column that fills from both ends: headers stack down, footers stack up, and the
hero (title, lineup) takes whatever room is left in between.

Everything placed goes through `fit`, so a block either fits its room or is left out;
the column never lets two blocks share a pixel row.
"""

from __future__ import annotations

from renderers.color import RGB
from renderers.geometry import Box
from renderers.plan import Align, Rect, Text
from renderers.textfit import Block, Style, fit


class Column:
    def __init__(self, x0: int, x1: int, top: int, bottom: int) -> None:
        self.x0, self.x1 = x0, x1
        self.top, self.bottom = top, bottom

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def room(self) -> int:
        return max(self.bottom - self.top, 0)

    def fit(
        self, text: str, style: Style, height: int | None = None, truncate: bool = True
    ) -> Block | None:
        limit = self.room if height is None else min(height, self.room)
        return fit(text, style, self.width, limit, truncate)

    def put_top(
        self, block: Block | None, color: RGB, kind: str, gap: int = 0, align: Align = "left"
    ) -> Text | None:
        """Place a block at the top cursor; `gap` is space left below it."""
        if block is None or block.height > self.room:
            return None
        el = Text(block, self._x(align), self.top, color, kind, align)
        self.top += block.height + gap
        return el

    def put_bottom(
        self, block: Block | None, color: RGB, kind: str, gap: int = 0, align: Align = "left"
    ) -> Text | None:
        """Place a block at the bottom cursor; `gap` is space left above it."""
        if block is None or block.height > self.room:
            return None
        self.bottom -= block.height
        el = Text(block, self._x(align), self.bottom, color, kind, align)
        self.bottom -= gap
        return el

    def text_top(
        self, text: str, style: Style, color: RGB, kind: str, gap: int = 0, align: Align = "left"
    ) -> Text | None:
        return self.put_top(self.fit(text, style), color, kind, gap, align)

    def text_bottom(
        self, text: str, style: Style, color: RGB, kind: str, gap: int = 0, align: Align = "left"
    ) -> Text | None:
        return self.put_bottom(self.fit(text, style), color, kind, gap, align)

    def bar_top(self, width: int, height: int, color: RGB, gap: int = 0) -> Rect | None:
        if height > self.room:
            return None
        rect = Rect(Box(self.x0, self.top, self.x0 + width, self.top + height, "bar"), color)
        self.top += height + gap
        return rect

    def bar_bottom(self, width: int, height: int, color: RGB, gap: int = 0) -> Rect | None:
        if height > self.room:
            return None
        self.bottom -= height
        rect = Rect(Box(self.x0, self.bottom, self.x0 + width, self.bottom + height, "bar"), color)
        self.bottom -= gap
        return rect

    def skip_top(self, amount: int) -> None:
        self.top = min(self.top + amount, self.bottom)

    def skip_bottom(self, amount: int) -> None:
        self.bottom = max(self.bottom - amount, self.top)

    def _x(self, align: Align) -> int:
        if align == "right":
            return self.x1
        if align == "center":
            return (self.x0 + self.x1) // 2
        return self.x0
