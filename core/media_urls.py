"""Signed, expiring URLs for approved images, so Instagram can fetch them and nobody can list them.

Instagram downloads `image_url` itself, anonymously, so the bot serves approved images
over plain HTTP. A URL names one image by its sha256 and carries an expiry and an
HMAC-SHA256 signature over both: without SECRET_KEY nobody can mint a URL for another
image or stretch an old one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import timedelta
from enum import StrEnum
from typing import Protocol
from urllib.parse import urlencode

from core.clock import Clock, system_clock
from core.crypto import derive_key

MEDIA_URL_PURPOSE = "flyerbot/media-url-signing/v1"
MEDIA_PREFIX = "/media/"
DEFAULT_TTL = timedelta(hours=6)
_SHA256 = re.compile(r"[0-9a-f]{64}")


class ImageHost(Protocol):
    """Where a platform can download an approved image from."""

    def url_for(self, sha256: str) -> str:
        """An absolute URL that serves the image's raw bytes to an anonymous GET."""
        ...


class UrlCheck(StrEnum):
    OK = "ok"
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"


def is_sha256(text: str) -> bool:
    return _SHA256.fullmatch(text) is not None


class MediaUrlSigner:
    """Mints and checks the path+query part of media URLs."""

    def __init__(self, secret_key: bytes) -> None:
        self._key = derive_key(secret_key, MEDIA_URL_PURPOSE)

    def __repr__(self) -> str:
        return "<MediaUrlSigner>"

    def signature(self, sha256: str, expires_at: int) -> str:
        message = f"{sha256}.jpg\n{expires_at}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def sign(self, sha256: str, expires_at: int) -> str:
        """`/media/<sha>.jpg?exp=<unix>&sig=<hex>`."""
        if not is_sha256(sha256):
            raise ValueError("not a sha256 hex digest")
        query = urlencode({"exp": expires_at, "sig": self.signature(sha256, expires_at)})
        return f"{MEDIA_PREFIX}{sha256}.jpg?{query}"

    def verify(self, sha256: str, expires_at: int, signature: str, *, now: float) -> UrlCheck:
        """Signature first (constant time), expiry second: a forger learns nothing about either."""
        expected = self.signature(sha256, expires_at)
        if not hmac.compare_digest(expected.encode(), signature.encode()):
            return UrlCheck.BAD_SIGNATURE
        if now >= expires_at:
            return UrlCheck.EXPIRED
        return UrlCheck.OK


class SignedImageHost:
    """An ImageHost backed by the bot's own media server (bot/http_server.py)."""

    def __init__(
        self,
        public_base_url: str,
        secret_key: bytes,
        *,
        clock: Clock = system_clock,
        ttl: timedelta = DEFAULT_TTL,
    ) -> None:
        self._base = public_base_url.rstrip("/")
        self._signer = MediaUrlSigner(secret_key)
        self._clock = clock
        self._ttl = ttl

    def url_for(self, sha256: str) -> str:
        expires_at = int((self._clock() + self._ttl).timestamp())
        return self._base + self._signer.sign(sha256, expires_at)
