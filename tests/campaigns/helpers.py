"""An approved event, reached the way a frontend would, and reading the outbox."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from core.app import App
from core.chat_service import ChatService
from core.conversation.messages import Action, Command, Notice, Output
from storage.models import Delivery, Post
from tests.conversation.helpers import AUTHOR, action_id, only, preview_of_full_event, say


async def _admin() -> bool:
    return True


ADMIN = replace(AUTHOR, user_id="admin", user_name="Admin", is_chat_admin=_admin)
# The draft's author, who also administers the group: may publish to its targets.
ORGANISER = replace(AUTHOR, is_chat_admin=_admin)


async def approved_event(app: App) -> tuple[int, Notice]:
    """The sample event, approved by its author (a group admin), with the sandbox connected."""
    connected = only(await say(app, ADMIN, Command("connect", "sandbox")), Notice)
    assert "sandbox" in connected.text
    preview = await preview_of_full_event(app)
    notice = only(await say(app, ORGANISER, Action(action_id(preview, "approve"))), Notice)
    return preview.event_id, notice


async def press(app: App, action: str) -> list[Output]:
    return await ChatService(app).handle(ORGANISER, Action(action))


async def posts_of(app: App, event_id: int) -> list[Post]:
    async with app.sessions() as session:
        query = select(Post).where(Post.event_id == event_id).order_by(Post.scheduled_at, Post.id)
        return list((await session.execute(query)).scalars())


async def deliveries_of(app: App, post_id: int) -> list[Delivery]:
    async with app.sessions() as session:
        query = select(Delivery).where(Delivery.post_id == post_id).order_by(Delivery.id)
        return list((await session.execute(query)).scalars())


def outbox(app: App) -> list[dict[str, Any]]:
    """Every publication in the sandbox outbox, oldest first, with its folder."""
    root = Path(app.settings.data_dir) / "outbox"
    found = []
    for manifest in sorted(root.glob("*/delivery-*/post.json")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["folder"] = manifest.parent
        found.append(data)
    return sorted(found, key=lambda item: item["delivery_id"])
