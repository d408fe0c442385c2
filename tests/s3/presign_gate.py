"""An aiohttp gate in front of moto that checks presigned GETs the way S3 does.

moto serves presigned URLs without checking them, so this gate recomputes each signature
with botocore (an implementation independent of ours), refuses a mismatch or an expired
URL with 403 as S3 does, and passes good requests on to moto.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime, timedelta
from types import TracebackType
from unittest.mock import patch

import httpx
from aiohttp import web
from botocore import auth as botocore_auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from bot.serving import bound_port, serve
from core.clock import Clock


class PresignGate:
    def __init__(self, upstream: str, access_key_id: str, secret: str, clock: Clock) -> None:
        self._upstream = upstream
        self._credentials = Credentials(access_key_id, secret)
        self._clock = clock
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self) -> PresignGate:
        app = web.Application()
        app.router.add_get("/{tail:.*}", self._handle)
        self._runner = await serve(app, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{bound_port(self._runner)}"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _expected_signature(self, path: str, signed_at: datetime, expires: int, region: str) -> str:
        request = AWSRequest(method="GET", url=f"{self.url}{path}")
        signer = botocore_auth.S3SigV4QueryAuth(self._credentials, "s3", region, expires=expires)
        with patch.object(botocore_auth, "get_current_datetime", return_value=signed_at):
            signer.add_auth(request)
        return httpx.URL(request.url).params["X-Amz-Signature"]

    async def _handle(self, request: web.Request) -> web.Response:
        query = request.query
        try:
            signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
            expires = int(query["X-Amz-Expires"])
            region = query["X-Amz-Credential"].split("/")[2]
            given = query["X-Amz-Signature"]
        except (KeyError, ValueError, IndexError):
            raise web.HTTPForbidden(text="AccessDenied") from None
        expected = self._expected_signature(request.path, signed_at, expires, region)
        if not hmac.compare_digest(expected, given):
            raise web.HTTPForbidden(text="SignatureDoesNotMatch")
        if self._clock() >= signed_at.replace(tzinfo=UTC) + timedelta(seconds=expires):
            raise web.HTTPForbidden(text="Request has expired")
        async with httpx.AsyncClient() as client:
            upstream = await client.get(f"{self._upstream}{request.path_qs}")
        return web.Response(
            status=upstream.status_code,
            body=upstream.content,
            content_type=upstream.headers.get("content-type", "application/octet-stream"),
        )
