"""An adversarial corpus: events built to break a flyer, and photos built to break colour.

Long titles and names in Korean, English and both; 12, 20 and 30 acts with and without
set times; long prices and ticket links; emoji; photos of extreme shapes, one with a
single dominant colour and one with none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from io import BytesIO

from PIL import Image, ImageDraw

from renderers import Brand, Poster, Slot
from tests.renderers.posters import START, logo_png

TITLE_EN = "🚀 Intergalactic Warehouse Marathon: Twelve Hours of Techno Beyond the Stars 🌌✨"
TITLE_KO = (
    "서울의 가장 긴 밤을 위한 테크노와 하우스와 앰비언트의 열두 시간 마라톤 파티 제3회 특별판"
)
TITLE_MIXED = "불금 TECHNO 🎧 NIGHT: 이태원 Warehouse Special 한정판 Edition Vol.12"
B2B = "The Extended Seoul Underground Community Radio Resident Crew b2b Friends"
NAMES = [
    B2B,
    "Yetsuby",
    "DJ 소울스케이프",
    "예지",
    "Peggy Gou",
    "서울 언더그라운드 커뮤니티 라디오 레지던트",
    "Hyunji-A",
    "Park Hye Jin",
    "250",
    "Closing B2B Marathon 🔥",
    "Unjin b2b 예지",
    "Mogwaa",
]
PRICE = "₩35,000 (early bird ₩25,000 / door ₩40,000 after 1am)"
PRICE_KO = "사전예매 25,000원 · 현장 35,000원 · 새벽 1시 이후 40,000원 (음료 1잔 포함)"
URL = (
    "https://tickets.example-festival-platform.com/events/2026/"
    "intergalactic-warehouse-marathon?ref=instagram"
)


def acts(count: int, timed: bool | str) -> tuple[Slot, ...]:
    """`timed`: True (every act), False (none), or "some" (the first two only)."""
    out = []
    for i in range(count):
        name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}")
        has_time = timed is True or (timed == "some" and i < 2)
        out.append(Slot(name, START + timedelta(minutes=45 * i) if has_time else None))
    return tuple(out)


def picture(size: tuple[int, int], kind: str) -> bytes:
    """Synthetic photos: 'space' (dark with coloured clouds and stars), 'red' (one colour
    everywhere), 'grey' (no colour at all), 'white' (a blown-out highlight)."""
    w, h = size
    if kind == "red":
        img = Image.new("RGB", size, (205, 28, 36))
        ImageDraw.Draw(img).ellipse((w // 4, h // 4, w * 3 // 4, h * 3 // 4), fill=(240, 60, 50))
    elif kind == "grey":
        img = Image.linear_gradient("L").resize(size).convert("RGB")
    elif kind == "white":
        img = Image.new("RGB", size, (252, 252, 250))
    else:
        img = Image.new("RGB", size, (6, 8, 22))
        draw = ImageDraw.Draw(img)
        for i, colour in enumerate([(120, 40, 200), (40, 90, 220), (220, 60, 140)]):
            r = min(w, h) // 3
            cx, cy = w * (i + 1) // 4, h * (i % 2 + 1) // 3
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
        for i in range(300):
            x, y = (i * 7919) % w, (i * 104729) % h
            draw.rectangle((x, y, x + 2, y + 2), fill=(255, 255, 255))
    buf = BytesIO()
    img.save(buf, "JPEG", quality=88)
    return buf.getvalue()


def corpus() -> dict[str, Poster]:
    base = Poster("짧은 제목", START, "Faust Seoul", "이태원", "techno", acts(6, True), None, None)
    en = replace(base, locale="en", venue="Seongsu Warehouse Stage 2 (entrance via the back alley)")
    everything = replace(en, title=TITLE_EN, lineup=acts(12, "some"), ticket_url=URL, price=PRICE)
    return {
        "en-title-emoji": replace(en, title=TITLE_EN, price=PRICE, ticket_url=URL),
        "ko-title": replace(base, title=TITLE_KO, price=PRICE_KO, ticket_url=URL),
        "mixed-title": replace(base, title=TITLE_MIXED, lineup=acts(12, False)),
        "issue-example": replace(everything, brand=Brand(logo_png=logo_png())),
        "12-timed": replace(en, title=TITLE_MIXED, lineup=acts(12, True), price=PRICE),
        "12-some-times": replace(base, lineup=acts(12, "some"), ticket_url=URL),
        "20-timed": replace(base, title=TITLE_KO, lineup=acts(20, True), price=PRICE_KO),
        "20-untimed": replace(en, title=TITLE_EN, lineup=acts(20, False)),
        "30-timed": replace(en, lineup=acts(30, True), ticket_url=URL, price=PRICE),
        "30-untimed": replace(base, title=TITLE_KO, lineup=acts(30, False)),
        "photo-wide": replace(everything, photo=picture((3000, 500), "space")),
        "photo-tall": replace(base, title=TITLE_KO, photo=picture((400, 2600), "space")),
        "photo-red": replace(everything, photo=picture((1600, 1200), "red")),
        "photo-grey": replace(base, title=TITLE_MIXED, photo=picture((1200, 1600), "grey")),
        "photo-white": replace(en, title=TITLE_EN, photo=picture((1200, 1200), "white")),
    }
