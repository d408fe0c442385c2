"""The audience of a Telegram channel through the real python-telegram-bot Application:
RSVP buttons under a published post, presses answered privately, counts edited in place
(throttled), an album's buttons in a message of their own, sent exactly once, and the
channel's reaction counts kept as snapshots."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.publishers import telegram_channel
from bot.publishers.telegram_buttons import TelegramButtonEditor
from bot.telegram.aiohttp_request import aiohttp_bot
from core.app import App
from core.clock import ManualClock
from core.conversation.messages import Choice
from core.engagement.boards import BUTTONS_MESSAGE
from core.engagement.reactions import REACTIONS
from core.engagement.totals import event_engagement, post_reactions
from core.publishers.base import Buttons, Journal, Publication, PublishError
from storage.models import InsightSnapshot, Post
from tests.fakes.telegram_api import FakeBotAPI, FakeChat
from tests.publishing.helpers import delivery, seed
from tests.telegram.conftest import TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def channel_bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    """The publishing engine's own Bot, as `flyerbot run` builds it (no rate limiter)."""
    async with aiohttp_bot(
        fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url
    ) as bot:
        yield bot


def serve_channels(app: App, bot: Bot) -> None:
    """What `flyerbot run` does when it starts publishing with a Telegram token."""
    telegram_channel.register(app.publishing, bot)
    app.engagement.editors.register(telegram_channel.KIND, TelegramButtonEditor(bot))


async def publish_to(app: App, channel: FakeChat, *, posts: int = 1) -> int:
    seeded = await seed(
        app,
        due_at=app.clock(),
        posts=posts,
        kind=telegram_channel.KIND,
        addresses=(str(channel.id),),
    )
    await app.publishing.dispatcher.run_due()
    return seeded.event_id


def labels(fake: FakeBotAPI, channel: FakeChat, message_id: int) -> list[str]:
    markup = fake.message(channel, message_id).get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


async def test_channel_presses_toggle_answers_and_edit_the_counts_in_place(
    app: App,
    clock: ManualClock,
    fake: FakeBotAPI,
    telegram: TelegramHarness,
    channel_bot: Bot,
) -> None:
    serve_channels(app, channel_bot)
    channel = fake.channel("Seoul Techno", username="seoultechno")
    event_id = await publish_to(app, channel)
    [post] = fake.calls_to("sendPhoto")
    going, interested = f"rsvp:{event_id}:going", f"rsvp:{event_id}:interested"
    assert post.buttons() == [[("🙋 Going", going), ("🤔 Interested", interested)]]
    message_id = int(post.result["message_id"])
    mina, jun = fake.user("Mina"), fake.user("Jun")

    fake.press(channel, mina, message_id, going)
    await telegram.settle()
    assert fake.calls_to("answerCallbackQuery")[-1]["text"] == "🙋 Marked as going. See you there!"
    assert labels(fake, channel, message_id) == ["🙋 Going 1", "🤔 Interested"]
    assert not fake.calls_to("sendMessage")  # the channel itself hears nothing

    fake.press(channel, jun, message_id, interested)  # within the edit interval
    await telegram.settle()
    assert len(fake.calls_to("editMessageReplyMarkup")) == 1
    assert labels(fake, channel, message_id) == ["🙋 Going 1", "🤔 Interested"]
    clock.advance(timedelta(seconds=app.settings.rsvp_edit_seconds))
    await app.engagement.rsvps.flush()
    assert labels(fake, channel, message_id) == ["🙋 Going 1", "🤔 Interested 1"]

    clock.advance(timedelta(seconds=app.settings.rsvp_edit_seconds))
    fake.rate_limit_next("editMessageReplyMarkup", retry_after=3)
    fake.press(channel, mina, message_id, going)  # the same button again: answer taken back
    await telegram.settle()
    assert fake.calls_to("answerCallbackQuery")[-1]["text"] == "Your answer is removed."
    assert labels(fake, channel, message_id) == ["🙋 Going 1", "🤔 Interested 1"]  # 429
    clock.advance(timedelta(seconds=app.settings.rsvp_edit_seconds))
    await app.engagement.rsvps.flush()
    assert labels(fake, channel, message_id) == ["🙋 Going", "🤔 Interested 1"]


async def test_an_album_gets_its_buttons_in_one_short_message_after_it(
    app: App, fake: FakeBotAPI, telegram: TelegramHarness, channel_bot: Bot
) -> None:
    serve_channels(app, channel_bot)
    channel = fake.channel("Albums")
    seeded = await seed(
        app, due_at=app.clock(), kind=telegram_channel.KIND, addresses=(str(channel.id),)
    )
    async with app.sessions.begin() as session:
        post = await session.get_one(Post, seeded.post_ids[0])
        post.image_sha256s = [post.image_sha256s[0], post.image_sha256s[0]]
    await app.publishing.dispatcher.run_due()
    [album] = fake.calls_to("sendMediaGroup")
    assert len(album.uploads()) == 2 and not album.buttons()
    [buttons] = fake.calls_to("sendMessage")
    assert buttons["text"] == "Coming? Let us know 👇"
    assert [text for row in buttons.buttons() for text, _ in row] == ["🙋 Going", "🤔 Interested"]
    stored = await delivery(app, seeded.delivery_ids[0])
    assert stored.journal[BUTTONS_MESSAGE] == str(buttons.result["message_id"])


async def test_a_buttons_message_that_failed_is_sent_alone_on_retry(
    fake: FakeBotAPI, telegram: TelegramHarness
) -> None:
    """Dying between the album and its buttons: the retry sends only the buttons."""
    assert telegram.running is not None
    channel = fake.channel("Retry")
    publisher = telegram_channel.TelegramChannelPublisher(
        telegram.running.application.bot, chat_id=channel.id
    )
    publication = Publication(
        7,
        (b"\xff\xd8\xff one", b"\xff\xd8\xff two"),
        ("a" * 64, "b" * 64),
        "Seoul Techno Night",
        buttons=Buttons("Coming?", (Choice("rsvp:1:going", "🙋 Going"),)),
    )
    journal = Journal()
    fake.fail_next("sendMessage", 500, "Internal Server Error")
    with pytest.raises(PublishError):
        await publisher.publish(publication, journal)
    assert BUTTONS_MESSAGE not in journal.facts
    await publisher.publish(publication, journal)
    assert len(fake.calls_to("sendMediaGroup")) == 1
    assert journal.facts[BUTTONS_MESSAGE] == str(
        fake.calls_to("sendMessage")[-1].result["message_id"]
    )
    assert await publisher.verify(publication, journal) is not None


async def test_reaction_counts_of_a_channel_post_are_kept_as_snapshots(
    app: App,
    clock: ManualClock,
    fake: FakeBotAPI,
    telegram: TelegramHarness,
    channel_bot: Bot,
) -> None:
    serve_channels(app, channel_bot)
    channel = fake.channel("Seoul Techno", username="seoultechno")
    event_id = await publish_to(app, channel)
    message_id = int(fake.calls_to("sendPhoto")[0].result["message_id"])

    fake.react(channel, message_id, {"🔥": 3, "👍": 1})
    await telegram.settle()
    assert "message_reaction_count" in fake.allowed_updates  # else Telegram never sends them
    clock.advance(timedelta(hours=1))
    fake.react(channel, message_id, {"🔥": 5, "👍": 1, "❤": 0})
    await telegram.settle()
    assert telegram.running is not None
    elsewhere = await telegram.running.application.bot.send_message(channel.id, "not a post")
    fake.react(channel, elsewhere.message_id, {"👍": 9})  # a message flyerbot did not publish
    await telegram.settle()

    async with app.sessions() as session:
        readings = (
            await session.execute(
                select(InsightSnapshot.value, InsightSnapshot.taken_at)
                .where(InsightSnapshot.metric == REACTIONS)
                .order_by(InsightSnapshot.id)
            )
        ).all()
        found = await event_engagement(session, event_id)
        [post_id] = await session.scalars(select(Post.id).where(Post.event_id == event_id))
        per_target = await post_reactions(session, post_id)
    assert [value for value, _ in readings] == [4, 6]
    assert list(per_target.values()) == [6]
    assert readings[1][1] - readings[0][1] == timedelta(hours=1)
    assert found.reactions == 6


async def test_the_fake_sends_reaction_counts_only_to_a_bot_that_asked(fake: FakeBotAPI) -> None:
    channel = fake.channel("Asked")
    async with aiohttp_bot(fake.token, base_url=fake.base_url) as bot:
        sent = await bot.send_message(channel.id, "post")
        fake.react(channel, sent.message_id, {"👍": 2})
        assert await bot.get_updates(allowed_updates=["message"]) == ()
        [update] = await bot.get_updates(allowed_updates=["message_reaction_count"])
    assert update.message_reaction_count is not None
    assert update.message_reaction_count.reactions[0].total_count == 2
