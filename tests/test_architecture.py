"""The shape of the code, read with `ast`: how core's parts depend on each other, that
frontends never read meaning out of a button id, and that neither core nor the frontends
build SQL."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "core"
BOT = ROOT / "bot"

# core's publishing and reporting parts, top layer first: each imports only lower layers
# (README, "Architecture"); core/app.py wires them and may import them all.
_LAYERS = (
    ("insights",),
    ("engagement", "publishing"),
    ("campaigns", "outbox"),
    ("notifiers", "reading_cadence"),
)

# What a frontend must not call on a button id.
_SPLITTERS = frozenset(
    {"startswith", "endswith", "split", "rsplit", "partition", "rpartition"}
    | {"removeprefix", "removesuffix", "find", "index", "count"}
)
_ID_ATTRIBUTES = frozenset({"id", "data", "custom_id", "callback_data"})
# A bare `custom_id` name is left out: the Discord frontend names its own modals' ids so.
_ID_NAMES = frozenset({"action_id", "callback_data", "data"})
# Core modules that define button ids: a frontend may use their builders, nothing else.
_ID_MODULES = frozenset({"core.buttons", "core.conversation.actions", "core.campaigns.actions"})
_BUILDERS = frozenset({"wizard", "review", "campaign", "post", "delivery"})

# What builds SQL statements; core and bot/ may still name AsyncSession, URLs and
# sqlalchemy.exc.
_STATEMENT_BUILDERS = frozenset(
    {"select", "insert", "update", "delete", "Select", "Insert", "Update", "Delete"}
    | {"func", "and_", "or_", "not_", "text", "case", "cast", "exists", "null", "bindparam"}
    | {"literal", "literal_column", "tuple_", "column", "table", "Table", "lambda_stmt"}
    | {"union", "union_all"}
)
_STATEMENT_MODULES = ("sqlalchemy.dialects", "sqlalchemy.sql")


def test_core_parts_import_each_other_in_no_cycle() -> None:
    edges = _core_edges()
    in_cycles = sorted(
        (source, target)
        for component in _strongly_connected(edges)
        for source in component
        for target in edges.get(source, ())
        if target in component
    )
    assert not in_cycles, f"core's parts import each other in a cycle through {in_cycles}"


def test_publishing_and_reporting_parts_import_only_lower_layers() -> None:
    assert not _against_layers(_core_edges(), _LAYERS)


def test_the_layer_check_sees_an_import_upwards_or_sideways() -> None:
    layers = (("top",), ("left", "right"), ("bottom",))
    edges = {"top": {"left", "bottom"}, "left": {"right", "top"}, "bottom": {"outside"}}
    assert _against_layers(edges, layers) == [("left", "right"), ("left", "top")]


def test_targets_do_not_import_campaigns() -> None:
    assert "campaigns" not in _core_edges().get("targets", set())


def test_the_cycle_finder_sees_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _strongly_connected(edges) == [{"a", "b", "c"}]


def test_frontends_never_take_a_button_id_apart() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in _modules(BOT)
        for node in ast.walk(tree)
        if _splits_an_id(node)
    ]
    assert not found, f"a frontend reads meaning out of a button id at {found}"


def test_frontends_use_only_the_builders_of_button_ids() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{lineno} {name}"
        for path, tree in _modules(BOT)
        for lineno, name in _id_vocabulary_used(tree)
    ]
    assert not found, f"a frontend uses core's id prefixes or parsers: {found}"


def test_the_frontend_checks_catch_what_they_are_for() -> None:
    source = """
from core.conversation import actions
from core.buttons import WIZARD
from core.campaigns.actions import parse

def f(query, choice, action_id):
    query.data.startswith(actions.REVIEW_PREFIX)
    choice.id.endswith(":show")
    str(choice.custom_id).partition(":")
    action_id.split(":")
    actions.parse_review(action_id)
    actions.review(1, "show")
"""
    tree = ast.parse(source)
    assert sum(_splits_an_id(node) for node in ast.walk(tree)) == 4
    used = sorted(name for _, name in _id_vocabulary_used(tree))
    assert used == ["REVIEW_PREFIX", "WIZARD", "parse", "parse_review"]


def test_core_and_the_frontends_build_no_sql() -> None:
    """core and bot/ ask storage's repositories; the statements live in storage/."""
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for root in (CORE, BOT)
        for path, tree in _modules(root)
        for name in _sql_imports(tree)
    ]
    assert not found, f"move these statements into storage/: {found}"


def test_the_sql_check_tells_statement_builders_from_session_types() -> None:
    cases = {
        "from sqlalchemy import select, func": ["sqlalchemy.select", "sqlalchemy.func"],
        "from sqlalchemy import *": ["sqlalchemy.*"],
        "import sqlalchemy as sa": ["sqlalchemy"],
        "from sqlalchemy.dialects import postgresql": ["sqlalchemy.dialects"],
        "import sqlalchemy.dialects.sqlite": ["sqlalchemy.dialects.sqlite"],
        "from sqlalchemy.sql import ColumnElement": ["sqlalchemy.sql"],
        "def f():\n    from sqlalchemy import update\n": ["sqlalchemy.update"],
        "from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker": [],
        "from sqlalchemy.exc import IntegrityError": [],
        "from sqlalchemy.engine import URL, make_url": [],
        "from storage.events import select": [],
    }
    for source, expected in cases.items():
        assert _sql_imports(ast.parse(source)) == expected, source


# -- helpers --------------------------------------------------------------------------------


def _modules(root: Path) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(root.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _part(module: str) -> str | None:
    """core.conversation.turn -> conversation; core.outbox -> outbox."""
    names = module.split(".")
    return names[1] if names[0] == "core" and len(names) > 1 else None


def _core_edges() -> dict[str, set[str]]:
    parts = {path.stem for path in CORE.iterdir() if path.suffix == ".py"} | {
        path.name for path in CORE.iterdir() if (path / "__init__.py").exists()
    }
    parts.discard("__init__")
    edges: dict[str, set[str]] = {}
    for path, tree in _modules(CORE):
        source = path.relative_to(CORE).parts[0].removesuffix(".py")
        if source == "__init__":
            continue
        for imported in _imported_modules(tree):
            target = _part(imported)
            if target in parts and target != source:
                edges.setdefault(source, set()).add(target)
    return edges


def _imported_modules(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "core":  # `from core import buttons`: the module is the name
                yield from (f"core.{alias.name}" for alias in node.names)
            else:
                yield node.module


def _against_layers(
    edges: dict[str, set[str]], layers: tuple[tuple[str, ...], ...]
) -> list[tuple[str, str]]:
    """The imports from a layered part into its own layer or one above it."""
    depth = {part: level for level, layer in enumerate(layers) for part in layer}
    return sorted(
        (source, target)
        for source in depth
        for target in edges.get(source, ())
        if target in depth and depth[target] <= depth[source]
    )


def _strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm: the groups of nodes that reach each other (two or more)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _splits_an_id(node: ast.AST) -> bool:
    """`<id>.startswith(…)` and the like, where <id> is a button id or callback data."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    return node.func.attr in _SPLITTERS and _is_button_id(node.func.value)


def _is_button_id(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in _ID_ATTRIBUTES
    if isinstance(node, ast.Name):
        return node.id in _ID_NAMES
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return bool(node.args) and _is_button_id(node.args[0])  # str(query.data)
    if isinstance(node, ast.BoolOp):  # query.data or ""
        return any(_is_button_id(value) for value in node.values)
    return False


def _id_vocabulary_used(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Imports of core's id prefixes and parsers, and their use through a module name."""
    id_modules: set[str] = set()  # local names bound to one of _ID_MODULES
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level != 0 or not node.module:
            continue
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            if full in _ID_MODULES:
                id_modules.add(alias.asname or alias.name)
                if full == "core.buttons":
                    yield node.lineno, full
            elif node.module in _ID_MODULES and alias.name not in _BUILDERS:
                yield node.lineno, alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in id_modules
            and node.attr not in _BUILDERS
        ):
            yield node.lineno, node.attr


def _sql_imports(tree: ast.Module) -> list[str]:
    """Each import that gives access to SQL statement builders (session types do not)."""
    found = []
    for node in ast.walk(tree):
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
                    if alias.name in _STATEMENT_BUILDERS or alias.name == "*"
                ]
    return found


def _is_statement_module(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in _STATEMENT_MODULES)
