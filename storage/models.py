"""The tables. Chat platforms appear only as opaque (platform, id) strings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.statuses import CreativeStatus, EventStatus
from storage.types import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Workspace(Base):
    """A chat on a platform where events are planned, with its preferences."""

    __tablename__ = "workspaces"
    __table_args__ = (UniqueConstraint("platform", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    default_theme: Mapped[str] = mapped_column(String(16), default="dark")
    brand_color: Mapped[str | None] = mapped_column(String(7))
    logo_sha256: Mapped[str | None] = mapped_column(String(64))
    # Local "HH:MM" of the daily insight message; None turns the message off.
    insights_time: Mapped[str | None] = mapped_column(String(5), default="10:00")
    # Another chat of the same platform that gets this workspace's reports; None: its own.
    report_chat_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("platform", "platform_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]


class Event(Base):
    """An event, from its first answered question (status 'draft') to approval and beyond."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_workspace_status", "workspace_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default=EventStatus.DRAFT)
    title: Mapped[str | None] = mapped_column(String(200))
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    timezone: Mapped[str] = mapped_column(String(64))
    venue: Mapped[str | None] = mapped_column(String(120))
    city: Mapped[str | None] = mapped_column(String(120))
    genre: Mapped[str | None] = mapped_column(String(40))
    lineup: Mapped[list[Any]] = mapped_column(default=list)
    ticket_url: Mapped[str | None] = mapped_column(String(600))
    price: Mapped[str | None] = mapped_column(String(80))
    description: Mapped[str | None] = mapped_column(Text)
    photo_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Media(Base):
    """A stored file, addressed by the sha256 of its bytes (the file lives under DATA_DIR)."""

    __tablename__ = "media"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]


class Conversation(Base):
    """Where one user is in a flow in one chat; survives restarts and other processes."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("platform", "chat_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class Creative(Base):
    """A rendered image set with its caption: what a preview shows and an approval fixes."""

    __tablename__ = "creatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    template: Mapped[str] = mapped_column(String(20))
    layout: Mapped[str] = mapped_column(String(20))
    theme: Mapped[str] = mapped_column(String(20))
    image_sha256s: Mapped[list[Any]] = mapped_column(default=list)
    caption: Mapped[str] = mapped_column(Text)
    hashtags: Mapped[list[Any]] = mapped_column(default=list)
    alt_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=CreativeStatus.PREVIEW)
    created_at: Mapped[datetime]


class Approval(Base):
    """Who approved which exact image bytes, and when."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    creative_id: Mapped[int] = mapped_column(ForeignKey("creatives.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    image_sha256: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime]


# ---------------------------------------------------------------------------------------
# Campaigns and publishing (migration 0002). The deliveries table is the source of truth
# for what goes out when; the scheduler only wakes the dispatcher that reads it.


class Target(Base):
    """Somewhere a workspace publishes: a Telegram channel, a Discord channel, the sandbox.

    `address` is the platform's own id for it (channel id, webhook id, "outbox"); a
    removed target keeps its row (status "removed") so delivery history stays readable.
    """

    __tablename__ = "targets"
    __table_args__ = (UniqueConstraint("workspace_id", "kind", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    address: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    credentials_encrypted: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Post(Base):
    """One planned publication of an event, with the exact image bytes it will carry.

    Anchored posts (lineup, countdown, day-of) keep `days_before` and `local_time` so a
    change of the event's date can move them; an announcement at a chosen time does not.
    """

    __tablename__ = "posts"
    __table_args__ = (Index("ix_posts_event_status", "event_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    creative_id: Mapped[int | None] = mapped_column(ForeignKey("creatives.id", ondelete="SET NULL"))
    slot: Mapped[str] = mapped_column(String(20))
    template: Mapped[str] = mapped_column(String(20))
    layout: Mapped[str] = mapped_column(String(20))
    theme: Mapped[str] = mapped_column(String(20))
    days_before: Mapped[int | None] = mapped_column(Integer)
    local_time: Mapped[str | None] = mapped_column(String(5))
    scheduled_at: Mapped[datetime]
    image_sha256s: Mapped[list[Any]] = mapped_column(default=list)
    caption: Mapped[str] = mapped_column(Text, default="")
    alt_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))
    # The last status the chat was owed a report about (the report is in chat_reports).
    notified_status: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Delivery(Base):
    """One post to one target: claimed with a lease, retried, verified, told to the chat."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("post_id", "target_id"),
        # The claim reads due deliveries in (due_at, id) order straight off this index.
        Index("ix_deliveries_status_due_id", "status", "due_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    verify_first: Mapped[bool] = mapped_column(Boolean, default=False)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None]
    journal: Mapped[dict[str, Any]] = mapped_column(default=dict)
    external_id: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(600))
    published_at: Mapped[datetime | None]
    last_error_kind: Mapped[str | None] = mapped_column(String(20))
    last_error_code: Mapped[str | None] = mapped_column(String(80))
    last_error_message: Mapped[str | None] = mapped_column(Text)  # English, for the logs
    # What the chat reads: a core/i18n key and its params (see core.publishers.reasons).
    last_error_key: Mapped[str | None] = mapped_column(String(80))
    last_error_params: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    counted_on: Mapped[date | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class DeliveryAttempt(Base):
    """The job log: one row per attempt, kept after the delivery is done."""

    __tablename__ = "delivery_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    worker: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime]
    duration_ms: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))
    error_kind: Mapped[str | None] = mapped_column(String(20))
    error_code: Mapped[str | None] = mapped_column(String(80))


class UsageCounter(Base):
    """How many posts or renders a workspace used on one local day (for the daily limits)."""

    __tablename__ = "usage_counters"

    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


# ---------------------------------------------------------------------------------------
# Insights (migration 0004). Snapshots are appended, never updated, so growth can be drawn;
# the sync rows only say when each published post (or account) is read next.


class InsightSnapshot(Base):
    """One reading of one metric of a published post (or, without a post, of an account).

    `value` None means the platform answered "no data" (Instagram's `data: []`), which is
    not the same as zero. Values are cumulative as the platform reports them (lifetime
    reach, current reaction count), so a day's growth is a difference of two readings.
    """

    __tablename__ = "insight_snapshots"
    __table_args__ = (
        Index("ix_insight_snapshots_workspace_taken", "workspace_id", "taken_at"),
        Index("ix_insight_snapshots_delivery_metric", "delivery_id", "metric", "taken_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(40))
    value: Mapped[int | None] = mapped_column(Integer)
    taken_at: Mapped[datetime]


class InsightSync(Base):
    """When a published delivery (or, without one, a target's account) is read next.

    Status "active" is synced when `next_at` comes; "deleted" (the post is gone on the
    platform), "done" (old enough that numbers no longer move) and "paused" (the account
    needs reconnecting) are not.
    """

    __tablename__ = "insight_syncs"
    __table_args__ = (Index("ix_insight_syncs_status_next", "status", "next_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "delivery:<id>" or "account:<target id>": one row each, even across processes.
    key: Mapped[str] = mapped_column(String(40), unique=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    next_at: Mapped[datetime]
    last_synced_at: Mapped[datetime | None]
    last_error_key: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


# ---------------------------------------------------------------------------------------
# Engagement (migration 0005): RSVP answers and ticket-link clicks.


class Rsvp(Base):
    """One person's answer to one event ("going" or "interested"); no row means no answer.

    People are identified the way their platform names them (platform, user id), since
    whoever presses a button under a channel post is usually not a flyerbot user.
    """

    __tablename__ = "rsvps"
    __table_args__ = (UniqueConstraint("event_id", "platform", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(64))
    answer: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime]


class TicketClick(Base):
    """One counted click on a post's short ticket link: when, and nothing about who."""

    __tablename__ = "ticket_clicks"
    __table_args__ = (Index("ix_ticket_clicks_delivery_time", "delivery_id", "clicked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    clicked_at: Mapped[datetime]


# ---------------------------------------------------------------------------------------
# The chat outbox (migration 0006).


class ChatReport(Base):
    """A message owed to a chat (a post's outcome, a daily summary): the chat outbox.

    Written in the same transaction as the change it reports, so it cannot be lost; sent
    at least once by `core.outbox`. A claim names its owner and when it was taken, and
    runs out at `lease_expires_at`, after which another process may take it over.
    """

    __tablename__ = "chat_reports"
    __table_args__ = (Index("ix_chat_reports_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    # Set when a report must exist at most once (e.g. one daily summary per chat and day).
    dedup_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(12))
    due_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    lease_expires_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class PersonUsage(Base):
    """How many posts or renders one person started on one local day (per-person limits)."""

    __tablename__ = "person_usage"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class PostOnceKey(Base):
    """Which post holds a once-key, e.g. "the announcement of this approved image".

    The key is the primary key, so two presses (two people, two processes) cannot both
    create the post it stands for; the row goes with its post.
    """

    __tablename__ = "post_once_keys"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
