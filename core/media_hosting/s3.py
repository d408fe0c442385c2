"""One S3-compatible bucket: presigned GET URLs, and signed PUT and HEAD of objects.

Path-style addressing (`{endpoint}/{bucket}/{key}`) is the default because MinIO, R2 and
local fakes serve it without wildcard DNS; AWS also accepts it. Virtual-hosted style
(`{bucket}.{endpoint host}/{key}`) is there for endpoints that insist on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import httpx

from core.media_hosting import sigv4

SERVICE = "s3"
MAX_PRESIGN_SECONDS = 7 * 24 * 3600  # S3 refuses X-Amz-Expires beyond a week


class S3Error(Exception):
    """S3 answered with an error status (or not at all: status None)."""

    def __init__(self, message: str, *, status: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # as sent in the Host header: with the port unless it is the default
    path: str  # URI-encoded


class S3Bucket:
    """Signs requests for one bucket; the HTTP client is passed in, never owned."""

    def __init__(
        self,
        endpoint_url: str,
        bucket: str,
        credentials: sigv4.Credentials,
        *,
        region: str = "us-east-1",
        virtual_hosted: bool = False,
    ) -> None:
        endpoint = httpx.URL(endpoint_url)
        if endpoint.scheme not in ("http", "https") or not endpoint.host:
            raise ValueError("the S3 endpoint must be an http(s) URL")
        self._endpoint = endpoint
        self.bucket = bucket
        self._credentials = credentials
        self.region = region
        self._virtual_hosted = virtual_hosted

    def __repr__(self) -> str:
        return f"<S3Bucket {self.bucket} at {self._endpoint.host}>"

    def _target(self, key: str) -> _Target:
        port = self._endpoint.port  # None when it is the scheme's default
        host = self._endpoint.host + (f":{port}" if port is not None else "")
        base = self._endpoint.path.rstrip("/")
        if self._virtual_hosted:
            host = f"{self.bucket}.{host}"
            path = f"{base}/{key}"
        else:
            path = f"{base}/{self.bucket}/{key}"
        return _Target(self._endpoint.scheme, host, sigv4.uri_encode(path, keep_slash=True))

    def _scope(self, now: datetime) -> tuple[str, str]:
        timestamp = sigv4.amz_date(now)
        return timestamp, sigv4.credential_scope(timestamp[:8], self.region, SERVICE)

    def presign_get(self, key: str, expires_in: int, now: datetime) -> str:
        """A URL anyone may GET until `now + expires_in`; query-string auth, unsigned payload."""
        if not 1 <= expires_in <= MAX_PRESIGN_SECONDS:
            raise ValueError(f"expires_in must be 1..{MAX_PRESIGN_SECONDS} seconds")
        target = self._target(key)
        timestamp, scope = self._scope(now)
        query = [
            ("X-Amz-Algorithm", sigv4.ALGORITHM),
            ("X-Amz-Credential", f"{self._credentials.access_key_id}/{scope}"),
            ("X-Amz-Date", timestamp),
            ("X-Amz-Expires", str(expires_in)),
            ("X-Amz-SignedHeaders", "host"),
        ]
        request = sigv4.canonical_request(
            "GET", target.path, query, {"host": target.host}, sigv4.UNSIGNED_PAYLOAD
        )
        signature = sigv4.signature(
            self._credentials.secret_access_key,
            scope,
            sigv4.string_to_sign(request, timestamp, scope),
        )
        query_string = sigv4.canonical_query(query)
        return f"{target.scheme}://{target.host}{target.path}?{query_string}&X-Amz-Signature={signature}"

    def signed_headers(
        self,
        method: str,
        key: str,
        payload_hash: str,
        now: datetime,
        extra: dict[str, str] | None = None,
    ) -> tuple[str, dict[str, str]]:
        """(URL, headers) for a header-authenticated request; `extra` headers are signed too."""
        target = self._target(key)
        timestamp, scope = self._scope(now)
        signed = {
            "host": target.host,
            "x-amz-content-sha256": payload_hash,
            "x-amz-date": timestamp,
            **{name.lower(): value for name, value in (extra or {}).items()},
        }
        request = sigv4.canonical_request(method, target.path, (), signed, payload_hash)
        signature = sigv4.signature(
            self._credentials.secret_access_key,
            scope,
            sigv4.string_to_sign(request, timestamp, scope),
        )
        _, signed_names = sigv4.canonical_headers(signed)
        authorization = (
            f"{sigv4.ALGORITHM} Credential={self._credentials.access_key_id}/{scope}, "
            f"SignedHeaders={signed_names}, Signature={signature}"
        )
        headers = {name: value for name, value in signed.items() if name != "host"}
        headers["authorization"] = authorization
        return f"{target.scheme}://{target.host}{target.path}", headers

    async def put_object(
        self,
        client: httpx.AsyncClient,
        key: str,
        data: bytes,
        content_type: str,
        *,
        now: datetime,
    ) -> None:
        """Store `data` under `key`; the payload hash is signed, so S3 checks the bytes too."""
        url, headers = self.signed_headers(
            "PUT",
            key,
            hashlib.sha256(data).hexdigest(),
            now,
            {"content-type": content_type},
        )
        response = await _send(client, "PUT", url, headers, data)
        if response.status_code != 200:
            raise _error("PUT", response)

    async def delete_object(self, client: httpx.AsyncClient, key: str, *, now: datetime) -> None:
        """Remove the object; S3 answers 204 whether or not it was there."""
        url, headers = self.signed_headers("DELETE", key, sigv4.EMPTY_SHA256, now)
        response = await _send(client, "DELETE", url, headers, None)
        if response.status_code not in (200, 204, 404):
            raise _error("DELETE", response)

    async def exists(self, client: httpx.AsyncClient, key: str, *, now: datetime) -> bool:
        """HEAD the object: True if it is there, False on 404."""
        url, headers = self.signed_headers("HEAD", key, sigv4.EMPTY_SHA256, now)
        response = await _send(client, "HEAD", url, headers, None)
        if response.status_code == 404:
            return False
        if response.status_code != 200:
            raise _error("HEAD", response)
        return True


async def _send(
    client: httpx.AsyncClient, method: str, url: str, headers: dict[str, str], body: bytes | None
) -> httpx.Response:
    try:
        return await client.request(method, url, headers=headers, content=body)
    except httpx.HTTPError as error:
        raise S3Error(f"S3 {method} failed: {type(error).__name__}") from error


def _error(method: str, response: httpx.Response) -> S3Error:
    code = ""
    text = response.text
    if "<Code>" in text:
        code = text.split("<Code>", 1)[1].split("</Code>", 1)[0][:64]
    return S3Error(
        f"S3 {method} answered {response.status_code} {code}".rstrip(),
        status=response.status_code,
        code=code,
    )
