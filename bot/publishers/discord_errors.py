"""What Discord's answers mean for publishing, as discord.py reports them.

Shared by the channel and webhook publishers. The split that matters: an error raised
before the request left (no connection) surely published nothing (TRANSIENT); a timeout
or a dropped connection after it left may have published (UNKNOWN_OUTCOME). discord.py
itself waits out 429s and retries 5xx answers; channel posts carry a nonce Discord
enforces, so such a retry cannot post twice.
"""

from __future__ import annotations

import asyncio
import io

import aiohttp
import discord

from core.publishers.base import ErrorKind, Publication, PublishError
from core.publishers.reasons import Reason

MAX_CONTENT = 2000  # characters in a message's content
MAX_FILES = 10
# Discord's JSON error codes that mean the target itself is gone or closed to us.
_GONE = {10003: "unknown-channel", 10015: "unknown-webhook", 50001: "missing-access"}
_MISSING_PERMISSIONS = 50013
_PLATFORM = {"platform": "Discord"}
NOT_SENT = (aiohttp.ClientConnectorError, ConnectionRefusedError)
MAYBE_SENT = (asyncio.TimeoutError, aiohttp.ClientError, OSError)


def attachment_name(delivery_id: int, number: int) -> str:
    """Names that identify the delivery, so `verify` can recognise its own message."""
    return f"fb-{delivery_id}-{number}.jpg"


def content_for(caption: str) -> str:
    if len(caption) <= MAX_CONTENT:
        return caption
    return caption[: MAX_CONTENT - 1].rstrip() + "…"


def files_for(publication: Publication) -> list[discord.File]:
    return [
        discord.File(
            io.BytesIO(image),
            filename=attachment_name(publication.delivery_id, number),
            description=publication.alt_text[:1024] or None,
        )
        for number, image in enumerate(publication.images[:MAX_FILES], start=1)
    ]


def message_url(guild_id: str | None, channel_id: str, message_id: str) -> str:
    return f"https://discord.com/channels/{guild_id or '@me'}/{channel_id}/{message_id}"


def transport_error(error: BaseException) -> PublishError:
    """A request that got no answer: whether it published depends on whether it left."""
    if isinstance(error, NOT_SENT):
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


def http_error(error: discord.HTTPException, *, what: str) -> PublishError:
    """A refusal, classified; `what` names the target in plain words."""
    status, code, message = error.status, error.code, error.text
    if status == 429:
        return PublishError(
            ErrorKind.RATE_LIMITED,
            "Discord asked flyerbot to slow down; it will try again shortly.",
            code="429",
            retry_after=float(getattr(error, "retry_after", 1.0) or 1.0),
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
    if status in (401, 404) or code in _GONE:
        return PublishError(
            ErrorKind.AUTH,
            f"{what} is no longer reachable (it was deleted or flyerbot lost access). "
            "Connect it again with /connect.",
            code=_GONE.get(code, str(status)),
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
