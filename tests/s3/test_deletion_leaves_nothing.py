"""`/deletemydata` leaves nothing of the person behind: a walk over DATA_DIR and the bucket.

Mina, in her private chat, makes an event with a photo, looks at it in the console (which
keeps preview copies), connects the sandbox and Instagram (images hosted on moto's S3),
posts now, posts a story and confirms a campaign (lineup, countdown and day-of images).
Jun, in his own private chat, sends the very same photo. After Mina deletes her data, no
file under DATA_DIR and no object in the bucket holds any of her images or captions, and
Jun's photo (the same bytes as Mina's) is still there.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.console import Console
from core.app import App
from core.chat_service import ChatService
from core.conversation.messages import Action, Command, Input, Notice, Photo, Preview, Sender, Text
from storage.models import Creative, Event, Media, Post, User
from tests.conversation.helpers import FULL_EVENT, action_id, only
from tests.fakes.graph_api import TOKEN, FakeGraphApi
from tests.s3.moto_s3 import REGION, MotoS3
from tests.telegram.test_photos import picture

boto3 = pytest.importorskip("boto3")

PREFIX = "deletion-test/"
MINA = Sender("test", "501", "501", user_name="Mina")
JUN = Sender("test", "502", "502", user_name="Jun")
MINA_TITLE = "Mina Only Night 민아"


@pytest.fixture
def s3_prefix() -> str:
    return PREFIX


def event_with_photo(title: str, photo: bytes) -> list[Input]:
    """The sample event, under another title, with a photo instead of skipping it."""
    steps = list(FULL_EVENT)
    steps[1] = Text(title)
    steps[-1] = Photo(photo, "image/jpeg")
    return steps


async def tell(chat: ChatService, sender: Sender, *inputs: Input) -> list:  # type: ignore[type-arg]
    outputs: list = []  # type: ignore[type-arg]
    for message in inputs:
        outputs = await chat.handle(sender, message)
    return outputs


def bucket_keys(moto: MotoS3) -> set[str]:
    client = boto3.client(
        "s3",
        endpoint_url=moto.url,
        region_name=REGION,
        aws_access_key_id=moto.access_key_id,
        aws_secret_access_key=moto.secret_access_key,
    )
    listed = client.list_objects_v2(Bucket=moto.bucket, Prefix=PREFIX)
    return {item["Key"] for item in listed.get("Contents", [])}


def every_file(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


async def hashes_of(app: App, sender: Sender) -> set[str]:
    """Every image hash the sender's rows hold."""
    async with app.sessions() as session:
        user_id = await session.scalar(
            select(User.id).where(User.platform_user_id == sender.user_id)
        )
        events = list(
            (await session.execute(select(Event).where(Event.author_id == user_id))).scalars()
        )
        ids = [event.id for event in events]
        found = {event.photo_sha256 for event in events if event.photo_sha256}
        for query in (
            select(Creative.image_sha256s).where(Creative.event_id.in_(ids)),
            select(Post.image_sha256s).where(Post.event_id.in_(ids)),
        ):
            for (listed,) in await session.execute(query):
                found.update(listed)
    return found


async def test_nothing_of_the_deleted_user_is_left_in_data_dir_or_the_bucket(
    app: App, graph: FakeGraphApi, moto: MotoS3
) -> None:
    chat = ChatService(app)
    photo = picture()
    data_dir = Path(app.settings.data_dir)
    console = Console(chat, data_dir / "previews", stdout=io.StringIO())

    # Mina: a photo, previews seen in the console, everything connected and posted.
    only(await tell(chat, MINA, Command("connect", f"instagram {TOKEN}")), Notice)
    only(await tell(chat, MINA, Command("connect", "sandbox")), Notice)
    preview = only(await tell(chat, MINA, *event_with_photo(MINA_TITLE, photo)), Preview)
    console.show(preview)
    event_id = preview.event_id
    themed = await tell(chat, MINA, Action(action_id(preview, "theme")))
    changed = only(await tell(chat, MINA, Action(action_id(themed, "neon"))), Preview)
    console.show(changed)  # the first preview is superseded now
    await tell(chat, MINA, Action(action_id(changed, "approve")))
    await tell(chat, MINA, Action(f"cp:{event_id}:plan"))  # now, lineup, countdowns, day-of
    await tell(chat, MINA, Action(f"cp:{event_id}:confirm"))
    await tell(chat, MINA, Action(f"cp:{event_id}:story"))
    report = await app.publishing.dispatcher.run_due()
    assert report.published >= 3  # announcement to Instagram and the sandbox, and the story

    # Jun: the same photo in his own chat.
    only(await tell(chat, JUN, Command("connect", "sandbox")), Notice)
    jun_preview = only(await tell(chat, JUN, *event_with_photo("Jun's night", photo)), Preview)
    await tell(chat, JUN, Action(action_id(jun_preview, "approve")))
    await tell(chat, JUN, Action(f"cp:{jun_preview.event_id}:now"))
    await app.publishing.dispatcher.run_due()

    minas = await hashes_of(app, MINA)
    juns = await hashes_of(app, JUN)
    only_minas = minas - juns
    assert len(only_minas) >= 6  # two previews, approved, story, lineup, countdowns, day-of
    assert minas & juns  # the shared photo
    assert bucket_keys(moto) & {f"{PREFIX}{sha}.jpg" for sha in only_minas}
    assert list((data_dir / "previews").glob(f"event-{event_id}-*.jpg"))
    assert any(MINA_TITLE in p.read_text("utf-8") for p in (data_dir / "outbox").rglob("*.txt"))

    ask = only(await tell(chat, MINA, Command("deletemydata")), Notice)
    done = only(await tell(chat, MINA, Action(action_id([ask], "confirm"))), Notice)
    assert "삭제했어요" in done.text

    left = every_file(data_dir)
    left_hashes = {hashlib.sha256(path.read_bytes()).hexdigest() for path in left}
    assert not left_hashes & only_minas  # no copy of any of her images, under any name
    assert not {path.name for path in left} & only_minas
    for path in left:
        if path.suffix in (".txt", ".json"):
            assert MINA_TITLE not in path.read_text("utf-8"), path
    assert not list((data_dir / "previews").glob(f"event-{event_id}-*"))
    assert not bucket_keys(moto) & {f"{PREFIX}{sha}.jpg" for sha in only_minas}
    for sha in minas & juns:  # shared with Jun: kept, file and row
        assert app.media.path_for(sha).exists()
    async with app.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Media)) == len(juns)
        assert (
            await session.scalar(
                select(func.count()).select_from(User).where(User.platform_user_id == MINA.user_id)
            )
            == 0
        )
