"""`/healthz` and `/metrics` on the media server, served for real and read over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from bot.media_service import start_media_server
from core.app import App, open_app
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Command, Sender
from core.settings import Settings
from tests.publishing.helpers import RecordingNotifier, ScriptedPublisher, seed, use_fake


async def _serve(app: App, stack: AsyncExitStack) -> str:
    description = await start_media_server(app, stack)
    assert description is not None and "NOT started" not in description
    return description.split()[2]  # "media server: http://host:port (...)"


@pytest.fixture
async def served(app: App) -> AsyncIterator[tuple[App, httpx.AsyncClient, str]]:
    app.settings.http_port = 0
    async with AsyncExitStack() as stack, httpx.AsyncClient() as client:
        yield app, client, await _serve(app, stack)


async def test_healthz_reports_the_database_and_no_scheduler_in_a_frontend_process(
    served: tuple[App, httpx.AsyncClient, str],
) -> None:
    _, client, url = served

    response = await client.get(f"{url}/healthz")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"status": "ok", "database": "ok", "scheduler": "not run here"}


async def test_healthz_reports_a_running_scheduler(
    served: tuple[App, httpx.AsyncClient, str],
) -> None:
    app, client, url = served
    await app.publishing.start()
    try:
        body = (await client.get(f"{url}/healthz")).json()
    finally:
        await app.publishing.stop()

    assert body == {"status": "ok", "database": "ok", "scheduler": "ok"}
    assert (await client.get(f"{url}/healthz")).json()["scheduler"] == "not run here"


async def test_healthz_is_503_when_the_database_does_not_answer(
    tmp_path: Path, clock: ManualClock
) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        # Nothing listens on port 9 of the loopback: every connection is refused.
        database_url="postgresql+asyncpg://flyerbot:hunter2-secret@127.0.0.1:9/flyerbot",
        secret_key="flyerbot-test-secret-key-0123456789abcdef",
        http_port=0,
    )
    async with (
        open_app(settings, clock=clock, apply_migrations=False) as app,
        AsyncExitStack() as stack,
        httpx.AsyncClient() as client,
    ):
        response = await client.get(f"{await _serve(app, stack)}/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "database": "failing",
        "scheduler": "not run here",
    }
    assert "hunter2" not in response.text


async def test_metrics_counts_deliveries_attempts_latency_and_chat_answers(
    served: tuple[App, httpx.AsyncClient, str], clock: ManualClock
) -> None:
    app, client, url = served
    use_fake(app, ScriptedPublisher(), RecordingNotifier())
    await seed(app, due_at=clock.now, posts=2)
    await seed(app, due_at=clock.now + timedelta(days=1), chat_id="chat-2")
    clock.advance(timedelta(seconds=90))
    await app.publishing.dispatcher.run_due()
    await ChatService(app).handle(Sender("test", "chat-3", "u1"), Command("help"))

    response = await client.get(f"{url}/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = set(response.text.splitlines())
    assert 'flyerbot_deliveries{status="published"} 2' in lines
    assert 'flyerbot_deliveries{status="pending"} 1' in lines
    assert 'flyerbot_publish_attempts_total{outcome="published"} 2' in lines
    assert 'flyerbot_queue_depth{queue="due"} 0' in lines
    assert "# TYPE flyerbot_publish_latency_seconds histogram" in lines
    # Both went out 90 s after they were due: inside the 300 s bucket, above the 60 s one.
    assert 'flyerbot_publish_latency_seconds_bucket{target="fake",le="60"} 0' in lines
    assert 'flyerbot_publish_latency_seconds_bucket{target="fake",le="300"} 2' in lines
    assert 'flyerbot_publish_latency_seconds_count{target="fake"} 2' in lines
    assert 'flyerbot_chat_answer_seconds_count{platform="test"} 1' in lines


async def test_metrics_shows_work_waiting_for_a_worker(
    served: tuple[App, httpx.AsyncClient, str], clock: ManualClock
) -> None:
    app, client, url = served
    await seed(app, due_at=clock.now - timedelta(minutes=1), posts=3)

    lines = set((await client.get(f"{url}/metrics")).text.splitlines())

    assert 'flyerbot_queue_depth{queue="due"} 3' in lines
    assert 'flyerbot_deliveries{status="pending"} 3' in lines
