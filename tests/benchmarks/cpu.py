"""CPU seconds spent by processes, read from /proc (Linux), to say what one unit of work costs.

Latency on a shared machine depends on everything else that runs; CPU time per unit of
work does not, so the benchmarks print both.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_seconds(pid: int) -> float:
    """User plus system CPU seconds of one process so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def named_seconds(name: str) -> dict[int, float]:
    """CPU seconds of every process whose command name is `name` (e.g. PostgreSQL's)."""
    found: dict[int, float] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").exists() else ():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    found[int(entry.name)] = process_seconds(int(entry.name))
            except OSError:
                continue
    return found


class CpuMeter:
    """CPU spent between `start` and `stop` by given processes and by processes named so."""

    def __init__(self, pids: Iterable[int], names: Iterable[str] = ()) -> None:
        self._pids = list(pids)
        self._names = list(names)

    def _read(self) -> dict[str, float]:
        readings = {str(pid): process_seconds(pid) for pid in self._pids}
        for name in self._names:
            readings[name] = sum(named_seconds(name).values())
        return readings

    def start(self) -> None:
        self._before = self._read()

    def stop(self) -> dict[str, float]:
        """Seconds spent per pid (as text) and per name since `start`."""
        after = self._read()
        return {key: max(0.0, after[key] - self._before.get(key, 0.0)) for key in after}
