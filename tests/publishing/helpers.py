"""Seeding deliveries directly, a scripted publisher and a recording notifier."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update

from core.app import App
from core.conversation.messages import Output
from core.crypto import TokenCipher
from core.publishers.base import (
    ErrorKind,
    Journal,
    Publication,
    Published,
    PublishError,
    TargetInfo,
)
from core.targets import store
from core.targets.ports import CheckedTarget
from storage import repositories
from storage.db_clock import db_now_plus
from storage.models import Delivery, DeliveryAttempt, Event, Post

FAKE = "fake"
IMAGE = b"\xff\xd8\xff fake jpeg bytes"


@dataclass
class ScriptedPublisher:
    """Publishes for real into `live` unless the script says otherwise, one entry per call.

    Script entries: "ok", an ErrorKind or a PublishError (raise it; nothing published),
    "lost" (publish,
    then raise UNKNOWN_OUTCOME: the reply was lost), "crash" (publish, then the worker
    dies: CancelledError), "yield" (let other tasks run first, then publish).
    """

    kind: str = FAKE
    script: list[object] = field(default_factory=list)
    live: dict[int, Published] = field(default_factory=dict)
    publishes: list[int] = field(default_factory=list)
    verifies: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)  # every time a post really went out

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        delivery = publication.delivery_id
        self.publishes.append(delivery)
        step = self.script.pop(0) if self.script else "ok"
        if isinstance(step, PublishError):
            raise step
        if isinstance(step, ErrorKind):
            raise PublishError(
                step,
                f"scripted {step.value}",
                code=f"scripted-{step.value}",
                retry_after=5 if step is ErrorKind.RATE_LIMITED else None,
            )
        if step == "yield":
            await asyncio.sleep(0)
        await journal.record(sending="1")
        published = Published(f"msg-{delivery}", f"https://example.test/{delivery}")
        self.live[delivery] = published
        self.sent.append(delivery)
        await journal.record(message_id=published.external_id)
        if step == "lost":
            raise PublishError(ErrorKind.UNKNOWN_OUTCOME, "no answer", code="timeout")
        if step == "crash":
            raise asyncio.CancelledError
        return published

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        self.verifies.append(publication.delivery_id)
        return self.live.get(publication.delivery_id)


class RecordingNotifier:
    def __init__(self, *, failures: int = 0) -> None:
        self.sent: list[tuple[str, str, Output]] = []
        self._failures = failures

    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        if self._failures:
            self._failures -= 1
            raise ConnectionError("chat unreachable")
        self.sent.append((platform, chat_id, output))

    @property
    def outputs(self) -> list[Output]:
        return [output for _, _, output in self.sent]


@dataclass
class Seeded:
    workspace_id: int
    event_id: int
    post_ids: list[int]
    delivery_ids: list[int]
    target_ids: list[int]


def use_fake(
    app: App, publisher: ScriptedPublisher, notifier: RecordingNotifier, *, platform: str = "test"
) -> None:
    app.publishing.publishers.register(publisher.kind, lambda target: publisher)
    app.publishing.notifiers.register(platform, notifier)


def by_address(app: App, publishers: dict[str, ScriptedPublisher]) -> None:
    """Several fake targets, each served by its own scripted publisher."""

    def factory(target: TargetInfo) -> ScriptedPublisher:
        return publishers[target.address]

    app.publishing.publishers.register(FAKE, factory)


async def seed(
    app: App,
    *,
    due_at: datetime,
    posts: int = 1,
    addresses: Sequence[str] = ("one",),
    chat_id: str = "chat-1",
    platform: str = "test",
    kind: str = FAKE,
) -> Seeded:
    """An approved event in a workspace, `posts` pending posts, one delivery per target."""
    now = app.clock()
    async with app.sessions.begin() as session:
        workspace = await repositories.workspace_for_chat(
            session, platform, chat_id, title=None, timezone="Asia/Seoul", locale="en", now=now
        )
        user = await repositories.user_for_sender(session, platform, "author", "Mina", now)
        event = Event(
            workspace_id=workspace.id,
            author_id=user.id,
            status="approved",
            title="Seoul Techno Night",
            starts_at=due_at + timedelta(days=10),
            timezone="Asia/Seoul",
            venue="Cakeshop",
            lineup=[],
            created_at=now,
            updated_at=now,
        )
        session.add(event)
        sha = await app.media.put(session, IMAGE, mime="image/jpeg", now=now)
        targets = [
            await store.connect(
                session,
                workspace.id,
                CheckedTarget(kind, address, f"target {address}"),
                cipher=_cipher(app),
                now=now,
            )
            for address in addresses
        ]
        await session.flush()
        made_posts = []
        for _ in range(posts):
            post = Post(
                event_id=event.id,
                slot="announcement",
                template="announcement",
                layout="square",
                theme="dark",
                scheduled_at=due_at,
                image_sha256s=[sha],
                caption="Seoul Techno Night #techno",
                alt_text="poster",
                status="pending",
                created_at=now,
                updated_at=now,
            )
            session.add(post)
            made_posts.append(post)
        await session.flush()
        made = [
            Delivery(
                post_id=post.id,
                target_id=target.id,
                workspace_id=workspace.id,
                status="pending",
                due_at=due_at,
                attempts=0,
                verify_first=False,
                journal={},
                created_at=now,
                updated_at=now,
            )
            for post in made_posts
            for target in targets
        ]
        session.add_all(made)
        await session.flush()
        return Seeded(
            workspace.id,
            event.id,
            [post.id for post in made_posts],
            [delivery.id for delivery in made],
            [target.id for target in targets],
        )


def _cipher(app: App) -> TokenCipher:
    return TokenCipher(app.settings.resolved_secret_key)


async def expire_leases(app: App) -> None:
    """Let every lease run out, as the database's clock sees it (a dead worker's, say)."""
    async with app.sessions.begin() as session:
        await session.execute(
            update(Delivery)
            .where(Delivery.status == "publishing")
            .values(lease_expires_at=db_now_plus(-1))
        )


async def delivery(app: App, delivery_id: int) -> Delivery:
    async with app.sessions() as session:
        return await session.get_one(Delivery, delivery_id)


async def post(app: App, post_id: int) -> Post:
    async with app.sessions() as session:
        return await session.get_one(Post, post_id)


async def attempts(app: App, delivery_id: int) -> list[DeliveryAttempt]:
    async with app.sessions() as session:
        query = (
            select(DeliveryAttempt)
            .where(DeliveryAttempt.delivery_id == delivery_id)
            .order_by(DeliveryAttempt.id)
        )
        return list((await session.execute(query)).scalars())
