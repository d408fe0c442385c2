"""Published messages that carry RSVP buttons, and the port that changes their buttons.

A publisher that puts buttons under a post records which message carries them in the
delivery's journal (`BUTTONS_MESSAGE`); the deliveries table is then the one list of
such messages, so nothing else needs to be stored. Changing a message's buttons needs
the platform's client, so each frontend registers a `ButtonEditor` for its target kinds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from core.conversation.messages import Choice
from core.crypto import DecryptionError, TokenCipher
from core.publishers.base import TargetInfo
from core.targets.store import secret_binding
from storage.published import published_for_event

BUTTONS_MESSAGE = "buttons_message_id"  # journal fact: the message under which buttons sit


@dataclass(frozen=True)
class BoardMessage:
    """One message with RSVP buttons, and the event whose answers it shows."""

    event_id: int
    delivery_id: int
    target: TargetInfo
    message_id: str

    @property
    def key(self) -> tuple[int, str]:
        return (self.target.id, self.message_id)


class EditLater(Exception):
    """The platform asked to slow down or did not answer: the edit is owed, not dropped."""


class ButtonEditor(Protocol):
    async def set_buttons(self, message: BoardMessage, choices: Sequence[Choice]) -> None:
        """Replace the buttons under `message`; EditLater when it may work in a while,
        any other error when it never will (the post was deleted)."""
        ...


class ButtonEditors:
    """Which editor changes buttons on which kind of target, filled at start-up."""

    def __init__(self) -> None:
        self._by_kind: dict[str, ButtonEditor] = {}

    def register(self, kind: str, editor: ButtonEditor) -> None:
        self._by_kind[kind] = editor

    def get(self, kind: str) -> ButtonEditor | None:
        return self._by_kind.get(kind)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._by_kind)


async def messages_of_event(
    session: AsyncSession, event_id: int, kinds: frozenset[str], cipher: TokenCipher | None
) -> list[BoardMessage]:
    """Every published message of the event that carries buttons on one of `kinds`."""
    if not kinds:
        return []
    messages = []
    for found in await published_for_event(session, event_id, kinds):
        message_id = found.journal.get(BUTTONS_MESSAGE)
        if not message_id:
            continue
        target = TargetInfo(
            id=found.target_id,
            workspace_id=found.workspace_id,
            kind=found.kind,
            address=found.address,
            name=found.name,
            config=dict(found.config),
            secret=_open(found.sealed_secret, cipher, found.target_id),
        )
        messages.append(BoardMessage(event_id, found.delivery_id, target, str(message_id)))
    return messages


def _open(sealed: str | None, cipher: TokenCipher | None, target_id: int) -> str | None:
    if not sealed or cipher is None:
        return None
    try:
        return cipher.decrypt(sealed, bound_to=secret_binding(target_id))
    except DecryptionError:
        return None
