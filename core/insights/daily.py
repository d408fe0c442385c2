"""The daily insight message: due at each chat's local hour, composed when it is sent.

Which chats are due is decided from the workspaces table and the chat's own clock
(timezone and `insights_time`, so daylight saving moves nothing): a chat is due from
its hour until a few hours later, on each local day. The message
itself is owed through the chat outbox (`kind` "daily_insights", one per chat and local
day), and composed only when sent, from the latest snapshots, in the chat's current
language. A chat with nothing recent or coming gets nothing that day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.conversation.messages import Notice
from core.insights.report import daily_reports
from storage import workspaces as workspace_rows
from storage.models import Workspace

KIND = "daily_insights"
GRACE = timedelta(hours=6)


@dataclass(frozen=True)
class DueDaily:
    workspace_id: int
    platform: str
    chat_id: str
    day: date  # the chat's local date the message is for

    @property
    def dedup_key(self) -> str:
        return f"{KIND}:{self.workspace_id}:{self.day.isoformat()}"

    @property
    def payload(self) -> dict[str, object]:
        return {"workspace_id": self.workspace_id, "day": self.day.isoformat()}


def local_day_due(timezone: str, insights_time: str, now: datetime) -> date | None:
    """The chat's local date if its daily hour passed today less than GRACE ago, else None.

    Within the grace a message delayed by a restart still goes out; after it (a chat
    that first spoke in the evening, a bot down all morning) the day is skipped rather
    than greeting anyone with yesterday's numbers at night.
    """
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    hour, _, minute = insights_time.partition(":")
    # Through UTC and back: an hour skipped by a DST change comes at the next real one.
    moment = datetime.combine(local.date(), time(int(hour), int(minute or 0)), zone)
    moment = moment.astimezone(UTC).astimezone(zone)
    if moment <= now < moment + GRACE:
        return local.date()
    return None


def next_local_hour(timezone: str, insights_time: str, now: datetime) -> datetime:
    """The next moment (UTC) the chat's daily hour comes, after `now`."""
    zone = ZoneInfo(timezone)
    hour, _, minute = insights_time.partition(":")
    local = now.astimezone(zone)
    for offset in range(3):
        candidate = datetime.combine(
            local.date() + timedelta(days=offset), time(int(hour), int(minute or 0)), zone
        )
        if candidate > now:
            return candidate.astimezone(now.tzinfo)
    raise AssertionError("a daily hour always comes within two days")


async def due_chats(session: AsyncSession, now: datetime) -> list[DueDaily]:
    """Every chat whose daily hour has passed on its local today."""
    due = []
    for (
        workspace_id,
        platform,
        chat_id,
        timezone,
        insights_time,
    ) in await workspace_rows.daily_report_hours(session):
        day = local_day_due(timezone, insights_time, now) if insights_time else None
        if day is not None:
            due.append(DueDaily(workspace_id, platform, chat_id, day))
    return due


async def next_daily_hour(session: AsyncSession, now: datetime) -> datetime | None:
    """The next moment any chat's daily hour comes."""
    zones = await workspace_rows.daily_report_zones(session)
    moments = [next_local_hour(zone, hour, now) for zone, hour in zones if hour]
    return min(moments, default=None)


async def compose_daily(
    session: AsyncSession, owed: Sequence[tuple[int, date]], *, now: datetime
) -> list[Notice | None]:
    """The messages owed to chats for their local days; None where there is nothing to say.

    A message that could not go out on its day (the platform was down for long) is not
    sent a day late: by then the next day's message says more.
    """
    ids = {workspace_id for workspace_id, _ in owed}
    workspaces = await workspace_rows.workspaces_by_id(session, ids)
    current = [
        workspaces[workspace_id]
        for workspace_id, day in owed
        if workspace_id in workspaces
        and workspaces[workspace_id].insights_time is not None
        and _local_today(workspaces[workspace_id], now) == day
    ]
    reports = await daily_reports(session, list({w.id: w for w in current}.values()), now=now)
    notices: list[Notice | None] = []
    for workspace_id, _ in owed:
        report = reports.get(workspace_id)
        notices.append(
            None
            if report is None
            else Notice(report.text, image=report.chart, image_alt=report.alt_text)
        )
    return notices


def _local_today(workspace: Workspace, now: datetime) -> date:
    return now.astimezone(ZoneInfo(workspace.timezone)).date()
