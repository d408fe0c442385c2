"""What this process measured, in Prometheus's text exposition format.

Counters and histograms live in one `Metrics` object per process (held by `App`), so two
apps in one test never share numbers. Values that belong to the whole deployment rather
than to one process (deliveries by state, attempts by outcome, queue depth) are read from
the database at scrape time and passed to `render`: every process reports the same truth.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Labels = tuple[tuple[str, str], ...]

# Seconds: a chat answer is a few milliseconds, a publish can wait minutes for its slot.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)


def _labels(values: Mapping[str, str]) -> Labels:
    return tuple(sorted(values.items()))


def _format_labels(labels: Labels, extra: tuple[str, str] | None = None) -> str:
    pairs = [*labels, *([extra] if extra else [])]
    if not pairs:
        return ""
    escaped = (
        f'{name}="{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
        for name, value in pairs
    )
    return "{" + ",".join(escaped) + "}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass
class Counter:
    name: str
    help: str
    values: dict[Labels, float] = field(default_factory=dict)

    def inc(self, amount: float = 1, **labels: str) -> None:
        key = _labels(labels)
        self.values[key] = self.values.get(key, 0) + amount

    def lines(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} counter"
        for labels, value in sorted(self.values.items()):
            yield f"{self.name}{_format_labels(labels)} {_number(value)}"


@dataclass
class _Series:
    counts: list[int]
    total: float = 0.0
    observed: int = 0


@dataclass
class Histogram:
    name: str
    help: str
    buckets: Sequence[float] = LATENCY_BUCKETS
    series: dict[Labels, _Series] = field(default_factory=dict)

    def observe(self, value: float, **labels: str) -> None:
        key = _labels(labels)
        found = self.series.get(key)
        if found is None:
            found = self.series[key] = _Series([0] * len(self.buckets))
        index = bisect_left(self.buckets, value)
        if index < len(self.buckets):
            found.counts[index] += 1
        found.total += value
        found.observed += 1

    def lines(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} histogram"
        for labels, found in sorted(self.series.items()):
            running = 0
            for bound, count in zip(self.buckets, found.counts, strict=True):
                running += count
                bucket = _format_labels(labels, ("le", _number(bound)))
                yield f"{self.name}_bucket{bucket} {running}"
            yield f"{self.name}_bucket{_format_labels(labels, ('le', '+Inf'))} {found.observed}"
            yield f"{self.name}_sum{_format_labels(labels)} {_number(found.total)}"
            yield f"{self.name}_count{_format_labels(labels)} {found.observed}"


@dataclass(frozen=True)
class Gauge:
    """A value read at scrape time (from the database), one line per label set.

    `kind` is "counter" for totals that only grow, such as the append-only attempt log.
    """

    name: str
    help: str
    values: Mapping[Labels, float]
    kind: str = "gauge"

    def lines(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} {self.kind}"
        for labels, value in sorted(self.values.items()):
            yield f"{self.name}{_format_labels(labels)} {_number(value)}"


def gauge(
    name: str, help: str, values: Mapping[str, float], *, label: str, kind: str = "gauge"
) -> Gauge:
    """A scrape-time value with one label, e.g. deliveries by `status`."""
    return Gauge(name, help, {((label, key),): value for key, value in values.items()}, kind)


class Metrics:
    """This process's counters and histograms."""

    def __init__(self) -> None:
        self.publish_latency = Histogram(
            "flyerbot_publish_latency_seconds",
            "From the moment a delivery was due to the moment it was published.",
        )
        self.chat_answer = Histogram(
            "flyerbot_chat_answer_seconds",
            "From a chat input reaching the core to its reply being ready.",
        )

    def render(self, gauges: Iterable[Gauge] = ()) -> str:
        parts: list[Histogram | Gauge] = [
            *gauges,
            self.publish_latency,
            self.chat_answer,
        ]
        return "\n".join(line for part in parts for line in part.lines()) + "\n"
