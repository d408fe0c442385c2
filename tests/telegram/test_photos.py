"""Photos for the background: sent compressed or as a file, sizes checked before download."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from core.app import App
from storage.models import Event
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeChat, FakeUser
from tests.telegram.conftest import TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def picture(kind: str = "JPEG", size: tuple[int, int] = (800, 1000)) -> bytes:
    image = Image.new("RGB", size)
    for x in range(0, size[0], 40):  # some structure, so it is a real photo to crop
        image.paste((x % 256, 40, 200 - x % 200), (x, 0, x + 20, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


async def at_photo_question(telegram: TelegramHarness, chat: FakeChat, user: FakeUser) -> Call:
    question = await telegram.say(chat, user, "/newevent")
    for text in ("Photo night", "2026-12-20 22:00", "Faust, Berlin", "skip"):
        question = await telegram.say(chat, user, text)
    question = await telegram.press(chat, user, question, "nv:pick:house")
    question = await telegram.say(chat, user, "skip")
    assert "(7/7)" in question["text"]
    return question


async def photo_of_event(app: App) -> str | None:
    async with app.sessions() as session:
        return (await session.execute(select(Event.photo_sha256))).scalar_one()


async def test_a_photo_becomes_the_background(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    await at_photo_question(telegram, dm, mina)
    mark = len(fake.calls)
    fake.send_photo(dm, mina, picture())
    await telegram.settle()
    assert telegram.sent_since(mark, "getFile")
    assert telegram.sent_since(mark, "sendPhoto")
    assert await photo_of_event(app) is not None


async def test_a_png_sent_as_a_file_is_accepted(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    await at_photo_question(telegram, dm, mina)
    mark = len(fake.calls)
    fake.send_document(dm, mina, picture("PNG"), mime_type="image/png", file_name="bg.png")
    await telegram.settle()
    assert telegram.sent_since(mark, "sendPhoto")
    assert await photo_of_event(app) is not None


async def test_a_20_mb_photo_is_refused_before_download(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    await at_photo_question(telegram, dm, mina)
    mark = len(fake.calls)
    fake.send_photo(dm, mina, picture(), reported_size=20 * 1024 * 1024)
    await telegram.settle()

    problem, question = telegram.sent_since(mark)
    assert "너무 커요" in problem["text"] and "20MB" in problem["text"]
    assert "(7/7)" in question["text"]  # the draft goes on: the same question again
    assert telegram.sent_since(mark, "getFile") == [] and fake.downloads == []
    assert await photo_of_event(app) is None

    fake.send_photo(dm, mina, picture())  # a smaller one is still welcome
    await telegram.settle()
    assert await photo_of_event(app) is not None


async def test_a_file_whose_size_only_getfile_knows_is_refused_before_download(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    await at_photo_question(telegram, dm, mina)
    mark = len(fake.calls)
    fake.send_document(dm, mina, picture(), reported_size=12 * 1024 * 1024, announce_size=False)
    await telegram.settle()
    assert telegram.sent_since(mark, "getFile") and fake.downloads == []
    assert "12MB" in telegram.sent_since(mark)[0]["text"]
    assert await photo_of_event(app) is None


async def test_a_file_that_is_not_an_image_is_refused_by_its_content(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    await at_photo_question(telegram, dm, mina)
    mark = len(fake.calls)
    fake.send_document(dm, mina, b"%PDF-1.7 not a picture", mime_type="image/jpeg")
    await telegram.settle()
    problem = telegram.sent_since(mark)[0]
    assert problem["text"].startswith("⚠️") and "사진" in problem["text"]
    assert await photo_of_event(app) is None
