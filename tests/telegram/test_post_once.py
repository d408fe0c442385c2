"""One announcement per approved image, however often and by whom "post now" is pressed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.app import App
from storage.models import Delivery, Post
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeChat, FakeUser
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness, message_id
from tests.telegram.test_newevent import full_event
from tests.telegram.test_review import button

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def _posts(app: App) -> int:
    async with app.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Post)) or 0)


async def _approved_by_an_admin(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> tuple[FakeChat, FakeUser, Call]:
    """An admin's approved event in a group with the sandbox connected; the approval."""
    group, admin = fake.group("Seoul promoters"), fake.user("Jun")
    fake.set_member_status(group, admin, "administrator")
    await telegram.say(group, admin, f"/connect@{BOT_USERNAME} sandbox")
    preview = await full_event(telegram, group, admin, group=True)
    approval = await telegram.press(group, admin, preview, button(preview, "approve"))
    return group, admin, approval


async def test_post_now_pressed_twice_posts_once_and_says_where_it_is(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, admin, approval = await _approved_by_an_admin(telegram, fake)
    post_now = button(approval, "now")

    posting = await telegram.press(group, admin, approval, post_now)
    assert "sandbox" in posting["text"]
    # The buttons that start a post are gone from the message that was pressed...
    assert "reply_markup" not in fake.message(group, message_id(approval))
    # ...and a press that still arrives (an old client, a double tap) makes no second post.
    waiting = await telegram.press(group, admin, approval, post_now)
    assert "이미 게시 예정" in waiting["text"]
    assert await _posts(app) == 1

    assert (await app.publishing.dispatcher.run_due()).published == 1
    again = await telegram.press(group, admin, approval, post_now)
    async with app.sessions() as session:
        [url] = list((await session.execute(select(Delivery.url))).scalars())
    assert "이미 게시했어요" in again["text"] and url is not None and url in again["text"]
    assert await _posts(app) == 1
    assert (await app.publishing.dispatcher.run_due()).claimed == 0


async def test_two_admins_pressing_at_once_make_one_post(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, admin, approval = await _approved_by_an_admin(telegram, fake)
    other = fake.user("Hana")
    fake.set_member_status(group, other, "administrator")
    mark = len(fake.calls)

    fake.press(group, admin, message_id(approval), button(approval, "now"))
    fake.press(group, other, message_id(approval), button(approval, "now"))
    await telegram.settle()
    await telegram.settle(fake.last_update_id - 1)

    texts = [call["text"] for call in telegram.sent_since(mark)]
    assert sum("지금 게시할게요" in text for text in texts) == 1
    assert sum("이미 게시 예정" in text for text in texts) == 1
    assert await _posts(app) == 1


async def test_post_now_after_picking_a_time_keeps_the_one_scheduled_post(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, admin, approval = await _approved_by_an_admin(telegram, fake)
    asked = await telegram.press(group, admin, approval, button(approval, "at"))
    scheduled = await telegram.say(group, admin, "12월 19일 오후 7시", to=asked)
    assert "예약했어요" in scheduled["text"]

    refused = await telegram.press(group, admin, approval, button(approval, "now"))
    assert "이미 게시 예정" in refused["text"]
    assert await _posts(app) == 1
