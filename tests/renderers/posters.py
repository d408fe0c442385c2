"""Posters the renderer tests share: two realistic events and the adversarial ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

from core.event_file import load_event_file as load_poster
from renderers import Brand, Poster, Slot

KST = timezone(timedelta(hours=9))
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POSTED_ON = date(2025, 12, 17)


def seoul() -> Poster:
    return load_poster(EXAMPLES / "seoul-techno.toml")


def berlin() -> Poster:
    return load_poster(EXAMPLES / "berlin-house.toml")


START = datetime(2025, 12, 20, 22, 0, tzinfo=KST)


def slots(count: int) -> tuple[Slot, ...]:
    names = ["DJ 소울스케이프", "Yetsuby", "Hyunji-A", "Mogwaa", "Peggy Gou", "예지", "250"]
    names += ["Closing B2B Marathon", "Unjin", "Jinbo", "Park Hye Jin", "Soulscape Live"]
    return tuple(
        Slot(
            f"{names[i % len(names)]}{'' if i < len(names) else f' {i}'}",
            START + timedelta(hours=i),
        )
        for i in range(count)
    )


def adversarial() -> dict[str, Poster]:
    """Posters built to break layouts: each must still fit, unclipped and unoverlapped."""
    base = Poster("짧은 제목", START, "Cakeshop", "이태원", "techno", slots(4), None, None)
    long_ko = (
        "서울의 가장 긴 밤을 위한 테크노와 하우스와 앰비언트의 열두 시간 마라톤 파티 "
        "제3회 특별판 이태원 케이크샵에서 만나요"
    )
    return {
        "korean-60": replace(base, title=long_ko[:60]),
        "word-30": replace(base, title="Superkalifragilisticexpialidocious"[:30], locale="en"),
        "lineup-12": replace(base, lineup=slots(12), ticket_url="https://example.com/t/1"),
        "empty-optional": Poster("Minimal", START, "", locale="en"),
        "emoji": replace(base, title="🔥 불금 TECHNO 🎧 NIGHT 🪩✨", price="₩20,000"),
        "everything": replace(
            base,
            title="Hard Techno Warehouse: All Night Long in Seongsu-dong",
            venue="Seongsu Warehouse Stage 2 (entrance via the back alley)",
            city="Seoul, Seongdong-gu",
            lineup=slots(9),
            ticket_url="https://tickets.example.com/events/very-long-path/with/many/segments",
            price="₩45,000 / ₩35,000 early bird",
            brand=Brand(color="#123456", logo_png=logo_png()),
        ),
    }


def logo_png(size: tuple[int, int] = (300, 120)) -> bytes:
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(img).ellipse((4, 4, size[0] - 4, size[1] - 4), fill=(250, 250, 250, 230))
    buf = BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()
