"""Read a lineup pasted from a notes app: one act per line, times before or after the name.

Times are kept as wall-clock times while parsing; `resolve_lineup` places them on the
night of the event once its start is known, because `01:30` means after midnight.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.parsing.dates import parse_time_of_day
from core.parsing.errors import FieldError
from core.parsing.text import clip, find_invisible, has_control, one_line

MAX_ENTRIES = 24
MAX_NAME = 60
# A slot this long before the event's start time is taken as after midnight.
AFTER_MIDNIGHT_SLACK = timedelta(hours=3)


@dataclass(frozen=True)
class LineupEntry:
    name: str
    start: time | None = None
    end: time | None = None


# One clock reading: 22:00, 22.00, 10pm, 10:30pm, 23시, 23시 30분, 23시 반.
_TOKEN = (
    r"\d{1,2}(?:\s*[:：.]\s*\d{2})?\s*[ap]\.?m\.?"
    r"|\d{1,2}\s*[:：.]\s*\d{2}"
    r"|\d{1,2}\s*시(?:\s*\d{1,2}\s*분|\s*반)?"
)
# A range may start with a bare hour, as in `22-23:30`; a lone time may not.
_RANGE = (
    rf"(?P<start>{_TOKEN}|\d{{1,2}}(?=\s*(?:-|–|—|~|～|〜|to)))"
    rf"(?:\s*(?:-|–|—|~|～|〜|to)\s*(?P<end>{_TOKEN}))?"
)
_SEPARATORS = " \t-–—:|·,@/"
_LEADING = re.compile(rf"(?P<times>{_RANGE})(?![\w:])(?P<name>.*)", re.IGNORECASE)
_TRAILING = re.compile(rf"(?P<name>.*?)(?<!\w)[(\[]?\s*(?P<times>{_RANGE})\s*[)\]]?", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-–—•·*▪◦‣>]+|\d{1,2}[.)])\s+")
_MERIDIEM = re.compile(r"([ap])\.?m\.?$", re.IGNORECASE)


def _split_lines(text: str) -> list[str]:
    """Non-empty lines without their bullets; divider lines such as `-----` are dropped."""
    lines = (_BULLET.sub("", one_line(part)) for part in re.split(r"[\n\r;]+", text))
    return [line for line in lines if line.strip(_SEPARATORS + "•*▪◦‣>=_")]


def _times(match: re.Match[str], line: str) -> tuple[time, time | None]:
    """The slot's start and end; a start without am/pm borrows the end's (`10-11:30pm`)."""
    start_text, end_text = match["start"].strip(), match["end"]
    try:
        end = parse_time_of_day(end_text) if end_text else None
        end_meridiem = _MERIDIEM.search(end_text or "")
        if (
            end_text
            and end_meridiem
            and not _MERIDIEM.search(start_text)
            and "시" not in start_text
        ):
            return _borrow_meridiem(start_text, end_meridiem[1].lower(), end), end
        if start_text.isdigit():
            start_text += ":00"
        return parse_time_of_day(start_text), end
    except FieldError:
        raise FieldError("lineup.bad_time", line=clip(line), value=match["times"]) from None


def _borrow_meridiem(start_text: str, meridiem: str, end: time | None) -> time:
    start = parse_time_of_day(f"{start_text}{meridiem}m")
    if end is not None and start > end:  # `11-1am` is 11pm to 1am
        start = parse_time_of_day(f"{start_text}{'p' if meridiem == 'a' else 'a'}m")
    return start


def _parse_line(line: str) -> LineupEntry:
    if has_control(line):
        raise FieldError("lineup.control_chars", line=clip(line.encode("unicode_escape").decode()))
    invisible = find_invisible(line)
    if invisible is not None:
        raise FieldError(
            "lineup.invisible", code=invisible.code, name=invisible.name, text=invisible.marked
        )
    match = _LEADING.fullmatch(line) or _TRAILING.fullmatch(line)
    start = end = None
    name = line
    if match:
        start, end = _times(match, line)
        name = match["name"]
    name = name.strip(_SEPARATORS).strip()
    if not name:
        raise FieldError("lineup.no_name", line=clip(line))
    if len(name) > MAX_NAME:
        raise FieldError("lineup.name_too_long", line=clip(line), length=len(name), max=MAX_NAME)
    return LineupEntry(name, start, end)


def parse_lineup(text: str) -> tuple[LineupEntry, ...]:
    """Entries from lines (or `;`-separated parts) like `22:00-23:30 DJ Name`, `이름 23:30`."""
    lines = _split_lines(text)
    if not lines:
        raise FieldError("lineup.empty")
    if len(lines) > MAX_ENTRIES:
        raise FieldError("lineup.too_many", count=len(lines), max=MAX_ENTRIES)
    return tuple(_parse_line(line) for line in lines)


def _on_night(night: date, clock: time, event_start: datetime) -> datetime:
    """`clock` on the event's night: early-morning times belong to the day after."""
    moment = datetime.combine(night, clock, tzinfo=event_start.tzinfo)
    event_clock = datetime.combine(night, event_start.timetz().replace(tzinfo=None))
    if datetime.combine(night, clock) < event_clock - AFTER_MIDNIGHT_SLACK:
        moment = datetime.combine(night + timedelta(days=1), clock, tzinfo=event_start.tzinfo)
    return moment


def _later_than(clock: time, floor: datetime) -> datetime:
    """The first `clock` not earlier than `floor`, counting days forward from `floor`."""
    moment = datetime.combine(floor.date(), clock, tzinfo=floor.tzinfo)
    return moment if moment >= floor else moment + timedelta(days=1)


def resolve_lineup(
    entries: Sequence[LineupEntry], event_start: datetime
) -> tuple[tuple[str, datetime | None, datetime | None], ...]:
    """(name, start, end) with times placed on the event's night, in its timezone.

    A slot more than AFTER_MIDNIGHT_SLACK before the event's start time is after
    midnight; an end before its start is the next day; slots never go back in time.
    """
    if event_start.tzinfo is None:
        raise ValueError("event_start must be timezone-aware")
    night = event_start.date()
    previous: datetime | None = None
    resolved: list[tuple[str, datetime | None, datetime | None]] = []
    for entry in entries:
        start = end = None
        if entry.start is not None:
            start = _on_night(night, entry.start, event_start)
            if previous is not None and start < previous:
                start = _later_than(entry.start, previous)
            previous = start
        if entry.end is not None:
            end = (
                _later_than(entry.end, start)
                if start is not None
                else _on_night(night, entry.end, event_start)
            )
        resolved.append((entry.name, start, end))
    return tuple(resolved)


def lineup_to_json(entry: LineupEntry) -> dict[str, str | None]:
    return {
        "name": entry.name,
        "start": entry.start.strftime("%H:%M") if entry.start else None,
        "end": entry.end.strftime("%H:%M") if entry.end else None,
    }


def lineup_from_json(rows: list[dict[str, str | None]]) -> tuple[LineupEntry, ...]:
    def parse(value: str | None) -> datetime | None:
        return datetime.strptime(value, "%H:%M") if value else None

    entries = []
    for row in rows:
        start, end = parse(row.get("start")), parse(row.get("end"))
        entries.append(
            LineupEntry(
                name=str(row["name"]),
                start=start.time() if start else None,
                end=end.time() if end else None,
            )
        )
    return tuple(entries)


def lineup_line(entry: LineupEntry) -> str:
    if entry.start and entry.end:
        return f"{entry.start:%H:%M}-{entry.end:%H:%M} {entry.name}"
    if entry.start:
        return f"{entry.start:%H:%M} {entry.name}"
    return entry.name
