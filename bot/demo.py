"""`flyerbot demo`: a built-in Korean event taken through the real engine, start to preview."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from core.app import open_app
from core.chat_service import ChatService
from core.conversation import actions
from core.conversation.messages import Action, Command, Input, Output, Preview, Sender, Text
from core.settings import Settings

_SENDER = Sender(platform="demo", chat_id="demo", user_id="demo", user_name="flyerbot demo")


def _answers(settings: Settings, now_local_date: str) -> list[Input]:
    return [
        Command("newevent"),
        Text("서울 테크노 나이트 Vol.3"),
        Text(f"{now_local_date} 22:00"),
        Text("Cakeshop, 이태원"),
        Text("22:00-23:30 Soma; 23:30-01:00 Yetsuby; 01:00-02:30 DJ Kim; 02:30 박혜진"),
        Action(actions.wizard(_SENDER.user_id, "pick", "techno")),
        Text("https://tickets.example.com/seoul-techno-3"),
        Action(actions.wizard(_SENDER.user_id, "skip")),
    ]


async def run_demo(out_dir: Path, base: Settings) -> list[Path]:
    """Write the announcement and lineup previews plus their captions into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="flyerbot-demo-") as scratch:
        settings = base.model_copy(update={"data_dir": Path(scratch), "database_url": None})
        async with open_app(settings) as app:
            zone = ZoneInfo(settings.default_timezone)
            event_day = (app.clock().astimezone(zone) + timedelta(days=14)).date().isoformat()
            previews: list[Preview] = []
            for message in _answers(settings, event_day):
                previews += _previews(await ChatService(app).handle(_SENDER, message))
            first = previews[-1]
            lineup = _previews(
                await ChatService(app).handle(
                    _SENDER, Action(actions.review(first.event_id, "template", "lineup"))
                )
            )
            for preview in (first, *lineup):
                written += _write(out_dir, preview)
    return written


def _previews(outputs: list[Output]) -> list[Preview]:
    return [output for output in outputs if isinstance(output, Preview)]


def _write(out_dir: Path, preview: Preview) -> list[Path]:
    stem = f"{preview.template}-{preview.layout}-{preview.theme}"
    paths = []
    for index, image in enumerate(preview.images, start=1):
        suffix = f"-{index}" if len(preview.images) > 1 else ""
        path = out_dir / f"{stem}{suffix}.jpg"
        path.write_bytes(image)
        paths.append(path)
    caption = out_dir / f"{stem}.txt"
    caption.write_text(preview.caption + "\n\nALT: " + preview.alt_text + "\n", encoding="utf-8")
    paths.append(caption)
    return paths
