"""At most one edit per message every few seconds, and the last state always shown.

Platforms limit how often a message may change (Telegram answers 429 to a burst of
edits). The throttle does not keep the state to show, only which messages are owed an
edit: whoever sends reads the state fresh, so a slow press can never overwrite a newer
count with an older one.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from core.clock import Clock

Key = TypeVar("Key", bound=Hashable)


class EditThrottle(Generic[Key]):
    def __init__(self, clock: Clock, interval: timedelta) -> None:
        self._clock = clock
        self._interval = interval
        self._last_sent: dict[Key, datetime] = {}
        self._owed: set[Key] = set()

    def claim(self, key: Key) -> bool:
        """True: edit `key` now (the slot is taken). False: it is owed for later."""
        now = self._clock()
        last = self._last_sent.get(key)
        if last is None or now - last >= self._interval:
            self._last_sent[key] = now
            self._owed.discard(key)
            return True
        self._owed.add(key)
        return False

    def owe(self, key: Key) -> None:
        """`key` needs an edit that could not be sent: send it after its wait."""
        self._last_sent.setdefault(key, self._clock())
        self._owed.add(key)

    def due(self) -> list[Key]:
        """Owed messages whose wait is over; their slots are taken by this call."""
        now = self._clock()
        ready = [key for key in self._owed if now - self._last_sent[key] >= self._interval]
        for key in ready:
            self._owed.discard(key)
            self._last_sent[key] = now
        return ready

    def next_due(self) -> datetime | None:
        """When the earliest owed edit may go out (None: nothing is owed)."""
        if not self._owed:
            return None
        return min(self._last_sent[key] for key in self._owed) + self._interval

    def forget_before(self, moment: datetime) -> None:
        """Drop what was sent before `moment` and is owed nothing (keeps memory flat)."""
        stale = [k for k, at in self._last_sent.items() if at < moment and k not in self._owed]
        for key in stale:
            del self._last_sent[key]
