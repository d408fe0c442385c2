"""A line-based chat in the terminal: the whole product with no chat account at all.

Buttons become numbered choices (type the number or the label), previews are written
under DATA_DIR/previews and their paths printed. Every answer is committed as it is
given, so killing the process loses nothing: run it again and it continues.
"""

from __future__ import annotations

import asyncio
import getpass
import mimetypes
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from core.conversation.engine import ConversationEngine
from core.conversation.io import (
    Action,
    Ask,
    Choice,
    Command,
    Input,
    Notice,
    Output,
    Photo,
    Preview,
    Problem,
    Sender,
    Text,
)

_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".bmp", ".tif", ".tiff"}


class Console:
    def __init__(
        self,
        engine: ConversationEngine,
        previews_dir: Path,
        *,
        stdin: TextIO = sys.stdin,
        stdout: TextIO = sys.stdout,
        user: str | None = None,
    ) -> None:
        self._engine = engine
        self._previews_dir = previews_dir
        self._stdin = stdin
        self._stdout = stdout
        user = user or getpass.getuser()
        self._sender = Sender(
            platform="console",
            chat_id=f"local-{user}",
            user_id=user,
            user_name=user,
            is_group=False,
        )
        self._choices: tuple[Choice, ...] = ()

    async def run(self) -> None:
        """Converse until end of input; /newevent starts (or resumes) an event."""
        self._say("flyerbot console — /newevent · /cancel · Ctrl-D to quit")
        await self._send(Command("newevent"))
        while True:
            line = await asyncio.to_thread(self._stdin.readline)
            if not line:
                self._say("")
                return
            line = line.strip()
            if line:
                await self._send(self.to_input(line))

    def to_input(self, line: str) -> Input:
        """A typed line as the engine's input: a command, a pressed choice, a photo or text."""
        if line.startswith("/"):
            name, _, args = line[1:].partition(" ")
            return Command(name.split("@")[0].lower(), args.strip())
        choice = self._match_choice(line)
        if choice is not None:
            return Action(choice.id)
        photo = _photo_from_path(line)
        return photo if photo is not None else Text(line)

    def _match_choice(self, line: str) -> Choice | None:
        if line.isdigit() and 1 <= int(line) <= len(self._choices):
            return self._choices[int(line) - 1]
        wanted = _bare(line)
        return next((c for c in self._choices if _bare(c.label) == wanted), None)

    async def _send(self, message: Input) -> None:
        for output in await self._engine.handle(self._sender, message):
            self.show(output)

    def show(self, output: Output) -> None:
        match output:
            case Ask(prompt=prompt, choices=choices):
                self._say(f"bot: {prompt}")
                self._offer(choices)
            case Preview():
                self._show_preview(output)
            case Notice(text=text, choices=choices):
                self._say(f"bot: {text}")
                self._offer(choices)
            case Problem(message=message, choices=choices):
                self._say(f"bot: ⚠️ {message}")
                if choices:
                    self._offer(choices)

    def _show_preview(self, preview: Preview) -> None:
        self._previews_dir.mkdir(parents=True, exist_ok=True)
        stem = f"event-{preview.event_id}-{preview.template}-{preview.layout}-{preview.theme}"
        for index, image in enumerate(preview.images, start=1):
            suffix = f"-{index}" if len(preview.images) > 1 else ""
            path = self._previews_dir / f"{stem}{suffix}.jpg"
            path.write_bytes(image)
            self._say(f"bot: [preview] {path}")
        self._say(preview.caption)
        self._offer(preview.actions)

    def _offer(self, choices: Sequence[Choice]) -> None:
        if not choices:
            return
        self._choices = tuple(choices)
        self._say("     " + "  ".join(f"[{i}] {c.label}" for i, c in enumerate(choices, 1)))

    def _say(self, text: str) -> None:
        print(text, file=self._stdout, flush=True)


def _bare(label: str) -> str:
    """A label without emoji or punctuation, so `approve` matches `✅ Approve`."""
    return "".join(ch for ch in label.casefold() if ch.isalnum())


def _photo_from_path(line: str) -> Photo | None:
    raw = line.removeprefix("@").strip().strip("'\"")
    path = Path(raw).expanduser()
    if path.suffix.lower() not in _IMAGE_SUFFIXES or not path.is_file():
        return None
    return Photo(path.read_bytes(), mimetypes.guess_type(path.name)[0])
