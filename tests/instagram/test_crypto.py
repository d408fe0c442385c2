"""Tokens at rest: AES-GCM under a key derived from SECRET_KEY, rotatable."""

from __future__ import annotations

import base64
import re

import pytest

from core.crypto import DecryptionError, TokenCipher, derive_key

OLD, NEW = b"old-secret-key", b"new-secret-key"
TOKEN = "IGAAT-long-lived-토큰-0123456789"


def test_round_trip_gives_url_safe_text_and_a_fresh_nonce_each_time() -> None:
    cipher = TokenCipher(NEW)

    first, second = cipher.encrypt(TOKEN), cipher.encrypt(TOKEN)

    assert cipher.decrypt(first) == TOKEN == cipher.decrypt(second)
    assert first != second
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first)
    assert "IGAAT" not in first


def test_tampering_is_detected() -> None:
    cipher = TokenCipher(NEW)
    sealed = cipher.encrypt(TOKEN)
    flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]

    with pytest.raises(DecryptionError):
        cipher.decrypt(flipped)
    with pytest.raises(DecryptionError):
        cipher.decrypt(sealed[:20])
    with pytest.raises(DecryptionError):
        cipher.decrypt("not base64 at all!")


def test_a_swapped_key_id_does_not_open() -> None:
    cipher = TokenCipher(NEW, previous=[OLD])
    sealed = _raw(cipher.encrypt(TOKEN))
    old_header = _raw(TokenCipher(OLD).encrypt("x"))[:5]  # version byte and OLD's key id

    with pytest.raises(DecryptionError):
        cipher.decrypt(base64.urlsafe_b64encode(old_header + sealed[5:]).decode())


def _raw(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_another_secret_key_cannot_decrypt() -> None:
    with pytest.raises(DecryptionError):
        TokenCipher(NEW).decrypt(TokenCipher(OLD).encrypt(TOKEN))


def test_rotation_keeps_old_tokens_readable_until_resealed() -> None:
    sealed_with_old = TokenCipher(OLD).encrypt(TOKEN)
    rotated = TokenCipher(NEW, previous=[OLD])

    assert rotated.decrypt(sealed_with_old) == TOKEN
    assert rotated.needs_reseal(sealed_with_old)
    resealed = rotated.reseal(sealed_with_old)
    assert not rotated.needs_reseal(resealed)
    assert TokenCipher(NEW).decrypt(resealed) == TOKEN


def test_keys_never_show_in_repr() -> None:
    cipher = TokenCipher(NEW, previous=[OLD])

    assert "secret" not in repr(cipher)


def test_purposes_give_unrelated_keys_and_an_empty_secret_is_refused() -> None:
    assert derive_key(NEW, "a") != derive_key(NEW, "b")
    with pytest.raises(ValueError):
        TokenCipher(b"")
