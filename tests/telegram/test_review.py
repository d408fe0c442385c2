"""The preview's buttons on Telegram: who may press them, and previews that change in place."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core import i18n
from core.app import App
from core.conversation import actions
from storage.models import Approval, Event
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeChat, FakeUser
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness, message_id
from tests.telegram.test_newevent import full_event

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def button(call: Call, verb: str) -> str:
    return next(data for data in call.callback_data() if data.split(":")[2] == verb)


async def group_preview(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> tuple[FakeChat, FakeUser, Call]:
    group = fake.group("Seoul promoters")
    mina = fake.user("Mina")
    return group, mina, await full_event(telegram, group, mina, group=True)


async def approvals(app: App) -> list[Approval]:
    async with app.sessions() as session:
        return list((await session.execute(select(Approval))).scalars())


async def test_the_author_approves(telegram: TelegramHarness, fake: FakeBotAPI, app: App) -> None:
    group, mina, preview = await group_preview(telegram, fake)
    notice = await telegram.press(group, mina, preview, button(preview, "approve"))
    assert "승인했어요" in notice["text"] and "Mina" in notice["text"]
    assert len(await approvals(app)) == 1
    # The preview's buttons are spent; pressing an old one again would change nothing.
    assert "reply_markup" not in fake.message(group, message_id(preview))
    # The author may approve without being an admin; whether they are decides only what
    # the approval offers next (publishing to the group's targets needs an admin).
    assert [call["user_id"] for call in fake.calls_to("getChatMember")] == [mina.id]


async def test_a_stranger_is_refused_with_a_popup(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, _mina, preview = await group_preview(telegram, fake)
    stranger = fake.user("Stranger")
    messages_before = len(fake.calls_to("sendMessage"))
    mark = await telegram.press_and_settle(group, stranger, preview, button(preview, "approve"))

    popup = telegram.sent_since(mark, "answerCallbackQuery")[0]
    assert popup["show_alert"] is True and "관리자" in popup["text"]
    assert len(fake.calls_to("sendMessage")) == messages_before  # nothing said in the group
    assert [call["user_id"] for call in fake.calls_to("getChatMember")] == [stranger.id]
    assert await approvals(app) == []
    assert fake.message(group, message_id(preview))["reply_markup"]  # buttons still there


async def test_a_chat_admin_may_approve(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, _mina, preview = await group_preview(telegram, fake)
    admin = fake.user("Jun")
    fake.set_member_status(group, admin, "administrator")
    notice = await telegram.press(group, admin, preview, button(preview, "approve"))
    assert "Jun" in notice["text"]
    assert len(await approvals(app)) == 1


async def test_changing_the_theme_edits_the_same_message(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group, mina, preview = await group_preview(telegram, fake)
    photos_before = len(fake.calls_to("sendPhoto"))

    menu = await telegram.press(
        group, mina, preview, button(preview, "theme"), expect="editMessageReplyMarkup"
    )
    assert menu["message_id"] == message_id(preview)
    event_id = preview.callback_data()[0].split(":")[1]
    assert f"rv:{event_id}:theme:neon" in menu.callback_data()

    edit = await telegram.press(
        group, mina, preview, f"rv:{event_id}:theme:neon", expect="editMessageMedia"
    )
    assert edit["message_id"] == message_id(preview) and edit["chat_id"] == group.id
    assert edit.uploads()[0] != preview.uploads()[0]
    assert edit["media"]["caption"] == preview["caption"]
    assert button(edit, "approve") != button(preview, "approve")  # the new creative's id
    assert len(fake.calls_to("sendPhoto")) == photos_before


async def test_back_from_a_menu_restores_the_preview_buttons(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group, mina, preview = await group_preview(telegram, fake)
    menu = await telegram.press(
        group, mina, preview, button(preview, "layout"), expect="editMessageReplyMarkup"
    )
    back = next(data for data in menu.callback_data() if data.endswith(":show"))
    fake.not_modified_next("editMessageMedia")  # the same picture again
    restored = await telegram.press(group, mina, preview, back, expect="editMessageReplyMarkup")
    assert restored.callback_data() == preview.callback_data()


async def test_someone_elses_question_buttons_are_refused(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group = fake.group()
    mina, jun = fake.user("Mina"), fake.user("Jun")
    question = await telegram.say(group, mina, f"/newevent@{BOT_USERNAME}")
    minas = actions.wizard(str(mina.id), "cancel")
    mark = await telegram.press_and_settle(group, jun, question, minas)
    popup = telegram.sent_since(mark, "answerCallbackQuery")[0]
    assert popup["show_alert"] is True
    assert popup["text"] == i18n.text("chat.not_your_question", "ko")
    assert telegram.sent_since(mark) == []  # nothing said in the group
    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
    assert event.status == "draft"  # Mina's draft was not touched


async def test_a_question_keeps_its_buttons_when_someone_else_presses_one(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group = fake.group()
    mina, jun = fake.user("Mina"), fake.user("Jun")
    question = await telegram.say(group, mina, f"/newevent@{BOT_USERNAME}")
    for text in ("서울 테크노 나이트", "12월 20일 밤 10시", "Cakeshop", "23:30 Yetsuby"):
        question = await telegram.say(group, mina, text, to=question)
    techno = next(data for data in question.callback_data() if data.endswith(":techno"))
    mark = await telegram.press_and_settle(group, jun, question, techno)
    popup = telegram.sent_since(mark, "answerCallbackQuery")[0]
    assert popup["show_alert"] is True
    assert popup["text"] == i18n.text("chat.not_your_question", "ko")
    assert telegram.sent_since(mark, "editMessageReplyMarkup") == []  # still Mina's to press
    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
    assert event.genre is None

    mark = await telegram.press_and_settle(group, mina, question, techno)
    assert telegram.sent_since(mark, "editMessageReplyMarkup")  # answered: the buttons go
    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
    assert event.genre == "techno"


async def test_a_button_whose_draft_is_gone_answers_politely(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group, mina, preview = await group_preview(telegram, fake)
    await telegram.press(group, mina, preview, button(preview, "cancel"))
    mark = await telegram.press_and_settle(group, mina, preview, button(preview, "approve"))
    popup = telegram.sent_since(mark, "answerCallbackQuery")[0]
    assert "없어요" in popup["text"]
    assert telegram.sent_since(mark) == []
