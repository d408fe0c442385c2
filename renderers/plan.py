"""What a slide will draw, decided before any pixel is touched.

Templates produce plans; the painter only executes them. Tests read the same plans
to check the layout without paying for painting or encoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from renderers.color import RGB
from renderers.geometry import Box
from renderers.textfit import Block

Align = Literal["left", "right", "center", "origin"]


@dataclass(frozen=True)
class Text:
    """A fitted block whose ink box starts at (x, y) — or ends/centres there, per `align`.

    `origin` puts the pen (not the ink) at x: tabular times then line up by their
    colons, whatever the ink of their first digit.
    """

    block: Block
    x: int
    y: int
    color: RGB
    kind: str
    align: Align = "left"

    @property
    def box(self) -> Box:
        w, h = self.block.width, self.block.height
        x0 = self.x - w if self.align == "right" else self.x
        if self.align == "center":
            x0 = self.x - w // 2
        elif self.align == "origin":
            x0 = self.x + self.block.left
        return Box(x0, self.y, x0 + w, self.y + h, self.kind, text=self.block.text)

    def origins(self) -> list[tuple[float, int]]:
        """Where each line's origin and baseline go so its ink lands inside `box`."""
        box = self.box
        out: list[tuple[float, int]] = []
        for i, line in enumerate(self.block.lines):
            baseline = self.y + self.block.top_to_baseline + i * self.block.pitch
            ink_w = line.ink[2] - line.ink[0]
            if self.align == "right":
                x = box.x1 - ink_w - line.ink[0]
            elif self.align == "center":
                x = box.x0 + (box.width - ink_w) // 2 - line.ink[0]
            elif self.align == "origin":
                x = self.x
            else:
                x = box.x0 - line.ink[0]
            out.append((x, baseline))
        return out


@dataclass(frozen=True)
class Rect:
    """A solid shape (accent bars, marks, pills); text goes on it only as a separate Text."""

    box: Box
    color: RGB
    radius: int = 0


@dataclass(frozen=True)
class Glow:
    """A soft light of `color` behind a text element (the neon theme's titles)."""

    text: Text
    color: RGB
    strength: float = 0.55


@dataclass(frozen=True)
class Logo:
    box: Box
    png: bytes


Element = Text | Rect | Glow | Logo


@dataclass
class Slide:
    """What one slide draws; the painter layers it (shapes and glows, logo, then text)."""

    elements: list[Element] = field(default_factory=list)

    def add(self, element: Element | None) -> Element | None:
        if element is not None:
            self.elements.append(element)
        return element

    def boxes(self, slide: int) -> list[Box]:
        """Text and logo boxes: the things that must not overlap or leave the safe area."""
        return [replace(el.box, slide=slide) for el in self.elements if isinstance(el, Text | Logo)]


def moved(el: Element, dy: int) -> Element:
    """The same element `dy` pixels lower (used to bottom-align something laid out top-down)."""
    if isinstance(el, Text):
        return replace(el, y=el.y + dy)
    if isinstance(el, Glow):
        return replace(el, text=replace(el.text, y=el.text.y + dy))
    b = el.box
    return replace(el, box=replace(b, y0=b.y0 + dy, y1=b.y1 + dy))
