"""A published post whose message carries RSVP buttons, and an editor that records edits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import update

from core.app import App
from core.conversation.messages import Choice
from core.engagement.boards import BUTTONS_MESSAGE, BoardMessage, EditLater
from storage.models import Delivery
from tests.publishing.helpers import FAKE, seed


@dataclass
class RecordingEditor:
    """Stands in for a platform: remembers the buttons each message shows."""

    shown: dict[str, list[str]] = field(default_factory=dict)
    edits: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    busy: int = 0  # answer "slow down" this many times first

    async def set_buttons(self, message: BoardMessage, choices: Sequence[Choice]) -> None:
        if message.message_id in self.refuse:
            raise RuntimeError("message deleted")
        if self.busy:
            self.busy -= 1
            raise EditLater("slow down")
        labels = [choice.label for choice in choices]
        self.shown[message.message_id] = labels
        self.edits.append((message.message_id, labels))


async def published_with_buttons(app: App, *, messages: Sequence[str] = ("m1",)) -> int:
    """An event with one published post per message id, each carrying buttons; its id."""
    seeded = await seed(app, due_at=app.clock(), posts=len(messages), addresses=("one",), kind=FAKE)
    async with app.sessions.begin() as session:
        for delivery_id, message_id in zip(seeded.delivery_ids, messages, strict=True):
            await session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id)
                .values(status="published", journal={BUTTONS_MESSAGE: message_id})
            )
    return seeded.event_id
