"""A line-based chat in the terminal: the whole product with no chat account at all.

Buttons become numbered choices (type the number or the label), previews are written
under DATA_DIR/previews and their paths printed. Every answer is committed as it is
given, so killing the process loses nothing: run it again and it continues.

With the publishing engine attached, the console is also a chat the engine reports to
(published, failed, missed), posts land in the sandbox outbox, and `/clock +7d` moves
the app's clock forward so a whole campaign can be watched in a minute.
"""

from __future__ import annotations

import asyncio
import getpass
import hashlib
import mimetypes
import re
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TextIO, assert_never

from core.app import App
from core.chat_service import ChatService
from core.clock import Clock, OffsetClock
from core.conversation.messages import (
    Action,
    Ask,
    Choice,
    ChoiceRole,
    Command,
    Input,
    Notice,
    Output,
    Photo,
    Preview,
    Problem,
    Sender,
    Text,
    Toast,
    Withdraw,
)
from core.insights.wiring import Insights
from core.publishing.wiring import Publishing

# A jump of a month stops at every reading on the way (96 a day at first): enough for that.
_MAX_STOPS = 2000
_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".bmp", ".tif", ".tiff"}


def console_for(app: App, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> Console:
    """The console over `app`, as both `flyerbot console` and `flyerbot run` without a
    token start it: the engine reports here, and `/clock` moves the app's clock when
    the app was opened with an `OffsetClock`."""
    return Console(
        ChatService(app),
        app.settings.data_dir / "previews",
        stdin=stdin,
        stdout=stdout,
        publishing=app.publishing,
        insights=app.insights,
        clock=app.clock,
    )


class Console:
    def __init__(
        self,
        chat: ChatService,
        previews_dir: Path,
        *,
        stdin: TextIO = sys.stdin,
        stdout: TextIO = sys.stdout,
        user: str | None = None,
        publishing: Publishing | None = None,
        insights: Insights | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._chat = chat
        self._publishing = publishing
        self._insights = insights
        self._clock = clock
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
        if publishing is not None:
            publishing.notifiers.register(self._sender.platform, self)

    async def run(self) -> None:
        """Converse until end of input; /newevent starts (or resumes) an event."""
        self._say(
            "flyerbot console — /newevent · /schedule · /clock next · /cancel · Ctrl-D to quit"
        )
        await self._send(Command("newevent"))
        while True:
            line = await asyncio.to_thread(self._stdin.readline)
            if not line:
                await self._publish_due()
                self._say("")
                return
            line = line.strip()
            if line.startswith("/clock"):
                await self._shift_clock(line.removeprefix("/clock").strip())
            elif line:
                await self._send(self.to_input(line))
                await self._publish_due()

    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        """The engine's reports (published, failed, missed) appear in the conversation."""
        self.show(output)

    async def _publish_due(self) -> None:
        """Publish (and read insights) what is due before the next prompt, so the console
        reads in order."""
        if self._publishing is not None:
            await self._publishing.run_now()
        if self._insights is not None:
            await self._insights.run_now()

    async def _catch_up(self, clock: OffsetClock, delta: timedelta) -> None:
        """Move forward by `delta` stopping at each insight reading on the way, as a bot
        left running would have read them, so a day's jump still draws a day's growth."""
        target = clock() + delta
        for _ in range(_MAX_STOPS):
            due = await self._insights.next_due() if self._insights else None
            if due is None or due >= target:
                break
            clock.shift(max(timedelta(), due - clock()))
            await self._publish_due()
        clock.shift(target - clock())

    async def _shift_clock(self, argument: str) -> None:
        """`/clock +7d` (+3h, -1d, reset, or next: to the next due post), then publish."""
        if not isinstance(self._clock, OffsetClock):
            self._say("bot: ⚠️ /clock works in `flyerbot console` only.")
            return
        if argument == "reset":
            self._clock.reset()
        elif argument == "next":
            due = await self._publishing.dispatcher.next_wake() if self._publishing else None
            if due is None:
                self._say("bot: nothing is scheduled.")
                return
            self._clock.shift(max(timedelta(), due - self._clock()))
        elif argument:
            delta = parse_shift(argument)
            if delta is None:
                self._say("bot: ⚠️ /clock next · +7d · +3h · +30m · -1d · reset")
                return
            if delta > timedelta():
                await self._catch_up(self._clock, delta)
            else:
                self._clock.shift(delta)
        shift = timedelta(minutes=round(self._clock.offset.total_seconds() / 60))
        self._say(f"bot: 🕐 {self._clock():%Y-%m-%d %H:%M} UTC (shifted {shift})")
        await self._publish_due()

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
        for output in await self._chat.handle(self._sender, message):
            self.show(output)

    def show(self, output: Output) -> None:
        match output:
            case Ask(prompt=prompt, choices=choices):
                self._say(f"bot: {prompt}")
                self._offer(choices)
            case Preview():
                self._show_preview(output)
            case Notice(text=text, choices=choices, image=image):
                self._say(f"bot: {text}")
                if image is not None:
                    self._show_image(image)
                self._offer(choices)
            case Problem(message=message, choices=choices):
                self._say(f"bot: ⚠️ {message}")
                if choices:
                    self._offer(choices)
            case Toast(text=text):
                self._say(f"bot (to you): {text}")
            case Withdraw():
                pass  # a terminal has no chat history that others read
            case _:
                assert_never(output)

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

    def _show_image(self, image: bytes) -> None:
        """A picture that comes with a notice (the insight chart), written beside previews."""
        self._previews_dir.mkdir(parents=True, exist_ok=True)
        path = self._previews_dir / f"image-{hashlib.sha256(image).hexdigest()[:12]}.jpg"
        path.write_bytes(image)
        self._say(f"bot: [image] {path}")

    def _offer(self, choices: Sequence[Choice]) -> None:
        if not choices:
            return
        # Options first, then what steers (back, skip, cancel), as the chat frontends do.
        steering = [choice for choice in choices if choice.has(ChoiceRole.NAVIGATE)]
        self._choices = (*(c for c in choices if c not in steering), *steering)
        choices = self._choices
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


def parse_shift(text: str) -> timedelta | None:
    """`+7d`, `+3h`, `-30m`, `+1d12h`: a signed sum of days, hours and minutes."""
    match = re.fullmatch(r"([+-]?)((?:\d+[dhm])+)", text.replace(" ", ""))
    if match is None:
        return None
    units = {"d": "days", "h": "hours", "m": "minutes"}
    parts = re.findall(r"(\d+)([dhm])", match.group(2))
    delta = timedelta()
    for amount, unit in parts:
        delta += timedelta(**{units[unit]: int(amount)})
    return -delta if match.group(1) == "-" else delta
