"""Who may send to a group's connected targets, through the real python-telegram-bot.

Any member may draft and approve the look of their event; only a chat admin may send it
to the accounts and channels the admins connected.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.app import App
from storage.models import Delivery, Post
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeChat, FakeUser
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness
from tests.telegram.test_newevent import full_event
from tests.telegram.test_review import button

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def _counts(app: App) -> tuple[int, int]:
    async with app.sessions() as session:
        posts = await session.scalar(select(func.count()).select_from(Post))
        deliveries = await session.scalar(select(func.count()).select_from(Delivery))
    return int(posts or 0), int(deliveries or 0)


async def _approved_by_a_member(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> tuple[FakeChat, FakeUser, FakeUser, Call]:
    """A group with the sandbox connected by its admin, and a member's approved event."""
    group = fake.group("Seoul promoters")
    admin, member = fake.user("Jun"), fake.user("Mina")
    fake.set_member_status(group, admin, "administrator")
    connected = await telegram.say(group, admin, f"/connect@{BOT_USERNAME} sandbox")
    assert "sandbox" in connected["text"]
    preview = await full_event(telegram, group, member, group=True)
    approval = await telegram.press(group, member, preview, button(preview, "approve"))
    return group, admin, member, approval


async def test_a_members_approval_waits_for_an_admin(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    _group, _admin, _member, approval = await _approved_by_a_member(telegram, fake)

    assert "승인했어요" in approval["text"] and "관리자" in approval["text"]
    [only_button] = approval.callback_data()
    assert only_button.endswith(":publish")  # no "post now", "schedule" or "pick a time"
    assert await _counts(app) == (0, 0)


async def test_a_member_cannot_publish_even_with_a_post_now_button(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, _admin, member, approval = await _approved_by_a_member(telegram, fake)
    event_id = approval.callback_data()[0].split(":")[1]

    for verb in ("publish", "now", "plan", "at", "confirm", "story"):
        mark = await telegram.press_and_settle(group, member, approval, f"cp:{event_id}:{verb}")
        [popup] = telegram.sent_since(mark, "answerCallbackQuery")
        assert popup["show_alert"] is True and "관리자" in popup["text"], verb
        assert telegram.sent_since(mark) == []  # nothing said in the group
    assert await _counts(app) == (0, 0)
    await app.publishing.dispatcher.run_due()
    assert await _counts(app) == (0, 0)


async def test_an_admin_publishes_a_members_approved_event(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, admin, _member, approval = await _approved_by_a_member(telegram, fake)

    ways = await telegram.press(group, admin, approval, approval.callback_data()[0])
    verbs = [data.split(":")[2] for data in ways.callback_data()]
    assert verbs == ["now", "plan", "at"]
    posting = await telegram.press(group, admin, ways, ways.callback_data()[0])
    assert "sandbox" in posting["text"]

    assert (await app.publishing.dispatcher.run_due()).published == 1
    assert await _counts(app) == (1, 1)


async def test_a_member_cannot_retry_or_skip_a_post(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, admin, member, approval = await _approved_by_a_member(telegram, fake)
    ways = await telegram.press(group, admin, approval, approval.callback_data()[0])
    await telegram.press(group, admin, ways, ways.callback_data()[0])
    async with app.sessions() as session:
        post_id, delivery_id = (
            await session.execute(select(Post.id, Delivery.id).join(Delivery))
        ).one()

    for data in (f"pb:{delivery_id}:retry", f"pp:{post_id}:skip", f"pp:{post_id}:now"):
        mark = await telegram.press_and_settle(group, member, approval, data)
        [popup] = telegram.sent_since(mark, "answerCallbackQuery")
        assert "관리자" in popup["text"], data
