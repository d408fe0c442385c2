"""Instagram's documented limits, checked before any call so a bad post fails fast and clearly.

A refused post costs nothing here, whereas at Meta it can cost a container against the
daily allowance and arrives as an opaque code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.publishers.base import ErrorKind, Publication, PublishError
from core.publishers.reasons import Reason

MAX_CAPTION_CHARS = 2200
MAX_HASHTAGS = 30
MAX_MENTIONS = 20
MAX_ALT_TEXT_CHARS = 1000
CAROUSEL_MIN, CAROUSEL_MAX = 2, 10

_HASHTAG = re.compile(r"(?<![\w&/])#\w+")
_MENTION = re.compile(r"(?<![\w.])@[\w.]+")  # not the domain of an e-mail address


def check_publication(publication: Publication) -> None:
    """Raise a PERMANENT PublishError if Instagram would refuse this post."""
    shas = publication.image_sha256s
    if not shas:
        _refuse("There is no image to post.", "no-image", Reason.NO_IMAGE)
    if publication.placement == "story":
        if len(shas) != 1:
            _refuse(
                f"An Instagram story takes exactly one image, not {len(shas)}.",
                "story-count",
                Reason.IG_STORY_COUNT,
                count=len(shas),
            )
        return  # stories carry no caption or alt text
    if len(shas) > 1:
        check_carousel(shas)
    _check_caption(publication.caption)
    if len(publication.alt_text) > MAX_ALT_TEXT_CHARS:
        _refuse(
            f"The image description is {len(publication.alt_text)} characters; Instagram "
            f"allows {MAX_ALT_TEXT_CHARS}.",
            "alt-text",
            Reason.IG_ALT_TEXT_TOO_LONG,
            count=len(publication.alt_text),
            limit=MAX_ALT_TEXT_CHARS,
        )


def check_carousel(shas: Sequence[str]) -> None:
    if not CAROUSEL_MIN <= len(shas) <= CAROUSEL_MAX:
        _refuse(
            f"An Instagram carousel takes {CAROUSEL_MIN} to {CAROUSEL_MAX} images; this post "
            f"has {len(shas)}.",
            "carousel-count",
            Reason.IG_CAROUSEL_COUNT,
            min=CAROUSEL_MIN,
            max=CAROUSEL_MAX,
        )


def _check_caption(caption: str) -> None:
    if len(caption) > MAX_CAPTION_CHARS:
        _refuse(
            f"The caption is {len(caption)} characters; Instagram allows {MAX_CAPTION_CHARS}.",
            "caption-length",
            Reason.IG_CAPTION_TOO_LONG,
            count=len(caption),
            limit=MAX_CAPTION_CHARS,
        )
    hashtags = len(_HASHTAG.findall(caption))
    if hashtags > MAX_HASHTAGS:
        _refuse(
            f"The caption has {hashtags} hashtags; Instagram allows {MAX_HASHTAGS}.",
            "caption-hashtags",
            Reason.IG_TOO_MANY_HASHTAGS,
            count=hashtags,
            limit=MAX_HASHTAGS,
        )
    mentions = len(_MENTION.findall(caption))
    if mentions > MAX_MENTIONS:
        _refuse(
            f"The caption mentions {mentions} accounts; Instagram allows {MAX_MENTIONS}.",
            "caption-mentions",
            Reason.IG_TOO_MANY_MENTIONS,
            count=mentions,
            limit=MAX_MENTIONS,
        )


def _refuse(message: str, code: str, key: Reason, **params: object) -> None:
    raise PublishError(
        ErrorKind.PERMANENT, message, code=code, message_key=key, message_params=params
    )
