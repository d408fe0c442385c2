"""Hostile text in every field, through the real frontend: refused clearly or shown safely.

Markup, SQL, Discord mentions and right-to-left text are ordinary titles and names: they
must reach the chat and the caption as the very characters typed (plain text, never
parsed as HTML or Markdown, no mention entities), and the images must render in bounds.
Invisible characters, bidi overrides and 10,000 characters are refused with a message,
and the draft is kept.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from core import i18n
from core.app import App
from core.parsing.text import find_invisible, has_control
from storage.models import User, Workspace
from tests.fakes.telegram_api import Call, FakeBotAPI
from tests.telegram.conftest import TelegramHarness
from tests.telegram.test_newevent import full_event

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

SHOWN = {
    "html": "<b>Night</b> <a href='tg://user?id=1'>me</a> &amp;",
    "markdown": "*Night* _x_ [link](https://evil.example) `x`",
    "sql": "Robert'); DROP TABLE events;--",
    "mentions": "@everyone @here <@123> <#456>",
    "rtl": "ليلة التكنو שלום Night",
}
REFUSED = {
    "Night \u202eOut": "title.control_chars",
    "Seoul\u200bTechno": "title.invisible",
    "가" * 10_000: "title.too_long",
    "\u3164": "title.invisible",
}


def _plain(call: Call) -> None:
    """Sent as plain text: no parse mode, and no entity except a mention of the speaker."""
    assert "parse_mode" not in call.params
    for entity in call.get("entities") or call.get("caption_entities") or []:
        assert entity["type"] == "text_mention"


async def _event_with(tg: TelegramHarness, fake: FakeBotAPI, hostile: str) -> Call:
    user = fake.user("Mina")
    dm = fake.dm(user)
    await tg.say(dm, user, "/newevent")
    for answer in (
        hostile[:80],
        "12월 20일 밤 10시",
        f"{hostile[:40]}, {hostile[:20]}",
        f"22:00-23:30 {hostile[:50]}\n23:30 Soma",
    ):
        await tg.say(dm, user, answer)
    question = await tg.say(dm, user, hostile[:30])  # the genre, in the user's own words
    question = await tg.say(dm, user, "https://tickets.example.com/x")
    return await tg.press(dm, user, question, "nv:skip", expect="sendPhoto")


@pytest.mark.parametrize("name", sorted(SHOWN))
async def test_hostile_text_is_shown_as_typed_in_chat_caption_and_image(
    telegram: TelegramHarness, fake: FakeBotAPI, name: str
) -> None:
    hostile = SHOWN[name]
    preview = await _event_with(telegram, fake, hostile)

    assert hostile[:80] in preview["caption"] and len(preview["caption"]) <= 1024
    for call in fake.calls:
        if call.method in ("sendMessage", "sendPhoto", "editMessageText", "editMessageCaption"):
            _plain(call)
    [image] = preview.uploads()
    with Image.open(io.BytesIO(image)) as decoded:
        assert decoded.format == "JPEG" and decoded.size == (1080, 1080)


async def test_invisible_overriding_and_huge_titles_are_refused_and_the_draft_kept(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    user = fake.user("Mina")
    dm = fake.dm(user)
    await telegram.say(dm, user, "/newevent")
    for typed, key in REFUSED.items():
        answer = await telegram.say(dm, user, typed)
        assert i18n.text(key, "ko").split("{")[0][:8] in answer["text"]
        assert "예:" in answer["text"] and len(answer["text"]) < 4096
        _plain(answer)
    second = await telegram.say(dm, user, "서울 테크노 나이트")
    assert "(2/7)" in second["text"]  # still the same draft, now past the title


async def test_a_hostile_display_name_is_quoted_without_its_controls(
    app: App, telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group("\u2066Seoul\u2069 promoters\u200b")
    user = fake.user("\u202eMina\u200b")
    mark = len(fake.calls)
    preview = await full_event(telegram, group, user, group=True)
    approved = await telegram.press(group, user, preview, preview.callback_data()[0])

    assert "Mina" in approved["text"]
    for call in fake.calls[mark:]:
        for key in ("text", "caption"):
            shown = call.get(key)
            if isinstance(shown, str):
                assert not has_control(shown, allow_newlines=True), (call.method, shown)
                assert find_invisible(shown) is None, (call.method, shown)
    async with app.sessions() as session:
        names = (await session.scalars(select(User.display_name))).all()
        titles = (await session.scalars(select(Workspace.title))).all()
    assert names == ["Mina"] and titles == ["Seoul promoters"]
