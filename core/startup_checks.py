"""Checks of the machine before start-up: fonts, DATA_DIR and the database.

Each check returns `Problem`s rather than raising, so start-up reports every one of them
at once. A database URL is only ever shown with its password hidden.
"""

from __future__ import annotations

import asyncio
import socket
import tempfile
from collections.abc import Collection
from pathlib import Path

from PIL import ImageFont
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from core.config_problems import Problem, shown, variable_name
from core.settings import Settings
from renderers.fonts import Weight, font_path
from storage import db

DATABASE_URL_EXAMPLES = (
    "sqlite+aiosqlite:////path/flyerbot.sqlite3 or "
    "postgresql+asyncpg://user:password@host:5432/flyerbot"
)
CONNECT_TIMEOUT_SECONDS = 10.0


def check_fonts() -> list[Problem]:
    """Every bundled face is there and readable (renders need all four weights)."""
    problems = []
    for weight in Weight:
        path = font_path(weight)
        if not path.is_file():
            allowed = "missing; restore the fonts/ directory that ships with flyerbot"
            problems.append(Problem(f"font file {path}", None, allowed))
            continue
        try:
            ImageFont.truetype(str(path), 12)
        except OSError as error:
            problems.append(Problem(f"font file {path}", None, f"cannot be read ({error})"))
    return problems


def check_data_dir(settings: Settings) -> list[Problem]:
    """DATA_DIR exists (or can be made) and takes files: media, previews, the secret key."""
    problem = _unwritable(settings.data_dir)
    if problem is None:
        return []
    return [Problem(variable_name("data_dir"), repr(str(settings.data_dir)), problem)]


async def startup_problems(settings: Settings, needs: Collection[str]) -> list[Problem]:
    """What stands in the way of a command that needs `needs` (fonts, data_dir, database)."""
    problems = []
    if "fonts" in needs:
        problems += check_fonts()
    if "data_dir" in needs:
        problems += check_data_dir(settings)
    if "database" in needs:
        problems += await check_database(settings)
    return problems


async def check_database(settings: Settings) -> list[Problem]:
    """The database URL is one flyerbot speaks, and the database answers.

    The default SQLite file lives in DATA_DIR, which `check_data_dir` covers.
    """
    if not settings.database_url:
        return []
    raw = settings.database_url
    name = variable_name("database_url")
    try:
        url = make_url(raw)
    except ArgumentError:
        return [Problem(name, shown(raw), f"a database URL such as {DATABASE_URL_EXAMPLES}")]
    safe = url.render_as_string(hide_password=True)
    backend, _, driver = url.drivername.partition("+")
    if (backend, driver) == ("sqlite", "aiosqlite"):
        return _check_sqlite_file(name, safe, url)
    if (backend, driver) != ("postgresql", "asyncpg"):
        return [Problem(name, repr(safe), f"flyerbot speaks {DATABASE_URL_EXAMPLES}")]
    reason = await _unreachable(raw, url)
    if reason is None:
        return []
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    return [Problem(name, repr(safe), f"cannot reach the database at {where} ({reason})")]


def _check_sqlite_file(name: str, safe: str, url: URL) -> list[Problem]:
    if not url.database or url.database == ":memory:":
        return []
    problem = _unwritable(Path(url.database).parent)
    return [] if problem is None else [Problem(name, repr(safe), f"its directory {problem}")]


def _unwritable(directory: Path) -> str | None:
    """Why files cannot be written in `directory`, or None when they can."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return f"must be a directory flyerbot can write to ({reason.lower()})"
    return None


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, socket.gaierror):
        return "unknown host"
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


async def _unreachable(raw: str, url: URL) -> str | None:
    """Why a connection failed, with the password never in the text; None when it worked."""
    engine = db.create_engine(raw)
    try:
        async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS), engine.connect():
            return None
    except TimeoutError:
        return f"no answer within {CONNECT_TIMEOUT_SECONDS:.0f} s"
    except Exception as error:  # asyncpg, socket and SQLAlchemy errors alike
        reason = _reason(getattr(error, "orig", None) or error)
        if url.password:
            reason = reason.replace(str(url.password), "***")
        return reason
    finally:
        await engine.dispose()
