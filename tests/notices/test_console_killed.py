"""A real console process killed with SIGKILL around the "published" notice, then started
again on the same DATA_DIR: the post went out once, and the chat hears about it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LIVE = "is live!"  # the English "published" notice (the seeded chat speaks English)
LEASE_SECONDS = 60


def console(data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("FLYERBOT_")}
    env.update(
        FLYERBOT_DATA_DIR=str(data_dir),
        FLYERBOT_SECRET_KEY="console-kill-test-key-0123456789abcdef",
        FLYERBOT_NOTICE_LEASE_SECONDS=str(LEASE_SECONDS),
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "tests.notices.console_child", *arguments],
        cwd=data_dir.parent,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def notices(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in run.stdout.splitlines() if LIVE in line]


def published(data_dir: Path) -> list[Path]:
    """What reached the sandbox target: one folder per publication."""
    outbox = data_dir / "outbox"
    return sorted(path for path in outbox.glob("*/*") if path.is_dir())


def test_killed_just_before_the_notice_the_restart_says_published_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    killed = console(data_dir, "--seed", "--die", "before")
    assert killed.returncode == -9, killed.stderr
    assert notices(killed) == []
    assert len(published(data_dir)) == 1

    too_soon = console(data_dir)  # the dead process's claim has not run out yet
    assert too_soon.returncode == 0, too_soon.stderr
    assert notices(too_soon) == []

    later = console(data_dir, "--later", str(LEASE_SECONDS + 1))
    assert later.returncode == 0, later.stderr
    [line] = notices(later)
    assert line.startswith("bot: 📣 'Seoul Techno Night'")
    assert len(published(data_dir)) == 1  # told, not posted again

    again = console(data_dir, "--later", str(3 * LEASE_SECONDS))
    assert notices(again) == [] and len(published(data_dir)) == 1


def test_killed_just_after_the_notice_the_restart_repeats_it_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    killed = console(data_dir, "--seed", "--die", "after")
    assert killed.returncode == -9, killed.stderr
    assert len(notices(killed)) == 1  # shown, but the process died before noting it

    later = console(data_dir, "--later", str(LEASE_SECONDS + 1))
    assert len(notices(later)) == 1  # the rare duplicate, once
    again = console(data_dir, "--later", str(3 * LEASE_SECONDS))
    assert notices(again) == [] and len(published(data_dir)) == 1
