"""parse_description, and command_word which steers the conversation (skip/back/cancel)."""

from __future__ import annotations

import pytest

from core.parsing.short_fields import command_word, parse_description
from tests.parsing.support import assert_refused


def test_description_keeps_line_breaks() -> None:
    assert parse_description("  첫 줄\r\n\n둘째 줄 🎧  ") == "첫 줄\n\n둘째 줄 🎧"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "description.empty"),
        (" \n\t ", "description.empty"),
        ("가" * 1001, "description.too_long"),
        ("bell\x07", "description.control_chars"),
    ],
)
def test_description_refuses(typed: str, key: str) -> None:
    assert_refused(lambda: parse_description(typed), key)


def test_description_accepts_the_maximum() -> None:
    assert len(parse_description("가" * 1000)) == 1000


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("skip", "skip"),
        (" /SKIP ", "skip"),
        ("/skip@FlyerBot", "skip"),
        ("건너뛰기", "skip"),
        ("건너 뛰기", "skip"),
        ("스킵", "skip"),
        ("-", "skip"),
        ("Back", "back"),
        ("뒤로", "back"),
        ("이전", "back"),
        ("/cancel", "cancel"),
        ("취소", "cancel"),
        ("Cakeshop", None),
        ("skip this", None),
        ("", None),
    ],
)
def test_command_word(typed: str, expected: str | None) -> None:
    assert command_word(typed) == expected
