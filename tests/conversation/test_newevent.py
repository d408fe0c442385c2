"""The /newevent wizard through the real engine and a real database."""

from __future__ import annotations

from sqlalchemy import select

from core.app import App, open_app
from core.clock import ManualClock
from core.conversation.messages import Action, Ask, Command, Form, Notice, Preview, Problem
from core.settings import Settings
from storage.models import Event
from tests.conversation.helpers import AUTHOR, FULL_EVENT, image_size, only, say


async def test_each_question_shows_progress_an_example_and_buttons(app: App) -> None:
    ask = only(await say(app, AUTHOR, Command("newevent")), Ask)
    assert "(1/7)" in ask.prompt and "예:" in ask.prompt
    assert [choice.id for choice in ask.choices] == ["nv@author:cancel"]

    ask = only(await say(app, AUTHOR, "서울 테크노 나이트"), Ask)
    assert "(2/7)" in ask.prompt and ask.field == "starts_at"
    assert [choice.id for choice in ask.choices] == ["nv@author:back", "nv@author:cancel"]


async def test_a_full_conversation_ends_in_a_square_korean_preview(app: App) -> None:
    outputs = await say(app, AUTHOR, *FULL_EVENT)
    preview = only(outputs, Preview)
    assert image_size(preview.images[0]) == (1080, 1080)
    assert "서울 테크노 나이트 Vol.3" in preview.caption
    assert "#테크노" in preview.caption and "#cakeshop" in preview.caption
    assert preview.alt_text.startswith("'서울 테크노 나이트 Vol.3'")
    verbs = [choice.id.split(":")[2] for choice in preview.actions]
    assert verbs == ["approve", "theme", "template", "layout", "edit", "cancel"]

    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
    assert event.status == "review"
    assert event.venue == "Cakeshop" and event.city == "이태원"
    assert event.starts_at is not None
    assert event.starts_at.isoformat() == "2026-12-20T13:00:00+00:00"  # 22:00 KST
    assert [slot["name"] for slot in event.lineup] == ["Soma", "Yetsuby", "박혜진"]


async def test_a_bad_date_is_explained_and_the_draft_continues(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"), "제목")
    outputs = await say(app, AUTHOR, "언젠가 곧")
    problem = only(outputs, Problem)
    assert "예:" in problem.message
    assert only(outputs, Ask).field == "starts_at"

    ask = only(await say(app, AUTHOR, "2026-12-20 22:00"), Ask)
    assert ask.field == "venue"


async def test_a_past_date_is_refused(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"), "제목")
    outputs = await say(app, AUTHOR, "2026-11-01 22:00")
    assert only(outputs, Problem)
    assert only(outputs, Ask).field == "starts_at"


async def test_a_3000_character_title_is_refused_with_the_limit(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"))
    outputs = await say(app, AUTHOR, "가" * 3000)
    assert "80" in only(outputs, Problem).message
    assert only(outputs, Ask).field == "title"


async def test_back_returns_to_the_previous_question_and_keeps_answers(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"), "제목", "12월 20일 밤 10시")
    ask = only(await say(app, AUTHOR, "뒤로"), Ask)
    assert ask.field == "starts_at"
    ask = only(await say(app, AUTHOR, Action("nv:back")), Ask)
    assert ask.field == "title"
    outputs = await say(app, AUTHOR, Action("nv:back"))
    assert only(outputs, Ask).field == "title"
    assert only(outputs, Notice)


async def test_required_fields_cannot_be_skipped_but_optional_ones_can(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"))
    outputs = await say(app, AUTHOR, "skip")
    assert only(outputs, Problem) and only(outputs, Ask).field == "title"

    await say(app, AUTHOR, "제목", "12월 20일 밤 10시", "Faust")
    ask = only(await say(app, AUTHOR, "건너뛰기"), Ask)
    assert ask.field == "genre"
    assert "nv@author:pick:techno" in [choice.id for choice in ask.choices]


async def test_free_text_genre_is_kept(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"), "제목", "12월 20일 밤 10시", "Faust", "skip")
    await say(app, AUTHOR, "Drum and Bass")
    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
    assert event.genre == "Drum and Bass"


async def test_text_where_a_photo_is_expected_gets_a_clear_message(app: App) -> None:
    await say(app, AUTHOR, *FULL_EVENT[:-1])
    outputs = await say(app, AUTHOR, "사진 없어요")
    assert only(outputs, Problem)
    assert only(outputs, Ask).field == "photo"


async def test_cancel_ends_the_draft_and_a_new_one_starts_clean(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"), "제목")
    assert only(await say(app, AUTHOR, "취소"), Notice)
    ask = only(await say(app, AUTHOR, Command("newevent")), Ask)
    assert ask.field == "title"
    async with app.sessions() as session:
        statuses = sorted((await session.execute(select(Event.status))).scalars())
    assert statuses == ["cancelled", "draft"]


async def test_newevent_during_a_draft_resumes_it_instead_of_losing_it(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"), "제목", "12월 20일 밤 10시")
    outputs = await say(app, AUTHOR, Command("newevent"))
    assert only(outputs, Notice)
    assert only(outputs, Ask).field == "venue"


async def test_a_restart_continues_where_the_user_was(
    settings: Settings, clock: ManualClock
) -> None:
    async with open_app(settings, clock=clock, apply_migrations=True) as first:
        await say(first, AUTHOR, Command("newevent"), "제목", "12월 20일 밤 10시")
    async with open_app(settings, clock=clock) as second:
        ask = only(await say(second, AUTHOR, Command("resume")), Ask)
        assert ask.field == "venue"
        ask = only(await say(second, AUTHOR, "Cakeshop"), Ask)
        assert ask.field == "lineup"


async def test_two_organisers_in_one_group_do_not_cross(app: App) -> None:
    other = AUTHOR.__class__("test", "chat-1", "other", user_name="Jun", is_group=True)
    await say(app, AUTHOR, Command("newevent"))
    await say(app, other, Command("newevent"))
    await say(app, AUTHOR, "Mina's night")
    ask = only(await say(app, other, "Jun's night"), Ask)
    assert ask.field == "starts_at"
    async with app.sessions() as session:
        titles = sorted((await session.execute(select(Event.title))).scalars())
    assert titles == ["Jun's night", "Mina's night"]


async def test_a_form_keeps_valid_fields_and_reports_bad_ones(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"))
    outputs = await say(
        app,
        AUTHOR,
        Form({"title": "Form night", "starts_at": "언젠가", "venue": "Faust, Berlin"}),
    )
    problem = only(outputs, Problem)
    assert problem.message.startswith("날짜")
    assert only(outputs, Ask).field == "starts_at"
    async with app.sessions() as session:
        event = (await session.execute(select(Event))).scalar_one()
    assert (event.title, event.venue, event.city) == ("Form night", "Faust", "Berlin")
