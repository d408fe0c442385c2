"""render(): plan the slides for a request, paint them on the themed ground, encode JPEG."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image

from renderers.backgrounds import ground, worst_color
from renderers.color import RGB, gray_for_luminance
from renderers.decor import decorate
from renderers.encode import jpeg
from renderers.geometry import Box, frame
from renderers.paint import paint
from renderers.photo import photo_ground
from renderers.photo_color import photo_accent
from renderers.plan import Slide
from renderers.spec import AccentSource, Rendering, RenderRequest, Template, Theme
from renderers.templates.announcement import announcement
from renderers.templates.common import Ctx
from renderers.templates.countdown import countdown
from renderers.templates.day_of import day_of
from renderers.templates.lineup import lineup
from renderers.themes import PHOTO_CAP_LUM, PHOTO_FLOOR_LUM, accent_for, ground_for, palette

Composer = Callable[[Ctx], list[Slide]]

_TEMPLATES: dict[Template, Composer] = {
    Template.ANNOUNCEMENT: announcement,
    Template.LINEUP: lineup,
    Template.COUNTDOWN: countdown,
    Template.DAY_OF: day_of,
}


def context(request: RenderRequest) -> Ctx:
    p = request.poster
    from_photo = None
    if p.photo is not None and request.accent is AccentSource.PHOTO:
        from_photo = photo_accent(p.photo)
    accent = accent_for(request.theme, p.genre, p.brand, from_photo)
    spec = ground_for(request.theme, accent)
    f = frame(request.layout)
    if p.photo is not None and request.theme is Theme.DUOTONE:
        # The duotone map never leaves the span between its two inks.
        worst = channel_max(spec.top, spec.bottom)
    elif p.photo is not None:
        level = gray_for_luminance(PHOTO_CAP_LUM if spec.dark else PHOTO_FLOOR_LUM)
        worst = (level, level, level)  # the photo's tone curve bounds every channel
    else:
        worst = worst_color(spec, f.width, f.height)
    return Ctx(request=request, frame=f, pal=palette(spec, accent, worst))


def channel_max(a: RGB, b: RGB) -> RGB:
    return (max(a[0], b[0]), max(a[1], b[1]), max(a[2], b[2]))


def plan(request: RenderRequest) -> tuple[Ctx, list[Slide]]:
    """The slides a request will draw, without drawing them."""
    ctx = context(request)
    composer = _TEMPLATES.get(request.template, announcement)
    return ctx, composer(ctx)


def background(ctx: Ctx) -> Image.Image:
    """A fresh, writable ground: the uploaded photo if any, else the theme's."""
    f, p = ctx.frame, ctx.poster
    if p.photo is not None:
        img = photo_ground(p.photo, ctx.pal, f.width, f.height)
        return decorate(img, ctx.theme, ctx.pal.accent)
    return ground(ctx.pal.ground, f.width, f.height).copy()


def render_images(request: RenderRequest, text: bool = True) -> list[Image.Image]:
    """Painted slides as images (text=False paints everything but text, for contrast tests)."""
    ctx, slides = plan(request)
    base = background(ctx) if ctx.poster.photo is not None else None
    out = []
    for slide in slides:
        canvas = base.copy() if base is not None else background(ctx)
        out.append(paint(slide, canvas, text=text))
    return out


def render(request: RenderRequest) -> Rendering:
    """Render a request to JPEG slides. Pure: same request, same bytes."""
    images = render_images(request)
    w, h = request.layout.size
    return Rendering(
        slides=tuple(jpeg(img) for img in images),
        width=w,
        height=h,
        template=request.template,
        layout=request.layout,
        theme=request.theme,
    )


def layout_boxes(request: RenderRequest) -> list[Box]:
    """Every text and logo box of every slide (Box.slide says which), for layout checks."""
    _ctx, slides = plan(request)
    return [box for i, slide in enumerate(slides) for box in slide.boxes(i)]


def safe_area(request: RenderRequest) -> Box:
    return frame(request.layout).safe
