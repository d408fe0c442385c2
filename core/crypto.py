"""Secrets at rest: platform tokens sealed with AES-GCM under keys derived from SECRET_KEY.

Every ciphertext names the key that sealed it (a short fingerprint, not the key), so the
SECRET_KEY can be rotated: new tokens are sealed with the current key while tokens sealed
with a previous key still open until they are re-sealed (`needs_reseal`, `reseal`).

Every ciphertext is also bound to the row it belongs to (`bound_to`, e.g. "targets/42",
authenticated as associated data): copied into another row, it does not open. Ciphertexts
from before binding (format 1) open only to be re-sealed (`reseal`).
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

TOKEN_PURPOSE = "flyerbot/token-encryption/v1"
_FINGERPRINT_PURPOSE = "flyerbot/key-fingerprint/v1"
_UNBOUND = b"\x01"  # sealed before ciphertexts were bound to their row
_BOUND = b"\x02"
_KEY_ID_LENGTH = 4
_NONCE_LENGTH = 12
_HEADER_LENGTH = 1 + _KEY_ID_LENGTH


def derive_key(secret_key: bytes, purpose: str, length: int = 32) -> bytes:
    """A key for one purpose only, so a leak of one derived key exposes nothing else."""
    if not secret_key:
        raise ValueError("SECRET_KEY is empty")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=purpose.encode())
    return hkdf.derive(secret_key)


class DecryptionError(ValueError):
    """The ciphertext was tampered with, truncated, or sealed by a key we no longer hold."""


class _SealingKey:
    def __init__(self, secret_key: bytes) -> None:
        self.key_id = derive_key(secret_key, _FINGERPRINT_PURPOSE, _KEY_ID_LENGTH)
        self.aead = AESGCM(derive_key(secret_key, TOKEN_PURPOSE))

    def __repr__(self) -> str:  # never show key material, even in a traceback
        return f"<SealingKey {self.key_id.hex()}>"


class TokenCipher:
    """Encrypts short secrets (platform tokens) to URL-safe text and back."""

    def __init__(self, current: bytes, previous: Sequence[bytes] = ()) -> None:
        self._current = _SealingKey(current)
        self._keys = {self._current.key_id: self._current}
        for secret in previous:
            key = _SealingKey(secret)
            self._keys.setdefault(key.key_id, key)

    def __repr__(self) -> str:
        return f"<TokenCipher current={self._current.key_id.hex()} keys={len(self._keys)}>"

    def encrypt(self, plaintext: str, *, bound_to: str) -> str:
        header = _BOUND + self._current.key_id
        nonce = os.urandom(_NONCE_LENGTH)
        # The header is authenticated too, so a swapped key id or version fails to open.
        sealed = self._current.aead.encrypt(nonce, plaintext.encode(), _aad(header, bound_to))
        return base64.urlsafe_b64encode(header + nonce + sealed).decode().rstrip("=")

    def decrypt(self, ciphertext: str, *, bound_to: str) -> str:
        return self._open(ciphertext, bound_to, unbound_too=False)

    def needs_reseal(self, ciphertext: str) -> bool:
        """True when a previous key sealed it, or it is not bound to its row yet."""
        raw = _unb64(ciphertext)
        return raw[:1] != _BOUND or raw[1:_HEADER_LENGTH] != self._current.key_id

    def reseal(self, ciphertext: str, *, bound_to: str) -> str:
        """The same secret sealed by the current key and bound to its row."""
        return self.encrypt(self._open(ciphertext, bound_to, unbound_too=True), bound_to=bound_to)

    def _open(self, ciphertext: str, bound_to: str, *, unbound_too: bool) -> str:
        raw = _unb64(ciphertext)
        versions = (_BOUND, _UNBOUND) if unbound_too else (_BOUND,)
        if len(raw) < _HEADER_LENGTH + _NONCE_LENGTH + 16 or raw[:1] not in versions:
            raise DecryptionError("not a flyerbot ciphertext")
        header, rest = raw[:_HEADER_LENGTH], raw[_HEADER_LENGTH:]
        key = self._keys.get(header[1:])
        if key is None:
            raise DecryptionError("sealed with a key that is not configured")
        aad = _aad(header, bound_to) if header[:1] == _BOUND else header
        try:
            plaintext = key.aead.decrypt(rest[:_NONCE_LENGTH], rest[_NONCE_LENGTH:], aad)
        except InvalidTag:
            raise DecryptionError("ciphertext was modified or belongs to another row") from None
        return plaintext.decode()


def _aad(header: bytes, bound_to: str) -> bytes:
    return header + b"|" + bound_to.encode()


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise DecryptionError("not a flyerbot ciphertext") from None
