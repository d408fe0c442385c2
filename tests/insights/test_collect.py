"""The collector against the fake Graph API over real HTTP: values, faults, cadence."""

from __future__ import annotations

from datetime import timedelta

from core.app import App
from core.clock import ManualClock
from core.insights.metrics import FEED_METRICS, STORY_METRICS
from tests.fakes.graph_api import FakeGraphApi, GraphErrorReply, Throttled
from tests.insights.helpers import (
    collector,
    latest,
    seed_instagram,
    snapshots,
    sync_row,
    target_status,
)


async def test_a_feed_post_is_read_with_its_metrics_and_numbers_are_the_fakes(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    published = clock() - timedelta(hours=3)
    seeded = await seed_instagram(app, graph, published_at=published)
    run = await collector(app).run_due()
    assert run.read == 2  # the post, and the account once a day
    values = await latest(app, seeded.delivery_ids[0])
    media = seeded.media[0]
    assert values == {metric: graph.insight_value(media, metric) for metric in FEED_METRICS}
    asked = graph.calls_to("media_insights")[0].params["metric"].split(",")
    assert asked == list(FEED_METRICS) and "impressions" not in asked
    account = [row for row in await snapshots(app) if row.delivery_id is None]
    assert {row.metric: row.value for row in account} == {
        "followers": 1200,
        "reach": graph._account_total("reach"),
        "views": graph._account_total("views"),
    }


async def test_a_story_asks_for_story_metrics(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock(), story=True)
    graph.media[seeded.media[0].id].insights = {"reach": 40, "replies": 2}
    await collector(app).run_due()
    values = await latest(app, seeded.delivery_ids[0])
    assert set(values) == set(STORY_METRICS)
    assert values["reach"] == 40 and values["replies"] == 2


async def test_one_refused_metric_is_dropped_and_the_rest_still_read(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=5))
    graph.refused_metrics = {"saved"}
    reader = collector(app)
    await reader.run_due()
    values = await latest(app, seeded.delivery_ids[0])
    assert "saved" not in values
    assert values["reach"] == graph.insight_value(seeded.media[0], "reach")
    assert set(values) == set(FEED_METRICS) - {"saved"}
    # The next reading remembers: one request without the refused metric.
    graph.calls.clear()
    clock.advance(timedelta(minutes=15))
    await reader.run_due()
    (call,) = graph.calls_to("media_insights")
    assert "saved" not in call.params["metric"].split(",")


async def test_no_data_is_stored_as_no_data_not_zero(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock())
    graph.media[seeded.media[0].id].no_data = True
    await collector(app).run_due()
    values = await latest(app, seeded.delivery_ids[0])
    assert values == dict.fromkeys(FEED_METRICS)  # every metric: None, not 0


async def test_a_deleted_post_stops_being_read_and_shows_as_deleted(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=1))
    reader = collector(app)
    await reader.run_due()
    graph.delete_media(seeded.media[0].id)
    clock.advance(timedelta(minutes=15))
    run = await reader.run_due()
    assert run.deleted == 1
    assert (await sync_row(app, seeded.delivery_ids[0])).status == "deleted"
    graph.calls.clear()
    clock.advance(timedelta(hours=2))
    await reader.run_due()
    assert graph.calls_to("media_insights") == []


async def test_an_expired_token_marks_the_account_and_skips_it_until_reconnected(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=1), posts=3)
    graph.expire_token()
    run = await collector(app).run_due()
    assert run.read == 0 and run.postponed == 4
    assert await target_status(app, seeded.seeded.target_ids[0]) == "needs_reconnect"
    assert await snapshots(app) == []
    graph.calls.clear()
    clock.advance(timedelta(hours=1))
    await collector(app).run_due()
    assert graph.calls == []  # nothing is asked with a token known to be dead


async def test_throttling_backs_off_until_the_regain_time(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=1), posts=3)
    graph.inject("*", Throttled(regain_minutes=20), times=1)
    reader = collector(app)
    run = await reader.run_due()
    assert run.postponed >= 1 and run.failed == 0
    for delivery_id in seeded.delivery_ids:
        row = await sync_row(app, delivery_id)
        assert row.status == "active"
    graph.calls.clear()
    clock.advance(timedelta(minutes=19))
    await reader.run_due()
    assert graph.calls == []  # still inside the regain time
    clock.advance(timedelta(minutes=2))
    run = await reader.run_due()
    assert run.read >= 1


async def test_the_usage_header_at_100_percent_stops_calls_for_that_account(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    await seed_instagram(app, graph, published_at=clock() - timedelta(hours=1), posts=6)
    graph.usage = {"call_count": 100, "total_cputime": 10, "estimated_time_to_regain_access": 7}
    reader = collector(app)
    run = await reader.run_due()
    assert run.read >= 1 and run.postponed >= 1 and run.failed == 0
    graph.usage = None
    calls = len(graph.calls)
    clock.advance(timedelta(minutes=6))
    await reader.run_due()
    assert len(graph.calls) == calls
    clock.advance(timedelta(minutes=2))
    await reader.run_due()
    assert len(graph.calls) > calls


async def test_readings_follow_the_cadence_and_stop_after_thirty_days(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock())
    reader = collector(app)
    reads = 0

    async def step(delta: timedelta) -> None:
        nonlocal reads
        clock.advance(delta)
        reads += (await reader.run_due()).read

    await step(timedelta())
    for _ in range(4):
        await step(timedelta(minutes=15))
    first_hour = len(graph.calls_to("media_insights"))
    assert first_hour == 5
    row = await sync_row(app, seeded.delivery_ids[0])
    assert row.next_at == clock() + timedelta(minutes=15)
    clock.advance(timedelta(days=2) - (clock() - row.next_at))
    await reader.run_due()
    row = await sync_row(app, seeded.delivery_ids[0])
    assert row.next_at - clock() == timedelta(hours=1)
    clock.advance(timedelta(days=10))
    await reader.run_due()
    row = await sync_row(app, seeded.delivery_ids[0])
    assert row.next_at - clock() == timedelta(days=1)
    clock.advance(timedelta(days=25))
    await reader.run_due()
    assert (await sync_row(app, seeded.delivery_ids[0])).status == "done"


async def test_unchanged_numbers_are_not_stored_again(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(days=3))
    media = graph.media[seeded.media[0].id]
    media.insights = {metric: 10 for metric in FEED_METRICS}
    reader = collector(app)
    await reader.run_due()
    clock.advance(timedelta(hours=1))
    media.insights["reach"] = 12
    await reader.run_due()
    rows = await snapshots(app, seeded.delivery_ids[0])
    assert len(rows) == len(FEED_METRICS) + 1
    assert [row.value for row in rows if row.metric == "reach"] == [10, 12]


async def test_a_server_error_is_retried_later_without_losing_the_post(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=1))
    graph.inject("media_insights", GraphErrorReply(code=2, message="Service unavailable"))
    reader = collector(app)
    run = await reader.run_due()
    assert run.failed == 1
    clock.advance(timedelta(minutes=15))
    run = await reader.run_due()
    assert run.read == 1
    assert (await latest(app, seeded.delivery_ids[0]))["reach"] is not None
