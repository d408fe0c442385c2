"""The `flyerbot` command: run, console, demo, migrate."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from core.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings()
    try:
        return int(asyncio.run(args.handler(settings, args)) or 0)
    except KeyboardInterrupt:
        print("\nStopped. Your answers are saved; run it again to continue.", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="flyerbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start what is configured (the console without tokens)")
    commands.add_parser("console", help="chat with the bot in this terminal").set_defaults(
        handler=_console
    )
    demo = commands.add_parser("demo", help="render a built-in sample event")
    demo.add_argument("--out", type=Path, required=True, help="directory for images and captions")
    demo.set_defaults(handler=_demo)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(handler=_migrate)
    commands.choices["run"].set_defaults(handler=_run)
    return parser


async def _run(settings: Settings, _args: argparse.Namespace) -> int:
    from bot.runner import run

    return await run(settings)


async def _console(settings: Settings, _args: argparse.Namespace) -> int:
    from bot.console import Console
    from core.app import open_app

    async with open_app(settings) as app:
        await Console(app.conversations, settings.data_dir / "previews").run()
    return 0


async def _demo(settings: Settings, args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    for path in await run_demo(args.out, settings):
        print(path)
    return 0


async def _migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from storage import db, migrate

    engine = db.create_engine(settings.resolved_database_url)
    try:
        await migrate.upgrade(engine)
    finally:
        await engine.dispose()
    print("Database is up to date.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
