"""The kill test: `flyerbot run` killed with SIGKILL at random moments while it publishes.

Each run adds one post (an event of its own) for two targets, an Instagram account on the
fake Graph API and a Telegram channel on the fake Bot API, starts a `flyerbot run`
process and kills it at a random moment: before it is up, while it claims, while a
container is polled, between a send and its record. The next run's process picks up
what the dead one left (leases are one second long). A last process is then allowed to
finish and is stopped with SIGTERM. Every delivery must end published exactly once or
reported to the group; none lost, none twice. The tally is printed.
"""

from __future__ import annotations

import asyncio
import io
import os
import random
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from pydantic import SecretStr
from sqlalchemy import select

from core.app import App, open_app
from core.clock import system_clock
from core.crypto import TokenCipher
from core.settings import Settings
from core.targets import store
from core.targets.ports import CheckedTarget
from storage import repositories
from storage.models import ChatReport, Delivery, Event, Post, Target
from tests.fakes.graph_api import IG_USER_ID, FakeGraphApi
from tests.fakes.graph_api import TOKEN as IG_TOKEN
from tests.fakes.telegram_api import FakeBotAPI

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]

RUNS = 50
SEED = 20261201
BOT_TOKEN = "5150:KILL-TEST-TOKEN"
SECRET_KEY = "kill-test-secret-key-0123456789abcdef"
SETTLE_SECONDS = 60.0
DONE = ("published", "failed", "missed", "skipped", "cancelled")


@dataclass
class World:
    settings: Settings
    env: dict[str, str]
    bot: FakeBotAPI
    graph: FakeGraphApi
    group_id: int
    channel_id: int


@dataclass
class Tally:
    runs: int = 0
    killed_before_start: int = 0  # nothing of the new post had reached a platform
    killed_mid_publish: int = 0  # some target had it, some not yet
    killed_after_publish: int = 0  # both targets had it
    published_once: int = 0
    reported: int = 0
    duplicates: int = 0
    lost: int = 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def world(tmp_path: Path, database_url: str) -> AsyncIterator[World]:
    port = _free_port()
    async with (
        FakeBotAPI(token=BOT_TOKEN, bot_username="flyer_kill_bot") as bot,
        FakeGraphApi(clock=system_clock, polls_until_finished=2) as graph,
    ):
        group, channel = bot.group("Kill test promoters"), bot.channel("Kill test channel")
        bot.set_member_status(channel, bot.bot.id, "administrator")
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=tmp_path / "data",
            database_url=database_url,
            secret_key=SecretStr(SECRET_KEY),
        )
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("FLYERBOT_")},
            "FLYERBOT_DATA_DIR": str(settings.data_dir),
            "FLYERBOT_DATABASE_URL": database_url,
            "FLYERBOT_SECRET_KEY": SECRET_KEY,
            "FLYERBOT_TELEGRAM_TOKEN": BOT_TOKEN,
            "FLYERBOT_TELEGRAM_API_BASE_URL": bot.base_url,
            "FLYERBOT_TELEGRAM_FILE_BASE_URL": bot.base_file_url,
            "FLYERBOT_INSTAGRAM_GRAPH_URL": graph.url,
            "FLYERBOT_INSTAGRAM_LOGIN_URL": graph.root_url,
            "FLYERBOT_INSTAGRAM_POLL_INTERVAL_SECONDS": "0.05",
            "FLYERBOT_HTTP_HOST": "127.0.0.1",
            "FLYERBOT_HTTP_PORT": str(port),
            "FLYERBOT_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "FLYERBOT_PUBLISH_LEASE_SECONDS": "1",
            "FLYERBOT_PUBLISH_SWEEP_SECONDS": "1",
            "FLYERBOT_PUBLISH_RETRY_SECONDS": "0.2",
            "FLYERBOT_PUBLISH_MAX_ATTEMPTS": "6",
            "FLYERBOT_PUBLISH_SHUTDOWN_GRACE_SECONDS": "5",
            "FLYERBOT_POSTS_PER_DAY": "0",
        }
        async with open_app(settings, apply_migrations=True) as app:
            await _connect(app, group.id, channel.id)
        yield World(settings, env, bot, graph, group.id, channel.id)


async def _connect(app: App, group_id: int, channel_id: int) -> None:
    now = datetime.now(UTC)
    async with app.sessions.begin() as session:
        workspace = await repositories.workspace_for_chat(
            session,
            "telegram",
            str(group_id),
            title="Kill",
            timezone="Asia/Seoul",
            locale="en",
            now=now,
        )
        cipher = _cipher(app)
        await store.connect(
            session,
            workspace.id,
            CheckedTarget("instagram", IG_USER_ID, "Instagram", {"login": "facebook"}, IG_TOKEN),
            cipher=cipher,
            now=now,
        )
        await store.connect(
            session,
            workspace.id,
            CheckedTarget("telegram_channel", str(channel_id), "Telegram channel", {}),
            cipher=cipher,
            now=now,
        )


def _cipher(app: App) -> TokenCipher:
    return TokenCipher(app.settings.resolved_secret_key)


def _jpeg(number: int) -> bytes:
    """A small poster of its own for each run (Instagram is sent a real JPEG)."""
    out = io.BytesIO()
    Image.new("RGB", (1080, 1080), (number * 5 % 256, 40, 90)).save(out, "JPEG", quality=70)
    return out.getvalue()


async def _add_post(app: App, number: int) -> None:
    """One announcement of an event of its own, due now, for both targets."""
    now = datetime.now(UTC)
    async with app.sessions.begin() as session:
        targets = list((await session.execute(select(Target).order_by(Target.id))).scalars())
        workspace_id = targets[0].workspace_id
        user = await repositories.user_for_sender(session, "telegram", "1", "Mina", now)
        event = Event(
            workspace_id=workspace_id,
            author_id=user.id,
            status="approved",
            title=_title(number),
            starts_at=now + timedelta(days=10),
            timezone="Asia/Seoul",
            venue="Cakeshop",
            lineup=[],
            created_at=now,
            updated_at=now,
        )
        session.add(event)
        sha = await app.media.put(session, _jpeg(number), mime="image/jpeg", now=now)
        await session.flush()
        post = Post(
            event_id=event.id,
            slot="announcement",
            template="announcement",
            layout="square",
            theme="dark",
            scheduled_at=now,
            image_sha256s=[sha],
            caption=_title(number),
            alt_text="poster",
            status="pending",
            created_at=now,
            updated_at=now,
        )
        session.add(post)
        await session.flush()
        for target in targets:
            session.add(
                Delivery(
                    post_id=post.id,
                    target_id=target.id,
                    workspace_id=workspace_id,
                    status="pending",
                    due_at=now,
                    attempts=0,
                    verify_first=False,
                    journal={},
                    created_at=now,
                    updated_at=now,
                )
            )


def _title(number: int) -> str:
    return f"Kill run {number:03d}"


def _on_platforms(world: World) -> tuple[Counter[str], Counter[str]]:
    """How many times each caption is live on Instagram and in the channel."""
    instagram = Counter(media.caption for media in world.graph.published)
    channel = Counter(
        str(call.get("caption") or call.get("text") or "")
        for call in world.bot.calls
        if call.method in ("sendPhoto", "sendMessage")
        and call.get("chat_id") == world.channel_id
        and call.error_code is None
    )
    return instagram, channel


async def _start(world: World) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=world.env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


def _platform_calls(world: World) -> int:
    """Calls that publish (Graph API, photos to the channel); chat notices do not count."""
    photos = sum(1 for call in world.bot.calls if call.method == "sendPhoto")
    return len(world.graph.calls) + photos


async def _kill_at_random(world: World, rng: random.Random) -> None:
    """Start a process and SIGKILL it after a random number of platform calls (or at once)."""
    process = await _start(world)
    calls_before = _platform_calls(world)
    wanted = rng.randint(0, 10)
    for _ in range(4000):  # at most about eight seconds
        if _platform_calls(world) - calls_before >= wanted:
            break
        await asyncio.sleep(0.002)
    await asyncio.sleep(rng.random() * 0.2)
    assert process.returncode is None, f"flyerbot run ended by itself ({process.returncode})"
    process.send_signal(signal.SIGKILL)
    await process.wait()


async def _settle(world: World, app: App) -> None:
    """A last process runs until every delivery is done and told, then gets SIGTERM.

    SIGTERM is sent only once the process says it has started: a signal that arrives
    while the interpreter is still importing ends it before its handler exists.
    """
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=world.env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    started = asyncio.Event()
    drained = asyncio.create_task(_watch_stderr(process, started))
    deadline = time.monotonic() + SETTLE_SECONDS
    try:
        async with asyncio.timeout(SETTLE_SECONDS):
            await started.wait()
        while time.monotonic() < deadline:
            async with app.sessions() as session:
                statuses = list((await session.execute(select(Delivery.status))).scalars())
                told = list((await session.execute(select(Post.notified_status))).scalars())
                owed = list((await session.execute(select(ChatReport.status))).scalars())
            done = all(status in DONE for status in statuses) and all(told)
            if done and all(status == "sent" for status in owed):
                break
            await asyncio.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        code = await process.wait()
        log = await drained
    assert code == 0, f"flyerbot run did not shut down cleanly:\n{log}"


async def _watch_stderr(process: asyncio.subprocess.Process, started: asyncio.Event) -> str:
    """Reads the process's stderr to its end (the pipe never fills); sets `started`."""
    assert process.stderr is not None
    lines = []
    while line := (await process.stderr.readline()).decode():
        lines.append(line)
        if line.startswith("started:"):
            started.set()
    return "".join(lines[-40:])


async def test_killed_at_random_moments_every_post_goes_out_once_or_is_told(
    world: World,
) -> None:
    rng = random.Random(SEED)
    tally = Tally(runs=RUNS)
    async with open_app(world.settings) as app:
        for number in range(RUNS):
            await _add_post(app, number)
            await _kill_at_random(world, rng)
            instagram, channel = _on_platforms(world)
            assert max([*instagram.values(), *channel.values(), 0]) <= 1, "a post went out twice"
            live = (instagram[_title(number)] > 0) + (channel[_title(number)] > 0)
            if live == 0:
                tally.killed_before_start += 1
            elif live == 1:
                tally.killed_mid_publish += 1
            else:
                tally.killed_after_publish += 1
        await _settle(world, app)
        instagram, channel = _on_platforms(world)
        async with app.sessions() as session:
            rows = (
                await session.execute(
                    select(Event.title, Target.kind, Delivery.status, Delivery.last_error_code)
                    .join(Post, Post.id == Delivery.post_id)
                    .join(Event, Event.id == Post.event_id)
                    .join(Target, Target.id == Delivery.target_id)
                )
            ).all()
    told = [
        str(call.get("text") or "")
        for call in world.bot.calls
        if call.method == "sendMessage" and call.get("chat_id") == world.group_id
    ]
    odd = []
    for title, kind, status, error in rows:
        live = (instagram if kind == "instagram" else channel)[title]
        if live > 1:
            tally.duplicates += 1
        elif status == "published" and live == 1:
            tally.published_once += 1
        elif status != "published" and any(title in text for text in told):
            tally.reported += 1
        else:
            tally.lost += 1
        if status != "published" or live != 1:
            odd.append(f"{title} {kind} {status} {error} live={live}")
    print(
        f"\nkill test: runs={tally.runs} seed={SEED} "
        f"killed_before_publish={tally.killed_before_start} "
        f"killed_mid_publish={tally.killed_mid_publish} "
        f"killed_after_publish={tally.killed_after_publish} "
        f"deliveries={len(rows)} published_once={tally.published_once} "
        f"reported={tally.reported} lost={tally.lost} duplicates={tally.duplicates}"
    )
    print("\n".join(odd))
    assert len(rows) == 2 * RUNS
    assert tally.duplicates == 0 and tally.lost == 0
    assert tally.published_once + tally.reported == 2 * RUNS
