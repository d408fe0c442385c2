"""`flyerbot console` as a user runs it: a real process, piped stdin, a SQLite file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ANSWERS = [
    "서울 테크노 나이트 Vol.3",
    "내일 밤 10시",
    "Cakeshop, 이태원",
    "22:00-23:30 Soma; 23:30 Yetsuby; 01:00 박혜진",
    "1",  # the first genre button: Techno
    "https://tickets.example.com/seoul-techno-3",
    "건너뛰기",
]


def _env(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLYERBOT_")}
    env.update(FLYERBOT_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    return env


def _console(data_dir: Path, lines: list[str], command: str = "console") -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", command],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        env=_env(data_dir),
        timeout=120,
        check=True,
    )
    return result.stdout


def _preview_paths(output: str) -> list[Path]:
    return [Path(match) for match in re.findall(r"\[preview\] (\S+\.jpg)", output)]


def test_a_scripted_session_ends_with_an_approved_korean_announcement(tmp_path: Path) -> None:
    output = _console(tmp_path, [*ANSWERS, "승인"])
    assert "(1/7)" in output and "(7/7)" in output
    [preview] = _preview_paths(output)
    with Image.open(preview) as image:
        assert (image.format, image.size) == ("JPEG", (1080, 1080))
    assert "#테크노" in output
    assert "승인했어요" in output


def test_run_without_a_token_says_so_and_starts_the_console(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        input="",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=True,
    )
    assert "No chat token" in result.stderr
    assert "(1/7)" in result.stdout


def test_a_killed_console_resumes_where_the_user_was(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "console"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        _read_until(process.stdout, "(1/7)")
        for answer, next_marker in zip(ANSWERS[:3], ["(2/7)", "(3/7)", "(4/7)"], strict=True):
            process.stdin.write(answer + "\n")
            process.stdin.flush()
            _read_until(process.stdout, next_marker)
    finally:
        process.kill()  # no goodbye: like a crash or a closed laptop
        process.wait(timeout=30)

    output = _console(tmp_path, [*ANSWERS[3:], "1"])
    assert "(4/7)" in output and "(1/7)" not in output  # resumed, not restarted
    [preview] = _preview_paths(output)
    assert preview.exists()
    assert "승인했어요" in output


def test_end_of_input_exits_cleanly_and_keeps_the_draft(tmp_path: Path) -> None:
    _console(tmp_path, ANSWERS[:2])
    output = _console(tmp_path, [])
    assert "(3/7)" in output


def test_demo_writes_previews_and_captions(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        env=_env(tmp_path / "data"),
        timeout=120,
        check=True,
    )
    images = sorted(out.glob("*.jpg"))
    assert any(path.name.startswith("announcement-square") for path in images)
    assert any(path.name.startswith("lineup") for path in images)
    caption = (out / "announcement-square-dark.txt").read_text(encoding="utf-8")
    assert "서울 테크노 나이트 Vol.3" in caption and "ALT:" in caption


def _read_until(stream: object, marker: str) -> str:
    seen = []
    for line in stream:  # type: ignore[attr-defined]
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError(f"{marker!r} never appeared in {''.join(seen)!r}")


def test_chat_wide_commands_work_in_the_console(tmp_path: Path) -> None:
    output = _console(tmp_path, [*ANSWERS, "승인", "/events", "/settings", "/help"])
    assert "서울 테크노 나이트 Vol.3" in output.split("이 채팅의 이벤트", 1)[1]
    assert "시간대: Asia/Seoul" in output
    assert "/schedule" in output and "/connect" in output


@pytest.mark.parametrize("command", ["console", "run"])
def test_the_clock_moves_however_the_console_was_started(tmp_path: Path, command: str) -> None:
    output = _console(tmp_path, ["/clock +1d"], command)
    assert "(shifted 1 day, 0:00:00)" in output
    assert "⚠️ /clock" not in output
