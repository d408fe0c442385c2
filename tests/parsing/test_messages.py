"""The field messages: both locales, matching placeholders, and no key left undefined."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from core.i18n import conversation
from core.i18n import field_errors as fields

PARSING = Path(__file__).resolve().parents[2] / "core" / "parsing"


def _placeholders(template: str) -> set[str]:
    """Names to fill in; `weekday_ko` / `weekday_en` count as one localised value."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {re.sub(r"_(ko|en)$", "", name) for name in names}


@pytest.mark.parametrize("key", sorted(fields.MESSAGES))
def test_both_locales_with_the_same_placeholders(key: str) -> None:
    entry = fields.MESSAGES[key]
    assert set(entry) == {"ko", "en"}
    assert _placeholders(entry["ko"]) == _placeholders(entry["en"])


@pytest.mark.parametrize("key", sorted(fields.MESSAGES))
def test_polite_and_with_an_example(key: str) -> None:
    korean, english = fields.MESSAGES[key]["ko"], fields.MESSAGES[key]["en"]
    assert "요" in korean and "예:" in korean
    assert "e.g." in english or "Try" in english


def test_every_raised_key_is_in_the_catalogue() -> None:
    source = "\n".join(path.read_text() for path in PARSING.glob("*.py"))
    raised = set(re.findall(r'FieldError\(\s*"([a-z_.]+)"', source))
    raised |= {f"{field}.control_chars" for field in ("title", "venue", "genre", "price")}
    assert raised <= set(fields.MESSAGES)


def test_no_clash_with_conversation_messages() -> None:
    assert not set(fields.MESSAGES) & set(conversation.MESSAGES)
