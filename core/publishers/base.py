"""The contract every publishing target fulfils, whatever platform is behind it.

Publishing is irreversible, so a publisher never retries blindly by itself. It records
what it learns as it goes (a container id, a media id) through the `Journal`, which the
engine persists before the next step, and it can `verify` whether an attempt whose
outcome is unknown did in fact publish.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, Protocol

from core.conversation.messages import Choice


class ErrorKind(StrEnum):
    TRANSIENT = "transient"  # retry with backoff
    RATE_LIMITED = "rate_limited"  # wait for the window (retry_after), then retry
    PERMANENT = "permanent"  # fail now and tell the chat why
    AUTH = "auth"  # token expired or revoked: ask the owner to reconnect, no retries
    UNKNOWN_OUTCOME = "unknown_outcome"  # may or may not have published: verify first


class PublishError(Exception):
    """A classified failure.

    `user_message` is the English account for logs and the job log. The chat reads
    `message_key` (a core/i18n key, see core.publishers.reasons) filled with
    `message_params`, in its own language; without a key it falls back to `user_message`.
    """

    def __init__(
        self,
        kind: ErrorKind,
        user_message: str,
        *,
        code: str | None = None,
        retry_after: float | None = None,
        message_key: str | None = None,
        message_params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(f"{kind}: {code or '-'}: {user_message}")
        self.kind = kind
        self.user_message = user_message
        self.code = code
        self.retry_after = retry_after
        self.message_key = message_key
        self.message_params: Mapping[str, object] = dict(message_params or {})


@dataclass(frozen=True)
class Buttons:
    """Buttons to put under a post (RSVP), and a line to carry them where a post cannot."""

    prompt: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Publication:
    """One post for one target. More than one image means a carousel.

    `buttons` is set only for targets that can show and later change them; a publisher
    that puts them under a message records that message as the journal's
    `buttons_message_id`.
    """

    delivery_id: int
    images: tuple[bytes, ...]
    image_sha256s: tuple[str, ...]
    caption: str
    alt_text: str = ""
    placement: Literal["feed", "story"] = "feed"
    buttons: Buttons | None = None


@dataclass(frozen=True)
class Published:
    external_id: str
    url: str | None = None


@dataclass
class Journal:
    """Facts learned during an attempt; `persist` (set by the engine) stores them durably."""

    facts: dict[str, str] = field(default_factory=dict)
    persist: Callable[[dict[str, str]], Awaitable[None]] | None = None

    async def record(self, **facts: str) -> None:
        self.facts.update(facts)
        if self.persist is not None:
            await self.persist(dict(self.facts))


class Publisher(Protocol):
    """A target such as an Instagram account, a Telegram channel or the sandbox outbox."""

    kind: str

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        """Publish once; raise PublishError (classified) on failure."""
        ...

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        """After an unknown outcome: the post if it went out, None if it surely did not."""
        ...


@dataclass(frozen=True)
class TargetInfo:
    """A plain snapshot of a target row, its secret already opened, for building a publisher."""

    id: int
    workspace_id: int
    kind: str
    address: str
    name: str
    config: Mapping[str, Any] = field(default_factory=dict)
    secret: str | None = field(default=None, repr=False)


PublisherFactory = Callable[[TargetInfo], Publisher]
