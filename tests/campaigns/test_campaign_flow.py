"""After approval: post now, schedule a campaign, pick a time; the plan can be edited."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from core.app import App
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Action, Ask, Command, Notice, Problem, Sender
from tests.campaigns.helpers import (
    ORGANISER,
    approved_event,
    deliveries_of,
    outbox,
    posts_of,
    press,
)
from tests.conversation.helpers import AUTHOR, only, say

SEOUL = ZoneInfo("Asia/Seoul")


async def test_the_approval_offers_what_comes_next(app: App) -> None:
    event_id, notice = await approved_event(app)
    assert [choice.id for choice in notice.choices] == [
        f"cp:{event_id}:now",
        f"cp:{event_id}:plan",
        f"cp:{event_id}:at",
    ]
    assert [choice.label for choice in notice.choices] == [
        "📣 지금 게시",
        "📅 캠페인 예약",
        "🕐 시간 지정",
    ]


async def test_post_now_publishes_the_approved_bytes_to_the_sandbox(app: App) -> None:
    event_id, _ = await approved_event(app)
    answer = only(await press(app, f"cp:{event_id}:now"), Notice)
    assert "지금 게시할게요: sandbox" in answer.text

    assert (await app.publishing.dispatcher.run_due()).published == 1

    [published] = outbox(app)
    image = (published["folder"] / "1.jpg").read_bytes()
    [post] = await posts_of(app, event_id)
    assert (
        hashlib.sha256(image).hexdigest() == post.image_sha256s[0] == published["image_sha256s"][0]
    )
    assert "서울 테크노 나이트 Vol.3" in published["caption"]
    assert post.status == "published"


async def test_a_campaign_is_shown_in_local_time_then_confirmed_and_published_on_time(
    app: App, clock: ManualClock
) -> None:
    event_id, _ = await approved_event(app)
    plan = only(await press(app, f"cp:{event_id}:plan"), Notice)
    assert plan.text.splitlines()[1:6] == [
        "1. 지금 · 공지",
        "2. 12월 13일 (일) 19:00 · 라인업",
        "3. 12월 17일 (목) 19:00 · 카운트다운 D-3",
        "4. 12월 19일 (토) 19:00 · 카운트다운 D-1",
        "5. 12월 20일 (일) 12:00 · 당일",
    ]
    assert plan.choices[0].id == f"cp:{event_id}:confirm"
    assert all(post.status == "planned" for post in await posts_of(app, event_id))

    scheduled = only(await press(app, f"cp:{event_id}:confirm"), Notice)
    assert "5" in scheduled.text.splitlines()[0]
    posts = await posts_of(app, event_id)
    assert [post.status for post in posts] == ["pending"] * 5
    assert len({post.image_sha256s[0] for post in posts}) == 5  # each drawn for its own day
    assert "D-3" in posts[2].caption and "D-1" in posts[3].caption
    for post in posts:
        assert app.media.read(post.image_sha256s[0])  # stored, content-addressed
        [delivery] = await deliveries_of(app, post.id)
        assert delivery.due_at == post.scheduled_at

    await app.publishing.dispatcher.run_due()  # the announcement goes now
    for post in posts[1:]:
        clock.now = post.scheduled_at
        assert (await app.publishing.dispatcher.run_due()).published == 1

    published = outbox(app)
    assert len(published) == 5
    times = [datetime.fromisoformat(item["published_at"]) for item in published]
    assert times[1:] == [post.scheduled_at for post in posts[1:]]
    assert [item["image_sha256s"][0] for item in published] == [p.image_sha256s[0] for p in posts]


async def test_pick_a_time_schedules_the_announcement_then(app: App) -> None:
    event_id, _ = await approved_event(app)
    ask = only(await press(app, f"cp:{event_id}:at"), Ask)
    assert "언제" in ask.prompt
    refused = await say(app, ORGANISER, "12월 25일 19:00")  # after the event starts
    assert isinstance(refused[0], Problem)
    notice = only(await say(app, ORGANISER, "12월 1일 오후 7시"), Notice)
    assert "12월 1일 (화) 19:00" in notice.text
    [post] = await posts_of(app, event_id)
    assert post.scheduled_at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert post.status == "pending"
    # The question is over: plain text gets the usual idle answer again.
    assert "/newevent" in only(await say(app, AUTHOR, "hello"), Notice).text


async def test_the_plan_can_be_edited_before_confirming(app: App) -> None:
    event_id, _ = await approved_event(app)
    await press(app, f"cp:{event_id}:plan")
    edit = only(await press(app, f"cp:{event_id}:edit"), Notice)
    posts = await posts_of(app, event_id)
    ids = [choice.id for choice in edit.choices]
    assert f"pp:{posts[1].id}:move" in ids and f"pp:{posts[1].id}:drop" in ids

    only(await press(app, f"pp:{posts[1].id}:drop"), Notice)  # no lineup post
    only(await press(app, f"pp:{posts[2].id}:move"), Ask)
    moved = only(await say(app, ORGANISER, "12월 16일 오후 8시"), Notice)
    assert "12월 16일 (수) 20:00 · 카운트다운 D-4" in moved.text
    only(await press(app, f"cp:{event_id}:add"), Ask)
    only(await press(app, f"cp:{event_id}:add:countdown"), Ask)
    added = only(await say(app, ORGANISER, "12월 10일 18:00"), Notice)
    assert "12월 10일 (목) 18:00 · 카운트다운 D-10" in added.text

    await press(app, f"cp:{event_id}:confirm")
    open_posts = [p for p in await posts_of(app, event_id) if p.status == "pending"]
    labels = [
        (p.template, p.scheduled_at.astimezone(SEOUL).strftime("%m-%d %H:%M")) for p in open_posts
    ]
    assert labels[1:] == [
        ("countdown", "12-10 18:00"),
        ("countdown", "12-16 20:00"),
        ("countdown", "12-19 19:00"),
        ("day_of", "12-20 12:00"),
    ]
    assert all(p.image_sha256s for p in open_posts)


async def test_schedule_lists_what_is_coming_with_cancel_buttons(app: App) -> None:
    event_id, _ = await approved_event(app)
    empty = only(await say(app, AUTHOR, Command("schedule")), Notice)
    assert f"cp:{event_id}:plan" in [choice.id for choice in empty.choices]

    await press(app, f"cp:{event_id}:plan")
    await press(app, f"cp:{event_id}:confirm")
    await app.publishing.dispatcher.run_due()
    listing = only(await say(app, AUTHOR, Command("schedule")), Notice)
    assert len(listing.text.splitlines()) == 5  # the head and four posts still to come
    posts = await posts_of(app, event_id)
    assert [choice.id for choice in listing.choices] == [f"pp:{p.id}:drop" for p in posts[1:]]

    only(await press(app, f"pp:{posts[1].id}:drop"), Notice)
    assert [p.status for p in await posts_of(app, event_id)][1] == "cancelled"
    [delivery] = await deliveries_of(app, posts[1].id)
    assert delivery.status == "cancelled"


async def test_a_new_date_moves_the_pending_posts_and_redraws_them(
    app: App, clock: ManualClock
) -> None:
    event_id, _ = await approved_event(app)
    await press(app, f"cp:{event_id}:plan")
    await press(app, f"cp:{event_id}:confirm")
    before = await posts_of(app, event_id)

    await press(app, f"rv:{event_id}:edit:starts_at")
    outputs = await say(app, ORGANISER, "12월 27일 밤 10시")
    notice = next(o for o in outputs if isinstance(o, Notice) and "새 날짜" in o.text)
    assert "12월 24일 (목) 19:00 · 카운트다운 D-3" in notice.text

    after = await posts_of(app, event_id)
    pending = [p for p in after if p.slot != "announcement"]
    assert [p.scheduled_at - b.scheduled_at for p, b in zip(pending, before[1:], strict=True)] == [
        timedelta(days=7)
    ] * 4
    # Redrawn for the new date: the words say it (a countdown image itself may not).
    assert all(
        "12월 27일" in p.caption and "12월 20일" in b.caption
        for p, b in zip(pending, before[1:], strict=True)
    )
    assert pending[0].image_sha256s != before[1].image_sha256s  # the lineup poster shows the date
    for post in pending:
        [delivery] = await deliveries_of(app, post.id)
        assert delivery.due_at == post.scheduled_at


async def test_cancelling_the_event_cancels_its_posts_and_says_so(app: App) -> None:
    event_id, _ = await approved_event(app)
    await press(app, f"cp:{event_id}:plan")
    await press(app, f"cp:{event_id}:confirm")
    assert (await app.publishing.dispatcher.run_due()).published == 1  # the announcement
    outputs = await press(app, f"rv:{event_id}:cancel")
    assert any(isinstance(o, Notice) and "게시물 4개도 취소" in o.text for o in outputs)
    statuses = [p.status for p in await posts_of(app, event_id)]
    assert statuses == ["published"] + ["cancelled"] * 4
    for post in (await posts_of(app, event_id))[1:]:
        assert [d.status for d in await deliveries_of(app, post.id)] == ["cancelled"]


async def test_someone_else_cannot_schedule_the_authors_event(app: App) -> None:
    event_id, _ = await approved_event(app)
    stranger = Sender("test", "chat-1", "stranger", is_group=True)
    [refused] = await ChatService(app).handle(stranger, Action(f"cp:{event_id}:now"))
    assert isinstance(refused, Problem)
    assert await posts_of(app, event_id) == []


async def test_nothing_connected_asks_to_connect(app: App) -> None:
    from tests.conversation.helpers import action_id, preview_of_full_event

    preview = await preview_of_full_event(app)
    await say(app, AUTHOR, Action(action_id(preview, "approve")))
    notice = only(await press(app, f"cp:{preview.event_id}:now"), Notice)
    assert "/connect" in notice.text


async def test_moving_on_while_asked_for_a_time_ends_the_question(app: App) -> None:
    event_id, _ = await approved_event(app)
    only(await press(app, f"cp:{event_id}:at"), Ask)
    theme = only(await press(app, f"rv:{event_id}:theme"), Ask)  # another button works
    assert theme.choices
    only(await press(app, f"cp:{event_id}:at"), Ask)
    first_question = only(await say(app, AUTHOR, Command("newevent")), Ask)
    assert "(1/7)" in first_question.prompt
    assert await posts_of(app, event_id) == []


async def test_a_time_question_in_the_middle_of_a_draft_returns_to_the_draft(app: App) -> None:
    event_id, _ = await approved_event(app)
    await say(app, AUTHOR, Command("newevent"), "Second night")  # now at question 2/7
    only(await press(app, f"cp:{event_id}:at"), Ask)
    only(await say(app, AUTHOR, "12월 1일 19:00"), Notice)
    resumed = only(await say(app, AUTHOR, Command("resume")), Ask)
    assert "(2/7)" in resumed.prompt
