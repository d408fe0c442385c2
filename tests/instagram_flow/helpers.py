"""Connecting the fake's account the way an organiser does, and reading the results."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from core.app import App
from core.chat_service import ChatService
from core.conversation.messages import Action, Command, Notice, Output, Sender, Text
from storage.models import Delivery, Target
from tests.campaigns.helpers import ADMIN, ORGANISER
from tests.conversation.helpers import AUTHOR, action_id, only, preview_of_full_event, say
from tests.fakes.graph_api import TOKEN
from tests.publishing.helpers import RecordingNotifier

# The admin's private chat with the bot: on Telegram its chat id is the user's id.
ADMIN_DM = replace(ADMIN, chat_id=ADMIN.user_id, is_group=False, chat_title=None)


async def connect_instagram(app: App, token: str = TOKEN) -> Notice:
    """`/connect instagram` in the group, then the token pasted in the private chat."""
    asked = only(await say(app, ADMIN, Command("connect", "instagram")), Notice)
    assert "1:1" in asked.text
    return only(await say(app, ADMIN_DM, Text(token)), Notice)


async def approved_with_instagram(app: App) -> tuple[int, Notice]:
    await connect_instagram(app)
    preview = await preview_of_full_event(app)
    approved = only(await say(app, ORGANISER, Action(action_id(preview, "approve"))), Notice)
    return preview.event_id, approved


def listen(app: App) -> RecordingNotifier:
    notifier = RecordingNotifier()
    app.publishing.notifiers.register(AUTHOR.platform, notifier)
    return notifier


async def press(app: App, action: str, sender: Sender = ORGANISER) -> list[Output]:
    return await ChatService(app).handle(sender, Action(action))


async def instagram_targets(app: App) -> list[Target]:
    async with app.sessions() as session:
        query = select(Target).where(Target.kind == "instagram").order_by(Target.id)
        return list((await session.execute(query)).scalars())


async def deliveries(app: App) -> list[Delivery]:
    async with app.sessions() as session:
        return list((await session.execute(select(Delivery).order_by(Delivery.id))).scalars())
