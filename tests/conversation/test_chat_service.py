"""The chat-wide commands every frontend shares: help, /events, /settings, /deletemydata."""

from __future__ import annotations

import io
import string
from dataclasses import replace

import pytest
from PIL import Image
from sqlalchemy import func, select

from core import i18n
from core.app import App
from core.chat_service import ChatService
from core.chat_settings import canonical_timezone, parse_color
from core.conversation.messages import (
    Action,
    Ask,
    Command,
    Notice,
    Output,
    Photo,
    Preview,
    Problem,
    Sender,
    Text,
)
from core.i18n import chat
from storage.models import Approval, Conversation, Creative, Event, Media, User, Workspace
from tests.conversation.helpers import AUTHOR, FULL_EVENT, action_id, only


async def _admin() -> bool:
    return True


MEMBER = Sender("test", "chat-1", "member", user_name="Member", is_group=True)
ADMIN = replace(MEMBER, user_id="admin", user_name="Admin", is_chat_admin=_admin)
PRIVATE = Sender("test", "dm-author", "author", user_name="Mina", is_group=False)


@pytest.fixture
def service(app: App) -> ChatService:
    return ChatService(app)


async def say(service: ChatService, sender: Sender, *messages: object) -> list[Output]:
    outputs: list[Output] = []
    for message in messages:
        as_input = Text(message) if isinstance(message, str) else message
        outputs = await service.handle(sender, as_input)  # type: ignore[arg-type]
    return outputs


async def workspace(app: App, chat_id: str = "chat-1") -> Workspace:
    async with app.sessions() as session:
        query = select(Workspace).where(Workspace.chat_id == chat_id)
        return (await session.execute(query)).scalar_one()


def png(size: tuple[int, int] = (400, 400)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, "PNG")
    return buffer.getvalue()


def test_catalogue_entries_have_both_languages_and_the_same_placeholders() -> None:
    for key, entry in chat.MESSAGES.items():
        assert set(entry) == {"ko", "en"}, key
        names = [{n for _, n, _, _ in string.Formatter().parse(entry[lang]) if n} for lang in entry]
        assert names[0] == names[1], key
        assert i18n.CATALOGUE[key] is entry  # registered, and no other module shadows it


def test_timezones_and_colours_are_validated() -> None:
    assert canonical_timezone("asia/seoul") == "Asia/Seoul"
    assert canonical_timezone("Europe/Nowhere") is None
    assert parse_color("ff3366") == "#FF3366"
    assert parse_color("#FF336") is None and parse_color("red") is None


async def test_help_offers_a_new_event_button(service: ChatService) -> None:
    notice = only(await say(service, AUTHOR, Command("help")), Notice)
    assert "/newevent" in notice.text
    ask = only(await say(service, AUTHOR, Action(notice.choices[0].id)), Ask)
    assert "(1/7)" in ask.prompt


async def test_events_lists_the_chats_events_and_opens_a_preview(service: ChatService) -> None:
    assert "/newevent" in only(await say(service, AUTHOR, Command("events")), Notice).text
    preview = only(await say(service, AUTHOR, *FULL_EVENT), Preview)
    listing = only(await say(service, MEMBER, Command("events")), Notice)
    assert "서울 테크노 나이트 Vol.3" in listing.text and "검토 중" in listing.text
    assert listing.choices[0].label.startswith("12/20 ")
    shown = only(await say(service, MEMBER, Action(listing.choices[0].id)), Preview)
    assert shown.creative_id == preview.creative_id
    assert only(await say(service, MEMBER, Action("ev:999")), Problem)


async def test_settings_change_by_buttons_typing_and_arguments(
    service: ChatService, app: App
) -> None:
    shown = only(await say(service, ADMIN, Command("settings")), Notice)
    assert "Asia/Seoul" in shown.text
    assert [c.id for c in shown.choices][:2] == ["st:timezone", "st:language"]

    ask = only(await say(service, ADMIN, Action("st:timezone")), Ask)
    assert "IANA" in ask.prompt
    problem = only(await say(service, ADMIN, "Mars/Olympus"), Problem)
    assert "Mars/Olympus" in problem.message
    saved = only(await say(service, ADMIN, "europe/berlin"), Notice)
    assert "Europe/Berlin" in saved.text
    assert (await workspace(app)).timezone == "Europe/Berlin"

    await say(service, ADMIN, Command("settings", "color ff3366"))
    await say(service, ADMIN, Action("st:theme:neon"))
    english = only(await say(service, ADMIN, Action("st:language:en")), Notice)
    assert english.text.startswith("Saved")
    stored = await workspace(app)
    assert (stored.brand_color, stored.default_theme, stored.locale) == ("#FF3366", "neon", "en")


async def test_in_a_group_only_admins_change_settings(service: ChatService, app: App) -> None:
    assert only(await say(service, MEMBER, Command("settings")), Notice)  # looking is fine
    problem = only(await say(service, MEMBER, Action("st:language:en")), Problem)
    assert "관리자" in problem.message
    assert (await workspace(app)).locale == "ko"


async def test_a_setting_asked_for_does_not_disturb_a_draft(service: ChatService) -> None:
    await say(service, ADMIN, Command("newevent"), "Night one")
    await say(service, ADMIN, Action("st:brand_color"))
    unchanged = only(await say(service, ADMIN, Command("cancel")), Notice)
    assert "바꾸지 않았어요" in unchanged.text
    ask = only(await say(service, ADMIN, "2026-12-20 22:00"), Ask)  # the draft goes on
    assert ask.field == "venue"


async def test_a_logo_is_stored_from_a_photo(service: ChatService, app: App) -> None:
    await say(service, PRIVATE, Action("st:logo"))
    too_small = only(await say(service, PRIVATE, Photo(png((100, 100)), "image/png")), Problem)
    assert "작아요" in too_small.message
    saved = only(await say(service, PRIVATE, Photo(png(), "image/png")), Notice)
    assert "있음" in saved.text
    stored = await workspace(app, "dm-author")
    assert stored.logo_sha256 is not None and app.media.path_for(stored.logo_sha256).exists()


async def test_deleting_my_data_asks_first_and_only_the_asker_may_confirm(
    service: ChatService, app: App
) -> None:
    preview = only(await say(service, AUTHOR, *FULL_EVENT), Preview)
    await say(service, AUTHOR, Action(action_id(preview, "approve")))
    ask = only(await say(service, AUTHOR, Command("deletemydata")), Notice)
    assert "1" in ask.text
    confirm = ask.choices[0].id
    assert only(await say(service, MEMBER, Action(confirm)), Problem)  # not theirs to press

    done = only(await say(service, AUTHOR, Action(confirm)), Notice)
    assert "삭제했어요" in done.text
    async with app.sessions() as session:
        for table in (Event, Creative, Approval, Conversation, Media):
            count = await session.scalar(select(func.count()).select_from(table))
            assert count == 0, table.__tablename__
        assert await session.scalar(select(User).where(User.platform_user_id == "author")) is None
    assert not app.media.path_for(preview.image_sha256s[0]).exists()


async def test_deleting_keeps_images_someone_else_still_uses(
    service: ChatService, app: App
) -> None:
    other = replace(AUTHOR, user_id="other", chat_id="chat-2")
    theirs = only(await say(service, other, *FULL_EVENT), Preview)
    mine = only(await say(service, AUTHOR, *FULL_EVENT), Preview)
    assert mine.image_sha256s == theirs.image_sha256s  # same event, same bytes
    ask = only(await say(service, AUTHOR, Command("deletemydata")), Notice)
    done = only(await say(service, AUTHOR, Action(ask.choices[0].id)), Notice)
    assert "이미지 0개" in done.text
    assert app.media.path_for(theirs.image_sha256s[0]).exists()


async def test_only_the_asker_may_press_their_questions_buttons(
    service: ChatService, app: App
) -> None:
    ask = only(await say(service, AUTHOR, Command("newevent")), Ask)
    cancel = ask.choices[-1]
    assert cancel.owner == AUTHOR.user_id

    refused = await service.press(MEMBER, Action(cancel.id))
    assert refused.outputs == [Problem(i18n.text("chat.not_your_question", "ko"))]
    assert refused.spent is False  # the question stays the author's to answer
    async with app.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 1

    cancelled = await service.press(AUTHOR, Action(cancel.id))
    assert cancelled.spent is True
    assert not any(isinstance(output, Problem) for output in cancelled.outputs)


async def test_a_press_says_whether_its_message_is_spent(service: ChatService) -> None:
    helped = only(await say(service, AUTHOR, Command("help")), Notice)
    [new_event] = helped.choices
    assert (await service.press(AUTHOR, Action(new_event.id))).spent is False

    deletion = only(await say(service, MEMBER, Command("deletemydata")), Notice)
    keep = deletion.choices[-1]
    assert (await service.press(MEMBER, Action(keep.id))).spent is True
