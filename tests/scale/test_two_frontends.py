"""Two frontend processes behind one webhook, a chat's updates alternating between them.

A load balancer sends each request to the next process, so consecutive answers of one
conversation are given by different processes; each must see what the other stored,
and the answers must come in the order the questions were asked.
"""

from __future__ import annotations

import pytest

from core.app import App
from tests.conftest import POSTGRES_URL
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.webhook_pusher import WebhookPusher
from tests.scale.frontends import SECRET, frontend_environment, frontends

TOKEN = "4343:FRONTENDS-TEST-TOKEN"
ANSWERS = ("/newevent", "Warehouse Night", "2026-12-20 22:00", "Cakeshop, Itaewon", "22:00 DJ A")
PROGRESS = ("(1/7)", "(2/7)", "(3/7)", "(4/7)", "(5/7)")

pytestmark = pytest.mark.skipif(POSTGRES_URL is None, reason="needs PostgreSQL")


async def test_one_chats_updates_on_two_processes_are_answered_in_order(
    app: App, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several frontend processes need PostgreSQL")
    async with FakeBotAPI(token=TOKEN) as fake:
        environment = frontend_environment(
            database_url=database_url,
            data_dir=app.settings.data_dir,
            token=TOKEN,
            api_base_url=fake.base_url,
            file_base_url=fake.base_file_url,
        )
        users = [fake.user(name) for name in ("Mina", "Joon", "Sora")]
        async with (
            frontends(2, environment) as running,
            WebhookPusher([frontend.url for frontend in running], SECRET) as pusher,
        ):
            for answer in ANSWERS:  # three conversations at once, each strictly in turn
                for user in users:
                    message = fake.send_text(fake.dm(user), user, answer)
                    pusher.deliver({"update_id": fake.last_update_id, "message": message})
            await pusher.idle()

    for user in users:
        asked = [
            call["text"] for call in fake.calls_to("sendMessage") if call["chat_id"] == user.id
        ]
        progress = [marker for text in asked for marker in PROGRESS if marker in text]
        assert progress == list(PROGRESS), (asked, [f.log for f in running])
    by_process = {d.process for d in pusher.delivered}
    assert by_process == {0, 1}
    for user in users:  # every conversation was handled by both processes
        assert {d.process for d in pusher.delivered if d.chat_id == user.id} == {0, 1}
    assert all(d.retries == 0 for d in pusher.delivered)
