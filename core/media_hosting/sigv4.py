"""AWS Signature Version 4, with hashlib and hmac only.

S3 and its look-alikes (MinIO, R2, Ceph) accept the same signature, so one small signer
covers all of them without pulling in boto3. The pieces are separate functions because
each step is specified on its own in AWS's documentation and is tested against it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

ALGORITHM = "AWS4-HMAC-SHA256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


@dataclass(frozen=True)
class Credentials:
    """An access key pair; the secret stays out of repr and logs."""

    access_key_id: str
    secret_access_key: str = field(repr=False)


def uri_encode(text: str, *, keep_slash: bool = False) -> str:
    """RFC 3986 encoding as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ pass unescaped."""
    return quote(text, safe="-_.~/" if keep_slash else "-_.~")


def amz_date(now: datetime) -> str:
    """`20130524T000000Z`: the timestamp every SigV4 signature is bound to."""
    if now.tzinfo is None:
        raise ValueError("SigV4 needs an aware datetime")
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def credential_scope(day: str, region: str, service: str) -> str:
    return f"{day}/{region}/{service}/aws4_request"


def canonical_query(params: Iterable[tuple[str, str]]) -> str:
    """Encoded, then sorted by name and value, as the signature covers them."""
    pairs = sorted((uri_encode(name), uri_encode(value)) for name, value in params)
    return "&".join(f"{name}={value}" for name, value in pairs)


def canonical_headers(headers: Mapping[str, str]) -> tuple[str, str]:
    """(canonical header block, signed header list) from the headers that are signed."""
    cleaned = sorted(
        (name.lower().strip(), " ".join(value.split())) for name, value in headers.items()
    )
    block = "".join(f"{name}:{value}\n" for name, value in cleaned)
    return block, ";".join(name for name, _ in cleaned)


def canonical_request(
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    payload_hash: str,
) -> str:
    """`path` is already URI-encoded (S3 encodes each segment once, slashes kept)."""
    block, signed = canonical_headers(headers)
    return "\n".join([method, path, canonical_query(query), block, signed, payload_hash])


def string_to_sign(request: str, timestamp: str, scope: str) -> str:
    digest = hashlib.sha256(request.encode()).hexdigest()
    return "\n".join([ALGORITHM, timestamp, scope, digest])


def signing_key(secret: str, day: str, region: str, service: str) -> bytes:
    key = ("AWS4" + secret).encode()
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def signature(secret: str, scope: str, to_sign: str) -> str:
    day, region, service, _ = scope.split("/")
    key = signing_key(secret, day, region, service)
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
