"""What a step of any flow answers: what to say now, and what to run once the turn commits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from core.conversation.messages import Output

Later = Callable[[], Awaitable[list[Output]]]


@dataclass
class Reply:
    """What a flow says, the preview to follow, and work that must see the committed rows.

    `later` runs after the turn's transaction commits (rendering a post's images, a
    network check, waking the scheduler), so nothing slow holds the database meanwhile.
    """

    outputs: list[Output] = field(default_factory=list)
    render_event_id: int | None = None
    show_event_id: int | None = None
    look: dict[str, str] = field(default_factory=dict)
    later: Later | None = None

    def then(self, later: Later | None) -> Reply:
        """This reply, with `later` to run after what it already runs after the commit."""
        self.later = both(self.later, later)
        return self


def both(first: Later | None, second: Later | None) -> Later | None:
    """Run `first` then `second`, keeping what each says."""
    if first is None or second is None:
        return first or second

    async def run() -> list[Output]:
        return [*await first(), *await second()]

    return run
