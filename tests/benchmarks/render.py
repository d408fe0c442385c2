"""Renderer speed: `python -m tests.benchmarks.render`. Prints numbers, asserts nothing.

Per template x layout p50/p95 (single-threaded, warm), the 10-slide carousel, the
first render in a fresh process (fonts and grounds cold), and images/s on all cores.

With `--chromium /usr/bin/chromium` and playwright importable (from a throwaway
virtualenv, e.g. `PYTHONPATH=/work/pwvenv/lib/python3.11/site-packages`), it also
times a warm headless Chromium drawing the same cards (set_content + JPEG screenshot),
interleaved run by run with flyerbot so both see the same machine load, and prints
the ratio per template, layout and theme.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image

from core.event_file import load_event_file as load_poster
from renderers import Layout, Poster, RenderRequest, Slot, Template, Theme, render
from tests.benchmarks.results import Result, arguments, write

SETUP = "1 process, warm"

ROOT = Path(__file__).resolve().parents[2]
POSTED_ON = date(2025, 12, 17)
RUNS = 20
#: A fifth of a warm headless Chromium on the same cards (about 90 / 110 / 160 ms here).
TARGETS_P50 = {Layout.SQUARE: 15.0, Layout.PORTRAIT: 20.0, Layout.STORY: 30.0}
CAROUSEL_TARGET = 250.0
FIRST_TARGET = 150.0


@cache
def poster() -> Poster:
    return load_poster(ROOT / "examples" / "seoul-techno.toml")


def carousel_poster() -> Poster:
    base = poster()
    start = base.starts_at
    slots = tuple(Slot(f"Artist {i + 1:02d}", start + timedelta(minutes=30 * i)) for i in range(80))
    return replace(base, lineup=slots)


def _ms(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 2 else max(values)


def per_template(runs: int = RUNS) -> list[Result]:
    """Prints every combination; returns each template and layout's slowest theme."""
    p = poster()
    print(f"{'template':<14}{'layout':<10}{'theme':<9}{'p50 ms':>8}{'p95 ms':>8}   target p50")
    results = []
    for template in Template:
        for layout in Layout:
            slowest = 0.0
            for theme in Theme:
                req = RenderRequest(p, template, layout, theme, POSTED_ON)
                render(req)  # warm this combination's ground
                times = _ms(lambda req=req: render(req), runs)
                slowest = max(slowest, statistics.median(times))
                slides = len(render(req).slides)
                note = f"   <= {TARGETS_P50[layout]:.0f}" + (
                    f" ({slides} slides)" if slides > 1 else ""
                )
                print(
                    f"{template.value:<14}{layout.value:<10}{theme.value:<9}"
                    f"{statistics.median(times):>8.1f}{_pct(times, 95):>8.1f}{note}"
                )
            metric = f"{template.value} {layout.value} p50, slowest theme"
            results.append(Result("render", SETUP, metric, slowest, "ms", TARGETS_P50[layout]))
    return results


def upload() -> bytes:
    """A 2048x1536 JPEG with soft colour blobs, standing in for a phone photo."""
    img = Image.radial_gradient("L").resize((2048, 1536)).convert("RGB")
    img = Image.merge("RGB", (img.getchannel(0), img.rotate(90).getchannel(0), img.getchannel(0)))
    buf = BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def with_photo() -> None:
    """A new upload pays decode+crop+tone; re-rendering the same upload hits a small cache."""
    photo = upload()
    print()
    for layout in Layout:
        fresh = []
        for i in range(RUNS):
            # Bytes after the JPEG end marker are ignored by decoders but defeat the cache.
            p = replace(poster(), photo=photo + i.to_bytes(4, "big"))
            req = RenderRequest(p, Template.ANNOUNCEMENT, layout, Theme.DARK, POSTED_ON)
            fresh.extend(_ms(lambda req=req: render(req), 1))
        p = replace(poster(), photo=photo)
        req = RenderRequest(p, Template.ANNOUNCEMENT, layout, Theme.DARK, POSTED_ON)
        render(req)
        cached = _ms(lambda req=req: render(req), RUNS)
        for label, times in (("photo new", fresh), ("photo again", cached)):
            print(
                f"{label:<14}{layout.value:<10}{'dark':<9}"
                f"{statistics.median(times):>8.1f}{_pct(times, 95):>8.1f}"
                "   (2048x1536 JPEG upload)"
            )


def carousel() -> list[Result]:
    req = RenderRequest(carousel_poster(), Template.LINEUP, Layout.SQUARE, Theme.NEON, POSTED_ON)
    slides = len(render(req).slides)
    times = _ms(lambda: render(req), 10)
    print(
        f"\ncarousel: {slides} slides, p50 {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms   target <= {CAROUSEL_TARGET:.0f}"
    )
    metric = f"80-act carousel ({slides} slides) p50"
    return [Result("render", SETUP, metric, statistics.median(times), "ms", CAROUSEL_TARGET)]


_FIRST = """
import time
t0 = time.perf_counter()
from datetime import date
from io import BytesIO
from pathlib import Path

from PIL import Image
from renderers import Layout, RenderRequest, Template, Theme, render
from core.event_file import load_event_file as load_poster
p = load_poster(Path("examples/seoul-techno.toml"))
t1 = time.perf_counter()
render(RenderRequest(p, Template.ANNOUNCEMENT, Layout.SQUARE, Theme.DARK, date(2025, 12, 17)))
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f}")
"""


def first_render() -> list[Result]:
    imports, renders = [], []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", _FIRST], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        imports.append(float(out[0]))
        renders.append(float(out[1]))
    print(
        f"\nfirst render in a fresh process: p50 {statistics.median(renders):.1f} ms "
        f"(imports {statistics.median(imports):.1f} ms before it)   target <= {FIRST_TARGET:.0f}"
    )
    median = statistics.median(renders)
    return [Result("render", "a fresh process", "first render", median, "ms", FIRST_TARGET)]


def _job(args: tuple[Template, Layout, Theme]) -> int:
    template, layout, theme = args
    return len(render(RenderRequest(poster(), template, layout, theme, POSTED_ON)).slides)


def _warm() -> None:
    """Build every ground once per worker, as a long-running bot process would have."""
    for layout in Layout:
        for theme in Theme:
            _job((Template.ANNOUNCEMENT, layout, theme))


def throughput() -> list[Result]:
    workers = os.cpu_count() or 1
    jobs = [(t, lay, th) for t in Template for lay in Layout for th in Theme] * 4
    with ProcessPoolExecutor(workers, initializer=_warm) as pool:
        list(pool.map(_job, jobs[:workers]))  # wait for every worker to be up and warm
        t0 = time.perf_counter()
        images = sum(pool.map(_job, jobs, chunksize=4))
        elapsed = time.perf_counter() - t0
    print(f"\nthroughput: {images / elapsed:.1f} images/s on {workers} processes ({images} images)")
    setup = f"{workers} processes"
    return [Result("render", setup, "throughput", images / elapsed, "images/s", better="higher")]


SIDE_BY_SIDE_RUNS = 15
#: Pause before each timed run, so neither side is measured while the other's
#: background work (Chromium keeps rastering and collecting after a screenshot) runs.
SETTLE = 0.05
TARGET_RATIO = 5.0


def side_by_side(executable: str, runs: int) -> None:
    """flyerbot and Chromium on the same cards, alternating run by run."""
    try:
        from tests.benchmarks.chromium_card import Chromium, card_html
    except ImportError as error:  # pragma: no cover - depends on the machine
        print(f"\nchromium: skipped ({error})")
        return
    try:
        chromium = Chromium(executable)
    except Exception as error:
        print(f"\nchromium: skipped ({error.__class__.__name__}: {error})")
        return
    print(f"\nside by side with {executable} (warm page, set_content + JPEG screenshot)")
    print("ms; ratio = chromium / flyerbot, of the medians and of the best runs")
    print(
        f"{'template':<14}{'layout':<10}{'theme':<9}{'ours p50':>9}{'chromium':>9}{'ratio':>7}"
        f"{'ours min':>10}{'chromium':>9}{'ratio':>7}"
    )
    photo = replace(poster(), photo=upload())
    ratios: list[float] = []
    best: list[float] = []
    try:
        for template in Template:
            for layout in Layout:
                for theme in Theme:
                    base = photo if theme.needs_photo else poster()
                    req = RenderRequest(base, template, layout, theme, POSTED_ON)
                    page = card_html(req, chromium.assets)
                    for _ in range(3):  # warm both: grounds, faces, the page's fonts
                        render(req)
                        chromium.shot(req, page)
                    ours, theirs = [], []
                    for _ in range(runs):
                        time.sleep(SETTLE)
                        ours.extend(_ms(lambda req=req: render(req), 1))
                        time.sleep(SETTLE)
                        theirs.append(chromium.shot(req, page)[0])
                    a, b = statistics.median(ours), statistics.median(theirs)
                    lo_a, lo_b = min(ours), min(theirs)
                    ratios.append(b / a)
                    best.append(lo_b / lo_a)
                    note = "" if b / a >= TARGET_RATIO else f"   p50 < {TARGET_RATIO:.0f}x"
                    print(
                        f"{template.value:<14}{layout.value:<10}{theme.value:<9}"
                        f"{a:>9.1f}{b:>9.1f}{b / a:>6.1f}x{lo_a:>10.1f}{lo_b:>9.1f}"
                        f"{lo_b / lo_a:>6.1f}x{note}"
                    )
    finally:
        chromium.close()
    print(
        f"ratio of medians: lowest {min(ratios):.1f}x, median {statistics.median(ratios):.1f}x; "
        f"ratio of best runs: lowest {min(best):.1f}x, median {statistics.median(best):.1f}x"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--chromium", metavar="PATH", help="also time this Chromium binary")
    parser.add_argument("--runs", type=int, default=SIDE_BY_SIDE_RUNS)
    parser.add_argument("--only-chromium", action="store_true", help="just the side-by-side table")
    args = parser.parse_args()
    results: list[Result] = []
    if not args.only_chromium:
        results += per_template(5 if args.quick else RUNS)
        if not args.quick:
            with_photo()
        results += carousel()
        results += first_render()
        results += throughput()
    if args.chromium:
        side_by_side(args.chromium, args.runs)
    write(results, args.json)


if __name__ == "__main__":
    main()
