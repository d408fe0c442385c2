"""A deletion cut short by the process dying: running `/deletemydata` again finishes it.

The order is plan, remove files, delete rows. These tests stop after each step the way a
killed process would (nothing after the step runs), open the app again, and ask again.
Mina and Jun are in the same group and sent the same photo: Jun's copy is never touched.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from core import data_deletion
from core.app import App, open_app
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Action, Command, Input, Notice, Photo, Preview, Sender, Text
from core.settings import Settings
from storage.models import Event, Media
from tests.conversation.helpers import AUTHOR, FULL_EVENT, action_id, only
from tests.telegram.test_photos import picture

MINA = AUTHOR
JUN = replace(AUTHOR, user_id="jun", user_name="Jun")


def event_with(title: str, photo: bytes) -> list[Input]:
    steps = list(FULL_EVENT)
    steps[1] = Text(title)
    steps[-1] = Photo(photo, "image/jpeg")
    return steps


async def previews_for_both(app: App) -> tuple[Preview, Preview]:
    chat = ChatService(app)
    photo = picture()
    mina = jun = None
    for message in event_with("Mina's night", photo):
        mina = await chat.handle(MINA, message)
    for message in event_with("Jun's night", photo):
        jun = await chat.handle(JUN, message)
    assert mina and jun
    return only(mina, Preview), only(jun, Preview)


async def delete_via_chat(app: App, sender: Sender) -> Notice:
    chat = ChatService(app)
    ask = only(await chat.handle(sender, Command("deletemydata")), Notice)
    return only(await chat.handle(sender, Action(action_id([ask], "confirm"))), Notice)


def places(app: App) -> data_deletion.Places:
    data_dir = Path(app.settings.data_dir)
    return data_deletion.Places(app.media, data_dir / "outbox", data_dir / "previews")


async def mina_events(app: App) -> int:
    async with app.sessions() as session:
        query = select(func.count()).select_from(Event).where(Event.title == "Mina's night")
        return int(await session.scalar(query) or 0)


async def test_dying_halfway_through_the_files_is_finished_by_asking_again(
    settings: Settings, clock: ManualClock
) -> None:
    async with open_app(settings, clock=clock, apply_migrations=True) as app:
        mina, jun = await previews_for_both(app)
        async with app.sessions() as session:
            plan = await data_deletion.plan(session, MINA, places(app).outbox)
        assert set(mina.image_sha256s) <= set(plan.files)
        assert not set(jun.image_sha256s) & set(plan.files)
        # The process dies after removing half of the files: no rows were deleted yet.
        for sha in plan.files[: len(plan.files) // 2]:
            app.media.path_for(sha).unlink()

    async with open_app(settings, clock=clock, apply_migrations=True) as app:
        assert await mina_events(app) == 1  # the rows still say what is left to remove
        done = await delete_via_chat(app, MINA)
        assert "이벤트 1개" in done.text
        assert not any(app.media.path_for(sha).exists() for sha in plan.files)
        assert await mina_events(app) == 0
        assert all(app.media.path_for(sha).exists() for sha in jun.image_sha256s)


async def test_dying_after_the_files_before_the_rows_is_finished_by_asking_again(
    settings: Settings, clock: ManualClock
) -> None:
    async with open_app(settings, clock=clock, apply_migrations=True) as app:
        _, jun = await previews_for_both(app)
        async with app.sessions() as session:
            plan = await data_deletion.plan(session, MINA, places(app).outbox)
        await data_deletion.remove_outside(plan, places(app))  # then the process dies

    async with open_app(settings, clock=clock, apply_migrations=True) as app:
        async with app.sessions() as session:  # the same plan again: nothing was forgotten
            again = await data_deletion.plan(session, MINA, places(app).outbox)
        assert again.files == plan.files and again.event_ids == plan.event_ids
        await delete_via_chat(app, MINA)
        assert await mina_events(app) == 0
        async with app.sessions() as session:
            kept = set((await session.execute(select(Media.sha256))).scalars())
        assert not kept & set(plan.files)
        assert all(app.media.path_for(sha).exists() for sha in jun.image_sha256s)


async def test_the_photo_both_sent_is_kept_for_the_one_who_stays(app: App) -> None:
    _, jun = await previews_for_both(app)
    async with app.sessions() as session:
        photos = set((await session.execute(select(Event.photo_sha256))).scalars())
    [shared] = photos  # the same bytes, stored once

    await delete_via_chat(app, MINA)
    await delete_via_chat(app, MINA)  # asking again after it finished changes nothing

    assert app.media.path_for(shared).exists()
    assert all(app.media.path_for(sha).exists() for sha in jun.image_sha256s)
    async with app.sessions() as session:
        assert await session.get(Media, shared) is not None
