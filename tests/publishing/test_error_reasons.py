"""Every reason a publisher gives the chat is in the catalogue, in Korean and English.

The keys come from the `Reason` registry, and the errors below are produced by the
publishers' own classification code, so a key or a param that does not fit its template
fails here rather than in a chat.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import discord
import httpx
import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.publishers import discord_errors, telegram_channel
from core import i18n
from core.publishers import instagram_errors
from core.publishers.base import Publication, PublishError
from core.publishers.instagram_errors import GraphError
from core.publishers.instagram_quota import Quota, quota_error
from core.publishers.instagram_rules import check_publication
from core.publishers.reasons import Reason
from core.publishing.notices import reason

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", list(Reason))
def test_every_reason_is_in_both_languages_with_the_same_placeholders(key: Reason) -> None:
    entry = i18n.CATALOGUE[key]
    assert set(entry) == {"ko", "en"} and all(entry.values())
    assert placeholders(entry["ko"]) == placeholders(entry["en"])


def test_the_catalogue_has_no_publish_errors_outside_the_registry() -> None:
    in_catalogue = {key for key in i18n.CATALOGUE if key.startswith("publish_error.")}
    assert in_catalogue == {str(key) for key in Reason}


def graph_errors() -> Iterator[GraphError]:
    for subcode in (463, 460, 458, 467, None):
        yield GraphError(400, 190, subcode, "Error validating access token")
    for subcode in instagram_errors._BY_SUBCODE:
        yield GraphError(400, 9004 if subcode != 2207051 else 4, subcode, "refused")
    yield GraphError(400, 4, None, "Application request limit reached")
    yield GraphError(403, 10, None, "instagram_content_publish missing")
    yield GraphError(400, 200, None, "Permissions error")
    yield GraphError(500, 1, None, "An unknown error occurred")
    yield GraphError(400, 100, None, "Invalid parameter", user_message="그 사진은 안 돼요")


def telegram_errors() -> Iterator[TelegramError]:
    yield RetryAfter(timedelta(seconds=30))
    yield Forbidden("bot was kicked from the channel chat")
    yield ChatMigrated(-1001234)
    yield BadRequest("Chat not found")
    yield BadRequest("Wrong file identifier")
    cut = NetworkError("connect failed")
    cut.__cause__ = httpx.ConnectError("refused")
    yield cut
    yield TimedOut()
    yield TelegramError("something else")


def discord_answers() -> Iterator[discord.HTTPException]:
    answers: list[tuple[int, dict[str, Any]]] = [
        (429, {"retry_after": 2.5}),
        (502, {}),
        (404, {"code": 10015, "message": "Unknown Webhook"}),
        (403, {"code": 50013, "message": "Missing Permissions"}),
        (413, {}),
        (400, {"code": 50035, "message": "Invalid Form Body"}),
    ]
    for status, body in answers:
        yield discord.HTTPException(SimpleNamespace(status=status, reason="refused"), body)


def rule_errors() -> Iterator[PublishError]:
    too_many = " ".join(f"#{n}" for n in range(31))
    mentions = " ".join(f"@u{n}" for n in range(21))
    for publication in (
        Publication(1, (), (), "caption"),
        Publication(1, (b"x", b"y"), ("a", "b"), "", placement="story"),
        Publication(1, (b"x",) * 11, tuple("abcdefghijk"), "caption"),
        Publication(1, (b"x",), ("a",), "x" * 2201),
        Publication(1, (b"x",), ("a",), too_many),
        Publication(1, (b"x",), ("a",), mentions),
        Publication(1, (b"x",), ("a",), "caption", alt_text="x" * 1001),
    ):
        with pytest.raises(PublishError) as caught:
            check_publication(publication)
        yield caught.value


class NoQuotaApi:
    async def get(self, path: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        raise LookupError(path)


async def publisher_errors() -> list[PublishError]:
    errors = [instagram_errors.as_publish_error(error) for error in graph_errors()]
    for status in ("Error: 2207026", "Error: something odd"):
        rule, code = instagram_errors.classify_container_error(status)
        errors.append(rule.error(code))
    errors += [instagram_errors.unconfirmed("x"), instagram_errors.new_container("x")]
    errors += list(rule_errors())
    api: Any = NoQuotaApi()
    errors.append(await quota_error(api, "1", NOW, Quota(usage=25, total=25, window=3600)))
    errors.append(await quota_error(api, "1", NOW, Quota(usage=25, total=25, window=86400)))
    errors += [telegram_channel.classify(error) for error in telegram_errors()]
    errors += [discord_errors.http_error(e, what="the Discord channel") for e in discord_answers()]
    errors.append(discord_errors.transport_error(ConnectionRefusedError("refused")))
    errors.append(discord_errors.transport_error(TimeoutError("slow")))
    return errors


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # retry_after
@pytest.mark.parametrize("locale", ["ko", "en"])
async def test_the_reasons_publishers_give_render_in_both_languages(locale: str) -> None:
    for error in await publisher_errors():
        assert error.message_key in set(Reason), error
        said = i18n.text(error.message_key, locale, **error.message_params)
        assert "{" not in said and said != error.message_key


async def test_korean_reasons_are_korean_and_keep_codes_for_support() -> None:
    expired = instagram_errors.as_publish_error(GraphError(400, 190, 463, "expired"))
    assert expired.message_key == Reason.IG_TOKEN_EXPIRED
    assert reason("auth", expired.user_message, "ko", expired.message_key) == (
        "인스타그램 토큰이 만료됐어요. /connect instagram 으로 다시 연결해 주세요."
    )
    odd = instagram_errors.as_publish_error(GraphError(400, 190, 999, "odd"))
    ko = i18n.text(odd.message_key or "", "ko", **odd.message_params)
    assert ko.endswith("(코드 190/999)")


def test_a_reason_without_a_key_or_with_a_stale_key_falls_back_to_the_stored_words() -> None:
    lead = i18n.text("error.permanent", "ko")
    assert reason("permanent", "old words", "ko") == f"{lead} — old words"
    assert reason("permanent", "old words", "ko", "publish_error.gone_since") == (
        f"{lead} — old words"
    )
    missing_param = reason("permanent", "old", "ko", Reason.IG_CAPTION_TOO_LONG, {"count": 3})
    assert missing_param == f"{lead} — old"


def test_transient_reasons_keep_the_lead_that_says_flyerbot_tried_several_times() -> None:
    params = {"platform": "Instagram"}
    said = reason("transient", "x", "ko", Reason.UNREACHABLE, params)
    assert said == (
        f"{i18n.text('error.transient', 'ko')} — "
        f"{i18n.text(Reason.UNREACHABLE, 'ko', platform='Instagram')}"
    )
