"""Short ticket links: the caption published to a Telegram channel (real python-telegram-bot
against the fake Bot API) carries `/t/<code>`, and the media server answers it with a 302
to the ticket page with UTM parameters, counting people once and crawlers never."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import update
from telegram import Bot

from bot.http_server import create_media_app
from bot.publishers import telegram_channel
from bot.serving import bound_port, serve
from bot.telegram.aiohttp_request import aiohttp_bot
from core.app import App
from core.clock import ManualClock
from core.engagement.ticket_links import is_link_preview_crawler, with_utm
from core.engagement.totals import event_engagement, post_ticket_clicks, ticket_clicks_per_day
from core.settings import Settings
from storage.models import Event, Post
from tests.fakes.telegram_api import FakeBotAPI
from tests.publishing.helpers import Seeded, seed

TOKEN = "888:LINKS-TEST"
TICKETS = "https://tickets.example/seoul-techno?ref=ig"
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"
PUBLIC = "https://flyer.example"

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"public_base_url": PUBLIC})


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(token=TOKEN) as running:
        yield running


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    async with aiohttp_bot(
        TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url
    ) as client:
        yield client


@pytest.fixture
async def server(app: App) -> AsyncIterator[httpx.AsyncClient]:
    """The media server as `flyerbot run` starts it, and a client that does not follow 302s."""
    media_app = create_media_app(
        app.media.root, app.settings.resolved_secret_key, app.clock, links=app.engagement.links
    )
    runner = await serve(media_app, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{bound_port(runner)}"
    async with httpx.AsyncClient(base_url=base, follow_redirects=False) as client:
        yield client
    await runner.cleanup()


async def published_with_ticket_link(app: App, fake: FakeBotAPI, bot: Bot) -> tuple[Seeded, str]:
    """An event with a ticket URL published to a channel; the caption it got."""
    telegram_channel.register(app.publishing, bot)
    channel = fake.channel("Seoul Techno", username="seoultechno")
    seeded = await seed(
        app, due_at=app.clock(), kind=telegram_channel.KIND, addresses=(str(channel.id),)
    )
    async with app.sessions.begin() as session:
        await session.execute(
            update(Event).where(Event.id == seeded.event_id).values(ticket_url=TICKETS)
        )
        await session.execute(
            update(Post)
            .where(Post.id.in_(seeded.post_ids))
            .values(caption=f"Seoul Techno Night\n\nTickets 👉 {TICKETS}\n\n#techno")
        )
    await app.publishing.dispatcher.run_due()
    [sent] = fake.calls_to("sendPhoto")
    return seeded, str(sent["caption"])


def link_path(caption: str) -> str:
    [url] = [word for word in caption.split() if word.startswith(PUBLIC)]
    return urlsplit(url).path


async def clicks(app: App, seeded: Seeded) -> int:
    async with app.sessions() as session:
        return (await event_engagement(session, seeded.event_id)).ticket_clicks


async def test_the_caption_link_redirects_with_utm_and_counts_a_person_once(
    app: App, clock: ManualClock, fake: FakeBotAPI, bot: Bot, server: httpx.AsyncClient
) -> None:
    seeded, caption = await published_with_ticket_link(app, fake, bot)
    assert TICKETS not in caption
    path = link_path(caption)
    assert path.startswith("/t/") and len(path) <= 3 + 20

    answer = await server.get(path, headers={"User-Agent": BROWSER})
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert (location.scheme, location.netloc, location.path) == (
        "https",
        "tickets.example",
        "/seoul-techno",
    )
    assert parse_qs(location.query) == {
        "ref": ["ig"],
        "utm_source": ["telegram"],
        "utm_medium": ["channel"],
        "utm_campaign": ["seoultechnonight"],
        "utm_content": ["announcement"],
    }
    assert await clicks(app, seeded) == 1

    clock.advance(timedelta(days=1))
    await server.get(path, headers={"User-Agent": BROWSER})
    async with app.sessions() as session:
        per_post = await post_ticket_clicks(session, seeded.post_ids[0])
        per_day = await ticket_clicks_per_day(
            session,
            zone=ZoneInfo("Asia/Seoul"),
            since=clock() - timedelta(days=7),
            until=clock() + timedelta(seconds=1),
            event_ids=[seeded.event_id],
        )
    assert per_post == {seeded.delivery_ids[0]: 2}
    assert list(per_day.values()) == [1, 1] and len(per_day) == 2


@pytest.mark.parametrize(
    "agent",
    [
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Twitterbot/1.0",
        "",
    ],
)
async def test_link_preview_crawlers_get_the_redirect_but_are_not_counted(
    app: App, fake: FakeBotAPI, bot: Bot, server: httpx.AsyncClient, agent: str
) -> None:
    seeded, caption = await published_with_ticket_link(app, fake, bot)
    answer = await server.get(link_path(caption), headers={"User-Agent": agent})
    assert answer.status_code == 302
    head = await server.head(link_path(caption), headers={"User-Agent": BROWSER})
    assert head.status_code == 302
    assert await clicks(app, seeded) == 0


async def test_an_unknown_or_forged_code_is_404_and_never_redirects(
    app: App, fake: FakeBotAPI, bot: Bot, server: httpx.AsyncClient
) -> None:
    seeded, caption = await published_with_ticket_link(app, fake, bot)
    real = link_path(caption).removeprefix("/t/")
    forged = f"{int(real[:-8], 36) + 1:x}{real[-8:]}"
    for code in ("nothing", forged, real[:-1] + ("A" if real[-1] != "A" else "B"), "https:"):
        answer = await server.get(f"/t/{code}", headers={"User-Agent": BROWSER})
        assert answer.status_code == 404, code
        assert "Location" not in answer.headers
    # Whatever the request adds, the destination is the event's own ticket page.
    tricked = await server.get(
        f"/t/{real}?to=https://evil.example", headers={"User-Agent": BROWSER}
    )
    assert tricked.headers["Location"].startswith("https://tickets.example/seoul-techno?")
    assert await clicks(app, seeded) == 1  # only the real link was counted


async def test_a_deleted_ticket_url_makes_the_link_404(
    app: App, fake: FakeBotAPI, bot: Bot, server: httpx.AsyncClient
) -> None:
    seeded, caption = await published_with_ticket_link(app, fake, bot)
    async with app.sessions.begin() as session:
        await session.execute(
            update(Event).where(Event.id == seeded.event_id).values(ticket_url=None)
        )
    answer = await server.get(link_path(caption), headers={"User-Agent": BROWSER})
    assert answer.status_code == 404


class TestTurnedOff:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return settings.model_copy(update={"ticket_links": False})

    async def test_captions_keep_the_plain_url_and_nothing_is_counted(
        self, app: App, fake: FakeBotAPI, bot: Bot, server: httpx.AsyncClient
    ) -> None:
        seeded, caption = await published_with_ticket_link(app, fake, bot)
        assert TICKETS in caption and PUBLIC not in caption
        # A link published while it was on still leads to the tickets, uncounted.
        old = app.engagement.links.code_for(seeded.delivery_ids[0])
        answer = await server.get(f"/t/{old}", headers={"User-Agent": BROWSER})
        assert answer.status_code == 302
        assert await clicks(app, seeded) == 0


def test_utm_parameters_replace_earlier_ones_and_keep_the_rest() -> None:
    url = with_utm(
        "https://t.example/a?utm_source=ig&x=1",
        source="discord",
        medium="webhook",
        campaign="서울",
        content="lineup",
    )
    assert parse_qs(urlsplit(url).query) == {
        "x": ["1"],
        "utm_source": ["discord"],
        "utm_medium": ["webhook"],
        "utm_campaign": ["서울"],
        "utm_content": ["lineup"],
    }
    assert not is_link_preview_crawler(BROWSER)
