"""What Discord's REST answers mean for publishing, and how a post is sent as multipart.

Shared by the webhook and the channel publishers. The split that matters: an error
raised before the request left (connect failure) surely published nothing (TRANSIENT);
a timeout or a dropped connection after it left may have published (UNKNOWN_OUTCOME).
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from core.publishers.base import ErrorKind, Publication, PublishError
from core.publishers.reasons import Reason

MAX_CONTENT = 2000  # characters in a message's content
MAX_FILES = 10
# Discord's JSON error codes that mean the target itself is gone or closed to us.
_GONE = {10003: "unknown-channel", 10015: "unknown-webhook", 50001: "missing-access"}
_MISSING_PERMISSIONS = 50013
_PLATFORM = {"platform": "Discord"}


def attachment_name(delivery_id: int, number: int) -> str:
    """Names that identify the delivery, so `verify` can recognise its own message."""
    return f"fb-{delivery_id}-{number}.jpg"


def content_for(caption: str) -> str:
    if len(caption) <= MAX_CONTENT:
        return caption
    return caption[: MAX_CONTENT - 1].rstrip() + "…"


def multipart(publication: Publication, payload: dict[str, Any]) -> dict[str, Any]:
    """httpx `files=`: the JSON payload plus one part per image, in order."""
    images = publication.images[:MAX_FILES]
    payload = {
        **payload,
        "content": content_for(publication.caption),
        "attachments": [
            {
                "id": index,
                "filename": attachment_name(publication.delivery_id, index + 1),
                "description": publication.alt_text[:1024],
            }
            for index in range(len(images))
        ],
    }
    files: dict[str, Any] = {
        "payload_json": (None, json.dumps(payload, ensure_ascii=False), "application/json")
    }
    for index, image in enumerate(images):
        name = attachment_name(publication.delivery_id, index + 1)
        files[f"files[{index}]"] = (name, image, "image/jpeg")
    return files


def transport_error(error: httpx.TransportError) -> PublishError:
    """A request that got no answer: whether it published depends on whether it left."""
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return PublishError(
            ErrorKind.TRANSIENT,
            "Discord could not be reached; trying again.",
            code="connect",
            message_key=Reason.UNREACHABLE,
            message_params=_PLATFORM,
        )
    return PublishError(
        ErrorKind.UNKNOWN_OUTCOME,
        "Discord did not answer in time, so it is unclear whether the post went out.",
        code="no-answer",
        message_key=Reason.NO_ANSWER,
        message_params=_PLATFORM,
    )


def response_error(response: httpx.Response, *, what: str) -> PublishError:
    """A non-2xx answer, classified; `what` names the target in plain words."""
    body = _json(response)
    code = body.get("code") if isinstance(body.get("code"), int) else None
    message = str(body.get("message") or response.reason_phrase or "")
    status = response.status_code
    if status == 429:
        retry_after = _retry_after(response, body)
        return PublishError(
            ErrorKind.RATE_LIMITED,
            "Discord asked flyerbot to slow down; it will try again shortly.",
            code="429",
            retry_after=retry_after,
            message_key=Reason.SLOW_DOWN,
            message_params=_PLATFORM,
        )
    if status >= 500:
        return PublishError(
            ErrorKind.TRANSIENT,
            "Discord had a temporary problem; trying again.",
            code=str(status),
            message_key=Reason.PLATFORM_TROUBLE,
            message_params=_PLATFORM,
        )
    if status == 401 or (code in _GONE) or status == 404:
        gone = _GONE.get(code or 0, str(status))
        return PublishError(
            ErrorKind.AUTH,
            f"{what} is no longer reachable (it was deleted or flyerbot lost access). "
            "Connect it again with /connect.",
            code=gone,
            message_key=Reason.TARGET_GONE,
            message_params=_PLATFORM,
        )
    if status == 403 or code == _MISSING_PERMISSIONS:
        return PublishError(
            ErrorKind.AUTH,
            f"flyerbot may not post in {what} any more: it needs View Channel, Send Messages "
            "and Attach Files. Fix the permissions, then /connect it again.",
            code="missing-permissions",
            message_key=Reason.DISCORD_PERMISSIONS,
        )
    if status == 413:
        return PublishError(
            ErrorKind.PERMANENT,
            "The image is too large for Discord.",
            code="too-large",
            message_key=Reason.IMAGE_TOO_LARGE,
            message_params=_PLATFORM,
        )
    return PublishError(
        ErrorKind.PERMANENT,
        f"Discord refused the post: {message or status}.",
        code=str(code or status),
        message_key=Reason.REFUSED,
        message_params={**_PLATFORM, "detail": message or str(status)},
    )


def _retry_after(response: httpx.Response, body: dict[str, Any]) -> float:
    for value in (body.get("retry_after"), response.headers.get("retry-after")):
        try:
            if value is not None:
                return max(0.0, float(value))
        except (TypeError, ValueError):
            continue
    return 1.0


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def message_url(guild_id: str | None, channel_id: str, message_id: str) -> str:
    where = guild_id or "@me"
    return f"https://discord.com/channels/{where}/{channel_id}/{message_id}"
