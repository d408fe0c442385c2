"""The preview's persistent buttons: who may press them, what they change, restarts."""

from __future__ import annotations

from sqlalchemy import select

from core.app import App
from storage.models import Approval, Creative, Event
from tests.discord.conftest import (
    ADMIN,
    AUTHOR,
    ORGANISER,
    STRANGER,
    STRANGER_KO,
    DiscordHarness,
    button_id,
    make_preview,
)
from tests.fakes.discord_interactions import EPHEMERAL, MODAL, UPDATE_MESSAGE, modal_values


async def test_a_theme_change_edits_the_same_message_with_a_new_image(
    discord_bot: DiscordHarness, app: App
) -> None:
    preview = await make_preview(discord_bot)
    first_image = preview["attachments"][0]["id"]
    picker = await discord_bot.press(preview, button_id(preview, "테마"), AUTHOR)
    assert picker.callback_type == UPDATE_MESSAGE
    on_preview = discord_bot.fake.message(preview["id"])
    assert on_preview["attachments"][0]["id"] == first_image  # the picker sits on the image
    changed = await discord_bot.press(on_preview, button_id(on_preview, "네온"), AUTHOR)
    assert changed.callback_type == UPDATE_MESSAGE
    assert len(discord_bot.previews()) == 1  # no new message
    edited = discord_bot.fake.message(preview["id"])
    assert edited["attachments"][0]["id"] != first_image
    assert "승인" in str(edited["components"])
    async with app.sessions() as session:
        themes = (await session.execute(select(Creative.theme).order_by(Creative.id))).scalars()
        assert list(themes)[-1] == "neon"


async def test_the_author_approves(discord_bot: DiscordHarness, app: App) -> None:
    preview = await make_preview(discord_bot)
    approved = await discord_bot.press(preview, button_id(preview, "승인"), AUTHOR)
    notice = discord_bot.answer_message(approved)
    assert "승인했어요" in notice["content"]
    assert not notice["flags"] & EPHEMERAL
    async with app.sessions() as session:
        approval = (await session.execute(select(Approval))).scalar_one()
        event = (await session.execute(select(Event))).scalar_one()
    assert event.status == "approved"
    assert approval.image_sha256


async def test_a_member_without_permission_is_refused_in_their_language(
    discord_bot: DiscordHarness, app: App
) -> None:
    preview = await make_preview(discord_bot)
    for member, words in ((STRANGER, "Only the person"), (STRANGER_KO, "만든 사람")):
        refused = await discord_bot.press(preview, button_id(preview, "승인"), member)
        message = discord_bot.answer_message(refused)
        assert message["flags"] & EPHEMERAL
        assert words in message["content"]
    async with app.sessions() as session:
        assert (await session.execute(select(Approval))).first() is None


async def test_members_who_manage_events_or_the_server_may_press(
    discord_bot: DiscordHarness,
) -> None:
    preview = await make_preview(discord_bot)
    picker = await discord_bot.press(preview, button_id(preview, "레이아웃"), ORGANISER)
    assert picker.callback_type == UPDATE_MESSAGE
    on_preview = discord_bot.fake.message(preview["id"])
    approved = await discord_bot.press(on_preview, button_id(on_preview, "미리보기"), ADMIN)
    assert approved.callback_type == UPDATE_MESSAGE


async def test_the_buttons_work_after_a_restart(discord_bot: DiscordHarness, app: App) -> None:
    preview = await make_preview(discord_bot)
    await discord_bot.restart()
    assert discord_bot.fake.gateway.sessions == 2
    approved = await discord_bot.press(preview, button_id(preview, "승인"), AUTHOR)
    assert "승인했어요" in discord_bot.answer_message(approved)["content"]
    async with app.sessions() as session:
        assert (await session.execute(select(Approval))).first() is not None


async def test_edit_opens_the_form_filled_with_the_current_values(
    discord_bot: DiscordHarness, app: App
) -> None:
    preview = await make_preview(discord_bot)
    opened = await discord_bot.press(preview, button_id(preview, "수정"), AUTHOR)
    assert opened.callback_type == MODAL
    values = modal_values(opened.modal)
    assert values["starts_at"] == "2026-12-20 22:00"
    assert values["venue"] == "Cakeshop, 이태원"
    assert values["lineup"] == "22:00-23:30 DJ Soma\n23:30 Yetsuby"
    changed = await discord_bot.submit(opened, {"title": "서울 테크노 나이트 Vol.4"}, AUTHOR)
    assert changed.callback_type == UPDATE_MESSAGE
    assert len(discord_bot.previews()) == 1
    assert "Vol.4" in discord_bot.fake.message(preview["id"])["content"]


async def test_every_interaction_is_answered_exactly_once(discord_bot: DiscordHarness) -> None:
    preview = await make_preview(discord_bot)
    await discord_bot.press(preview, button_id(preview, "테마"), STRANGER)
    await discord_bot.press(preview, button_id(preview, "승인"), AUTHOR)
    interactions = list(discord_bot.fake.interactions.values())
    assert len(interactions) == 5
    assert all(len(i.callbacks) == 1 and i.refused_callbacks == 0 for i in interactions)


async def test_a_slow_answer_is_deferred_first_and_then_delivered(
    discord_bot: DiscordHarness,
) -> None:
    preview = await make_preview(discord_bot)
    await discord_bot.restart(quick_seconds=0)
    changed_theme = await discord_bot.press(preview, button_id(preview, "테마"), AUTHOR)
    assert changed_theme.callback_type == 6  # deferred update, then the edit
    assert changed_theme.edits
    late = await discord_bot.slash("newevent", ORGANISER)
    assert late.callback_type == 5  # thinking, then the question with a button for the form
    question = discord_bot.answer_message(late)
    reopened = await discord_bot.fake.press(question, button_id(question, "고치기"), ORGANISER)
    await discord_bot.settle()
    assert reopened.callback_type in (6, MODAL)
    interactions = list(discord_bot.fake.interactions.values())
    assert all(len(i.callbacks) == 1 and i.refused_callbacks == 0 for i in interactions)
