"""The command menu and the chat-wide commands: /help, /events, /settings, /deletemydata."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.app import App
from core.conversation.messages import Choice, Notice
from storage.models import Event, Workspace
from tests.fakes.telegram_api import FakeBotAPI
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness, message_id
from tests.telegram.test_newevent import full_event
from tests.telegram.test_photos import picture

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def test_the_command_menu_is_registered_in_korean_and_english(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    names = {lang: [c["command"] for c in cmds] for lang, cmds in fake.my_commands.items()}
    expected = [
        "newevent",
        "events",
        "schedule",
        "insights",
        "connect",
        "settings",
        "cancel",
        "help",
        "start",
        "deletemydata",
    ]
    assert names == {"ko": expected, "en": expected, "": expected}
    korean = {c["command"]: c["description"] for c in fake.my_commands["ko"]}
    english = {c["command"]: c["description"] for c in fake.my_commands["en"]}
    assert korean["newevent"] == "새 이벤트 만들기" and english["newevent"] == "Create an event"


async def test_start_greets_with_a_new_event_button(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    hello = await telegram.say(dm, mina, "/start")
    assert "/newevent" in hello["text"] and hello.callback_data() == ["go:newevent"]
    question = await telegram.press(dm, mina, hello, "go:newevent")
    assert "(1/7)" in question["text"]


async def test_events_lists_and_opens_a_preview(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group()
    mina, jun = fake.user("Mina"), fake.user("Jun")
    preview = await full_event(telegram, group, mina, group=True)
    listing = await telegram.say(group, jun, f"/events@{BOT_USERNAME}")
    assert "서울 테크노 나이트 Vol.3" in listing["text"]
    [open_button] = listing.callback_data()
    shown = await telegram.press(group, jun, listing, open_button, expect="sendPhoto")
    assert shown.callback_data() == preview.callback_data()


async def test_an_admin_sets_the_groups_timezone_by_replying(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group = fake.group()
    admin = fake.user("Admin")
    fake.set_member_status(group, admin, "creator")
    menu = await telegram.say(group, admin, "/settings")
    assert "st:timezone" in menu.callback_data()
    question = await telegram.press(group, admin, menu, "st:timezone")
    assert "Asia/Tokyo" in [text for row in question.buttons() for text, _ in row]
    saved = await telegram.say(group, admin, "Europe/Berlin", to=question)
    assert "Europe/Berlin" in saved["text"]
    async with app.sessions() as session:
        zone = await session.scalar(
            select(Workspace.timezone).where(Workspace.chat_id == str(group.id))
        )
    assert zone == "Europe/Berlin"


async def test_a_member_may_not_change_group_settings(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group()
    member = fake.user("Member")
    menu = await telegram.say(group, member, "/settings")
    mark = await telegram.press_and_settle(group, member, menu, "st:language")
    popup = telegram.sent_since(mark, "answerCallbackQuery")[0]
    assert popup["show_alert"] is True and "관리자" in popup["text"]


async def test_a_logo_sent_as_a_photo_is_saved(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    menu = await telegram.say(dm, mina, "/settings")
    await telegram.press(dm, mina, menu, "st:logo")
    mark = len(fake.calls)
    fake.send_photo(dm, mina, picture(size=(400, 400)))
    await telegram.settle()
    assert "저장했어요" in telegram.sent_since(mark)[0]["text"]
    async with app.sessions() as session:
        logo = await session.scalar(select(Workspace.logo_sha256))
    assert logo is not None


async def test_delete_my_data_needs_the_askers_own_confirmation(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group = fake.group()
    mina, jun = fake.user("Mina"), fake.user("Jun")
    await full_event(telegram, group, mina, group=True)
    ask = await telegram.say(group, mina, "/deletemydata")
    confirm, keep = ask.callback_data()
    assert confirm == f"dd:confirm:{mina.id}" and keep == f"dd:keep:{mina.id}"

    mark = await telegram.press_and_settle(group, jun, ask, confirm)
    assert telegram.sent_since(mark, "answerCallbackQuery")[0]["show_alert"] is True

    done = await telegram.press(group, mina, ask, confirm)
    assert "삭제했어요" in done["text"]
    assert "reply_markup" not in fake.message(group, message_id(ask))
    async with app.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Event)) == 0


async def test_the_publishing_engine_can_tell_a_chat_through_the_bot(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group = fake.group()
    retry = Choice("pb:retry:1", "🔄 Retry")
    told = await app.publishing.notifiers.notify(
        "telegram", str(group.id), Notice("Posted", (retry,))
    )
    assert told
    [message] = fake.calls_to("sendMessage")
    assert message["chat_id"] == group.id and message.callback_data() == ["pb:retry:1"]


async def test_telegram_offers_no_other_chat_for_reports(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group = fake.group()
    admin = fake.user("Admin")
    fake.set_member_status(group, admin, "creator")
    menu = await telegram.say(group, admin, "/settings")
    assert "st:reports" not in menu.callback_data()
    refused = await telegram.say(group, admin, "/settings reports -100123")
    assert "이 채팅으로 와요" in refused["text"]
    async with app.sessions() as session:
        assert await session.scalar(select(Workspace.report_chat_id)) is None
