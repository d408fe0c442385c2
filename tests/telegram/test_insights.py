"""/insights through the real python-telegram-bot: the message with its chart as a photo."""

from __future__ import annotations

import pytest

from tests.fakes.telegram_api import FakeBotAPI
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def test_insights_answers_with_the_chart_and_the_numbers_as_its_caption(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group()
    mina = fake.user("Mina")
    sent = await telegram.say(group, mina, f"/insights@{BOT_USERNAME}", expect="sendPhoto")
    [chart] = sent.uploads()
    assert chart.startswith(b"\xff\xd8\xff")
    assert "📊" in sent["caption"] and "아직 게시된 포스트가 없어요" in sent["caption"]


async def test_an_unknown_event_name_gets_a_plain_answer(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    dm = fake.dm(mina := fake.user("Mina"))
    answer = await telegram.say(dm, mina, "/insights berlin")
    assert "berlin" in answer["text"]
