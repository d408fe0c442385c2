"""Wiring: build the product's services from settings, once per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core import data_deletion
from core.campaigns.images import PostImages
from core.campaigns.plan import CampaignRules
from core.campaigns.wiring import build_campaign_flows
from core.chat_settings import ChatSettings
from core.clock import Clock, system_clock
from core.conversation.previews import Previews, Renderer
from core.conversation.review import Review
from core.conversation.wizard import Wizard
from core.crypto import TokenCipher
from core.database_pool import pool_size
from core.deletion_chat import DeletionChat
from core.engagement.wiring import Engagement, build_engagement
from core.event_list import EventList
from core.insights import best_time
from core.insights.wiring import Insights, build_insights
from core.limits import DailyLimits
from core.media_hosting.s3_host import s3_image_host_from
from core.metrics import Metrics
from core.parsing.photo import PhotoLimits
from core.publishing.wiring import Publishing, build_publishing
from core.report_chats import ReportChatChecks
from core.routes import ChatFlows, Router
from core.secret_rotation import resealer
from core.settings import Settings
from core.targets.connect_command import TargetsFlow
from core.targets.instagram import NO_PUBLIC_URL_WARNING
from renderers import render
from storage import db, migrate
from storage.media import MediaStore


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    media: MediaStore
    clock: Clock
    router: Router
    publishing: Publishing
    engagement: Engagement
    insights: Insights
    metrics: Metrics = field(default_factory=Metrics)
    report_chats: ReportChatChecks = field(default_factory=ReportChatChecks)


@asynccontextmanager
async def open_app(
    settings: Settings,
    *,
    clock: Clock = system_clock,
    renderer: Renderer = render,
    apply_migrations: bool | None = None,
    publishes: bool = True,
) -> AsyncIterator[App]:
    """The services, with the schema brought up to date (always on SQLite, the default).

    `publishes=False` (a frontend process) sizes the database pool for a process whose
    publishing engine never starts."""
    pool = pool_size(settings, publishes=publishes)
    engine = db.create_engine(settings.resolved_database_url, pool=pool)
    stack = AsyncExitStack()
    try:
        cipher = TokenCipher(settings.resolved_secret_key, settings.resolved_previous_secret_keys)
        if apply_migrations if apply_migrations is not None else db.is_sqlite(engine):
            await migrate.upgrade(engine, reseal=resealer(cipher))
        sessions = db.session_factory(engine)
        media = MediaStore(settings.data_dir / "media")
        daily_limits = DailyLimits(
            settings.posts_per_day,
            settings.renders_per_day,
            posts_per_person=settings.posts_per_person_per_day,
            renders_per_person=settings.renders_per_person_per_day,
        )
        engagement = build_engagement(settings, sessions=sessions, clock=clock, cipher=cipher)
        stack.push_async_callback(engagement.aclose)
        metrics = Metrics()
        publishing = build_publishing(
            settings,
            metrics=metrics,
            sessions=sessions,
            media=media,
            clock=clock,
            cipher=cipher,
            daily_limits=daily_limits,
            extras=engagement.extras.apply,
        )
        stack.push_async_callback(publishing.aclose)
        report_chats = ReportChatChecks()
        photo_limits = PhotoLimits(settings.max_photo_bytes, settings.max_photo_pixels)
        campaigns = build_campaign_flows(
            sessions=sessions,
            images=PostImages(sessions, media, clock, renderer, daily_limits),
            clock=clock,
            rules=CampaignRules(
                countdown_hour=settings.countdown_hour, day_of_hour=settings.day_of_hour
            ),
            daily_limits=daily_limits,
            wake=publishing.poke,
            advice=best_time.advise,
            event_pages=publishing.event_pages,
            media=media,
        )
        targets = TargetsFlow(
            sessions=sessions,
            checks=publishing.checks,
            cipher=cipher,
            clock=clock,
            token_warning=(
                None
                if settings.public_base_url or settings.s3_configured
                else NO_PUBLIC_URL_WARNING
            ),
        )
        previews = Previews(sessions, media, clock, renderer, daily_limits)

        def deletion_places() -> data_deletion.Places:
            return data_deletion.Places(
                media=media,
                outbox=settings.data_dir / "outbox",
                previews=settings.data_dir / "previews",
                objects=s3_image_host_from(settings, publishing.http, clock),
            )

        flows = ChatFlows(
            wizard=Wizard(media, photo_limits),
            review=Review(after_approval=campaigns.planning.after_approval),
            settings=ChatSettings(media, photo_limits, report_chats),
            events=EventList(previews),
            deletion=DeletionChat(sessions=sessions, places=deletion_places),
            campaigns=campaigns,
            targets=targets,
            rsvps=engagement.rsvps.press,
        )
        router = Router(
            sessions=sessions,
            clock=clock,
            previews=previews,
            flows=flows,
            # Whatever follows an event's new date, cancellation or new approval.
            subscribers=(campaigns.follower.on_event_changed,),
            default_timezone=settings.default_timezone,
            default_locale=settings.default_locale,
        )
        insights = build_insights(
            settings,
            sessions=sessions,
            http=publishing.http,
            outbox=publishing.outbox,
            clock=clock,
        )
        stack.push_async_callback(insights.stop)
        yield App(
            settings,
            engine,
            sessions,
            media,
            clock,
            router,
            publishing,
            engagement,
            insights,
            metrics,
            report_chats,
        )
    finally:
        await stack.aclose()
        await engine.dispose()
