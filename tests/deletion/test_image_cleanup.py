"""The daily cleanup: superseded previews go after 7 days, published images after 30.

Driven the way an organiser works, in a private chat with the sandbox connected, with the
app's clock moved forward; the job is built from settings as `flyerbot run` builds it.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.cleanup_service import image_cleanup
from core.app import App
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Action, Command, Notice, Preview, Sender
from storage.models import Creative, Post
from tests.conversation.helpers import FULL_EVENT, action_id, only

ORGANISER = Sender("test", "dm-9", "9", user_name="Mina")


async def approved_after_a_theme_change(app: App) -> tuple[Preview, Preview]:
    """(the first look, now superseded; the approved one)."""
    chat = ChatService(app)
    only(await chat.handle(ORGANISER, Command("connect", "sandbox")), Notice)
    first = None
    for message in FULL_EVENT:
        first = await chat.handle(ORGANISER, message)
    assert first is not None
    superseded = only(first, Preview)
    themes = await chat.handle(ORGANISER, Action(action_id(superseded, "theme")))
    approved = only(await chat.handle(ORGANISER, Action(action_id(themes, "neon"))), Preview)
    await chat.handle(ORGANISER, Action(action_id(approved, "approve")))
    return superseded, approved


def on_disk(app: App, hashes: tuple[str, ...] | list[str]) -> list[bool]:
    return [app.media.path_for(sha).exists() for sha in hashes]


async def test_a_superseded_preview_goes_after_seven_days_and_not_before(
    app: App, clock: ManualClock
) -> None:
    superseded, approved = await approved_after_a_theme_change(app)
    cleanup = image_cleanup(app)

    clock.advance(timedelta(days=6, hours=23))
    assert (await cleanup.run()).files == 0
    assert all(on_disk(app, superseded.image_sha256s))

    clock.advance(timedelta(hours=2))
    report = await cleanup.run()
    assert report.previews == 1 and report.files == len(superseded.image_sha256s)
    assert not any(on_disk(app, superseded.image_sha256s))
    assert all(on_disk(app, approved.image_sha256s))  # the look in use stays
    async with app.sessions() as session:
        assert await session.get(Creative, superseded.creative_id) is None
        assert await session.get(Creative, approved.creative_id) is not None


async def test_published_images_go_after_thirty_days_and_posts_still_to_send_keep_theirs(
    app: App, clock: ManualClock
) -> None:
    chat = ChatService(app)
    _, approved = await approved_after_a_theme_change(app)
    await chat.handle(ORGANISER, Action(f"cp:{approved.event_id}:now"))
    assert (await app.publishing.dispatcher.run_due()).published == 1
    # A second event with a whole campaign confirmed: its later posts wait for their day.
    second = None
    for message in FULL_EVENT:
        second = await chat.handle(ORGANISER, message)
    assert second is not None
    waiting = only(second, Preview)
    await chat.handle(ORGANISER, Action(action_id(waiting, "approve")))
    await chat.handle(ORGANISER, Action(f"cp:{waiting.event_id}:plan"))
    await chat.handle(ORGANISER, Action(f"cp:{waiting.event_id}:confirm"))
    async with app.sessions() as session:
        query = select(Post).where(Post.event_id == waiting.event_id, Post.status == "pending")
        later = [p for p in (await session.execute(query)).scalars() if p.image_sha256s]
    assert later
    cleanup = image_cleanup(app)

    clock.advance(timedelta(days=29))
    await cleanup.run()
    assert all(on_disk(app, approved.image_sha256s))

    clock.advance(timedelta(days=2))
    await cleanup.run()
    assert not any(on_disk(app, approved.image_sha256s))  # published a month ago
    for post in later:  # not sent yet: kept whatever their age
        assert all(on_disk(app, post.image_sha256s))
    # Opening the old event still shows it: drawn again from the event.
    opened = await chat.handle(ORGANISER, Action(f"ev:{approved.event_id}"))
    assert only(opened, Preview).images
