"""Driving the engine the way a frontend does, and reading what it answered."""

from __future__ import annotations

import io
from typing import TypeVar

from PIL import Image

from core.app import App
from core.chat_service import ChatService
from core.conversation.messages import Action, Command, Input, Output, Preview, Sender, Text

T = TypeVar("T")

AUTHOR = Sender("test", "chat-1", "author", user_name="Mina", is_group=True)
FULL_EVENT: tuple[Input, ...] = (
    Command("newevent"),
    Text("서울 테크노 나이트 Vol.3"),
    Text("12월 20일 밤 10시"),
    Text("Cakeshop, 이태원"),
    Text("22:00-23:30 Soma; 23:30 Yetsuby; 01:00 박혜진"),
    Action("nv:pick:techno"),
    Text("https://tickets.example.com/seoul-techno-3"),
    Action("nv:skip"),
)


async def say(app: App, sender: Sender, *messages: Input | str) -> list[Output]:
    """Send each message in turn; returns what the last one produced."""
    outputs: list[Output] = []
    for message in messages:
        as_input = Text(message) if isinstance(message, str) else message
        outputs = await ChatService(app).handle(sender, as_input)
    return outputs


def only(outputs: list[Output], kind: type[T]) -> T:
    matches = [output for output in outputs if isinstance(output, kind)]
    assert len(matches) == 1, f"expected one {kind.__name__} in {outputs!r}"
    return matches[0]


async def preview_of_full_event(app: App, sender: Sender = AUTHOR) -> Preview:
    return only(await say(app, sender, *FULL_EVENT), Preview)


def image_size(jpeg: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.format == "JPEG"
        return image.size


def action_id(outputs_or_preview: list[Output] | Preview, verb: str) -> str:
    """The id of the choice whose id contains `:<verb>`."""
    if isinstance(outputs_or_preview, Preview):
        choices = outputs_or_preview.actions
    else:
        choices = tuple(
            choice for output in outputs_or_preview for choice in getattr(output, "choices", ())
        )
    return next(choice.id for choice in choices if f":{verb}" in choice.id)
