"""Wiring: build the product's services from settings, once per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.campaigns.flow import CampaignFlow
from core.campaigns.images import PostImages
from core.campaigns.plan import CampaignRules
from core.clock import Clock, system_clock
from core.conversation.engine import ConversationEngine
from core.conversation.previews import Renderer
from core.crypto import TokenCipher
from core.engagement.wiring import Engagement, build_engagement
from core.insights.wiring import Insights, build_insights
from core.limits import DailyLimits
from core.metrics import Metrics
from core.parsing.photo import PhotoLimits
from core.publishing.wiring import Publishing, build_publishing
from core.report_chats import ReportChatChecks
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
    conversations: ConversationEngine
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
) -> AsyncIterator[App]:
    """The services, with the schema brought up to date (always on SQLite, the default)."""
    engine = db.create_engine(settings.resolved_database_url)
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
        campaigns = CampaignFlow(
            sessions=sessions,
            images=PostImages(sessions, media, clock, renderer, daily_limits),
            clock=clock,
            rules=CampaignRules(
                countdown_hour=settings.countdown_hour, day_of_hour=settings.day_of_hour
            ),
            daily_limits=daily_limits,
            targets=TargetsFlow(
                sessions=sessions,
                checks=publishing.checks,
                cipher=cipher,
                clock=clock,
                token_warning=(
                    None
                    if settings.public_base_url or settings.s3_configured
                    else NO_PUBLIC_URL_WARNING
                ),
            ),
            wake=publishing.poke,
            event_pages=publishing.event_pages,
            media=media,
        )
        conversations = ConversationEngine(
            sessions=sessions,
            media=media,
            clock=clock,
            renderer=renderer,
            default_timezone=settings.default_timezone,
            default_locale=settings.default_locale,
            photo_limits=PhotoLimits(settings.max_photo_bytes, settings.max_photo_pixels),
            campaigns=campaigns,
            daily_limits=daily_limits,
        )
        insights = build_insights(settings, sessions=sessions, publishing=publishing, clock=clock)
        stack.push_async_callback(insights.stop)
        yield App(
            settings,
            engine,
            sessions,
            media,
            clock,
            conversations,
            publishing,
            engagement,
            insights,
            metrics,
        )
    finally:
        await stack.aclose()
        await engine.dispose()
