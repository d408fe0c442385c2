"""The database's own clock, as SQL, for leases.

Leases are compared by every worker on every machine, so they are written and read with
one clock: the database server's. A worker whose clock runs fast or slow then neither
steals a lease that is still alive nor keeps one that has run out. The value is in the
same form a `UTCDateTime` column stores (SQLite: text with six fractional digits;
PostgreSQL: timestamptz), so it can be compared with and written to those columns.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from storage.types import UTCDateTime


class db_now_plus(FunctionElement[Any]):
    """The database's current UTC time plus `seconds` (which may be zero or negative)."""

    type = UTCDateTime()
    inherit_cache = True
    name = "db_now_plus"

    def __init__(self, seconds: float) -> None:
        super().__init__(bindparam("seconds", float(seconds), unique=True))


def db_now() -> db_now_plus:
    return db_now_plus(0)


@compiles(db_now_plus, "sqlite")
def _sqlite(element: db_now_plus, compiler: Any, **kw: Any) -> str:
    # strftime's %f has milliseconds; the stored form has microseconds, so pad with zeros.
    seconds = compiler.process(element.clauses, **kw)
    return f"(strftime('%Y-%m-%d %H:%M:%f', 'now', printf('%+.3f seconds', {seconds})) || '000')"


@compiles(db_now_plus, "postgresql")
def _postgresql(element: db_now_plus, compiler: Any, **kw: Any) -> str:
    seconds = compiler.process(element.clauses, **kw)
    return f"(clock_timestamp() + make_interval(secs => {seconds}))"
