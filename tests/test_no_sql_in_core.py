"""core asks storage's repositories; it builds no SQL statements of its own.

Every module under core/ is parsed, and an import that brings a statement builder from
sqlalchemy fails the test. Session and engine types (`AsyncSession`,
`async_sessionmaker`), URLs and `sqlalchemy.exc` exceptions stay allowed: core owns
the transactions, storage owns the statements.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "core"

STATEMENT_BUILDERS = frozenset(
    {
        "Delete",
        "Insert",
        "Select",
        "Table",
        "Update",
        "and_",
        "bindparam",
        "case",
        "cast",
        "column",
        "delete",
        "exists",
        "func",
        "insert",
        "lambda_stmt",
        "literal",
        "literal_column",
        "not_",
        "null",
        "or_",
        "select",
        "table",
        "text",
        "tuple_",
        "union",
        "union_all",
        "update",
    }
)
STATEMENT_MODULES = ("sqlalchemy.dialects", "sqlalchemy.sql")


def sql_imports(source: str) -> list[str]:
    """Each import in `source` that gives access to SQL statement builders."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                alias.name
                for alias in node.names
                if alias.name == "sqlalchemy" or _is_statement_module(alias.name)
            ]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if _is_statement_module(node.module):
                found.append(node.module)
            elif node.module == "sqlalchemy":
                found += [
                    f"sqlalchemy.{alias.name}"
                    for alias in node.names
                    if alias.name in STATEMENT_BUILDERS or alias.name == "*"
                ]
    return found


def _is_statement_module(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in STATEMENT_MODULES)


def _core_modules() -> list[str]:
    return sorted(path.relative_to(ROOT).as_posix() for path in CORE.rglob("*.py"))


def _sql_imports_of(module: str) -> list[str]:
    return sql_imports((ROOT / module).read_text(encoding="utf-8"))


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_builds_no_sql(module: str) -> None:
    assert _sql_imports_of(module) == [], f"{module}: move these statements into storage/"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from sqlalchemy import select, func", ["sqlalchemy.select", "sqlalchemy.func"]),
        ("from sqlalchemy import *", ["sqlalchemy.*"]),
        ("import sqlalchemy as sa", ["sqlalchemy"]),
        ("from sqlalchemy.dialects import postgresql", ["sqlalchemy.dialects"]),
        ("import sqlalchemy.dialects.sqlite", ["sqlalchemy.dialects.sqlite"]),
        ("from sqlalchemy.sql import ColumnElement", ["sqlalchemy.sql"]),
        ("def f():\n    from sqlalchemy import update\n", ["sqlalchemy.update"]),
        ("from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker", []),
        ("from sqlalchemy.exc import IntegrityError", []),
        ("from sqlalchemy.engine import URL, make_url", []),
        ("from storage.events import select", []),
    ],
)
def test_sql_imports_tells_builders_from_session_types(source: str, expected: list[str]) -> None:
    assert sql_imports(source) == expected
