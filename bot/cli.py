"""The `flyerbot` command: run, console, demo, migrate."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import date
from pathlib import Path

from core.config_problems import ConfigError, Problem, load_settings
from core.redaction import redact_http_logs
from core.settings import Settings
from renderers.spec import Layout, Template, Theme


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redact_http_logs()  # before any client is built: some URLs hold tokens
    try:
        settings = load_settings()
    except ConfigError as error:
        return _refuse(error.problems)
    try:
        return int(asyncio.run(_start(settings, args)) or 0)
    except KeyboardInterrupt:
        print("\nStopped. Your answers are saved; run it again to continue.", file=sys.stderr)
        return 130


async def _start(settings: Settings, args: argparse.Namespace) -> int:
    """Check what the command needs from this machine, then run it."""
    from core.startup_checks import startup_problems

    problems = await startup_problems(settings, args.needs)
    if problems:
        return _refuse(problems)
    return int(await args.handler(settings, args) or 0)


def _refuse(problems: list[Problem]) -> int:
    """One line per problem and exit status 2, like a usage error."""
    for problem in problems:
        print(f"flyerbot: {problem}", file=sys.stderr)
    return 2


# What each command needs from this machine before it starts.
_SERVING = ("fonts", "data_dir", "database")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="flyerbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start what is configured (the console without tokens)")
    run.add_argument(
        "--role",
        choices=["all", "frontend", "worker"],
        default="all",
        help="frontend: answer chats; worker: publish; all (default): both in one process",
    )
    commands.add_parser("console", help="chat with the bot in this terminal").set_defaults(
        handler=_console, needs=_SERVING
    )
    demo = commands.add_parser("demo", help="render a built-in sample event")
    demo.add_argument("--out", type=Path, required=True, help="directory for images and captions")
    demo.set_defaults(handler=_demo, needs=("fonts",))
    render = commands.add_parser("render", help="render an event file (TOML) to JPEGs")
    render.add_argument("event_file", type=Path)
    render.add_argument("--out", type=Path, required=True)
    render.add_argument("--template", choices=[t.value for t in Template], action="append")
    render.add_argument("--layout", choices=[v.value for v in Layout], action="append")
    render.add_argument("--theme", choices=[v.value for v in Theme], action="append")
    render.add_argument("--posted-on", type=date.fromisoformat, help="day of posting (D-N)")
    render.add_argument("--contact-sheet", type=Path, help="also write one overview image")
    render.set_defaults(handler=_render, needs=("fonts",))
    commands.add_parser("migrate", help="apply database migrations").set_defaults(
        handler=_migrate, needs=("data_dir", "database")
    )
    commands.add_parser(
        "rotate-key", help="re-seal every stored secret with the current FLYERBOT_SECRET_KEY"
    ).set_defaults(handler=_rotate_key, needs=("data_dir", "database"))
    commands.choices["run"].set_defaults(handler=_run, needs=_SERVING)
    return parser


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.runner import Role, run

    return await run(settings, Role(args.role))


async def _console(settings: Settings, _args: argparse.Namespace) -> int:
    from contextlib import AsyncExitStack

    from bot.console import console_for
    from bot.media_service import start_media_server, wanted_in_console
    from bot.publishing import start_publishing
    from core.app import open_app
    from core.clock import OffsetClock

    async with open_app(settings, clock=OffsetClock()) as app, AsyncExitStack() as stack:
        console = console_for(app)
        await start_publishing(app, stack)
        await app.publishing.run_now()  # what was due is told before the first prompt
        if await wanted_in_console(app):
            print(await start_media_server(app, stack), file=sys.stderr)
        await console.run()
    return 0


async def _demo(settings: Settings, args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    for path in await run_demo(args.out, settings):
        print(path)
    return 0


async def _render(_settings: Settings, args: argparse.Namespace) -> int:
    from bot.render_command import render_event_file
    from core import i18n
    from core.event_file import EventFileError
    from core.parsing.errors import FieldError

    try:
        paths = render_event_file(
            args.event_file,
            args.out,
            templates=[Template(t) for t in args.template or []],
            layouts=[Layout(v) for v in args.layout or []],
            themes=[Theme(v) for v in args.theme or []],
            posted_on=args.posted_on,
            sheet=args.contact_sheet,
        )
    except FieldError as error:
        print(f"flyerbot render: {i18n.text(error.key, 'en', **error.params)}", file=sys.stderr)
        return 2
    except (EventFileError, OSError) as error:
        print(f"flyerbot render: {error}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


async def _migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from core.crypto import TokenCipher
    from core.secret_rotation import resealer
    from storage import db, migrate

    cipher = TokenCipher(settings.resolved_secret_key, settings.resolved_previous_secret_keys)
    engine = db.create_engine(settings.resolved_database_url)
    try:
        await migrate.upgrade(engine, reseal=resealer(cipher))
    finally:
        await engine.dispose()
    print("Database is up to date.")
    return 0


async def _rotate_key(settings: Settings, _args: argparse.Namespace) -> int:
    """Re-seal every stored secret with the current SECRET_KEY (after a key change)."""
    from core.app import open_app
    from core.crypto import TokenCipher
    from core.secret_rotation import reseal_all

    cipher = TokenCipher(settings.resolved_secret_key, settings.resolved_previous_secret_keys)
    async with open_app(settings) as app:
        report = await reseal_all(app.sessions, cipher)
    print(f"Re-sealed {report.resealed} secret(s); {report.current} already current.")
    if report.unreadable:
        ids = ", ".join(str(target_id) for target_id in report.unreadable)
        print(
            f"{len(report.unreadable)} secret(s) open with no configured key (targets {ids}): "
            "add the key that sealed them to FLYERBOT_PREVIOUS_SECRET_KEYS and run it again.",
            file=sys.stderr,
        )
        return 1
    print("FLYERBOT_PREVIOUS_SECRET_KEYS can now be removed.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
