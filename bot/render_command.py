"""`flyerbot render EVENT.toml --out DIR`: every requested combination, plus a contact sheet."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

from core.event_file import load_event_file
from renderers import Layout, RenderRequest, Template, Theme, render
from renderers.contact_sheet import Card, contact_sheet


def render_event_file(
    event_file: Path,
    out_dir: Path,
    *,
    templates: list[Template] | None = None,
    layouts: list[Layout] | None = None,
    themes: list[Theme] | None = None,
    posted_on: date | None = None,
    sheet: Path | None = None,
) -> list[Path]:
    """Render each (template, layout, theme) asked for; an omitted option means all of them."""
    poster = load_event_file(event_file)
    day = posted_on or (poster.starts_at.date() - timedelta(days=3))
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    tiles: list[Card] = []
    themes = themes or [t for t in Theme if poster.photo is not None or not t.needs_photo]
    layouts = layouts or list(Layout)
    for template, layout, theme in itertools.product(templates or list(Template), layouts, themes):
        rendering = render(RenderRequest(poster, template, layout, theme, posted_on=day))
        for index, slide in enumerate(rendering.slides, start=1):
            suffix = f"-{index}" if len(rendering.slides) > 1 else ""
            name = f"{event_file.stem}-{template}-{layout}-{theme}{suffix}"
            path = out_dir / f"{name}.jpg"
            path.write_bytes(slide)
            written.append(path)
            tiles.append(Card(name, slide, template.value))
    if sheet is not None:
        sheet.parent.mkdir(parents=True, exist_ok=True)
        sheet.write_bytes(contact_sheet(tiles, columns=len(layouts) * len(themes)))
        written.append(sheet)
    return written
