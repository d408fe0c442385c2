"""The Done-when loop in the real console: approve, schedule a campaign, shift the clock,
and watch the sandbox outbox receive each post at its own time."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.console import parse_shift
from tests.console.test_console import ANSWERS, _console

SEOUL = ZoneInfo("Asia/Seoul")


def test_approve_schedule_and_the_outbox_fills_on_the_shifted_clock(tmp_path: Path) -> None:
    day = (datetime.now(SEOUL) + timedelta(days=20)).strftime("%Y-%m-%d")
    answers = [ANSWERS[0], f"{day} 22:00", *ANSWERS[2:]]
    script = [*answers, "승인", "📅 캠페인 예약", "✅ 확정", *["/clock next"] * 4, "/schedule"]

    output = _console(tmp_path, script)

    assert output.count("게시 완료") == 5
    assert "예정된 게시물이 없어요" in output
    manifests = sorted((tmp_path / "outbox").glob("*/delivery-*/post.json"))
    published = [json.loads(path.read_text(encoding="utf-8")) for path in manifests]
    assert len(published) == 5
    local = [
        datetime.fromisoformat(item["published_at"]).astimezone(SEOUL)
        for item in sorted(published, key=lambda item: item["delivery_id"])
    ]
    assert [moment.strftime("%H:%M") for moment in local[1:]] == [
        "19:00",
        "19:00",
        "19:00",
        "12:00",
    ]
    assert "D-3" in published[2]["caption"] and "D-1" in published[3]["caption"]


def test_clock_shifts_are_read_like_people_write_them() -> None:
    assert parse_shift("+7d") == timedelta(days=7)
    assert parse_shift("+1d12h") == timedelta(days=1, hours=12)
    assert parse_shift("-30m") == -timedelta(minutes=30)
    assert parse_shift("3h") == timedelta(hours=3)
    assert parse_shift("soon") is None
