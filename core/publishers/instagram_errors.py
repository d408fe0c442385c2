"""Graph API errors sorted into what the engine should do, with words the organiser understands.

The table follows /work/shared/instagram-graph-api.md ("Errors"). Subcodes are more
specific than codes, so they are looked at first; a container in status ERROR carries
only a subcode inside its `status` text.

The English messages go to the logs and the job log; the chat reads each rule's
catalogue key (core.publishers.reasons) in its own language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram_usage import DEFAULT_THROTTLE_WAIT
from core.publishers.reasons import Reason

THROTTLE_CODES = frozenset({4, 17, 32, 613, 80002})
AUTH_CODES = frozenset({102, 190})
NOT_READY = (9007, 2207027)
QUOTA_SUBCODE = 2207042
SPAM_SUBCODE = 2207051
PLATFORM = {"platform": "Instagram"}

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
    key: Reason
    params: Mapping[str, object] = field(default_factory=dict)
    # The container can never be published: the next attempt must create a new one.
    container_dead: bool = False

    def error(self, code: str | None, retry_after: float | None = None) -> PublishError:
        return PublishError(
            self.kind,
            self.message,
            code=code,
            retry_after=retry_after,
            message_key=self.key,
            message_params=self.params,
        )


def unconfirmed(code: str | None) -> PublishError:
    """media_publish may have gone through: verify before anything else."""
    return PublishError(
        ErrorKind.UNKNOWN_OUTCOME, MAYBE_PUBLISHED, code=code, message_key=Reason.IG_UNCONFIRMED
    )


def new_container(code: str) -> PublishError:
    """The container is gone before publishing: the next attempt prepares a new one."""
    return PublishError(
        ErrorKind.TRANSIENT, NEW_CONTAINER, code=code, message_key=Reason.IG_UPLOAD_DROPPED
    )


_TRANSIENT = Rule(ErrorKind.TRANSIENT, _GENERIC_TRANSIENT, Reason.PLATFORM_TROUBLE, PLATFORM)
_DROPPED = Rule(ErrorKind.TRANSIENT, NEW_CONTAINER, Reason.IG_UPLOAD_DROPPED, container_dead=True)
_IMAGE = Reason.IG_IMAGE_REFUSED


_BY_SUBCODE: dict[int, Rule] = {
    2207001: _TRANSIENT,
    2207032: _TRANSIENT,
    2207003: _DROPPED,
    2207020: _DROPPED,
    2207008: _DROPPED,
    2207052: Rule(ErrorKind.TRANSIENT, _MEDIA_URL, Reason.IG_IMAGE_DOWNLOAD, container_dead=True),
    2207004: Rule(
        ErrorKind.PERMANENT,
        "The image is too large for Instagram (8 MB at most).",
        Reason.IMAGE_TOO_LARGE,
        PLATFORM,
    ),
    2207005: Rule(
        ErrorKind.PERMANENT,
        "Instagram accepts only JPEG images for this post.",
        _IMAGE,
        {"code": 2207005},
    ),
    2207009: Rule(
        ErrorKind.PERMANENT,
        "Instagram refused the image's shape: feed images must be between 4:5 (portrait) "
        "and 1.91:1 (landscape).",
        Reason.IG_IMAGE_SHAPE,
    ),
    2207010: Rule(
        ErrorKind.PERMANENT,
        "Instagram refused the caption: at most 2,200 characters, 30 hashtags and 20 @mentions.",
        Reason.IG_CAPTION_REFUSED,
    ),
    2207028: Rule(
        ErrorKind.PERMANENT,
        "An Instagram carousel needs 2 to 10 images.",
        Reason.IG_CAROUSEL_COUNT,
        {"min": 2, "max": 10},
    ),
    2207023: Rule(
        ErrorKind.PERMANENT,
        "Instagram does not accept this kind of media here.",
        _IMAGE,
        {"code": 2207023},
    ),
    SPAM_SUBCODE: Rule(
        ErrorKind.PERMANENT,
        "Instagram blocked this post as possible spam. Try again later with a different caption.",
        Reason.IG_SPAM,
    ),
    2207050: Rule(
        ErrorKind.PERMANENT,
        "The Instagram account is restricted and cannot publish right now. Check the account "
        "in the Instagram app.",
        Reason.IG_RESTRICTED,
    ),
    2207026: Rule(
        ErrorKind.PERMANENT,
        "Instagram could not process the image (error 2207026).",
        _IMAGE,
        {"code": 2207026},
    ),
}

_AUTH_REASONS = {
    463: ("The Instagram login has expired.", Reason.IG_TOKEN_EXPIRED),
    460: (
        "The Instagram login stopped working because the account's password changed.",
        Reason.IG_PASSWORD_CHANGED,
    ),
    458: ("The flyerbot app was removed from the Instagram account.", Reason.IG_LOGIN_INVALID),
    467: ("The Instagram login is no longer valid.", Reason.IG_LOGIN_INVALID),
}
_LOGIN_REFUSED = ("Instagram no longer accepts the login.", Reason.IG_LOGIN_INVALID)


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
        reason, key = _AUTH_REASONS.get(error.subcode or 0, _LOGIN_REFUSED)
        code = {"code": error.code_text}
        return Rule(ErrorKind.AUTH, f"{reason} {_RECONNECT}", key, code)
    if error.subcode in _BY_SUBCODE:
        return _BY_SUBCODE[error.subcode]
    if error.code in THROTTLE_CODES:
        return Rule(ErrorKind.RATE_LIMITED, SLOW_DOWN, Reason.SLOW_DOWN, PLATFORM)
    if error.code == 10 or (error.code is not None and 200 <= error.code <= 299):
        return Rule(
            ErrorKind.PERMANENT,
            f"flyerbot lacks an Instagram permission ({error.message}). Reconnect Instagram "
            "and allow content publishing.",
            Reason.IG_PERMISSION,
            {"code": error.code_text},
        )
    if error.code in (1, 2) or error.is_transient or error.status >= 500:
        return _TRANSIENT
    detail = error.user_message or error.message or "no reason given"
    return Rule(
        ErrorKind.PERMANENT,
        f"Instagram refused the post: {detail}",
        Reason.REFUSED,
        {**PLATFORM, "detail": detail},
    )


_STATUS_CODE = re.compile(r"\b(2207\d{3})\b")


def classify_container_error(status_text: str) -> tuple[Rule, str]:
    """A container in status ERROR is finished for good; its `status` names a subcode."""
    found = _STATUS_CODE.search(status_text)
    subcode = int(found.group(1)) if found else None
    rule = _BY_SUBCODE.get(subcode or 0) or Rule(
        ErrorKind.PERMANENT,
        f"Instagram could not process the image ({status_text or 'no reason given'}).",
        _IMAGE,
        {"code": "ERROR"},
    )
    return replace(rule, container_dead=True), str(subcode or "ERROR")


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
    return rule.error(error.code_text, retry_after)
