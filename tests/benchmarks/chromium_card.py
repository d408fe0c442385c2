"""The same card as HTML, for timing a warm headless Chromium against flyerbot.

The HTML is built from flyerbot's own plan (same texts, fonts, sizes, colours and
positions, the ground as CSS gradients, glows as text-shadow, the photo as a cover
background), so both sides draw the same card. Chromium is driven by playwright from
a throwaway virtualenv; neither is a project dependency.
"""

from __future__ import annotations

import html
import tempfile
import time
from pathlib import Path
from typing import Any

from renderers.color import RGB
from renderers.decor import BAND, FRAME_INSET
from renderers.fonts import Weight, font_path
from renderers.plan import Glow, Logo, Rect, Text
from renderers.render import plan
from renderers.spec import RenderRequest, Theme

_WEIGHTS = {Weight.REGULAR: 400, Weight.SEMIBOLD: 600, Weight.BOLD: 700, Weight.BLACK: 900}


def _css(c: RGB, alpha: float = 1.0) -> str:
    return f"rgba({c[0]},{c[1]},{c[2]},{alpha:.2f})"


class Assets:
    """A directory the page is served from: font faces, photos and logos as files."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="flyerbot-chromium-")
        self.root = Path(self._dir.name)
        self._files: dict[bytes, str] = {}
        faces = []
        for weight, css_weight in _WEIGHTS.items():
            faces.append(
                "@font-face{font-family:Pretendard;"
                f"src:url('{font_path(weight).as_uri()}');font-weight:{css_weight}}}"
            )
        self.font_css = "".join(faces)
        self.index = self.root / "index.html"
        self.index.write_text("<!doctype html><title>warm-up</title>")

    def file(self, data: bytes, suffix: str) -> str:
        if data not in self._files:
            name = f"asset{len(self._files)}{suffix}"
            (self.root / name).write_bytes(data)
            self._files[data] = name
        return self._files[data]

    def close(self) -> None:
        self._dir.cleanup()


def card_html(request: RenderRequest, assets: Assets, slide_index: int = 0) -> str:
    ctx, slides = plan(request)
    slide = slides[slide_index]
    w, h = request.layout.size
    g = ctx.pal.ground
    glow, glow2 = _css(g.glow, g.glow_alpha), _css(g.glow2, g.glow_alpha * 0.6)
    layers = [
        f"radial-gradient(circle at 92% 8%, {glow}, transparent 62%)",
        f"radial-gradient(circle at 0% 100%, {glow2}, transparent 45%)",
        f"linear-gradient({_css(g.top)}, {_css(g.bottom)})",
    ]
    ground = ",".join(layers)
    body: list[str] = []
    if request.poster.photo is not None:
        src = assets.file(request.poster.photo, ".jpg")
        look = (
            "grayscale(1) brightness(0.45)"
            if request.theme is not Theme.DUOTONE
            else "grayscale(1)"
        )
        body.append(
            f"<div style='position:absolute;inset:0;background:url({src}) center 40%/cover;"
            f"filter:{look}'></div>"
            f"<div style='position:absolute;inset:0;background:{_css(g.top)};opacity:.18;"
            "mix-blend-mode:multiply'></div>"
        )
    if request.theme is Theme.NEON:
        i = FRAME_INSET
        body.append(
            f"<div style='position:absolute;left:{i}px;top:{i}px;right:{i}px;bottom:{i}px;"
            f"border:3px solid {_css(ctx.pal.accent)};border-radius:34px;"
            f"box-shadow:0 0 12px {_css(ctx.pal.accent)}'></div>"
        )
    elif request.theme is Theme.MINIMAL:
        body.append(
            f"<div style='position:absolute;left:0;right:0;bottom:0;height:{BAND}px;"
            f"background:{_css(ctx.pal.accent)}'></div>"
        )
    glows = {id(el.text): el for el in slide.elements if isinstance(el, Glow)}
    for el in slide.elements:
        if isinstance(el, Rect):
            b = el.box
            body.append(
                f"<div style='position:absolute;left:{b.x0}px;top:{b.y0}px;width:{b.width}px;"
                f"height:{b.height}px;background:{_css(el.color)};border-radius:{el.radius}px'>"
                "</div>"
            )
        elif isinstance(el, Logo):
            b = el.box
            src = assets.file(el.png, ".png")
            body.append(
                f"<img src='{src}' style='position:absolute;left:{b.x0}px;top:{b.y0}px;"
                f"width:{b.width}px;height:{b.height}px'>"
            )
        elif isinstance(el, Text):
            body.append(_text(el, glows.get(id(el))))
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        f"{assets.font_css}"
        f"html,body{{margin:0;width:{w}px;height:{h}px;overflow:hidden}}"
        f"body{{position:relative;background:{ground};font-family:Pretendard}}"
        ".l{position:absolute;white-space:pre;line-height:1}"
        "</style></head><body>" + "".join(body) + "</body></html>"
    )


def _text(el: Text, glow: Glow | None) -> str:
    block = el.block
    size = block.size
    shadow = ""
    if glow is not None:
        shadow = f"text-shadow:0 0 {size / 10:.0f}px {_css(glow.color)};"
    out = []
    for line, (x, baseline) in zip(block.lines, el.origins(), strict=True):
        for run, dx in line.runs:
            top = baseline - size * 0.93
            out.append(
                f"<div class=l style='left:{x + dx:.1f}px;top:{top:.1f}px;font-size:{size}px;"
                f"font-weight:{_WEIGHTS[block.weight]};color:{_css(el.color)};{shadow}'>"
                f"{html.escape(run)}</div>"
            )
    return "".join(out)


class Chromium:
    """A warm headless Chromium page that renders HTML cards to JPEG screenshots."""

    def __init__(self, executable: str) -> None:
        from playwright.sync_api import sync_playwright

        self._pw: Any = sync_playwright().start()
        self._browser = self._pw.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        self.assets = Assets()
        self._page = None
        self._size: tuple[int, int] | None = None

    def _page_for(self, size: tuple[int, int]):
        if self._page is None or self._size != size:
            if self._page is not None:
                self._page.close()
            self._page = self._browser.new_page(viewport={"width": size[0], "height": size[1]})
            self._page.goto(self.assets.index.as_uri())  # file:// origin, so assets resolve
            self._size = size
        return self._page

    def shot(self, request: RenderRequest, page_html: str) -> tuple[float, bytes]:
        """Milliseconds for set_content + a JPEG screenshot, and the JPEG."""
        page = self._page_for(request.layout.size)
        t0 = time.perf_counter()
        page.set_content(page_html, wait_until="load")
        data = page.screenshot(type="jpeg", quality=89)
        return (time.perf_counter() - t0) * 1000, data

    def close(self) -> None:
        self._browser.close()
        self._pw.stop()
        self.assets.close()
