"""The named states of events, creatives (previews) and posts, as stored in their rows.

StrEnum members are their stored strings, so rows written before these names existed
read back as the same states.
"""

from __future__ import annotations

from enum import StrEnum


class EventStatus(StrEnum):
    DRAFT = "draft"  # being created by the wizard
    REVIEW = "review"  # has a preview waiting for approval
    APPROVED = "approved"
    CANCELLED = "cancelled"
    DELETED = "deleted"


# An event in these states is over for every flow: no preview, no posts, no RSVPs.
CLOSED_EVENT = (EventStatus.CANCELLED, EventStatus.DELETED)


class CreativeStatus(StrEnum):
    PREVIEW = "preview"  # shown for review
    APPROVED = "approved"  # what the posts publish
    SUPERSEDED = "superseded"  # a newer preview replaced it


class PostStatus(StrEnum):
    """A post's state; from `pending` on it follows its deliveries' (storage/deliveries.py)."""

    PLANNED = "planned"  # shown to the organiser, not confirmed yet: no deliveries
    PENDING = "pending"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    MISSED = "missed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"
