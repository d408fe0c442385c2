"""The port through which a chat is shown what it is owed: the engine's reports on its
posts, the daily insight message, anything else the chat outbox (`core.outbox`) delivers.

Each frontend registers a Notifier for its platform (the console prints, Telegram sends
a message). A notice for a platform no frontend in this process serves is not lost: it
stays in the chat outbox until a process that serves that platform sends it.
"""

from __future__ import annotations

import logging
from typing import Protocol

from core.conversation.messages import Output

log = logging.getLogger(__name__)


class Notifier(Protocol):
    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        """Show `output` in the chat; raise if it could not be sent."""
        ...


class Notifiers:
    """Routes a notice to the notifier of the chat's platform."""

    def __init__(self) -> None:
        self._by_platform: dict[str, Notifier] = {}

    def register(self, platform: str, notifier: Notifier) -> None:
        self._by_platform[platform] = notifier

    @property
    def platforms(self) -> frozenset[str]:
        """The platforms whose chats this process can reach."""
        return frozenset(self._by_platform)

    async def notify(self, platform: str, chat_id: str, output: Output) -> bool:
        """True when a frontend took the notice."""
        notifier = self._by_platform.get(platform)
        if notifier is None:
            return False
        try:
            await notifier.notify(platform, chat_id, output)
        except Exception:
            log.exception("could not notify %s chat %s", platform, chat_id)
            return False
        return True
