"""One conversation with the Graph API: auth, JSON, and failures turned into classified errors.

The token travels in the Authorization header. `debug_token` alone must name the token it
inspects in the query (`input_token`); httpx's request log lines are redacted for that
(core.redaction). Any text Meta sends back is scrubbed of the token too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx

from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram_errors import (
    MAYBE_PUBLISHED,
    PLATFORM,
    SLOW_DOWN,
    UNREACHABLE,
    GraphError,
    parse_graph_error,
)
from core.publishers.instagram_usage import throttle_wait
from core.publishers.reasons import Reason

log = logging.getLogger(__name__)

# Without a Graph error body these mean the URL is wrong, not that Meta is busy.
_CONFIG_ERRORS = frozenset({400, 401, 403, 404, 405, 410})


class GraphApi:
    """Sends requests for one access token and remembers whether Meta asked us to back off."""

    def __init__(self, client: httpx.AsyncClient, base_url: str, token: str) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._token = token
        self._throttled_for: float | None = None

    def __repr__(self) -> str:
        return f"<GraphApi {self._base}>"

    async def get(self, path: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        return await self._send("GET", path, params=params)

    async def post(
        self, path: str, data: dict[str, str], *, irreversible: bool = False
    ) -> dict[str, Any]:
        """`irreversible`: a failure without a clear answer may still have taken effect."""
        return await self._send("POST", path, data=data, irreversible=irreversible)

    def redact(self, text: str) -> str:
        return text.replace(self._token, "[token]") if self._token else text

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        data: dict[str, str] | None = None,
        irreversible: bool = False,
    ) -> dict[str, Any]:
        if self._throttled_for is not None:
            raise PublishError(
                ErrorKind.RATE_LIMITED,
                SLOW_DOWN,
                code="usage-header",
                retry_after=self._throttled_for,
                message_key=Reason.SLOW_DOWN,
                message_params=PLATFORM,
            )
        unsure = ErrorKind.UNKNOWN_OUTCOME if irreversible else ErrorKind.TRANSIENT
        unsure_message = MAYBE_PUBLISHED if irreversible else UNREACHABLE
        unsure_key = Reason.IG_UNCONFIRMED if irreversible else Reason.UNREACHABLE
        try:
            response = await self._client.request(
                method,
                self._base + path,
                params=params,
                data=data,
                headers={"Authorization": f"Bearer {self._token}"},
            )
        except httpx.HTTPError as exc:
            log.warning("instagram %s %s failed: %s", method, path, type(exc).__name__)
            raise PublishError(
                unsure,
                unsure_message,
                code=type(exc).__name__,
                message_key=unsure_key,
                message_params=PLATFORM,
            ) from None
        wait = throttle_wait(response.headers)
        body = _json(response)
        error = parse_graph_error(response.status_code, body, retry_after=wait)
        if error is not None:
            error = _redacted(error, self.redact)
            log.warning("instagram %s %s: %s", method, path, error)
            raise error
        if response.is_error or not isinstance(body, dict):
            log.warning("instagram %s %s: HTTP %s", method, path, response.status_code)
            kind, message, key = unsure, unsure_message, unsure_key
            if not irreversible and response.status_code in _CONFIG_ERRORS:
                kind, key = ErrorKind.PERMANENT, Reason.IG_BAD_ADDRESS
                message = (
                    f"Instagram answered HTTP {response.status_code} without an explanation; "
                    "check FLYERBOT_INSTAGRAM_GRAPH_URL."
                )
            raise PublishError(
                kind,
                message,
                code=f"http-{response.status_code}",
                message_key=key,
                message_params={**PLATFORM, "status": response.status_code},
            )
        self._throttled_for = wait
        return body


def items(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The `data` list of a Graph API listing, ignoring anything malformed."""
    data = body.get("data")
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _redacted(error: GraphError, redact: Callable[[str], str]) -> GraphError:
    error.message = redact(error.message)
    error.user_message = redact(error.user_message)
    return error
