"""The port frontends fill for /connect: checking a target on its platform before keeping it.

Core owns the flow (parse the command, store the target, answer in the chat); the check
itself may need a platform client core must not import (python-telegram-bot for "is the
bot an admin of this channel"), so each kind of target brings a `TargetCheck`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from core.conversation.messages import Sender


@dataclass(frozen=True)
class ConnectRequest:
    """`/connect <word> <argument>`, from `sender`."""

    word: str
    argument: str
    sender: Sender


@dataclass(frozen=True)
class CheckedTarget:
    """A target the platform confirmed. `secret` is stored encrypted, never shown."""

    kind: str
    address: str
    name: str
    config: Mapping[str, Any] = field(default_factory=dict)
    secret: str | None = None


class ConnectRefused(Exception):
    """The target cannot be used; `key` names the plain-words message in core.i18n."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class TargetCheck(Protocol):
    async def check(self, request: ConnectRequest) -> CheckedTarget:
        """The confirmed target; raise ConnectRefused with the reason otherwise."""
        ...


class ConnectChecks:
    """The checks this process can run, by the word typed after /connect."""

    def __init__(self) -> None:
        self._checks: dict[str, TargetCheck] = {}

    def register(self, word: str, check: TargetCheck) -> None:
        self._checks[word.lower()] = check

    def get(self, word: str) -> TargetCheck | None:
        return self._checks.get(word.lower())

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(sorted(self._checks))
