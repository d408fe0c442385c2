"""/newevent from start to preview, in a private chat and in a group."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.app import App
from core.conversation import actions
from storage.models import Event
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeChat, FakeUser
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness, message_id

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

JPEG_MAGIC = b"\xff\xd8\xff"


async def full_event(
    tg: TelegramHarness, chat: FakeChat, user: FakeUser, *, group: bool = False
) -> Call:
    """Answer every question; returns the preview's sendPhoto."""
    command = f"/newevent@{BOT_USERNAME}" if group else "/newevent"
    question = await tg.say(chat, user, command)
    answers = [
        "서울 테크노 나이트 Vol.3",
        "12월 20일 밤 10시",
        "Cakeshop, 이태원",
        "22:00-23:30 Soma; 23:30 Yetsuby; 01:00 박혜진",
    ]
    for text in answers:
        question = await tg.say(chat, user, text, to=question if group else None)
    question = await tg.press(chat, user, question, "nv:pick:techno")
    question = await tg.say(
        chat, user, "https://tickets.example.com/seoul-techno-3", to=question if group else None
    )
    return await tg.press(chat, user, question, "nv:skip", expect="sendPhoto")


async def test_a_full_newevent_in_a_private_chat(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)

    first = await telegram.say(dm, mina, "/newevent")
    assert "(1/7)" in first["text"] and "예:" in first["text"]
    assert first.callback_data() == [f"nv@{mina.id}:cancel"]
    assert "reply_parameters" not in first.params  # no need to reply to anyone in a DM

    second = await telegram.say(dm, mina, "서울 테크노 나이트 Vol.3")
    assert "(2/7)" in second["text"] and second.callback_data() == [
        f"nv@{mina.id}:back",
        f"nv@{mina.id}:cancel",
    ]

    preview = await full_event(telegram, dm, mina)
    assert preview["chat_id"] == dm.id
    assert preview.uploads()[0].startswith(JPEG_MAGIC)
    assert "서울 테크노 나이트 Vol.3" in preview["caption"]
    verbs = [data.split(":")[2] for data in preview.callback_data()]
    assert verbs == ["approve", "theme", "template", "layout", "edit", "cancel"]
    assert all(data.startswith("rv:") and len(data) <= 64 for data in preview.callback_data())


async def test_a_full_newevent_in_a_group_with_privacy_mode(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group("Seoul promoters")
    mina = fake.user("Mina")

    first = await telegram.say(group, mina, f"/newevent@{BOT_USERNAME}")
    assert first["reply_markup"] == {"force_reply": True, "selective": True}
    assert first["reply_parameters"]["message_id"] == message_id(first) - 1  # Mina's command
    assert "💬 취소" in first["text"]  # the controls, typed

    preview = await full_event(telegram, group, mina, group=True)
    genre = next(call for call in fake.calls_to("sendMessage") if "(5/7)" in call["text"])
    pick = actions.wizard(str(mina.id), "pick", "techno")
    assert pick in genre.callback_data()  # choices stay buttons in groups too
    assert preview["chat_id"] == group.id
    assert preview["reply_parameters"]["message_id"] is not None
    assert preview.callback_data()[0].startswith("rv:")


async def test_a_command_for_another_bot_is_ignored(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group()
    mina = fake.user("Mina")
    fake.send_text(group, mina, "/newevent@some_other_bot")
    await telegram.settle()
    answered = await telegram.say(group, mina, "/help")
    assert "/newevent" in answered["text"]
    assert len(fake.calls_to("sendMessage")) == 1


async def test_a_bad_date_is_explained_and_the_draft_continues(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    await telegram.say(dm, mina, "/newevent")
    await telegram.say(dm, mina, "제목")
    mark = len(fake.calls)
    fake.send_text(dm, mina, "언젠가 곧")
    await telegram.settle()
    problem, again = telegram.sent_since(mark)
    assert problem["text"].startswith("⚠️") and "예:" in problem["text"]
    assert "(2/7)" in again["text"]

    venue = await telegram.say(dm, mina, "2026-12-20 22:00")
    assert "(3/7)" in venue["text"]


async def test_two_organisers_in_one_group_do_not_cross(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group = fake.group()
    mina, jun = fake.user("Mina"), fake.user("Jun")
    q_mina = await telegram.say(group, mina, f"/newevent@{BOT_USERNAME}")
    q_jun = await telegram.say(group, jun, f"/newevent@{BOT_USERNAME}")
    q_mina = await telegram.say(group, mina, "Mina's night", to=q_mina)
    q_jun = await telegram.say(group, jun, "Jun's night", to=q_jun)
    assert "(2/7)" in q_mina["text"] and "(2/7)" in q_jun["text"]
    assert q_mina["reply_parameters"]["message_id"] != q_jun["reply_parameters"]["message_id"]

    async with app.sessions() as session:
        titles = sorted(
            str(title) for title in (await session.execute(select(Event.title))).scalars()
        )
    assert titles == ["Jun's night", "Mina's night"]


async def test_chatter_in_a_group_is_not_answered(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group()
    mina, jun = fake.user("Mina"), fake.user("Jun")
    fake.send_text(group, jun, "anyone going tonight?")  # not talking to the bot
    await telegram.settle()
    answered = await telegram.say(group, mina, f"/newevent@{BOT_USERNAME}")
    assert "(1/7)" in answered["text"]
    assert len(fake.calls_to("sendMessage")) == 1
