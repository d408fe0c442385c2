"""The Dockerfile and compose.yaml, checked by reading them (no Docker engine here)."""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import sys
from contextlib import AsyncExitStack
from pathlib import Path
from subprocess import DEVNULL
from typing import Any

import pytest
import yaml

from bot.cli import _parser
from bot.media_service import start_media_server
from core.app import App
from core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def _stages(dockerfile: str) -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for keyword, rest in _instructions(dockerfile):
        if keyword == "FROM":
            stages.append([])
        stages[-1].append((keyword, rest))
    return stages


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_the_image_is_built_in_stages_and_runs_as_a_user(dockerfile: str) -> None:
    stages = _stages(dockerfile)
    assert len(stages) >= 2
    runtime = stages[-1]
    users = [rest for keyword, rest in runtime if keyword == "USER"]
    assert users and users[-1] not in ("root", "0")
    copies = [rest for keyword, rest in runtime if keyword == "COPY"]
    assert copies and all(copy.startswith("--from=") for copy in copies)  # nothing rebuilt
    assert ("CMD", '["flyerbot", "run"]') in runtime


def test_every_file_the_build_copies_is_in_the_repository(dockerfile: str) -> None:
    for keyword, rest in _instructions(dockerfile):
        if keyword == "COPY" and not rest.startswith("--from="):
            *sources, _destination = shlex.split(rest)
            for source in sources:
                assert (ROOT / source).exists(), source


def _healthcheck(dockerfile: str) -> list[str]:
    [check] = [rest for keyword, rest in _stages(dockerfile)[-1] if keyword == "HEALTHCHECK"]
    command = check[check.index("CMD") + len("CMD") :].strip()
    return list(json.loads(command))


async def test_the_healthcheck_probes_healthz_and_fails_when_it_is_not_200(
    dockerfile: str, app: App
) -> None:
    probe = _healthcheck(dockerfile)
    assert probe[0] == "python" and "/healthz" in probe[-1]
    port = re.search(r"FLYERBOT_HTTP_PORT=(\d+)", dockerfile)
    assert port is not None and f":{port.group(1)}/healthz" in probe[-1]
    app.settings.http_port = 0
    async with AsyncExitStack() as stack:
        description = await start_media_server(app, stack)
        assert description is not None
        served = description.split()[2]
        healthy = probe[-1].replace(f"http://127.0.0.1:{port.group(1)}", served)
        assert await _exit_status(healthy) == 0
    # The server is gone now: the same probe must fail.
    assert await _exit_status(healthy) != 0


async def _exit_status(snippet: str) -> int:
    """Run the probe as Docker would, while this loop keeps serving."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", snippet, stdout=DEVNULL, stderr=DEVNULL
    )
    return await process.wait()


def test_compose_runs_postgresql_one_frontend_and_two_workers(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["postgres"]["image"].startswith("postgres:")
    assert "healthcheck" in services["postgres"]
    assert services["frontend"]["command"][-2:] == ["--role", "frontend"]
    assert services["worker"]["command"][-2:] == ["--role", "worker"]
    assert services["worker"]["deploy"]["replicas"] == 2
    assert services["migrate"]["command"] == ["flyerbot", "migrate"]
    for name in ("frontend", "worker"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_compose_commands_are_ones_the_cli_accepts(compose: dict[str, Any]) -> None:
    parser = _parser()
    for name, service in compose["services"].items():
        command = service.get("command")
        if command and command[0] == "flyerbot":
            parser.parse_args(command[1:])  # exits on anything it does not know
        else:
            assert name == "postgres"


def test_compose_settings_are_real_settings_and_share_one_database_and_key(
    compose: dict[str, Any],
) -> None:
    known = {f"FLYERBOT_{name.upper()}" for name in Settings.model_fields}
    for name in ("migrate", "frontend", "worker"):
        environment = compose["services"][name]["environment"]
        assert set(environment) <= known, set(environment) - known
        url = environment["FLYERBOT_DATABASE_URL"]
        assert url.startswith("postgresql+asyncpg://") and "@postgres:5432/" in url
        assert environment["FLYERBOT_SECRET_KEY"].startswith("${FLYERBOT_SECRET_KEY:?")
        assert "flyerbot-data:/data" in compose["services"][name]["volumes"]


def test_the_frontend_publishes_the_media_server_port(
    compose: dict[str, Any], dockerfile: str
) -> None:
    port = re.search(r"FLYERBOT_HTTP_PORT=(\d+)", dockerfile)
    assert port is not None
    published = [
        str(entry).split("#")[0].strip() for entry in compose["services"]["frontend"]["ports"]
    ]
    assert f"{port.group(1)}:{port.group(1)}" in published
