"""`/deletemydata`: remove a user's events, images, approvals, conversations and RSVPs.

Deleting asks first; the confirmation button names the person who asked
(`dd:confirm:<user>`), so nobody else in a group can press it for them. Rows go in one
transaction (events cascade to creatives, approvals and anything later tables hang off
them); image files go only after it commits, and only when nothing else still uses them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import String, cast, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.conversation.io import Choice, Notice, Output, Problem, Sender
from core.conversation.turn import Turn
from core.engagement import rsvp
from storage.media import MediaStore
from storage.models import Approval, Conversation, Creative, Event, Media, User, Workspace

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


async def delete_user_data(session: AsyncSession, sender: Sender) -> tuple[Deleted, list[str]]:
    """Delete the sender's rows in the caller's transaction.

    Returns what was deleted and the media hashes nothing references any more; the caller
    removes those files (see `remove_files`) once the transaction has committed.
    """
    user = await session.scalar(
        select(User).where(
            User.platform == sender.platform, User.platform_user_id == sender.user_id
        )
    )
    candidates: set[str] = set()
    deleted_events = 0
    if user is not None:
        events = (await session.execute(select(Event).where(Event.author_id == user.id))).scalars()
        event_ids = []
        for event in events:
            event_ids.append(event.id)
            if event.photo_sha256:
                candidates.add(event.photo_sha256)
        if event_ids:
            creatives = await session.execute(
                select(Creative.image_sha256s).where(Creative.event_id.in_(event_ids))
            )
            for (hashes,) in creatives:
                candidates.update(hashes or ())
        deleted_events = len(event_ids)
        await session.execute(delete(Approval).where(Approval.user_id == user.id))
        await session.execute(delete(Event).where(Event.author_id == user.id))
    await session.execute(
        delete(Conversation).where(
            Conversation.platform == sender.platform, Conversation.user_id == sender.user_id
        )
    )
    await rsvp.forget_person(session, sender.platform, sender.user_id)
    if not sender.is_group:
        candidates |= await _delete_private_workspace(session, sender)
    if user is not None:
        await session.execute(delete(User).where(User.id == user.id))
    orphans = [sha for sha in sorted(candidates) if not await _still_used(session, sha)]
    if orphans:
        await session.execute(delete(Media).where(Media.sha256.in_(orphans)))
    # Rows deleted with SQL statements may linger in the session; drop them.
    session.expunge_all()
    return Deleted(events=deleted_events, files=len(orphans)), orphans


def remove_files(media: MediaStore, hashes: list[str]) -> None:
    for sha in hashes:
        media.path_for(sha).unlink(missing_ok=True)


async def _delete_private_workspace(session: AsyncSession, sender: Sender) -> set[str]:
    """A private chat's settings (and logo) are the user's own data too."""
    workspace = await session.scalar(
        select(Workspace).where(
            Workspace.platform == sender.platform, Workspace.chat_id == sender.chat_id
        )
    )
    if workspace is None:
        return set()
    logo = {workspace.logo_sha256} if workspace.logo_sha256 else set()
    await session.execute(delete(Workspace).where(Workspace.id == workspace.id))
    return logo


async def _still_used(session: AsyncSession, sha: str) -> bool:
    """Whether any remaining row points at this file (the same bytes may be shared)."""
    checks = (
        select(Event.id).where(Event.photo_sha256 == sha),
        select(Workspace.id).where(Workspace.logo_sha256 == sha),
        select(Approval.id).where(Approval.image_sha256 == sha),
        # A JSON list of hex digests: a substring match is exact enough and portable.
        select(Creative.id).where(cast(Creative.image_sha256s, String).like(f"%{sha}%")),
    )
    for query in checks:
        if await session.scalar(query.limit(1)) is not None:
            return True
    return False
