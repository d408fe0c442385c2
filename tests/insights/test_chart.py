"""The insight chart: golden images (Korean and English), determinism, gaps for no data.

A deliberate design change regenerates the goldens: FLYERBOT_UPDATE_GOLDEN=1 pytest
tests/insights/test_chart.py (then look at the new PNGs before keeping them).
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from renderers.chart import HEIGHT, WIDTH, ChartSpec, Panel, Series, render_chart

GOLDEN = Path(__file__).parent / "golden"
# Mean absolute difference per channel (0-255): font rasterisation moves a few pixels, a
# layout change moves whole blocks.
TOLERANCE = 2.0
DAYS = ("11/15", "11/16", "11/17", "11/18", "11/19", "11/20", "11/21")

KOREAN = ChartSpec(
    title="인사이트 · 최근 7일",
    subtitle="서울 언더그라운드 · 11월 15일 – 11월 21일 (Asia/Seoul)",
    days=DAYS,
    panels=(
        Panel(
            "이벤트별 하루 도달",
            (
                Series("서울 테크노 나이트 Vol.3", (None, 120, 340, 210, 90, 60, 40)),
                Series("Berlin House Session", (10, 30, None, 80, 400, 1250, 700)),
            ),
        ),
        Panel(
            "채널별 하루 반응",
            (
                Series("Instagram @seoul.underground", (0, 12, 34, 21, 9, 6, 4)),
                Series("텔레그램 채널", (3, 5, 8, 2, 0, 1, 4)),
                Series("Discord #promo", (1, 2, 3, 4, 5, 6, 7)),
            ),
            bars=True,
        ),
    ),
    no_data="아직 데이터가 없어요",
)
ENGLISH = ChartSpec(
    title="Insights · last 7 days",
    subtitle="Berlin crew · Nov 15 – Nov 21 (Europe/Berlin)",
    days=DAYS,
    panels=(
        Panel("Daily reach per event", (Series("Berlin House", (0, 0, 5, 50, 80, 90, 95)),)),
        Panel("Daily interactions per channel", (), bars=True),
    ),
    no_data="No data yet",
)
CASES = {"chart-ko": KOREAN, "chart-en-no-data": ENGLISH}


def half(jpeg: bytes) -> Image.Image:
    image = Image.open(BytesIO(jpeg)).convert("RGB")
    return image.resize((image.width // 2, image.height // 2), Image.Resampling.BOX)


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden(name: str) -> None:
    image = render_chart(CASES[name])
    thumb = half(image)
    path = GOLDEN / f"{name}.png"
    if os.environ.get("FLYERBOT_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        thumb.save(path, "PNG", optimize=True)
        return
    assert path.exists(), f"missing golden {path.name}: run with FLYERBOT_UPDATE_GOLDEN=1"
    golden = Image.open(path).convert("RGB")
    assert golden.size == thumb.size
    diff = ImageStat.Stat(ImageChops.difference(golden, thumb)).mean
    assert max(diff) <= TOLERANCE, f"{name} differs from golden by {diff}"


def test_the_same_numbers_give_the_same_bytes() -> None:
    assert render_chart(KOREAN) == render_chart(KOREAN)


def test_it_is_a_jpeg_of_the_chart_size() -> None:
    image = Image.open(BytesIO(render_chart(ENGLISH)))
    assert image.format == "JPEG" and image.size == (WIDTH, HEIGHT)


def test_a_day_without_data_is_a_gap_not_a_zero() -> None:
    def line(values: tuple[int | None, ...]) -> Image.Image:
        spec = ChartSpec("t", "s", DAYS[:3], (Panel("p", (Series("a", values),)),), "none")
        return Image.open(BytesIO(render_chart(spec))).convert("RGB")

    gap, zero = line((100, None, 100)), line((100, 0, 100))
    # With a zero the line dives to the axis in the middle column; with a gap it does not.
    middle = WIDTH // 2
    column_gap = [gap.getpixel((middle, y)) for y in range(200, HEIGHT - 80)]
    column_zero = [zero.getpixel((middle, y)) for y in range(200, HEIGHT - 80)]
    red = [p for p in column_zero if p[0] > 200 and p[1] < 100]
    assert red, "the zero is drawn as a point on the axis"
    assert not [p for p in column_gap if p[0] > 200 and p[1] < 100]
