"""A per-person flood limit: too many inputs too fast earns one notice, then silence.

Someone (or a script) sending more than `max_inputs` messages or presses within
`window` gets one notice and is then ignored for `quiet_for`; ignoring them is the
point, because answering every message of a flood is what makes it hurt everyone else.
Counted in this process's memory with the injected clock: the limit protects this
process's work, and losing the counts on a restart only forgives a flood.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from core.clock import Clock

_SWEEP_EVERY = 1024  # inputs between sweeps that forget people who have gone quiet


@dataclass(frozen=True)
class FloodRule:
    max_inputs: int = 20  # 0: no limit
    window: timedelta = timedelta(seconds=10)
    quiet_for: timedelta = timedelta(minutes=1)


class Verdict(Enum):
    PASS = "pass"
    WARN = "warn"  # the input that crossed the limit: tell them once
    IGNORE = "ignore"  # still in the quiet period: say nothing


class FloodGuard:
    def __init__(self, rule: FloodRule, clock: Clock) -> None:
        self.rule = rule
        self._clock = clock
        self._recent: dict[Hashable, deque[datetime]] = {}
        self._quiet_until: dict[Hashable, datetime] = {}
        self._since_sweep = 0

    def admit(self, person: Hashable) -> Verdict:
        """Count one input from `person` and say whether to handle it."""
        if self.rule.max_inputs <= 0:
            return Verdict.PASS
        now = self._clock()
        quiet_until = self._quiet_until.get(person)
        if quiet_until is not None:
            if now < quiet_until:
                return Verdict.IGNORE
            del self._quiet_until[person]
        recent = self._recent.setdefault(person, deque())
        _drop_older(recent, now - self.rule.window)
        if len(recent) >= self.rule.max_inputs:
            del self._recent[person]
            self._quiet_until[person] = now + self.rule.quiet_for
            return Verdict.WARN
        recent.append(now)
        self._sweep_now_and_then(now)
        return Verdict.PASS

    @property
    def tracked(self) -> int:
        """How many people are remembered (recent inputs or a quiet period)."""
        return len(self._recent) + len(self._quiet_until)

    def _sweep_now_and_then(self, now: datetime) -> None:
        self._since_sweep += 1
        if self._since_sweep < _SWEEP_EVERY:
            return
        self._since_sweep = 0
        cutoff = now - self.rule.window
        for person in [p for p, seen in self._recent.items() if not seen or seen[-1] <= cutoff]:
            del self._recent[person]
        for person in [p for p, until in self._quiet_until.items() if until <= now]:
            del self._quiet_until[person]


def _drop_older(recent: deque[datetime], cutoff: datetime) -> None:
    while recent and recent[0] <= cutoff:
        recent.popleft()
