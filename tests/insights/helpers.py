"""Published Instagram posts seeded straight into the database and onto the fake account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from core.app import App
from core.crypto import TokenCipher
from core.insights.collector import InsightCollector
from core.targets.store import secret_binding
from storage.models import Delivery, InsightSnapshot, InsightSync, Post, Target
from tests.fakes.graph_api import IG_USER_ID, TOKEN, FakeGraphApi, Media
from tests.publishing.helpers import Seeded, seed


@dataclass
class SeededInstagram:
    seeded: Seeded
    media: list[Media]

    @property
    def delivery_ids(self) -> list[int]:
        return self.seeded.delivery_ids


async def seed_instagram(
    app: App,
    graph: FakeGraphApi,
    *,
    published_at: datetime,
    posts: int = 1,
    story: bool = False,
    chat_id: str = "chat-1",
) -> SeededInstagram:
    """`posts` posts of one event published to the fake's account at `published_at`."""
    seeded = await seed(
        app, due_at=published_at, posts=posts, addresses=(IG_USER_ID,), chat_id=chat_id,
        kind="instagram",
    )  # fmt: skip
    media = [graph.seed_post(published_at, "Seoul Techno Night", story=story) for _ in range(posts)]
    async with app.sessions.begin() as session:
        cipher = _cipher(app)
        for target_id in seeded.target_ids:
            sealed = cipher.encrypt(TOKEN, bound_to=secret_binding(target_id))
            await session.execute(
                update(Target)
                .where(Target.id == target_id)
                .values(credentials_encrypted=sealed, config={"login": "facebook"})
            )
        if story:
            await session.execute(
                update(Post).where(Post.id.in_(seeded.post_ids)).values(layout="story")
            )
        for delivery_id, item in zip(seeded.delivery_ids, media, strict=True):
            await session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id)
                .values(
                    status="published",
                    external_id=item.id,
                    url=item.permalink,
                    published_at=published_at,
                )
            )
    return SeededInstagram(seeded, media)


def collector(app: App) -> InsightCollector:
    return InsightCollector(
        sessions=app.sessions,
        http=app.publishing.http,
        settings=app.settings,
        cipher=_cipher(app),
        clock=app.clock,
    )


async def snapshots(app: App, delivery_id: int | None = None) -> list[InsightSnapshot]:
    query = select(InsightSnapshot).order_by(InsightSnapshot.id)
    if delivery_id is not None:
        query = query.where(InsightSnapshot.delivery_id == delivery_id)
    async with app.sessions() as session:
        return list((await session.execute(query)).scalars())


async def latest(app: App, delivery_id: int) -> dict[str, int | None]:
    """The last stored value of each metric of one delivery."""
    values: dict[str, int | None] = {}
    for row in await snapshots(app, delivery_id):
        values[row.metric] = row.value
    return values


async def sync_row(app: App, delivery_id: int) -> InsightSync:
    async with app.sessions() as session:
        query = select(InsightSync).where(InsightSync.delivery_id == delivery_id)
        return (await session.execute(query)).scalar_one()


async def target_status(app: App, target_id: int) -> str:
    async with app.sessions() as session:
        return (
            await session.execute(select(Target.status).where(Target.id == target_id))
        ).scalar_one()


def _cipher(app: App) -> TokenCipher:
    return TokenCipher(app.settings.resolved_secret_key)
