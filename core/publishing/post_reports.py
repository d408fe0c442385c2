"""What happened to a post, as reports in the chat outbox (published, failed, missed...).

The engine owes a report in the transaction that settles the post, so a crash after the
publish and before the chat hears of it only delays the message. The words are composed
when the report is sent, from the post's deliveries as they are then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.campaigns.labels import when_label
from core.conversation.messages import Output
from core.outbox import ChatOutbox, Owed, enqueue_many
from core.publishing.jobs import load_reports
from core.publishing.notices import notice_for
from core.publishing.outcome import DEFERRED
from storage import publishing_reads

KIND = "post"


async def owe(
    session: AsyncSession,
    notices: Sequence[tuple[int, str]],
    now: datetime,
    *,
    resets_at: Mapping[int, datetime] | None = None,
    daily_limit: int | None = None,
) -> None:
    """Owe each post's chat its (post, status) notice; a deferred one says when it resets."""
    if not notices:
        return
    chats = await publishing_reads.post_chats(session, {post_id for post_id, _ in notices})
    owed = []
    for post_id, status in notices:
        if post_id not in chats:
            continue
        payload: dict[str, Any] = {"post_id": post_id, "status": status}
        if status == DEFERRED and resets_at and post_id in resets_at:
            payload["resets_at"] = resets_at[post_id].isoformat()
            payload["limit"] = daily_limit
        platform, chat_id = chats[post_id]
        owed.append(Owed(platform, chat_id, KIND, payload))
    await enqueue_many(session, owed, now)


async def compose(
    session: AsyncSession, payloads: Sequence[Mapping[str, Any]]
) -> list[Output | None]:
    """The notice for each payload, from the post as it is now; None for a deleted post."""
    reports = await load_reports(session, sorted({int(p["post_id"]) for p in payloads}))
    outputs: list[Output | None] = []
    for payload in payloads:
        loaded = reports.get(int(payload["post_id"]))
        if loaded is None:
            outputs.append(None)
            continue
        report = loaded[0]
        params: dict[str, object] = {}
        if payload.get("resets_at"):
            resets = datetime.fromisoformat(str(payload["resets_at"]))
            params["limit"] = payload.get("limit")
            params["resets"] = when_label(resets, report.zone, report.locale)
        outputs.append(notice_for(report, str(payload["status"]), **params))
    return outputs


def register(outbox: ChatOutbox) -> None:
    outbox.register(KIND, compose)
