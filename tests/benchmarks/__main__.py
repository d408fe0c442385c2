"""Every benchmark, each in a fresh process (so peak memory is its own), as one table.

Run: python -m tests.benchmarks [--quick] [--json FILE] [--only NAME ...]

PostgreSQL rows need FLYERBOT_BENCH_DATABASE_URL (or FLYERBOT_TEST_DATABASE_URL); without
it they are skipped and the table says so. Numbers only: the tests assert behaviour.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from tests.benchmarks.results import Result, read

# Module names under tests/benchmarks, in the order they run.
BENCHMARKS = (
    "render",
    "conversation",
    "dispatch",
    "scale",
    "instagram",
    "instagram_wire",
    "insights",
    "chat_load",
)


def _available() -> list[str]:
    here = Path(__file__).parent
    return [name for name in BENCHMARKS if (here / f"{name}.py").exists()]


def _run(name: str, quick: bool, scratch: Path) -> tuple[list[Result], str | None]:
    out = scratch / f"{name}.json"
    command = [sys.executable, "-m", f"tests.benchmarks.{name}", "--json", str(out)]
    if quick:
        command.append("--quick")
    print(f"== {name}: {' '.join(command[1:])}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    finished = subprocess.run(command, stdout=sys.stderr, stderr=sys.stderr)
    took = time.perf_counter() - started
    print(f"== {name}: {took:.0f} s, exit {finished.returncode}", file=sys.stderr, flush=True)
    if finished.returncode != 0 or not out.exists():
        return [], f"did not finish (exit status {finished.returncode})"
    found = read(out)
    if not found:
        return [], "nothing measured: PostgreSQL rows need FLYERBOT_BENCH_DATABASE_URL"
    return found, None


def _format_value(result: Result) -> str:
    value = result.value
    text = f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:.2f}"
    return f"{text} {result.unit}".strip()


def _format_target(result: Result) -> str:
    if result.target is None:
        return ""
    sign = "≤" if result.better == "lower" else "≥"
    target = Result(**{**asdict(result), "value": result.target})
    return f"{sign} {_format_value(target)}"


def table(results: list[Result], failures: dict[str, str]) -> str:
    rows = [("benchmark", "setup", "metric", "measured", "target", "ok")]
    for result in results:
        verdict = {True: "ok", False: "MISSED", None: ""}[result.met]
        rows.append(
            (
                result.benchmark,
                result.setup,
                result.metric,
                _format_value(result),
                _format_target(result),
                verdict,
            )
        )
    rows += [(name, "", why, "", "", "FAILED") for name, why in failures.items()]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a one-minute smoke run")
    parser.add_argument("--json", type=Path, help="write every measurement to this file")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run just these")
    args = parser.parse_args()
    if (
        "FLYERBOT_BENCH_DATABASE_URL" not in os.environ
        and "FLYERBOT_TEST_DATABASE_URL" in os.environ
    ):
        os.environ["FLYERBOT_BENCH_DATABASE_URL"] = os.environ["FLYERBOT_TEST_DATABASE_URL"]
    results: list[Result] = []
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in args.only or _available():
            found, failure = _run(name, args.quick, Path(scratch))
            results += found
            if failure is not None:
                failures[name] = failure
    print(table(results, failures))
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
