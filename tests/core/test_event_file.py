"""Broken event files are explained; `flyerbot render` writes what was asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from core.event_file import EventFileError, load_event_file
from core.parsing.errors import FieldError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('title = "x"\nvenue = "y"\n', "'starts_at' is required"),
        ('title = "x"\nvenue = "y"\nstarts_at = "soon"\n', "not ISO 8601"),
        ('title = "x"\nvenue = "y"\nstarts_at = "2026-12-20T22:00"\n', "timezone"),
        ("title = \n", "flyerbot"),
    ],
)
def test_a_broken_file_names_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "flyerbot.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EventFileError, match=message):
        load_event_file(path)


def test_render_command_writes_the_combinations_and_a_contact_sheet(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "render",
            str(EXAMPLES / "berlin-house.toml"),
            "--out",
            str(tmp_path),
            "--template",
            "announcement",
            "--layout",
            "square",
            "--contact-sheet",
            str(tmp_path / "sheet.png"),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    images = sorted(tmp_path.glob("berlin-house-announcement-square-*.jpg"))
    assert [path.stem.rsplit("-", 1)[1] for path in images] == ["dark", "minimal", "neon"]
    with Image.open(tmp_path / "sheet.png") as sheet:
        assert sheet.width > 0
    assert str(tmp_path / "sheet.png") in result.stdout


def test_venue_and_price_are_read_as_the_chat_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "typed.toml"
    path.write_text(
        'title = "x"\nstarts_at = "2026-12-20T22:00+09:00"\n'
        'venue = "Cakeshop， 이태원"\nprice = "3만원"\n',
        encoding="utf-8",
    )
    poster = load_event_file(path)
    assert (poster.venue, poster.city, poster.price) == ("Cakeshop", "이태원", "₩30,000")


def test_a_value_the_chat_refuses_is_refused_in_a_file_too(tmp_path: Path) -> None:
    path = tmp_path / "refused.toml"
    path.write_text(
        f'title = "x"\nstarts_at = "2026-12-20T22:00+09:00"\nvenue = "{"V" * 500}"\n',
        encoding="utf-8",
    )
    with pytest.raises(FieldError) as refused:
        load_event_file(path)
    assert refused.value.key == "venue.name_too_long"
