"""Previews that do not fit one photo: long captions and lineup carousels."""

from __future__ import annotations

import pytest

from bot.telegram.text_limits import CAPTION_LIMIT, fit, utf16_len
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeChat, FakeUser
from tests.telegram.conftest import TelegramHarness, message_id
from tests.telegram.test_review import button

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

TEN_ACTS = "; ".join(f"{(20 + i // 2) % 24:02d}:{i % 2 * 30:02d} DJ Number{i}" for i in range(10))
# One slide holds as many acts as fit at a readable size: a carousel needs a long bill.
LONG_BILL = "; ".join(
    f"{(20 + i // 2) % 24:02d}:{i % 2 * 30:02d} DJ Number{i} b2b The Extended Resident Crew of"
    " the Night"
    for i in range(24)
)


async def preview_with_lineup(
    telegram: TelegramHarness, chat: FakeChat, user: FakeUser, lineup: str
) -> Call:
    question = await telegram.say(chat, user, "/newevent")
    for text in ("Long night", "2026-12-20 20:00", "Faust, Berlin", lineup):
        question = await telegram.say(chat, user, text)
    question = await telegram.press(chat, user, question, "nv:pick:techno")
    question = await telegram.say(chat, user, "skip")
    return await telegram.press(chat, user, question, "nv:skip", expect="sendPhoto")


def test_text_is_cut_at_a_break_and_counted_in_utf16() -> None:
    assert fit("short", 10) == ("short", False)
    cut, was_cut = fit("first line\nsecond line that is long", 20)
    assert was_cut and cut == "first line…"
    emoji = "🎉" * 600  # two UTF-16 units each
    assert utf16_len(fit(emoji, CAPTION_LIMIT)[0]) <= CAPTION_LIMIT


async def test_a_long_caption_is_cut_and_follows_in_full(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    preview = await preview_with_lineup(telegram, dm, mina, TEN_ACTS)
    event_id = button(preview, "approve").split(":")[1]
    await telegram.press(dm, mina, preview, f"rv:{event_id}:edit:description")
    mark = len(fake.calls)
    description = "밤새 이어지는 테크노 " * 80  # 960 characters
    fake.send_text(dm, mina, description.strip())
    await telegram.settle()

    photo = telegram.first_since(mark, "sendPhoto")
    full = telegram.first_since(mark, "sendMessage")
    assert utf16_len(photo["caption"]) <= CAPTION_LIMIT and photo["caption"].endswith("…")
    assert len(full["text"]) > CAPTION_LIMIT and full["text"].startswith(photo["caption"][:-1])


async def test_a_lineup_carousel_is_an_album_then_the_buttons(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    preview = await preview_with_lineup(telegram, dm, mina, LONG_BILL)
    event_id = button(preview, "approve").split(":")[1]
    await telegram.press(
        dm, mina, preview, button(preview, "template"), expect="editMessageReplyMarkup"
    )

    mark = await telegram.press_and_settle(dm, mina, preview, f"rv:{event_id}:template:lineup")
    album = telegram.first_since(mark, "sendMediaGroup")
    assert len(album.uploads()) == 2
    buttons = telegram.first_since(mark, "sendMessage")
    assert "Long night" in buttons["text"]
    assert button(buttons, "approve").startswith(f"rv:{event_id}:approve:")
    # The old single-photo preview cannot become an album: its buttons go away.
    assert "reply_markup" not in fake.message(dm, message_id(preview))
