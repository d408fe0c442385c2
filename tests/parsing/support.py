"""Shared fixtures for the parser tests: a fixed clock and a check for refusals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.i18n import LOCALES, text
from core.parsing.errors import FieldError

SEOUL = ZoneInfo("Asia/Seoul")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 21, 15, 0, tzinfo=SEOUL)  # a Saturday afternoon in Seoul


def assert_refused(call: Callable[[], object], key: str) -> FieldError:
    """`call` raises FieldError `key`, and its message renders fully in every locale."""
    with pytest.raises(FieldError) as caught:
        call()
    error = caught.value
    assert error.key == key, f"expected {key}, got {error.key} {error.params}"
    for locale in LOCALES:
        message = text(error.key, locale, **error.params)
        assert message and "{" not in message and "}" not in message
    return error
