"""Graph API errors sorted into what the engine should do, with words the organiser understands.

The table follows /work/shared/instagram-graph-api.md ("Errors"). Subcodes are more
specific than codes, so they are looked at first; a container in status ERROR carries
only a subcode inside its `status` text.

The user messages are plain English for now; they move to the core/i18n catalogue
(Korean first) once the engine decides how publish failures are told in the chat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram_usage import DEFAULT_THROTTLE_WAIT

THROTTLE_CODES = frozenset({4, 17, 32, 613, 80002})
AUTH_CODES = frozenset({102, 190})
NOT_READY = (9007, 2207027)
QUOTA_SUBCODE = 2207042
SPAM_SUBCODE = 2207051

UNREACHABLE = "Instagram could not be reached. flyerbot will try again shortly."
MAYBE_PUBLISHED = (
    "Instagram did not confirm the post. flyerbot will check whether it went out before "
    "trying again."
)
SLOW_DOWN = "Instagram asked flyerbot to slow down; the post will go out after a short wait."
_GENERIC_TRANSIENT = "Instagram had a temporary problem. flyerbot will try again shortly."
NEW_CONTAINER = "Instagram dropped the prepared upload; flyerbot will prepare it again."
_MEDIA_URL = (
    "Instagram could not download the image from flyerbot. flyerbot will try again; if this "
    "keeps happening, the bot's public address (FLYERBOT_PUBLIC_BASE_URL) is not reachable "
    "from the internet."
)
_RECONNECT = (
    "An admin needs to reconnect it before posting again: send /connect instagram to "
    "flyerbot in a private chat and paste a new long-lived token."
)


@dataclass(frozen=True)
class Rule:
    kind: ErrorKind
    message: str
    # The container can never be published: the next attempt must create a new one.
    container_dead: bool = False


_BY_SUBCODE: dict[int, Rule] = {
    2207001: Rule(ErrorKind.TRANSIENT, _GENERIC_TRANSIENT),
    2207032: Rule(ErrorKind.TRANSIENT, _GENERIC_TRANSIENT),
    2207003: Rule(ErrorKind.TRANSIENT, NEW_CONTAINER, container_dead=True),
    2207020: Rule(ErrorKind.TRANSIENT, NEW_CONTAINER, container_dead=True),
    2207008: Rule(ErrorKind.TRANSIENT, NEW_CONTAINER, container_dead=True),
    2207052: Rule(ErrorKind.TRANSIENT, _MEDIA_URL, container_dead=True),
    2207004: Rule(ErrorKind.PERMANENT, "The image is too large for Instagram (8 MB at most)."),
    2207005: Rule(ErrorKind.PERMANENT, "Instagram accepts only JPEG images for this post."),
    2207009: Rule(
        ErrorKind.PERMANENT,
        "Instagram refused the image's shape: feed images must be between 4:5 (portrait) "
        "and 1.91:1 (landscape).",
    ),
    2207010: Rule(
        ErrorKind.PERMANENT,
        "Instagram refused the caption: at most 2,200 characters, 30 hashtags and 20 @mentions.",
    ),
    2207028: Rule(ErrorKind.PERMANENT, "An Instagram carousel needs 2 to 10 images."),
    2207023: Rule(ErrorKind.PERMANENT, "Instagram does not accept this kind of media here."),
    SPAM_SUBCODE: Rule(
        ErrorKind.PERMANENT,
        "Instagram blocked this post as possible spam. Try again later with a different caption.",
    ),
    2207050: Rule(
        ErrorKind.PERMANENT,
        "The Instagram account is restricted and cannot publish right now. Check the account "
        "in the Instagram app.",
    ),
    2207026: Rule(ErrorKind.PERMANENT, "Instagram could not process the image (error 2207026)."),
}

_AUTH_REASONS = {
    463: "The Instagram login has expired.",
    460: "The Instagram login stopped working because the account's password changed.",
    458: "The flyerbot app was removed from the Instagram account.",
    467: "The Instagram login is no longer valid.",
}


@dataclass(eq=False)
class GraphError(Exception):
    """An `{"error": {...}}` answer from the Graph API. `message` is already redacted."""

    status: int
    code: int | None
    subcode: int | None
    message: str
    is_transient: bool = False
    user_message: str = ""
    retry_after: float | None = None  # from the usage headers, for throttling codes

    def __str__(self) -> str:
        return f"Graph API error {self.code_text} (HTTP {self.status}): {self.message}"

    @property
    def code_text(self) -> str:
        return f"{self.code}/{self.subcode}" if self.subcode else str(self.code)

    @property
    def not_ready(self) -> bool:
        return self.code == NOT_READY[0] or self.subcode == NOT_READY[1]

    @property
    def quota_exhausted(self) -> bool:
        return self.subcode == QUOTA_SUBCODE


def parse_graph_error(status: int, body: Any, *, retry_after: float | None) -> GraphError | None:
    """The error in a JSON body, or None when the body is not a Graph API error."""
    if not isinstance(body, dict) or not isinstance(body.get("error"), dict):
        return None
    error = body["error"]
    return GraphError(
        status=status,
        code=_int(error.get("code")),
        subcode=_int(error.get("error_subcode")),
        message=str(error.get("message", "")),
        is_transient=error.get("is_transient") is True,
        user_message=str(error.get("error_user_msg", "")),
        retry_after=retry_after,
    )


def classify(error: GraphError) -> Rule:
    """What an error answer means (quota and not-ready are handled by the publisher first)."""
    if error.code in AUTH_CODES:
        reason = _AUTH_REASONS.get(error.subcode or 0, "Instagram no longer accepts the login.")
        return Rule(ErrorKind.AUTH, f"{reason} {_RECONNECT}")
    if error.subcode in _BY_SUBCODE:
        return _BY_SUBCODE[error.subcode]
    if error.code in THROTTLE_CODES:
        return Rule(ErrorKind.RATE_LIMITED, SLOW_DOWN)
    if error.code == 10 or (error.code is not None and 200 <= error.code <= 299):
        return Rule(
            ErrorKind.PERMANENT,
            f"flyerbot lacks an Instagram permission ({error.message}). Reconnect Instagram "
            "and allow content publishing.",
        )
    if error.code in (1, 2) or error.is_transient or error.status >= 500:
        return Rule(ErrorKind.TRANSIENT, _GENERIC_TRANSIENT)
    detail = error.user_message or error.message or "no reason given"
    return Rule(ErrorKind.PERMANENT, f"Instagram refused the post: {detail}")


_STATUS_CODE = re.compile(r"\b(2207\d{3})\b")


def classify_container_error(status_text: str) -> tuple[Rule, str]:
    """A container in status ERROR is finished for good; its `status` names a subcode."""
    found = _STATUS_CODE.search(status_text)
    subcode = int(found.group(1)) if found else None
    rule = _BY_SUBCODE.get(subcode or 0) or Rule(
        ErrorKind.PERMANENT,
        f"Instagram could not process the image ({status_text or 'no reason given'}).",
    )
    return Rule(rule.kind, rule.message, container_dead=True), str(subcode or "ERROR")


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def as_publish_error(error: GraphError) -> PublishError:
    """The PublishError for an error answer outside the publishing steps."""
    rule = classify(error)
    retry_after = None
    if rule.kind is ErrorKind.RATE_LIMITED:
        retry_after = error.retry_after or DEFAULT_THROTTLE_WAIT
    return PublishError(rule.kind, rule.message, code=error.code_text, retry_after=retry_after)
