"""`flyerbot console` as a process the test can kill with SIGKILL at an exact point.

Run as `python -m tests.notices.console_child [--seed] [--die before|after] [--later S]`
with FLYERBOT_DATA_DIR set. It wires the console exactly like `flyerbot console`, except
that the console chat's notifier is wrapped: with --die, the process kills itself just
before or just after the notice is shown. --seed first adds a post due now for the
console chat, published to the sandbox; --later starts the app's clock S seconds ahead
(a restart that came that much later).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from contextlib import AsyncExitStack
from datetime import timedelta

from bot.console import Console
from bot.publishing import start_publishing
from core.app import open_app
from core.chat_service import ChatService
from core.clock import OffsetClock
from core.config_problems import load_settings
from core.conversation.messages import Output
from core.notifiers import Notifier
from core.targets.checks import SANDBOX
from tests.publishing.helpers import seed

USER = "mina"
CHAT = f"local-{USER}"


class KilledAroundNotice:
    def __init__(self, console: Notifier, when: str) -> None:
        self._console = console
        self._when = when

    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        if self._when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        await self._console.notify(platform, chat_id, output)
        if self._when == "after":
            os.kill(os.getpid(), signal.SIGKILL)


async def run(arguments: argparse.Namespace) -> None:
    settings = load_settings()
    clock = OffsetClock()
    clock.shift(timedelta(seconds=arguments.later))
    async with open_app(settings, clock=clock) as app, AsyncExitStack() as stack:
        if arguments.seed:
            await seed(app, due_at=clock(), platform="console", chat_id=CHAT, kind=SANDBOX)
        console = Console(
            ChatService(app),
            settings.data_dir / "previews",
            user=USER,
            publishing=app.publishing,
            clock=app.clock,
        )
        if arguments.die:
            app.publishing.notifiers.register("console", KilledAroundNotice(console, arguments.die))
        await start_publishing(app, stack)
        await console.run()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", action="store_true")
    parser.add_argument("--die", choices=["before", "after"])
    parser.add_argument("--later", type=float, default=0.0)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
