"""`flyerbot run --role`: what each role refuses, and a worker process publishing alone."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.runner import Role, role_problem
from core.app import App
from core.clock import ManualClock
from core.settings import Settings
from core.targets.checks import SANDBOX
from tests.conftest import POSTGRES_URL
from tests.publishing.helpers import delivery, seed

ROOT = Path(__file__).resolve().parents[2]


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **values)  # type: ignore[call-arg]


@pytest.mark.parametrize("role", [Role.FRONTEND, Role.WORKER])
def test_sqlite_serves_one_process_so_split_roles_are_refused(tmp_path: Path, role: Role) -> None:
    problem = role_problem(role, _settings(tmp_path))

    assert problem is not None
    assert f"--role {role}" in problem and "PostgreSQL" in problem and "\n" not in problem


def test_every_role_may_run_on_postgresql_and_all_runs_anywhere(tmp_path: Path) -> None:
    postgres = "postgresql+asyncpg://flyerbot@db.internal/flyerbot"
    assert role_problem(Role.ALL, _settings(tmp_path)) is None
    assert role_problem(Role.WORKER, _settings(tmp_path, database_url=postgres)) is None
    frontend = role_problem(Role.FRONTEND, _settings(tmp_path, database_url=postgres))
    assert frontend is not None and "FLYERBOT_TELEGRAM_TOKEN" in frontend
    with_token = _settings(tmp_path, database_url=postgres, telegram_token="1:abc")
    assert role_problem(Role.FRONTEND, with_token) is None


async def test_the_cli_refuses_a_worker_on_sqlite_with_one_line_and_status_2(
    tmp_path: Path,
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--role",
        "worker",
        cwd=ROOT,
        env=_environment(tmp_path, FLYERBOT_DATA_DIR=str(tmp_path)),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)

    assert process.returncode == 2 and out == b""
    [line] = err.decode().splitlines()
    assert line.startswith("flyerbot run: --role worker: SQLite serves one process")


def _environment(tmp_path: Path, **values: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("FLYERBOT_")}
    return {**keep, "FLYERBOT_SECRET_KEY": "flyerbot-test-secret-key-0123456789abcdef", **values}


@pytest.mark.skipif(POSTGRES_URL is None, reason="needs PostgreSQL (FLYERBOT_TEST_DATABASE_URL)")
async def test_a_worker_process_publishes_what_another_process_scheduled(
    app: App, clock: ManualClock, database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("split roles run on PostgreSQL only")
    seeded = await seed(app, due_at=clock.now - timedelta(minutes=1), posts=3, kind=SANDBOX)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--role",
        "worker",
        cwd=ROOT,
        env=_environment(
            tmp_path,
            FLYERBOT_DATA_DIR=str(app.settings.data_dir),
            FLYERBOT_DATABASE_URL=database_url,
            FLYERBOT_HTTP_PORT="0",
            FLYERBOT_GRACE_MINUTES="100000",  # the test clock is in the past: not "missed"
        ),
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(60):
            while True:  # a real process on its own clock: watch the table it writes
                rows = [await delivery(app, number) for number in seeded.delivery_ids]
                if all(row.status == "published" for row in rows):
                    break
                await asyncio.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert "started: worker" in err.decode()
    outbox = app.settings.data_dir / "outbox" / str(seeded.workspace_id)
    assert len([p for p in outbox.rglob("*") if p.suffix == ".jpg"]) == 3
