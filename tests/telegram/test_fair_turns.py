"""One busy chat must not hold up another chat's answer.

The busy group's first update is held inside the real Application (a handler in an
earlier group waits for the test), 199 more queue behind it, and a DM arrives last. The
DM is answered while the group's first update is still held; then the group's 200 are
answered, in the order they were sent.
"""

from __future__ import annotations

import asyncio

import pytest
from telegram import Update
from telegram.ext import CallbackContext, TypeHandler

from tests.fakes.telegram_api import Call, FakeBotAPI
from tests.telegram.conftest import TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

BACKLOG = 200


def _replies_in(fake: FakeBotAPI, chat_id: int, since: int) -> list[Call]:
    return [
        call
        for call in fake.calls[since:]
        if call.method == "sendMessage" and call.get("chat_id") == chat_id
    ]


async def test_a_busy_group_does_not_delay_another_chats_reply(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    assert telegram.running is not None
    application = telegram.running.application
    busy = fake.group("Busy promoters")
    quiet_user = fake.user("Quiet")
    quiet = fake.dm(quiet_user)
    release = asyncio.Event()
    held: list[int] = []

    async def hold_the_first_busy_update(update: Update, _context: CallbackContext) -> None:  # type: ignore[type-arg]
        if update.effective_chat is not None and update.effective_chat.id == busy.id and not held:
            held.append(update.update_id)
            await release.wait()

    application.add_handler(TypeHandler(Update, hold_the_first_busy_update), group=-1)
    mark = len(fake.calls)
    sent = [fake.send_text(busy, fake.user(f"Member {n}"), "/help") for n in range(BACKLOG)]
    last_busy_update = fake.last_update_id
    fake.send_text(quiet, quiet_user, "/help")

    await fake.wait_for_call(
        "sendMessage", where=lambda c: c.get("chat_id") == quiet.id, since=mark
    )
    assert held, "the busy group's first update reached the handlers"
    assert _replies_in(fake, busy.id, mark) == [], "the busy group is still held"

    release.set()
    await fake.wait_for_call(
        "sendMessage", BACKLOG, where=lambda c: c.get("chat_id") == busy.id, since=mark, timeout=120
    )
    await telegram.settle(last_busy_update)
    answered = [call["reply_parameters"]["message_id"] for call in _replies_in(fake, busy.id, mark)]
    assert answered == [message["message_id"] for message in sent]
