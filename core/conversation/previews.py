"""Rendering a draft into a stored creative, and showing it as a preview.

Rendering runs outside any database transaction (it takes tens of milliseconds and
SQLite has one writer), then the images and the creative are stored in one short one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import i18n, limits
from core.captions import format_when
from core.clock import Clock
from core.conversation import actions
from core.conversation.looks import parse_theme
from core.conversation.messages import Choice, Output, Preview, Problem
from core.limits import DailyLimits, Refusal, Usage
from core.posters import Artwork, artwork_for, local_start
from renderers.spec import Layout, Rendering, RenderRequest, Template
from storage import repositories
from storage.media import MediaStore
from storage.models import Creative, Event, Workspace
from storage.statuses import CreativeStatus, EventStatus

log = logging.getLogger(__name__)

Renderer = Callable[[RenderRequest], Rendering]


@dataclass(frozen=True)
class Look:
    template: str
    layout: str
    theme: str


class Previews:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        media: MediaStore,
        clock: Clock,
        renderer: Renderer,
        daily_limits: DailyLimits | None = None,
    ) -> None:
        self._sessions = sessions
        self._media = media
        self._clock = clock
        self._renderer = renderer
        self._limits = daily_limits

    async def _take_render(self, workspace: Workspace, by: int | None) -> Refusal | None:
        """One unit of the workspace's (and the person's) daily renders (None: granted)."""
        if self._limits is None:
            return None
        async with self._sessions.begin() as session:
            return await limits.take(
                session,
                self._limits,
                Usage.RENDER,
                workspace_id=workspace.id,
                now=self._clock(),
                zone=ZoneInfo(workspace.timezone),
                user_id=by,
            )

    async def render(self, event_id: int, *, by: int | None = None, **changes: str) -> list[Output]:
        """Render a new preview for the person `by`; `changes` may set template, layout, theme."""
        async with self._sessions() as session:
            event = await session.get(Event, event_id)
            if event is None:
                return []
            workspace = await session.get_one(Workspace, event.workspace_id)
            latest = await repositories.latest_creative(session, event_id)
        look = _look(latest, workspace, changes)
        posted_on = self._clock().astimezone(local_start(event).tzinfo).date()
        refusal = await self._take_render(workspace, by)
        if refusal is not None:
            return [Problem(refusal_text(refusal, workspace.locale, workspace.timezone))]
        try:
            artwork, rendering = await draw(
                self._renderer, self._media, event, workspace, look, posted_on
            )
        except Exception:
            log.exception("render failed for event %s", event_id)
            return [
                Problem(
                    i18n.text("review.render_failed", workspace.locale),
                    (Choice(actions.review(event_id, "render"), "🔄"),),
                )
            ]
        async with self._sessions.begin() as session:
            now = self._clock()
            hashes = await store_slides(self._media, session, rendering, now)
            await repositories.supersede_previews(session, event_id)
            creative = Creative(
                event_id=event_id,
                template=look.template,
                layout=look.layout,
                theme=look.theme,
                image_sha256s=hashes,
                caption=artwork.caption.text,
                hashtags=list(artwork.caption.hashtags),
                alt_text=artwork.alt_text,
                status=CreativeStatus.PREVIEW,
                created_at=now,
            )
            session.add(creative)
            stored_event = await session.get_one(Event, event_id)
            if stored_event.status in (EventStatus.DRAFT, EventStatus.APPROVED):
                stored_event.status = EventStatus.REVIEW
                stored_event.updated_at = now
            await session.flush()
        return [self._preview(creative, rendering.slides, workspace.locale)]

    async def show_latest(self, event_id: int, *, by: int | None = None) -> list[Output]:
        """Show the stored preview again without rendering; render if there is none."""
        async with self._sessions() as session:
            creative = await repositories.latest_creative(session, event_id)
            event = await session.get(Event, event_id)
            if event is None:
                return []
            workspace = await session.get_one(Workspace, event.workspace_id)
        if creative is None:
            return await self.render(event_id, by=by)
        try:
            slides = tuple(self._media.read(sha) for sha in creative.image_sha256s)
        except FileNotFoundError:  # long published and cleaned up (core/retention.py)
            return await self.render(event_id, by=by)
        return [self._preview(creative, slides, workspace.locale)]

    def _preview(self, creative: Creative, slides: tuple[bytes, ...], locale: str) -> Preview:
        return Preview(
            event_id=creative.event_id,
            creative_id=creative.id,
            images=slides,
            image_sha256s=tuple(creative.image_sha256s),
            caption=creative.caption,
            alt_text=creative.alt_text,
            actions=review_actions(creative, locale),
            template=creative.template,
            layout=creative.layout,
            theme=creative.theme,
        )


async def store_slides(
    media: MediaStore, session: AsyncSession, rendering: Rendering, now: datetime
) -> list[str]:
    """Keep every slide of a rendering, content-addressed; returns their sha256s in order."""
    return [
        await media.put(
            session,
            slide,
            mime="image/jpeg",
            now=now,
            width=rendering.width,
            height=rendering.height,
        )
        for slide in rendering.slides
    ]


async def draw(
    renderer: Renderer,
    media: MediaStore,
    event: Event,
    workspace: Workspace,
    look: Look,
    posted_on: date,
) -> tuple[Artwork, Rendering]:
    """The images and words for one look of an event as posted on `posted_on`.

    Shared by previews and by campaign posts, so a countdown rendered for its own day
    comes out of exactly the same machinery as the preview that was approved.
    """
    photo = media.read(event.photo_sha256) if event.photo_sha256 else None
    logo = media.read(workspace.logo_sha256) if workspace.logo_sha256 else None
    artwork = artwork_for(
        event, workspace, template=look.template, posted_on=posted_on, photo=photo, logo=logo
    )
    theme, accent = parse_theme(look.theme)
    request = RenderRequest(
        poster=artwork.poster,
        template=Template(look.template),
        layout=Layout(look.layout),
        theme=theme,
        posted_on=posted_on,
        accent=accent,
    )
    rendering = await asyncio.to_thread(renderer, request)
    return artwork, rendering


def refusal_text(refusal: Refusal, locale: str, timezone: str) -> str:
    """The refusal in plain words: the limit, and the workspace's midnight when it resets."""
    zone = ZoneInfo(timezone)
    return i18n.text(
        refusal.message_key,
        locale,
        limit=refusal.limit,
        resets=format_when(refusal.resets_at.astimezone(zone), locale),
    )


def review_actions(creative: Creative, locale: str) -> tuple[Choice, ...]:
    event_id = creative.event_id

    def choice(verb: str, label_key: str, arg: str | int | None = None) -> Choice:
        return Choice(actions.review(event_id, verb, arg), i18n.text(label_key, locale))

    return (
        choice("approve", "button.approve", creative.id),
        choice("theme", "button.theme"),
        choice("template", "button.template"),
        choice("layout", "button.layout"),
        choice("edit", "button.edit"),
        choice("cancel", "button.cancel_event"),
    )


def _look(latest: Creative | None, workspace: Workspace, changes: dict[str, str]) -> Look:
    base = (
        Look(latest.template, latest.layout, latest.theme)
        if latest is not None
        else Look(Template.ANNOUNCEMENT.value, Layout.SQUARE.value, workspace.default_theme)
    )
    return Look(
        template=changes.get("template", base.template),
        layout=changes.get("layout", base.layout),
        theme=changes.get("theme", base.theme),
    )
