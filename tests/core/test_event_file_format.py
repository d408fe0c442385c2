"""Event files: required keys, timezones, and set times after midnight."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from core.event_file import load_event_file as load_poster
from tests.renderers.posters import EXAMPLES


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "event.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_seoul_example() -> None:
    poster = load_poster(EXAMPLES / "seoul-techno.toml")
    assert poster.locale == "ko"
    assert poster.price == "₩30,000"
    assert poster.starts_at.utcoffset() == timedelta(hours=9)
    starts = [s.starts_at for s in poster.lineup]
    assert all(s is not None for s in starts)
    assert starts == sorted(starts)  # type: ignore[type-var]
    assert poster.lineup[2].starts_at == datetime(
        2025, 12, 21, 1, 0, tzinfo=poster.starts_at.tzinfo
    )


def test_berlin_example_uses_an_offset() -> None:
    poster = load_poster(EXAMPLES / "berlin-house.toml")
    assert poster.locale == "en"
    assert poster.starts_at.utcoffset() == timedelta(hours=1)
    last = poster.lineup[-1]
    assert last.starts_at is not None and last.starts_at.day == 22
    assert last.ends_at is not None and last.ends_at.hour == 4


def test_slot_rules(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
title = "T"
starts_at = "2025-12-20T22:00"
timezone = "Asia/Seoul"
venue = "V"
[[lineup]]
name = "warm-up, two hours early, still the same day"
start = "20:00"
end = "22:00"
[[lineup]]
name = "after midnight"
start = "00:30"
end = "00:10"
[[lineup]]
name = "no times"
""",
    )
    a, b, c = load_poster(path).lineup
    kst = timezone(timedelta(hours=9))
    assert a.starts_at == datetime(2025, 12, 20, 20, 0, tzinfo=kst)
    assert b.starts_at == datetime(2025, 12, 21, 0, 30, tzinfo=kst)
    assert b.ends_at == datetime(2025, 12, 22, 0, 10, tzinfo=kst)  # an end is after its start
    assert c.starts_at is None and c.ends_at is None


def test_naive_start_without_timezone_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, 'title = "T"\nstarts_at = "2025-12-20T22:00"\nvenue = "V"\n')
    with pytest.raises(ValueError, match="timezone"):
        load_poster(path)


def test_missing_required_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="venue"):
        load_poster(_write(tmp_path, 'title = "T"\nstarts_at = "2025-12-20T22:00+09:00"\n'))


def test_photo_and_logo_resolve_next_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "p.jpg").write_bytes(b"photo-bytes")
    (tmp_path / "l.png").write_bytes(b"logo-bytes")
    path = _write(
        tmp_path,
        'title = "T"\nstarts_at = 2025-12-20T22:00:00+09:00\nvenue = "V"\nphoto = "p.jpg"\n'
        '[brand]\ncolor = "#ff0000"\nlogo = "l.png"\n',
    )
    poster = load_poster(path)
    assert poster.photo == b"photo-bytes"
    assert poster.brand is not None and poster.brand.logo_png == b"logo-bytes"
    assert poster.brand.color == "#ff0000"
