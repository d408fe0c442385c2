"""The campaign flows, built once per process around one shared desk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.campaigns.desk import CampaignDesk
from core.campaigns.follow_changes import EventFollower
from core.campaigns.images import PostImages
from core.campaigns.plan import CampaignRules
from core.campaigns.planning import PlanAdvice, Planning
from core.campaigns.post_actions import PostActions
from core.campaigns.typed_time import TimeQuestion
from core.clock import Clock
from core.event_pages import EventPages
from core.limits import DailyLimits
from storage.media import MediaStore


@dataclass(frozen=True)
class CampaignFlows:
    planning: Planning
    time: TimeQuestion
    posts: PostActions
    follower: EventFollower


def build_campaign_flows(
    *,
    sessions: async_sessionmaker[AsyncSession],
    images: PostImages,
    clock: Clock,
    rules: CampaignRules,
    daily_limits: DailyLimits,
    wake: Callable[[], None],
    advice: PlanAdvice,
    event_pages: EventPages | None = None,
    media: MediaStore | None = None,
) -> CampaignFlows:
    desk = CampaignDesk(
        sessions=sessions,
        images=images,
        clock=clock,
        rules=rules,
        daily_limits=daily_limits,
        wake=wake,
        event_pages=event_pages,
        media=media,
    )
    time = TimeQuestion(desk)
    return CampaignFlows(
        planning=Planning(desk, time, advice),
        time=time,
        posts=PostActions(desk, time),
        follower=EventFollower(desk),
    )
