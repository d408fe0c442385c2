"""A setting flyerbot cannot start with: exit status 2 and one line per problem, naming
the variable, the value given (secrets masked) and what is allowed. Through `main()`, the
`flyerbot` command's own entry point, and once as a real process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from renderers import fonts


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No FLYERBOT_ variable from outside, no `.env`, DATA_DIR in a temporary directory."""
    for name in list(os.environ):
        if name.startswith("FLYERBOT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FLYERBOT_DATA_DIR", str(tmp_path / "data"))
    return monkeypatch


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """Run `flyerbot argv...`; the lines it printed, after checking it exited with 2."""
    assert main(list(argv)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert all(line.startswith("flyerbot: ") for line in lines)
    return [line.removeprefix("flyerbot: ") for line in lines]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_lease_below_its_minimum_is_one_line_from_the_real_command(tmp_path: Path) -> None:
    env = {name: value for name, value in os.environ.items() if not name.startswith("FLYERBOT_")}
    env.update(FLYERBOT_PUBLISH_LEASE_SECONDS="0", FLYERBOT_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "console"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(Path(__file__).parents[2])},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == "flyerbot: FLYERBOT_PUBLISH_LEASE_SECONDS='0': a whole number ≥ 1\n"
    assert done.stdout == ""


def test_every_bad_setting_gets_its_own_line(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.setenv("FLYERBOT_PUBLISH_LEASE_SECONDS", "five minutes")
    environment.setenv("FLYERBOT_DEFAULT_LOCALE", "fr")
    environment.setenv("FLYERBOT_DEFAULT_TIMEZONE", "Asia/Seul")
    environment.setenv("FLYERBOT_HTTP_PORT", "70000")
    environment.setenv("FLYERBOT_PUBLISH_RETRY_SECONDS", "0")
    assert sorted(refused(capsys, "run")) == [
        "FLYERBOT_DEFAULT_LOCALE='fr': one of 'ko', 'en'",
        "FLYERBOT_DEFAULT_TIMEZONE='Asia/Seul': an IANA time zone such as Asia/Seoul or "
        "Europe/Berlin",
        "FLYERBOT_HTTP_PORT='70000': a whole number from 0 to 65535",
        "FLYERBOT_PUBLISH_LEASE_SECONDS='five minutes': a whole number ≥ 1",
        "FLYERBOT_PUBLISH_RETRY_SECONDS='0': a number > 0",
    ]


def test_a_secret_is_shown_only_by_its_length(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.setenv("FLYERBOT_TELEGRAM_WEBHOOK_SECRET", "hunter2 and more!")
    [line] = refused(capsys, "console")
    assert line == (
        "FLYERBOT_TELEGRAM_WEBHOOK_SECRET=<hidden, 17 bytes>: 1 to 256 characters: "
        "letters A-Z a-z, digits, _ and - (Telegram's rule)"
    )


def test_settings_that_contradict_each_other_are_one_line(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.setenv("FLYERBOT_TELEGRAM_WEBHOOK_URL", "https://bot.example/telegram")
    assert refused(capsys, "run") == [
        "FLYERBOT_TELEGRAM_WEBHOOK_URL is set but FLYERBOT_TELEGRAM_TOKEN is not: "
        "set the token, or unset the webhook URL"
    ]


def test_a_short_secret_key_is_one_line_that_says_how_to_make_one(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The key rule is a validator on Settings, so it is told like every other setting."""
    environment.setenv("FLYERBOT_SECRET_KEY", "short-key")
    assert refused(capsys, "run") == [
        "FLYERBOT_SECRET_KEY=<hidden, 9 bytes>: must be at least 32 bytes; generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(48))' (or unset it to have "
        "one generated into DATA_DIR)"
    ]


def test_an_unwritable_data_dir_is_named(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    environment.setenv("FLYERBOT_DATA_DIR", str(tmp_path / "a-file" / "data"))
    [line] = refused(capsys, "console")
    assert line == (
        f"FLYERBOT_DATA_DIR='{tmp_path / 'a-file' / 'data'}': must be a directory flyerbot "
        "can write to (not a directory)"
    )


def test_an_unreachable_database_names_the_host_and_never_the_password(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = closed_port()
    environment.setenv(
        "FLYERBOT_DATABASE_URL", f"postgresql+asyncpg://flyer:hunter2@127.0.0.1:{port}/flyerbot"
    )
    [line] = refused(capsys, "migrate")
    assert line == (
        f"FLYERBOT_DATABASE_URL='postgresql+asyncpg://flyer:***@127.0.0.1:{port}/flyerbot': "
        f"cannot reach the database at 127.0.0.1:{port} (connection refused)"
    )


@pytest.mark.parametrize(
    "url",
    ["mysql://flyer:hunter2@db.example/flyerbot", "postgresql://flyer:hunter2@db/flyerbot"],
)
def test_a_database_flyerbot_does_not_speak_is_refused_before_connecting(
    url: str, environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.setenv("FLYERBOT_DATABASE_URL", url)
    [line] = refused(capsys, "console")
    assert "hunter2" not in line and "flyer:***@" in line
    assert line.endswith(
        "flyerbot speaks sqlite+aiosqlite:////path/flyerbot.sqlite3 or "
        "postgresql+asyncpg://user:password@host:5432/flyerbot"
    )


def test_a_missing_font_file_is_named(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    installed = tmp_path / "fonts"
    installed.mkdir()
    for weight in ("Regular", "SemiBold", "Black"):
        name = f"Pretendard-{weight}.otf"
        (installed / name).write_bytes((fonts.FONT_DIR / name).read_bytes())
    environment.setattr(fonts, "FONT_DIR", installed)
    out = tmp_path / "out"
    assert refused(capsys, "demo", "--out", str(out)) == [
        f"font file {installed / 'Pretendard-Bold.otf'}: missing; restore the fonts/ "
        "directory that ships with flyerbot"
    ]
    assert not out.exists()


def test_good_settings_start(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out == "Database is up to date.\n"
    assert (tmp_path / "data" / "flyerbot.sqlite3").is_file()
