"""`/deletemydata`: remove a user's events, images, approvals, conversations, RSVPs, outputs.

Deleting asks first; the confirmation button names the person who asked
(`dd:confirm:<user>`), so nobody else in a group can press it for them.

What goes: every event the user made, with everything hanging off it (previews, approvals,
campaign posts and their deliveries), their approvals of other people's drafts, their
conversations, their RSVP answers, and in a private chat that chat's settings, logo and
connected targets.
Outside the database: the image files of all of that (photos, previews, lineup,
countdown, day-of and story images, logo), the sandbox outbox folders of their posts
(images and captions), the console's preview copies, and the S3 copies of their images.

The work is ordered so that dying at any point loses nothing that re-running would not
finish: a plan is read first, then files, folders and objects are removed, and only then
the rows, in one transaction. Until that commits the rows still say what to remove, so
`/deletemydata` again finds the same plan (files already gone are skipped). An image
whose bytes another user's row also holds is never in the plan.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import String, cast, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement, Select

from core.conversation.messages import Choice, Notice, Output, Problem, Sender
from core.conversation.turn import Turn
from core.engagement import rsvp
from storage.media import MediaStore
from storage.models import (
    Approval,
    Conversation,
    Creative,
    Delivery,
    Event,
    Media,
    Post,
    User,
    Workspace,
)

PREFIX = "dd"


def confirm_action(user_id: str) -> str:
    return f"{PREFIX}:confirm:{user_id}"


def keep_action(user_id: str) -> str:
    return f"{PREFIX}:keep:{user_id}"


def parse(action_id: str) -> tuple[str, str] | None:
    """(verb, platform user id) of a `dd:` button."""
    parts = action_id.split(":", 2)
    if len(parts) != 3 or parts[0] != PREFIX or parts[1] not in ("confirm", "keep"):
        return None
    return parts[1], parts[2]


class ObjectStore(Protocol):
    """Copies of images kept elsewhere by their sha256 (S3-compatible storage)."""

    async def remove(self, sha256: str) -> None: ...


@dataclass(frozen=True)
class Places:
    """Where a user's data lives outside the database."""

    media: MediaStore
    outbox: Path  # DATA_DIR/outbox/<workspace>/delivery-<id>/
    previews: Path  # DATA_DIR/previews/event-<id>-….jpg (the console's copies)
    objects: ObjectStore | None = None


@dataclass(frozen=True)
class Plan:
    """Everything one user's deletion removes, read before anything is removed."""

    user_id: int | None
    event_ids: tuple[int, ...]
    private_workspace_id: int | None
    files: tuple[str, ...]  # media hashes no other user's row holds
    folders: tuple[Path, ...]  # outbox folders of the user's deliveries


@dataclass(frozen=True)
class Deleted:
    events: int
    files: int


async def ask(turn: Turn) -> list[Output]:
    """What will go, and the two buttons."""
    count = await turn.session.scalar(
        select(func.count()).select_from(Event).where(Event.author_id == turn.user.id)
    )
    name = turn.sender.user_name or turn.sender.user_id
    text = turn.t("deletion.confirm", name=name, events=count or 0)
    if not turn.sender.is_group:
        text += "\n" + turn.t("deletion.private_chat")
    user_id = turn.sender.user_id
    return [
        Notice(
            text,
            (
                Choice(confirm_action(user_id), turn.t("button.delete_confirm")),
                Choice(keep_action(user_id), turn.t("button.keep")),
            ),
        )
    ]


def refuse_or_keep(sender: Sender, action_id: str, t: Callable[..., str]) -> list[Output] | None:
    """Answers for a button that must not delete anything; None means go ahead."""
    parsed = parse(action_id)
    if parsed is None or parsed[1] != sender.user_id:
        return [Problem(t("deletion.not_yours"))]
    if parsed[0] == "keep":
        return [Notice(t("deletion.kept"))]
    return None


async def plan(session: AsyncSession, sender: Sender, outbox: Path) -> Plan:
    """Read what the sender's deletion removes; changes nothing."""
    user = await session.scalar(
        select(User).where(
            User.platform == sender.platform, User.platform_user_id == sender.user_id
        )
    )
    user_id = user.id if user is not None else None
    event_ids: tuple[int, ...] = ()
    if user_id is not None:
        query = select(Event.id).where(Event.author_id == user_id).order_by(Event.id)
        event_ids = tuple((await session.execute(query)).scalars())
    workspace_id = None
    if not sender.is_group:
        workspace_id = await session.scalar(
            select(Workspace.id).where(
                Workspace.platform == sender.platform, Workspace.chat_id == sender.chat_id
            )
        )
    mine = _Mine(user_id, event_ids, workspace_id)
    candidates = await _hashes(session, mine.images())
    files = []
    for sha in sorted(candidates):
        if not await _used_by_others(session, sha, mine):
            files.append(sha)
    folders = [
        outbox / str(workspace) / f"delivery-{delivery}"
        for workspace, delivery in await session.execute(mine.deliveries())
    ]
    if workspace_id is not None:
        folders.append(outbox / str(workspace_id))
    return Plan(user_id, event_ids, workspace_id, tuple(files), tuple(folders))


async def remove_outside(deletion: Plan, places: Places) -> None:
    """Remove the plan's files, folders and stored objects; safe to run again."""
    for event_id in deletion.event_ids:
        for copy in places.previews.glob(f"event-{event_id}-*.jpg"):
            copy.unlink(missing_ok=True)
    for folder in deletion.folders:
        shutil.rmtree(folder, ignore_errors=True)
    for sha in deletion.files:
        if places.objects is not None:
            await places.objects.remove(sha)
        places.media.path_for(sha).unlink(missing_ok=True)


async def delete_rows(session: AsyncSession, sender: Sender, deletion: Plan) -> Deleted:
    """Delete the plan's rows in the caller's transaction (events cascade to the rest)."""
    if deletion.user_id is not None:
        await session.execute(delete(Approval).where(Approval.user_id == deletion.user_id))
        await session.execute(delete(Event).where(Event.author_id == deletion.user_id))
    await session.execute(
        delete(Conversation).where(
            Conversation.platform == sender.platform, Conversation.user_id == sender.user_id
        )
    )
    await rsvp.forget_person(session, sender.platform, sender.user_id)
    if deletion.private_workspace_id is not None:
        await session.execute(
            delete(Workspace).where(Workspace.id == deletion.private_workspace_id)
        )
    if deletion.user_id is not None:
        await session.execute(delete(User).where(User.id == deletion.user_id))
    if deletion.files:
        await session.execute(delete(Media).where(Media.sha256.in_(deletion.files)))
    # Rows deleted with SQL statements may linger in the session; drop them.
    session.expunge_all()
    return Deleted(events=len(deletion.event_ids), files=len(deletion.files))


@dataclass(frozen=True)
class _Mine:
    """The sender's rows, as SQL conditions."""

    user_id: int | None
    event_ids: tuple[int, ...]
    workspace_id: int | None

    def images(self) -> list[Select[Any]]:
        """Queries for every column that holds an image hash (or a JSON list of them)."""
        events = list(self.event_ids)
        queries: list[Select[Any]] = [
            select(Event.photo_sha256).where(Event.id.in_(events)),
            select(Creative.image_sha256s).where(Creative.event_id.in_(events)),
            select(Post.image_sha256s).where(Post.event_id.in_(events)),
            select(Approval.image_sha256).where(Approval.event_id.in_(events)),
        ]
        if self.workspace_id is not None:
            queries.append(select(Workspace.logo_sha256).where(Workspace.id == self.workspace_id))
        return queries

    def deliveries(self) -> Select[int, int]:
        mine: ColumnElement[bool] = Post.event_id.in_(list(self.event_ids))
        if self.workspace_id is not None:
            mine = mine | (Delivery.workspace_id == self.workspace_id)
        return (
            select(Delivery.workspace_id, Delivery.id)
            .join(Post, Post.id == Delivery.post_id)
            .where(mine)
            .order_by(Delivery.id)
        )


async def _hashes(session: AsyncSession, queries: Iterable[Select[Any]]) -> set[str]:
    found: set[str] = set()
    for query in queries:
        for (value,) in await session.execute(query):
            if isinstance(value, str) and value:
                found.add(value)
            elif isinstance(value, list):
                found.update(sha for sha in value if isinstance(sha, str))
    return found


async def _used_by_others(session: AsyncSession, sha: str, mine: _Mine) -> bool:
    """Whether a row that stays holds these bytes (the same image may be shared)."""
    events = list(mine.event_ids)
    # JSON lists of hex digests: a substring match is exact enough and portable.
    listed = f"%{sha}%"
    checks = [
        select(Event.id).where(Event.photo_sha256 == sha, Event.id.not_in(events)),
        select(Creative.id).where(
            cast(Creative.image_sha256s, String).like(listed), Creative.event_id.not_in(events)
        ),
        select(Post.id).where(
            cast(Post.image_sha256s, String).like(listed), Post.event_id.not_in(events)
        ),
        select(Approval.id).where(
            Approval.image_sha256 == sha,
            Approval.event_id.not_in(events),
            Approval.user_id != (mine.user_id or 0),
        ),
        select(Workspace.id).where(
            Workspace.logo_sha256 == sha, Workspace.id != (mine.workspace_id or 0)
        ),
    ]
    for query in checks:
        if await session.scalar(query.limit(1)) is not None:
            return True
    return False
