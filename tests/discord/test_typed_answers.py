"""Questions a Telegram user answers by typing get a one-field form on Discord (bots do
not read typed messages there): "pick a time" as the example."""

from __future__ import annotations

from sqlalchemy import select

from core import i18n
from core.app import App
from storage.models import Post
from tests.discord.conftest import ADMIN, DiscordHarness, button_id, make_preview
from tests.discord.test_publishing import connect_announcements
from tests.fakes.discord_interactions import EPHEMERAL, MODAL, modal_inputs


async def test_pick_a_time_is_answered_in_a_small_form(
    discord_bot: DiscordHarness, app: App
) -> None:
    await connect_announcements(discord_bot)
    preview = await make_preview(discord_bot, ADMIN)
    approved = await discord_bot.press(preview, button_id(preview, "Approve"), ADMIN)
    notice = discord_bot.answer_message(approved)
    asked = await discord_bot.press(notice, button_id(notice, "Pick a time"), ADMIN)
    question = discord_bot.answer_message(asked)
    assert question["flags"] & EPHEMERAL
    opened = await discord_bot.press(question, button_id(question, "Type"), ADMIN)
    assert opened.callback_type == MODAL
    [field] = modal_inputs(opened.modal).values()
    assert field["placeholder"] == question["content"][:100]

    answered = await discord_bot.submit(opened, {"answer": "2026-12-18 20:00"}, ADMIN)
    said = [discord_bot.answer_message(answered)["content"]] + [
        m["content"] for m in answered.followups
    ]
    assert any("Dec 18" in text and "20:00" in text for text in said), said
    async with app.sessions() as session:
        post = (await session.execute(select(Post))).scalar_one()
    assert post.status == "pending"


async def test_a_typed_answer_holding_a_token_is_answered_not_failed(
    discord_bot: DiscordHarness, app: App
) -> None:
    await connect_announcements(discord_bot)
    preview = await make_preview(discord_bot, ADMIN)
    approved = await discord_bot.press(preview, button_id(preview, "Approve"), ADMIN)
    notice = discord_bot.answer_message(approved)
    asked = await discord_bot.press(notice, button_id(notice, "Pick a time"), ADMIN)
    question = discord_bot.answer_message(asked)
    opened = await discord_bot.press(question, button_id(question, "Type"), ADMIN)

    token = "123456789:" + "A" * 35
    answered = await discord_bot.submit(opened, {"answer": token}, ADMIN)
    said = [discord_bot.answer_message(answered)["content"]] + [
        m["content"] for m in answered.followups
    ]
    failed = i18n.text("chat.failed", "en")
    assert said and not any(failed in text for text in said), said
