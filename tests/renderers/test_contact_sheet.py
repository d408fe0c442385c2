"""The contact sheet is an image with one labelled cell per render."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from renderers import Layout, RenderRequest, Template, Theme, render
from renderers.contact_sheet import contact_sheet
from tests.renderers.posters import POSTED_ON, seoul


def test_contact_sheet_grid() -> None:
    items = []
    for layout in Layout:
        result = render(
            RenderRequest(seoul(), Template.ANNOUNCEMENT, layout, Theme.DARK, POSTED_ON)
        )
        items.append((layout.value, result.slides[0]))
    sheet = Image.open(BytesIO(contact_sheet(items, columns=2)))
    assert sheet.width < sheet.height * 2
    assert sheet.format in {"PNG", "JPEG"}
    one_row = Image.open(BytesIO(contact_sheet(items, columns=6)))
    assert one_row.width > sheet.width


def test_empty_sheet() -> None:
    assert Image.open(BytesIO(contact_sheet([]))).size[0] > 0
