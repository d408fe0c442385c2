"""Which publisher serves which kind of target, filled at start-up by whoever can build it.

Core registers the sandbox and Discord; a frontend registers the publishers that need
its client (the Telegram channel publisher needs python-telegram-bot). A factory gets a
plain snapshot of the target with its secret already opened.
"""

from __future__ import annotations

from core.publishers.base import Publisher, PublisherFactory, TargetInfo


class Publishers:
    def __init__(self) -> None:
        self._factories: dict[str, PublisherFactory] = {}

    def register(self, kind: str, factory: PublisherFactory) -> None:
        self._factories[kind] = factory

    def create(self, target: TargetInfo) -> Publisher | None:
        factory = self._factories.get(target.kind)
        return factory(target) if factory is not None else None

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._factories)
