"""A flooding user in a group gets one notice and is then ignored; the group is not."""

from __future__ import annotations

import pytest

from core import i18n
from tests.fakes.telegram_api import FakeBotAPI
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def test_a_flood_earns_one_notice_then_silence(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group("Seoul promoters")
    spammer, mina = fake.user("Spammer"), fake.user("Mina")
    mark = len(fake.calls)
    for _ in range(25):  # the injected clock stands still: all within one second
        fake.send_text(group, spammer, f"/help@{BOT_USERNAME}")
    fake.send_text(group, mina, f"/help@{BOT_USERNAME}")
    await telegram.settle()

    texts = [call["text"] for call in telegram.sent_since(mark)]
    notice = i18n.text("chat.flood", "ko", max=20, window=10, quiet=60)
    assert texts.count(notice) == 1
    assert len(texts) == 20 + 1 + 1  # twenty answers, the notice, and Mina's answer
    assert texts[-1] != notice  # Mina was answered after the flood
