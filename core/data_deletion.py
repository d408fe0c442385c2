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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from core import buttons
from core.conversation.messages import Choice, Notice, Output, Problem, Sender
from core.conversation.turn import Turn
from core.engagement import rsvp
from storage import media, user_data, workspaces
from storage.media import MediaStore


def confirm_action(user_id: str) -> str:
    return buttons.DELETION.id("confirm", user_id)


def keep_action(user_id: str) -> str:
    return buttons.DELETION.id("keep", user_id)


def parse(action_id: str) -> tuple[str, str] | None:
    """(verb, platform user id) of a `dd:` button."""
    verb, _, user_id = (buttons.rest(action_id, buttons.DELETION) or "").partition(":")
    if verb not in ("confirm", "keep") or not user_id:
        return None
    return verb, user_id


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
    count = await user_data.count_events_authored(turn.session, turn.user.id)
    name = turn.sender.user_name or turn.sender.user_id
    text = turn.t("deletion.confirm", name=name, events=count)
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
    user = await user_data.user_by_platform_id(session, sender.platform, sender.user_id)
    user_id = user.id if user is not None else None
    event_ids: tuple[int, ...] = ()
    if user_id is not None:
        event_ids = await user_data.event_ids_by_author(session, user_id)
    workspace_id = None
    if not sender.is_group:
        workspace_id = await workspaces.workspace_id_of_chat(
            session, sender.platform, sender.chat_id
        )
    mine = user_data.Mine(user_id, event_ids, workspace_id)
    candidates = await user_data.image_hashes(session, mine)
    files = []
    for sha in sorted(candidates):
        if not await user_data.held_by_others(session, sha, mine):
            files.append(sha)
    folders = [
        outbox / str(workspace) / f"delivery-{delivery}"
        for workspace, delivery in await user_data.deliveries(session, mine)
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
        await user_data.delete_authored(session, deletion.user_id)
    await user_data.delete_conversations(session, sender.platform, sender.user_id)
    await rsvp.forget_person(session, sender.platform, sender.user_id)
    if deletion.private_workspace_id is not None:
        await user_data.delete_workspace(session, deletion.private_workspace_id)
    if deletion.user_id is not None:
        await user_data.delete_user(session, deletion.user_id)
    if deletion.files:
        await media.forget_rows(session, deletion.files)
    # Rows deleted with SQL statements may linger in the session; drop them.
    session.expunge_all()
    return Deleted(events=len(deletion.event_ids), files=len(deletion.files))
