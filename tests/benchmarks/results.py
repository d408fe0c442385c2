"""One shape for every benchmark's numbers, so `python -m tests.benchmarks` prints one table.

Each benchmark module prints its own readable report and, given `--json FILE`, also
writes its measurements there as a list of `Result`s; `--quick` asks for a smaller run
that still exercises every path (the one-minute smoke run).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Result:
    benchmark: str  # the module, e.g. "dispatch"
    setup: str  # what ran it, e.g. "SQLite, 1 process"
    metric: str  # e.g. "drain 10,000 deliveries"
    value: float
    unit: str  # "s", "ms", "MB", "/s", "" for counts
    target: float | None = None
    better: Literal["lower", "higher"] = "lower"

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.value <= self.target if self.better == "lower" else self.value >= self.target


def arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    return parser


def write(results: list[Result], path: Path | None) -> None:
    if path is not None:
        path.write_text(json.dumps([asdict(result) for result in results], indent=1) + "\n")


def read(path: Path) -> list[Result]:
    return [Result(**entry) for entry in json.loads(path.read_text())]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far.

    On Linux from VmHWM: getrusage's ru_maxrss carries the parent's peak across fork and
    exec, so a worker started by a big benchmark process would report the benchmark's.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
