"""SECRET_KEY must be at least 32 bytes; the refused value is never echoed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from core.settings import SECRET_KEY_MIN_BYTES, Settings

SHORT = "short-but-secret-value"


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


def test_a_short_secret_key_is_refused_with_how_to_make_one() -> None:
    with pytest.raises(ValidationError) as refused:
        settings(secret_key=SHORT)

    [error] = refused.value.errors()
    assert error["loc"] == ("secret_key",)
    assert f"at least {SECRET_KEY_MIN_BYTES} bytes" in error["msg"]
    assert "secrets.token_urlsafe" in error["msg"]
    assert SHORT not in str(refused.value)


def test_the_length_is_counted_in_bytes_and_an_unset_key_is_generated(tmp_path: Path) -> None:
    assert settings(secret_key="k" * 32).resolved_secret_key == b"k" * 32
    assert settings(secret_key="가" * 11).secret_key is not None  # 11 syllables, 33 bytes
    with pytest.raises(ValidationError):
        settings(secret_key="가" * 10)  # 30 bytes
    assert len(settings(data_dir=tmp_path).resolved_secret_key) >= SECRET_KEY_MIN_BYTES
