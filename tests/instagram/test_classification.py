"""The pure pieces: error table, usage headers, quota arithmetic, finding a lost post."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from core.publishers.base import ErrorKind
from core.publishers.instagram_errors import (
    GraphError,
    classify,
    classify_container_error,
    parse_graph_error,
)
from core.publishers.instagram_quota import Quota, parse_quota, seconds_until_room
from core.publishers.instagram_recovery import pick_published
from core.publishers.instagram_usage import throttle_wait

NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)


def error(code: int, subcode: int | None = None, **extra: object) -> GraphError:
    body = {"error": {"code": code, "error_subcode": subcode, "message": "m", **extra}}
    parsed = parse_graph_error(400, body, retry_after=None)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("code", "subcode", "kind", "dead"),
    [
        (1, None, ErrorKind.TRANSIENT, False),
        (2, None, ErrorKind.TRANSIENT, False),
        (17, None, ErrorKind.RATE_LIMITED, False),
        (80002, None, ErrorKind.RATE_LIMITED, False),
        (24, 2207008, ErrorKind.TRANSIENT, True),
        (-1, 2207001, ErrorKind.TRANSIENT, False),
        (-2, 2207003, ErrorKind.TRANSIENT, True),
        (9004, 2207052, ErrorKind.TRANSIENT, True),
        (36003, 2207009, ErrorKind.PERMANENT, False),
        (100, 2207028, ErrorKind.PERMANENT, False),
        (4, 2207051, ErrorKind.PERMANENT, False),
        (25, 2207050, ErrorKind.PERMANENT, False),
        (190, 460, ErrorKind.AUTH, False),
        (200, None, ErrorKind.PERMANENT, False),
        (100, None, ErrorKind.PERMANENT, False),
    ],
)
def test_error_table(code: int, subcode: int | None, kind: ErrorKind, dead: bool) -> None:
    rule = classify(error(code, subcode))

    assert (rule.kind, rule.container_dead) == (kind, dead)
    assert rule.message


def test_is_transient_flag_wins_over_an_unknown_code() -> None:
    assert classify(error(123, is_transient=True)).kind is ErrorKind.TRANSIENT


def test_a_body_without_an_error_is_not_a_graph_error() -> None:
    assert parse_graph_error(502, "<html>", retry_after=None) is None
    assert parse_graph_error(200, {"id": "1"}, retry_after=None) is None


def test_container_error_status_text_names_the_subcode() -> None:
    rule, code = classify_container_error("Error: Media upload has failed with error code 2207004")

    assert (rule.kind, code, rule.container_dead) == (ErrorKind.PERMANENT, "2207004", True)
    assert "8 MB" in rule.message
    unknown, code = classify_container_error("Error: something new")
    assert unknown.kind is ErrorKind.PERMANENT and code == "ERROR"


def _headers(entry: dict[str, object], name: str = "X-Business-Use-Case-Usage") -> dict[str, str]:
    if name == "X-App-Usage":
        return {name: json.dumps(entry)}
    return {name: json.dumps({"17841400000000001": [{"type": "instagram", **entry}]})}


def test_usage_headers() -> None:
    assert throttle_wait({}) is None
    assert throttle_wait({"X-Business-Use-Case-Usage": "not json"}) is None
    assert throttle_wait(_headers({"call_count": 99})) is None
    assert throttle_wait(_headers({"total_time": 100})) == 300
    assert throttle_wait(_headers({"call_count": 5, "estimated_time_to_regain_access": 3})) == 180
    assert throttle_wait(_headers({"call_count": 100}, "X-App-Usage")) == 300


def test_quota_parsing_reads_total_and_window() -> None:
    body = {"data": [{"quota_usage": 2, "config": {"quota_total": 100, "quota_duration": 86400}}]}

    assert parse_quota(body) == Quota(usage=2, total=100, window=86400)
    assert parse_quota({"data": []}) is None


def test_quota_room_when_some_posts_are_not_listed_is_a_full_window() -> None:
    quota = Quota(usage=3, total=3, window=86400)
    seen = [NOW - timedelta(hours=20)]

    assert seconds_until_room(quota, seen, NOW) == 86400


def test_quota_room_counts_from_the_post_that_must_leave() -> None:
    quota = Quota(usage=4, total=3, window=86400)  # two must leave
    seen = [NOW - timedelta(hours=h) for h in (23, 22, 5, 1)]

    assert seconds_until_room(quota, seen, NOW) == 2 * 3600


def item(id_: str, minutes: int, caption: str = "Night", media_type: str = "IMAGE") -> dict:
    stamp = (NOW + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S+0000")
    return {"id": id_, "timestamp": stamp, "caption": caption, "media_type": media_type}


def test_pick_published_matches_time_type_and_caption_not_position() -> None:
    items = [
        item("newest-by-hand", 9, "Other"),
        item("ours", 1, "Night\r\n"),
        item("album", 2, "Night", "CAROUSEL_ALBUM"),
        item("before", -30),
    ]

    assert pick_published(items, since=NOW, media_type="IMAGE", caption="Night") == "ours"
    assert pick_published(items, since=NOW, media_type="IMAGE", caption="Gone") is None
    assert pick_published(items, since=NOW, media_type="IMAGE", caption=None) == "ours"
