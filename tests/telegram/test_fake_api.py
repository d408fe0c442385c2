"""The fake Bot API speaks well enough for the real python-telegram-bot `Bot`."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.telegram.aiohttp_request import aiohttp_bot
from tests.fakes.telegram_api import FakeBotAPI

TOKEN = "123456:FAKE-API-TEST"

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def _jpeg(color: str, size: tuple[int, int] = (400, 500)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


async def test_the_real_bot_sends_edits_and_downloads_through_the_fake() -> None:
    async with FakeBotAPI(token=TOKEN, bot_username="fake_test_bot") as fake:
        bot = aiohttp_bot(TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url)
        async with bot:
            assert bot.username == "fake_test_bot"
            channel = fake.channel("Seoul nights", username="seoulnights")
            markup = InlineKeyboardMarkup([[InlineKeyboardButton("OK", callback_data="rv:1:ok")]])
            sent = await bot.send_photo(
                channel.id, _jpeg("red"), caption="한국어", reply_markup=markup
            )
            album = await bot.send_media_group(
                "@seoulnights", [InputMediaPhoto(_jpeg("blue")), InputMediaPhoto(_jpeg("green"))]
            )
            await bot.edit_message_media(
                InputMediaPhoto(_jpeg("black"), caption="new"),
                chat_id=channel.id,
                message_id=sent.message_id,
                reply_markup=markup,
            )
            photo = await bot.send_photo(channel.id, _jpeg("white"))
            downloaded = await (await bot.get_file(photo.photo[-1].file_id)).download_as_bytearray()

        first, group, edit, last = (
            *fake.calls_to("sendPhoto")[:1],
            fake.calls_to("sendMediaGroup")[0],
            fake.calls_to("editMessageMedia")[0],
            fake.calls_to("sendPhoto")[1],
        )
        assert first["caption"] == "한국어" and first.callback_data() == ["rv:1:ok"]
        assert first.uploads() == [_jpeg("red")]
        assert group.uploads() == [_jpeg("blue"), _jpeg("green")]
        assert len({message.media_group_id for message in album}) == 1
        assert edit.uploads() == [_jpeg("black")] and edit["media"]["caption"] == "new"
        assert fake.message(channel, sent.message_id)["caption"] == "new"
        assert bytes(downloaded) == last.uploads()[0]


async def test_fault_knobs_raise_the_matching_telegram_errors() -> None:
    async with FakeBotAPI(token=TOKEN) as fake:
        async with aiohttp_bot(TOKEN, base_url=fake.base_url) as bot:
            fake.rate_limit_next("sendMessage", retry_after=3)
            with pytest.raises(RetryAfter):
                await bot.send_message(1, "hi")
            fake.forbid_next("sendMessage")
            with pytest.raises(Forbidden):
                await bot.send_message(1, "hi")
            fake.not_modified_next("editMessageReplyMarkup")
            with pytest.raises(BadRequest, match="not modified"):
                await bot.edit_message_reply_markup(1, 1)
            assert (await bot.send_message(1, "123")).text == "123"
        assert [call.error_code for call in fake.calls_to("sendMessage")] == [429, 403, None]


async def test_chat_members_and_updates_follow_offsets() -> None:
    async with FakeBotAPI(token=TOKEN) as fake:
        group = fake.group("Promoters")
        mina, admin = fake.user("Mina"), fake.user("Jun")
        fake.set_member_status(group, admin, "administrator")
        async with aiohttp_bot(TOKEN, base_url=fake.base_url) as bot:
            assert (await bot.get_chat_member(group.id, admin.id)).status == "administrator"
            assert (await bot.get_chat_member(group.id, mina.id)).status == "member"
            assert (await bot.get_chat(group.id)).title == "Promoters"

            fake.send_text(group, mina, "/newevent@flyer_test_bot 서울")
            fake.send_text(group, mina, "hello")
            updates = await bot.get_updates(timeout=0)
            assert [u.message.text for u in updates if u.message] == [
                "/newevent@flyer_test_bot 서울",
                "hello",
            ]
            first = updates[0].message
            assert first is not None and first.entities[0].type == "bot_command"
            # Not confirmed yet: asked again, Telegram sends them again.
            assert len(await bot.get_updates(timeout=0)) == 2
            assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
            assert fake.pending_updates == 0
