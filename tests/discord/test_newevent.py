"""/newevent on Discord: a modal, a genre menu, a preview with its image and buttons."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import func, select

from core import i18n
from core.app import App
from storage.models import Conversation, Event, Media
from tests.discord.conftest import (
    AUTHOR,
    FORM,
    STRANGER_KO,
    DiscordHarness,
    button_id,
    option_value,
)
from tests.fakes.discord_interactions import (
    CHANNEL_MESSAGE,
    EPHEMERAL,
    MODAL,
    modal_inputs,
    modal_values,
)


async def test_slash_command_modal_genre_preview(discord_bot: DiscordHarness) -> None:
    opened = await discord_bot.slash("newevent", AUTHOR)
    assert opened.callback_type == MODAL
    inputs = modal_inputs(opened.modal)
    assert list(inputs) == ["title", "starts_at", "venue", "lineup", "ticket_url"]
    assert inputs["lineup"]["style"] == 2  # a paragraph: one act per line

    submitted = await discord_bot.submit(opened, FORM, AUTHOR)
    genre_question = discord_bot.answer_message(submitted)
    assert genre_question["flags"] & EPHEMERAL
    assert "장르" in genre_question["content"]

    chosen = await discord_bot.choose(
        genre_question, option_value(genre_question, "Techno"), AUTHOR
    )
    assert len(chosen.callbacks) == 1
    [preview] = discord_bot.previews()
    assert not preview["flags"] & EPHEMERAL
    assert preview["attachments"][0]["filename"].endswith(".jpg")
    assert discord_bot.fake.attachment_bytes(preview["attachments"][0])[:2] == b"\xff\xd8"
    labels = [c["label"] for row in preview["components"] for c in row["components"]]
    assert labels == ["✅ 승인", "🎨 테마", "🧩 템플릿", "📐 레이아웃", "✏️ 수정", "❌ 취소"]
    assert "서울 테크노 나이트 Vol.3" in preview["content"]


async def test_a_refused_field_is_named_and_the_fix_button_reopens_what_was_typed(
    discord_bot: DiscordHarness,
) -> None:
    opened = await discord_bot.slash("newevent", AUTHOR)
    typed = FORM | {"starts_at": "언젠가 밤에"}
    submitted = await discord_bot.submit(opened, typed, AUTHOR)
    problem = discord_bot.answer_message(submitted)
    assert problem["flags"] & EPHEMERAL
    assert "날짜·시간" in problem["content"]
    assert "예:" in problem["content"]  # an example of what works
    fix = [f for f in [*submitted.followups, problem] if "고치기" in str(f["components"])]
    assert fix, "no Fix button"
    reopened = await discord_bot.press(fix[0], button_id(fix[0], "고치기"), AUTHOR)
    assert reopened.callback_type == MODAL
    assert modal_values(reopened.modal) == typed  # nothing typed is lost

    fixed = await discord_bot.submit(reopened, {"starts_at": "2026-12-20 22:00"}, AUTHOR)
    assert "장르" in discord_bot.answer_message(fixed)["content"]


async def test_a_photo_attached_to_the_command_becomes_the_background(
    discord_bot: DiscordHarness, app: App
) -> None:
    photo = discord_bot.fake.add_attachment(jpeg(1200, 900), "party.jpg", "image/jpeg")
    opened = await discord_bot.slash(
        "newevent",
        AUTHOR,
        options=[{"name": "photo", "type": 11, "value": photo["id"]}],
        attachments=[photo],
    )
    assert opened.callback_type == MODAL
    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
    assert event.photo_sha256 is not None


async def test_an_oversized_attachment_is_refused_before_anything_is_stored(
    discord_bot: DiscordHarness, app: App
) -> None:
    limit = app.settings.max_photo_bytes
    photo = discord_bot.fake.add_attachment(b"\xff\xd8" + b"0" * limit, "huge.jpg", "image/jpeg")
    refused = await discord_bot.slash(
        "newevent",
        AUTHOR,
        options=[{"name": "photo", "type": 11, "value": photo["id"]}],
        attachments=[photo],
    )
    message = discord_bot.answer_message(refused)
    assert message["flags"] & EPHEMERAL
    assert "너무 커요" in message["content"]
    assert not discord_bot.fake.calls_to("cdn")  # not even downloaded
    async with app.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Event))).scalar() == 0
        assert (await session.execute(select(func.count()).select_from(Media))).scalar() == 0


async def test_a_file_that_is_not_an_image_is_refused(
    discord_bot: DiscordHarness, app: App
) -> None:
    upload = discord_bot.fake.add_attachment(
        b"%PDF-1.7 not a picture", "flyer.pdf", "application/pdf"
    )
    refused = await discord_bot.slash(
        "newevent",
        AUTHOR,
        options=[{"name": "photo", "type": 11, "value": upload["id"]}],
        attachments=[upload],
    )
    assert refused.callback_type == CHANNEL_MESSAGE
    assert discord_bot.answer_message(refused)["flags"] & EPHEMERAL
    async with app.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Event))).scalar() == 0


async def test_a_value_over_the_form_limit_never_reaches_the_database(
    discord_bot: DiscordHarness, app: App
) -> None:
    opened = await discord_bot.slash("newevent", AUTHOR)
    limit = modal_inputs(opened.modal)["title"]["max_length"]
    submitted = await discord_bot.submit(opened, FORM | {"title": "X" * (limit + 1)}, AUTHOR)
    assert "너무 길어요" in discord_bot.answer_message(submitted)["content"]
    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
        conversation = (await session.execute(select(Conversation))).scalar_one()
    assert event.title is None
    assert "X" * limit not in str(conversation.data)


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 90)).save(out, "JPEG")
    return out.getvalue()


async def test_in_a_dm_newevent_works_the_same(discord_bot: DiscordHarness) -> None:
    dm = "300000000000000001"
    discord_bot.fake.channels[dm] = {"id": dm, "type": 1, "recipients": [AUTHOR.user()]}
    opened = await discord_bot.fake.slash("newevent", AUTHOR, channel_id=dm)
    await discord_bot.settle()
    assert opened.callback_type == MODAL
    submitted = await discord_bot.submit(opened, FORM, AUTHOR)
    question = discord_bot.answer_message(submitted)
    await discord_bot.choose(question, option_value(question, "Techno"), AUTHOR)
    [preview] = [m for m in discord_bot.fake.channel_messages(dm) if m["attachments"]]
    assert "승인" in str(preview["components"])


async def test_a_decompression_bomb_is_refused_before_anything_is_stored(
    discord_bot: DiscordHarness, app: App
) -> None:
    out = io.BytesIO()
    Image.new("L", (8000, 6000)).save(out, "PNG")  # 48 megapixels in a few kilobytes
    assert len(out.getvalue()) < app.settings.max_photo_bytes
    bomb = discord_bot.fake.add_attachment(out.getvalue(), "flyer.png", "image/png")
    refused = await discord_bot.slash(
        "newevent",
        AUTHOR,
        options=[{"name": "photo", "type": 11, "value": bomb["id"]}],
        attachments=[bomb],
    )
    assert refused.callback_type == CHANNEL_MESSAGE
    assert discord_bot.answer_message(refused)["flags"] & EPHEMERAL
    async with app.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Event))).scalar() == 0
        assert (await session.execute(select(func.count()).select_from(Media))).scalar() == 0


async def test_someone_elses_question_is_refused_privately(
    discord_bot: DiscordHarness, app: App
) -> None:
    """Questions are ephemeral on Discord, so this takes a copied id; core still refuses."""
    opened = await discord_bot.slash("newevent", AUTHOR)
    submitted = await discord_bot.submit(opened, FORM, AUTHOR)
    question = discord_bot.answer_message(submitted)
    techno = option_value(question, "Techno")

    refused = await discord_bot.choose(question, techno, STRANGER_KO)
    answer = discord_bot.answer_message(refused)
    assert answer["flags"] & EPHEMERAL
    assert i18n.text("chat.not_your_question", "ko") in answer["content"]
    assert discord_bot.previews() == []
    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
    assert event.genre is None  # Mina's draft was not touched
