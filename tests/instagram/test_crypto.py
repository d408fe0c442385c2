"""Tokens at rest: AES-GCM under a key derived from SECRET_KEY, rotatable."""

from __future__ import annotations

import base64
import os
import re

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.crypto import TOKEN_PURPOSE, DecryptionError, TokenCipher, derive_key

OLD, NEW = b"old-secret-key", b"new-secret-key"
TOKEN = "IGAAT-long-lived-토큰-0123456789"
ROW, OTHER_ROW = "targets/7", "targets/8"


def test_round_trip_gives_url_safe_text_and_a_fresh_nonce_each_time() -> None:
    cipher = TokenCipher(NEW)

    first, second = cipher.encrypt(TOKEN, bound_to=ROW), cipher.encrypt(TOKEN, bound_to=ROW)

    assert cipher.decrypt(first, bound_to=ROW) == TOKEN == cipher.decrypt(second, bound_to=ROW)
    assert first != second
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first)
    assert "IGAAT" not in first


def test_tampering_is_detected() -> None:
    cipher = TokenCipher(NEW)
    sealed = cipher.encrypt(TOKEN, bound_to=ROW)
    flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]

    with pytest.raises(DecryptionError):
        cipher.decrypt(flipped, bound_to=ROW)
    with pytest.raises(DecryptionError):
        cipher.decrypt(sealed[:20], bound_to=ROW)
    with pytest.raises(DecryptionError):
        cipher.decrypt("not base64 at all!", bound_to=ROW)


def test_a_secret_copied_into_another_row_does_not_open() -> None:
    cipher = TokenCipher(NEW)
    sealed = cipher.encrypt(TOKEN, bound_to=ROW)

    with pytest.raises(DecryptionError):
        cipher.decrypt(sealed, bound_to=OTHER_ROW)
    with pytest.raises(DecryptionError):
        cipher.reseal(sealed, bound_to=OTHER_ROW)


def test_a_secret_sealed_before_binding_opens_only_to_be_resealed() -> None:
    cipher = TokenCipher(NEW)
    legacy = _unbound(NEW, TOKEN)

    with pytest.raises(DecryptionError):
        cipher.decrypt(legacy, bound_to=ROW)
    assert cipher.needs_reseal(legacy)
    bound = cipher.reseal(legacy, bound_to=ROW)
    assert cipher.decrypt(bound, bound_to=ROW) == TOKEN
    assert not cipher.needs_reseal(bound)


def _unbound(secret_key: bytes, plaintext: str) -> str:
    """A ciphertext in the format stored before binding: version 1, the header as AAD."""
    header = b"\x01" + derive_key(secret_key, "flyerbot/key-fingerprint/v1", 4)
    nonce = os.urandom(12)
    sealed = AESGCM(derive_key(secret_key, TOKEN_PURPOSE)).encrypt(
        nonce, plaintext.encode(), header
    )
    return base64.urlsafe_b64encode(header + nonce + sealed).decode().rstrip("=")


def test_a_swapped_key_id_does_not_open() -> None:
    cipher = TokenCipher(NEW, previous=[OLD])
    sealed = _raw(cipher.encrypt(TOKEN, bound_to=ROW))
    old_header = _raw(TokenCipher(OLD).encrypt("x", bound_to=ROW))[:5]  # version, OLD's id

    with pytest.raises(DecryptionError):
        cipher.decrypt(base64.urlsafe_b64encode(old_header + sealed[5:]).decode(), bound_to=ROW)


def _raw(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_another_secret_key_cannot_decrypt() -> None:
    with pytest.raises(DecryptionError):
        TokenCipher(NEW).decrypt(TokenCipher(OLD).encrypt(TOKEN, bound_to=ROW), bound_to=ROW)


def test_rotation_keeps_old_tokens_readable_until_resealed() -> None:
    sealed_with_old = TokenCipher(OLD).encrypt(TOKEN, bound_to=ROW)
    rotated = TokenCipher(NEW, previous=[OLD])

    assert rotated.decrypt(sealed_with_old, bound_to=ROW) == TOKEN
    assert rotated.needs_reseal(sealed_with_old)
    resealed = rotated.reseal(sealed_with_old, bound_to=ROW)
    assert not rotated.needs_reseal(resealed)
    assert TokenCipher(NEW).decrypt(resealed, bound_to=ROW) == TOKEN


def test_keys_never_show_in_repr() -> None:
    cipher = TokenCipher(NEW, previous=[OLD])

    assert "secret" not in repr(cipher)


def test_purposes_give_unrelated_keys_and_an_empty_secret_is_refused() -> None:
    assert derive_key(NEW, "a") != derive_key(NEW, "b")
    with pytest.raises(ValueError):
        TokenCipher(b"")
