"""Canvas geometry per layout: the safe area text must stay in, and the logo's fixed slot.

Stories keep clear of Instagram's top (~250 px) and bottom (~340 px) UI overlays.
"""

from __future__ import annotations

from dataclasses import dataclass

from renderers.spec import Layout


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle (x1, y1 exclusive) of something drawn on a slide."""

    x0: int
    y0: int
    x1: int
    y1: int
    kind: str = ""
    slide: int = 0
    text: str = ""  # what a text box says, lines joined by newlines (for tests and debugging)

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def inside(self, other: Box) -> bool:
        return (
            self.x0 >= other.x0
            and self.y0 >= other.y0
            and self.x1 <= other.x1
            and self.y1 <= other.y1
        )


@dataclass(frozen=True)
class Frame:
    layout: Layout
    width: int
    height: int
    safe: Box
    logo: Box


_SAFE = {
    Layout.SQUARE: (76, 76, 1004, 1004),
    Layout.PORTRAIT: (84, 92, 996, 1258),
    Layout.STORY: (88, 270, 992, 1570),
}

#: Every template puts the logo in the same place: top-right of the safe area,
#: scaled to fit this box (aspect kept), right- and top-aligned.
LOGO_WIDTH = 180
LOGO_HEIGHT = 84


def frame(layout: Layout) -> Frame:
    width, height = layout.size
    x0, y0, x1, y1 = _SAFE[layout]
    safe = Box(x0, y0, x1, y1, "safe")
    logo = Box(x1 - LOGO_WIDTH, y0, x1, y0 + LOGO_HEIGHT, "logo")
    return Frame(layout=layout, width=width, height=height, safe=safe, logo=logo)
