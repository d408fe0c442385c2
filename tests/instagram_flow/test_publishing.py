"""Approve, "Post now", and the dispatcher publishes through the Instagram publisher the
engine built itself, with the fake downloading the image from the real media server."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import httpx

from core import i18n
from core.app import App
from core.clock import ManualClock
from core.conversation.messages import Notice, Problem
from core.publishers.reasons import Reason
from core.publishing.jobs import load_reports
from core.publishing.notices import PostReport, notice_for
from storage import deliveries as rows
from tests.conversation.helpers import only
from tests.fakes.graph_api import FakeGraphApi, LostReply, ServerError, TransientError
from tests.instagram_flow.helpers import (
    approved_with_instagram,
    deliveries,
    instagram_targets,
    listen,
    press,
)


async def test_post_now_publishes_once_with_the_permalink_in_the_chat(
    app: App, graph: FakeGraphApi
) -> None:
    notifier = listen(app)
    event_id, approved = await approved_with_instagram(app)
    assert [c.label for c in approved.choices][-1] == "📱 스토리로 게시"
    answer = only(await press(app, f"cp:{event_id}:now"), Notice)
    assert "Instagram @seoul.underground" in answer.text

    report = await app.publishing.dispatcher.run_due()

    assert report.published == 1
    [media] = graph.published
    assert media.product_type == "FEED" and "서울 테크노 나이트 Vol.3" in media.caption
    [delivery] = await deliveries(app)
    assert (delivery.status, delivery.external_id, delivery.url) == (
        rows.PUBLISHED,
        media.id,
        media.permalink,
    )
    [fetch] = graph.fetches
    assert fetch.ok and fetch.content_type == "image/jpeg"
    query = parse_qs(urlparse(fetch.url).query)
    assert set(query) == {"exp", "sig"}
    [told] = notifier.outputs
    assert isinstance(told, Notice) and media.permalink in told.text


async def test_a_forged_media_url_is_refused(app: App, graph: FakeGraphApi) -> None:
    event_id, _ = await approved_with_instagram(app)
    await press(app, f"cp:{event_id}:now")
    await app.publishing.dispatcher.run_due()
    [fetch] = graph.fetches
    forged = fetch.url.replace("sig=", "sig=0")
    async with httpx.AsyncClient() as client:
        assert (await client.get(forged)).status_code == 403
        assert (await client.get(fetch.url)).status_code == 200


async def test_an_expired_token_asks_to_reconnect_once_and_never_retries(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    notifier = listen(app)
    event_id, _ = await approved_with_instagram(app)
    graph.expire_token()
    await press(app, f"cp:{event_id}:now")

    report = await app.publishing.dispatcher.run_due()

    assert (report.published, report.failed, report.retrying) == (0, 1, 0)
    [target] = await instagram_targets(app)
    assert target.status == "needs_reconnect"
    [delivery] = await deliveries(app)
    assert (delivery.status, delivery.last_error_kind) == (rows.FAILED, "auth")
    assert delivery.last_error_key == Reason.IG_TOKEN_EXPIRED
    assert "expired" in (delivery.last_error_message or "")  # English, for the logs
    [told] = notifier.outputs
    expired = "인스타그램 토큰이 만료됐어요. /connect instagram 으로 다시 연결해 주세요."
    assert isinstance(told, Problem) and f": {expired}" in told.message
    assert "expired" not in told.message  # no English in a Korean chat
    # Rendered again later from the stored row alone, in the other language too.
    [(report, _, _)] = (await stored_reports(app, delivery.post_id)).values()
    english = notice_for(replace(report, locale="en"), rows.FAILED)
    assert isinstance(english, Problem)
    assert i18n.text(Reason.IG_TOKEN_EXPIRED, "en") in english.message
    calls = len(graph.calls)
    clock.advance(timedelta(hours=2))
    await app.publishing.dispatcher.run_due()
    assert len(graph.calls) == calls  # nothing more was tried
    assert len(notifier.outputs) == 1  # told exactly once


async def test_a_lost_publish_reply_is_verified_not_published_twice(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    notifier = listen(app)
    event_id, _ = await approved_with_instagram(app)
    graph.inject("media_publish", LostReply())
    await press(app, f"cp:{event_id}:now")

    first = await app.publishing.dispatcher.run_due()
    assert (first.published, first.retrying) == (0, 1)
    [delivery] = await deliveries(app)
    assert delivery.verify_first and delivery.journal["container_id"]
    clock.now = delivery.due_at
    second = await app.publishing.dispatcher.run_due()

    assert second.published == 1
    [media] = graph.published
    assert len(graph.calls_to("media_publish")) == 1
    [delivery] = await deliveries(app)
    assert (delivery.status, delivery.external_id) == (rows.PUBLISHED, media.id)
    [told] = notifier.outputs
    assert isinstance(told, Notice) and media.permalink in told.text


async def test_an_exhausted_quota_waits_for_the_window(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    notifier = listen(app)
    graph.quota_total = 1
    graph.seed_post(clock() - timedelta(hours=1))  # the day's allowance is used
    event_id, _ = await approved_with_instagram(app)
    await press(app, f"cp:{event_id}:now")

    first = await app.publishing.dispatcher.run_due()

    assert (first.published, first.failed, first.retrying) == (0, 0, 1)
    [delivery] = await deliveries(app)
    assert (delivery.status, delivery.last_error_kind) == (rows.PENDING, "rate_limited")
    wait = delivery.due_at - clock()
    assert timedelta(hours=22) < wait <= timedelta(hours=23, minutes=1)
    assert graph.calls_to("create_container") == []
    assert notifier.outputs == []  # waiting is not news
    clock.now = delivery.due_at
    assert (await app.publishing.dispatcher.run_due()).published == 1
    assert len(graph.published) == 1


async def test_server_errors_and_transient_errors_are_retried(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    event_id, _ = await approved_with_instagram(app)
    graph.inject("publishing_limit", ServerError(503))
    graph.inject("create_container", TransientError())
    await press(app, f"cp:{event_id}:now")

    for _ in range(3):
        report = await app.publishing.dispatcher.run_due()
        if report.published:
            break
        [delivery] = await deliveries(app)
        assert delivery.status == rows.PENDING
        clock.now = delivery.due_at

    assert len(graph.published) == 1


async def stored_reports(app: App, post_id: int) -> dict[int, tuple[PostReport, str, str]]:
    async with app.sessions() as session:
        return await load_reports(session, [post_id])
