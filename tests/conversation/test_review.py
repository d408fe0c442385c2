"""The preview's buttons: approve, change the look, edit, cancel, and who may press them."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sqlalchemy import select

from core.app import App
from core.conversation.messages import Action, Ask, Notice, Preview, Problem, Sender
from storage.models import Approval, Creative, Event
from tests.conversation.helpers import (
    AUTHOR,
    action_id,
    image_size,
    only,
    preview_of_full_event,
    say,
)

STRANGER = Sender("test", "chat-1", "stranger", user_name="Stranger", is_group=True)


async def _admin() -> bool:
    return True


ADMIN = replace(STRANGER, user_id="admin", user_name="Admin", is_chat_admin=_admin)


async def test_the_author_approves_and_the_exact_image_is_recorded(app: App) -> None:
    preview = await preview_of_full_event(app)
    notice = only(await say(app, AUTHOR, Action(action_id(preview, "approve"))), Notice)
    assert "승인" in notice.text

    async with app.sessions() as session:
        approval = (await session.execute(select(Approval))).scalar_one()
        event = await session.get_one(Event, preview.event_id)
    assert approval.image_sha256 == hashlib.sha256(preview.images[0]).hexdigest()
    assert app.media.read(approval.image_sha256) == preview.images[0]
    assert event.status == "approved"


async def test_a_stranger_is_refused_and_nothing_changes(app: App) -> None:
    preview = await preview_of_full_event(app)
    problem = only(await say(app, STRANGER, Action(action_id(preview, "approve"))), Problem)
    assert "관리자" in problem.message
    async with app.sessions() as session:
        assert (await session.execute(select(Approval))).first() is None


async def test_a_chat_admin_may_approve_someone_elses_draft(app: App) -> None:
    preview = await preview_of_full_event(app)
    assert only(await say(app, ADMIN, Action(action_id(preview, "approve"))), Notice)
    async with app.sessions() as session:
        approval = (await session.execute(select(Approval))).scalar_one()
    assert approval.user_id != (await _author_id(app))


async def test_changing_the_theme_renders_a_new_preview(app: App) -> None:
    preview = await preview_of_full_event(app)
    menu = only(await say(app, AUTHOR, Action(action_id(preview, "theme"))), Ask)
    assert [choice.id.rsplit(":", 1)[1] for choice in menu.choices[:3]] == [
        "dark",
        "neon",
        "minimal",
    ]
    neon = only(await say(app, AUTHOR, Action(f"rv:{preview.event_id}:theme:neon")), Preview)
    assert neon.theme == "neon" and neon.creative_id != preview.creative_id
    assert neon.images[0] != preview.images[0]


async def test_changing_the_layout_keeps_the_theme(app: App) -> None:
    preview = await preview_of_full_event(app)
    await say(app, AUTHOR, Action(f"rv:{preview.event_id}:theme:minimal"))
    story = only(await say(app, AUTHOR, Action(f"rv:{preview.event_id}:layout:story")), Preview)
    assert (story.theme, story.layout) == ("minimal", "story")
    assert image_size(story.images[0]) == (1080, 1920)


async def test_approving_an_outdated_preview_shows_the_latest_instead(app: App) -> None:
    old = await preview_of_full_event(app)
    await say(app, AUTHOR, Action(f"rv:{old.event_id}:theme:neon"))
    outputs = await say(app, AUTHOR, Action(action_id(old, "approve")))
    assert only(outputs, Notice)
    assert only(outputs, Preview).theme == "neon"
    async with app.sessions() as session:
        assert (await session.execute(select(Approval))).first() is None


async def test_editing_a_field_from_the_preview_renders_again(app: App) -> None:
    preview = await preview_of_full_event(app)
    menu = only(await say(app, AUTHOR, Action(action_id(preview, "edit"))), Ask)
    assert f"rv:{preview.event_id}:edit:title" in [choice.id for choice in menu.choices]
    ask = only(await say(app, AUTHOR, Action(f"rv:{preview.event_id}:edit:title")), Ask)
    assert "서울 테크노 나이트 Vol.3" in ask.prompt  # shows the current value
    edited = only(await say(app, AUTHOR, "서울 테크노 나이트 Vol.4"), Preview)
    assert "Vol.4" in edited.caption


async def test_a_bad_edit_keeps_the_old_value(app: App) -> None:
    preview = await preview_of_full_event(app)
    await say(app, AUTHOR, Action(f"rv:{preview.event_id}:edit:ticket_url"))
    outputs = await say(app, AUTHOR, "javascript:alert(1)")
    assert only(outputs, Problem)
    shown = only(await say(app, AUTHOR, Action("nv:back")), Preview)
    assert shown.creative_id == preview.creative_id
    async with app.sessions() as session:
        event = await session.get_one(Event, preview.event_id)
    assert event.ticket_url == "https://tickets.example.com/seoul-techno-3"


async def test_price_and_description_can_be_added_from_the_preview(app: App) -> None:
    preview = await preview_of_full_event(app)
    await say(app, AUTHOR, Action(f"rv:{preview.event_id}:edit:price"))
    priced = only(await say(app, AUTHOR, "30000"), Preview)
    assert "₩30,000" in priced.caption


async def test_cancel_from_the_preview_cancels_the_event(app: App) -> None:
    preview = await preview_of_full_event(app)
    assert only(await say(app, AUTHOR, Action(action_id(preview, "cancel"))), Notice)
    problem = only(await say(app, AUTHOR, Action(action_id(preview, "approve"))), Problem)
    assert "없어요" in problem.message


async def test_a_button_for_a_missing_event_answers_politely(app: App) -> None:
    assert only(await say(app, AUTHOR, Action("rv:999:approve:1")), Problem)
    assert only(await say(app, AUTHOR, Action("rv:garbage")), Problem)


async def test_a_preview_is_stored_once_per_distinct_image(app: App) -> None:
    preview = await preview_of_full_event(app)
    await say(app, AUTHOR, Action(f"rv:{preview.event_id}:theme:dark"))
    async with app.sessions() as session:
        creatives = list((await session.execute(select(Creative))).scalars())
    assert len(creatives) == 2
    assert creatives[0].image_sha256s == creatives[1].image_sha256s  # same look, same bytes
    assert [creative.status for creative in creatives] == ["superseded", "preview"]


async def _author_id(app: App) -> int:
    async with app.sessions() as session:
        return (await session.execute(select(Event.author_id))).scalar_one()


def _red_photo() -> bytes:
    from io import BytesIO

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1200, 900), (20, 20, 24))
    ImageDraw.Draw(img).ellipse((200, 100, 1000, 800), fill=(30, 60, 220))
    buf = BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


async def _preview_with_photo(app: App) -> Preview:
    from core.conversation.messages import Photo
    from tests.conversation.helpers import FULL_EVENT

    photo = Photo(_red_photo(), "image/jpeg")
    return only(await say(app, AUTHOR, *FULL_EVENT[:-1], photo), Preview)


def _theme_values(menu: Ask) -> list[str]:
    return [c.id.split(":", 3)[3] for c in menu.choices if c.id.split(":")[2] == "theme"]


async def test_without_a_photo_the_theme_menu_offers_no_duotone_and_no_accent_switch(
    app: App,
) -> None:
    preview = await preview_of_full_event(app)
    menu = only(await say(app, AUTHOR, Action(action_id(preview, "theme"))), Ask)
    assert _theme_values(menu) == ["dark", "neon", "minimal"]


async def test_with_a_photo_duotone_and_the_genre_accent_are_offered(app: App) -> None:
    preview = await _preview_with_photo(app)
    menu = only(await say(app, AUTHOR, Action(action_id(preview, "theme"))), Ask)
    assert _theme_values(menu) == ["dark", "neon", "minimal", "duotone", "dark+genre"]
    labels = [c.label for c in menu.choices]
    assert "듀오톤" in labels and "🎨 장르 색으로" in labels

    genre = only(await say(app, AUTHOR, Action(f"rv:{preview.event_id}:theme:dark+genre")), Preview)
    assert genre.theme == "dark+genre" and genre.images[0] != preview.images[0]
    # The switch is sticky: other themes keep the genre accent, and it can be switched back.
    menu = only(await say(app, AUTHOR, Action(action_id(genre, "theme"))), Ask)
    assert _theme_values(menu) == [
        "dark+genre",
        "neon+genre",
        "minimal+genre",
        "duotone+genre",
        "dark",
    ]
    duotone = only(await say(app, AUTHOR, Action(f"rv:{preview.event_id}:theme:duotone")), Preview)
    assert duotone.theme == "duotone"


async def test_a_theme_the_event_cannot_use_is_not_rendered(app: App) -> None:
    preview = await preview_of_full_event(app)
    outputs = await say(app, AUTHOR, Action(f"rv:{preview.event_id}:theme:duotone"))
    assert not [o for o in outputs if isinstance(o, Preview)]
    assert only(outputs, Ask)
