"""Promo image rendering: templates x layouts x themes, Korean-aware typography, JPEG out.

`render(request)` is the whole public surface for the bot; `layout_boxes` and
`safe_area` exist so tests can check layout without decoding pixels.
"""

from renderers.geometry import Box
from renderers.render import layout_boxes, render, safe_area
from renderers.spec import (
    AccentSource,
    Brand,
    Layout,
    Poster,
    Rendering,
    RenderRequest,
    Slot,
    Template,
    Theme,
)

__all__ = [
    "AccentSource",
    "Box",
    "Brand",
    "Layout",
    "Poster",
    "RenderRequest",
    "Rendering",
    "Slot",
    "Template",
    "Theme",
    "layout_boxes",
    "render",
    "safe_area",
]
