"""Reading what one attempt needs (delivery, post, target, workspace) in one query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import DecryptionError, TokenCipher
from core.publishers.base import TargetInfo
from core.publishing.notices import DeliveryLine, PostReport
from core.targets.store import secret_binding
from storage import publishing_reads


@dataclass(frozen=True)
class Job:
    delivery_id: int
    post_id: int
    workspace_id: int
    attempt: int
    due_at: datetime
    verify_first: bool
    journal: dict[str, str]
    last_error_kind: str | None
    counted_on: date | None
    post_status: str
    image_sha256s: tuple[str, ...]
    caption: str
    alt_text: str
    target: TargetInfo
    target_status: str
    secret_unreadable: bool
    zone: ZoneInfo
    layout: str = "square"  # "story": an Instagram story rather than a feed post


async def load_jobs(
    session: AsyncSession, delivery_ids: Sequence[int], cipher: TokenCipher | None
) -> dict[int, Job]:
    jobs: dict[int, Job] = {}
    zones: dict[str, ZoneInfo] = {}
    for row in await publishing_reads.job_rows(session, delivery_ids):
        (delivery_id, post_id, workspace_id, attempts, due_at, verify_first, journal) = row[:7]
        (last_error_kind, counted_on, post_status, images, caption, alt_text) = row[7:13]
        (target_id, kind, address, name, config, sealed, target_status, timezone) = row[13:21]
        secret, unreadable = _open_secret(sealed, cipher, target_id)
        jobs[delivery_id] = Job(
            delivery_id=delivery_id,
            post_id=post_id,
            workspace_id=workspace_id,
            attempt=attempts,
            due_at=due_at,
            verify_first=verify_first,
            journal={str(k): str(v) for k, v in (journal or {}).items()},
            last_error_kind=last_error_kind,
            counted_on=counted_on,
            post_status=post_status,
            image_sha256s=tuple(images),
            caption=caption,
            alt_text=alt_text,
            target=TargetInfo(
                id=target_id,
                workspace_id=workspace_id,
                kind=kind,
                address=address,
                name=name,
                config=dict(config or {}),
                secret=secret,
            ),
            target_status=target_status,
            secret_unreadable=unreadable,
            zone=zones.setdefault(timezone, ZoneInfo(timezone)),
            layout=row[21],
        )
    return jobs


async def load_reports(
    session: AsyncSession, post_ids: Sequence[int]
) -> dict[int, tuple[PostReport, str, str]]:
    """Each post's outcome in plain values, and the (platform, chat) that owns it."""
    if not post_ids:
        return {}
    heads = await publishing_reads.report_heads(session, post_ids)
    lines: dict[int, list[DeliveryLine]] = {post_id: [] for post_id in post_ids}
    found = await publishing_reads.report_lines(session, post_ids)
    for post_id, delivery_id, target_name, status, url, *error in found:
        kind, message, key, params = error
        lines[post_id].append(
            DeliveryLine(
                delivery_id,
                target_name,
                status,
                url,
                kind,
                message,
                error_key=key,
                error_params=dict(params or {}),
            )
        )
    reports = {}
    for (
        post_id,
        template,
        scheduled_at,
        title,
        starts_at,
        timezone,
        locale,
        platform,
        chat,
    ) in heads:
        report = PostReport(
            post_id=post_id,
            event_title=title or "",
            template=template,
            scheduled_at=scheduled_at,
            starts_at=starts_at,
            zone=ZoneInfo(timezone),
            locale=locale,
            deliveries=tuple(lines[post_id]),
        )
        reports[post_id] = (report, platform, chat)
    return reports


def _open_secret(
    sealed: str | None, cipher: TokenCipher | None, target_id: int
) -> tuple[str | None, bool]:
    if not sealed:
        return None, False
    if cipher is None:
        return None, True
    try:
        return cipher.decrypt(sealed, bound_to=secret_binding(target_id)), False
    except DecryptionError:
        return None, True
