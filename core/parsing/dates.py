"""Read an event's start the way organisers type it, in Korean or English.

The text is split into a date part (`12월 20일`, `Dec 20`, `tomorrow`, `토요일`, ...) and a
time part (`밤 10시`, `10pm`, `22:00`), each read on its own. Nightlife times belong to
the night: `밤 1시` and `밤 12시` are after midnight, so they land on the next calendar day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.parsing.errors import FieldError
from core.parsing.text import for_matching

MAX_YEARS_AHEAD = 2

# ---------------------------------------------------------------------------- time of day

_DAYPARTS = ("오전", "아침", "오후", "저녁", "밤", "새벽", "낮")
_CLOCK = re.compile(
    r"""
    (?:(?P<part>오전|아침|오후|저녁|밤|새벽|낮)\s*)?
    (?P<h>\d{1,2})
    (?:
        \s*[:.]\s*(?P<m>\d{2})
      | \s*(?P<si>시)(?:\s*(?:(?P<km>\d{1,2})\s*분?|(?P<half>반)))?
      | (?P<hh>h)(?P<hm>\d{2})?
    )?
    \s*(?P<ampm>am|pm)?
    """,
    re.VERBOSE,
)
_NAMED_TIMES = {
    "noon": (time(12), 0),
    "midday": (time(12), 0),
    "정오": (time(12), 0),
    "낮 12시": (time(12), 0),
    "midnight": (time(0), 1),
    "자정": (time(0), 1),
    "밤 자정": (time(0), 1),
}


def _fold_time(text: str) -> str:
    """Fold a time for matching: `p.m.` and `P M` both become `pm`."""
    folded = for_matching(text)
    return re.sub(r"(?<![a-z])([ap])\.?\s?m\.?(?![a-z])", r"\1m", folded)


def _to_24h(hour: int, minute: int, part: str | None, ampm: str | None) -> tuple[int, int]:
    """(hour, extra days) for a clock reading; ValueError when no such time exists."""
    if not 0 <= minute <= 59:
        raise ValueError("minute")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError("12-hour clock")
        return (hour % 12) + (12 if ampm == "pm" else 0), 0
    if part in ("오전", "아침", "새벽"):
        if hour > 12:
            raise ValueError("morning hour")
        return hour % 12, 0
    if part in ("오후", "저녁"):
        if hour > 23:
            raise ValueError("hour")
        return (hour + 12 if 1 <= hour <= 11 else hour), 0
    if part == "낮":
        if hour > 23:
            raise ValueError("hour")
        return (hour + 12 if 1 <= hour <= 6 else hour), 0
    if part == "밤":
        # 밤 12시 is the midnight that ends the day; 밤 1-4시 is after it.
        if hour in (0, 12, 24):
            return 0, 1
        if 1 <= hour <= 4:
            return hour, 1
        if 5 <= hour <= 11:
            return hour + 12, 0
        if hour <= 23:
            return hour, 0
        raise ValueError("hour")
    if hour == 24 and minute == 0:
        return 0, 1
    if hour > 23:
        raise ValueError("hour")
    return hour, 0


def _read_clock(text: str) -> tuple[time, int]:
    """The time of day in `text` and how many days after the named date it falls."""
    folded = _fold_time(text)
    if folded in _NAMED_TIMES:
        return _NAMED_TIMES[folded]
    match = _CLOCK.fullmatch(folded)
    if not match or not (
        match["m"] or match["si"] or match["hh"] or match["ampm"]
    ):  # a bare number such as `22` is too easy to misread
        raise FieldError("time.unknown", value=text.strip())
    if match["part"] and match["ampm"]:
        raise FieldError("time.unknown", value=text.strip())
    minute = int(match["m"] or match["km"] or match["hm"] or 0)
    if match["half"]:
        minute = 30
    try:
        hour, extra_days = _to_24h(int(match["h"]), minute, match["part"], match["ampm"])
    except ValueError:
        raise FieldError("time.impossible", value=text.strip()) from None
    return time(hour, minute), extra_days


def parse_time_of_day(text: str) -> time:
    """A wall-clock time: `22:00`, `10pm`, `22시`, `밤 10시`, `오후 10시 30분`.

    `밤 12시` and `24:00` read as 00:00; callers that care which day it belongs to use
    `parse_starts_at`, which moves such times to the next day.
    """
    return _read_clock(text)[0]


# ---------------------------------------------------------------------------- date part

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS_EN = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAYS_KO = "월화수목금토일"
WEEKDAY_NAMES_KO = tuple(f"{day}요일" for day in _WEEKDAYS_KO)
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_WD_EN = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?(?![a-z])"
)
_WD_KO = r"[월화수목금토일]요일"
# A weekday written next to a full date, e.g. `12/20(토)` or `Sat, Dec 20`: checked, not used.
_WD_BEFORE = rf"(?:(?P<wdb>{_WD_EN}|{_WD_KO})\s*,?\s*)?"
_WD_AFTER = rf"(?:\s*,?\s*\(?\s*(?P<wda>{_WD_EN}|{_WD_KO}|[월화수목금토일])\s*\)?)?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR_TAIL = r"(?:\s*,?\s*(?P<y>\d{4})(?![\d:.]))?"
# The date part must end at a word edge, so `10.30pm` is not read as 10 October.
_EDGE = r",?(?=$|[\s(]|t\d|[가-힣])"


@dataclass(frozen=True)
class _Day:
    """What the date part named: a calendar day, plus how to treat times around it."""

    day: date
    roll_week: bool = False  # a bare weekday moves on a week when today's time has passed
    tonight: bool = False  # `tonight 1am` is after midnight


def _weekday_index(token: str) -> int:
    token = token.strip("(). ")
    if token[0] in _WEEKDAYS_KO:
        return _WEEKDAYS_KO.index(token[0])
    return _WEEKDAYS_EN.index(token[:3])


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise FieldError("starts_at.impossible", value=shown) from None


def _next_occurrence(month: int, day: int, today: date, shown: str) -> date:
    """This year's `month/day`, or the first later year where that day exists and is ahead."""
    for year in range(today.year, today.year + MAX_YEARS_AHEAD + 3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise FieldError("starts_at.impossible", value=shown)


def _checked(found: date, match: re.Match[str]) -> _Day:
    """Refuse `12월 20일 (금)` when the 20th is not a Friday: one of the two is a typo."""
    for group in ("wdb", "wda"):
        token = match.groupdict().get(group)
        if token and _weekday_index(token) != found.weekday():
            raise FieldError(
                "starts_at.weekday_mismatch",
                date=found.isoformat(),
                weekday_ko=WEEKDAY_NAMES_KO[found.weekday()],
                weekday_en=WEEKDAY_NAMES_EN[found.weekday()],
            )
    return _Day(found)


def _calendar(match: re.Match[str], today: date) -> _Day:
    groups = match.groupdict()
    month = _MONTHS[groups["mon"][:3]] if groups.get("mon") else int(groups["m"])
    day = int(groups["d"])
    shown = match.group(0).strip(" ,")
    if groups.get("y"):
        return _checked(_real_date(int(groups["y"]), month, day, shown), match)
    return _checked(_next_occurrence(month, day, today, shown), match)


_RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "오늘": 0,
    "tomorrow": 1, "tmrw": 1, "tmr": 1, "내일": 1, "낼": 1,
    "day after tomorrow": 2, "the day after tomorrow": 2, "모레": 2, "내일모레": 2, "글피": 3,
}  # fmt: skip


def _relative(match: re.Match[str], today: date) -> _Day:
    word = match["rel"]
    word = word if word.isascii() else word.replace(" ", "")  # `내일 모레` = `내일모레`
    return _Day(today + timedelta(days=_RELATIVE_DAYS[word]), tonight=word == "tonight")


def _weekday(match: re.Match[str], today: date) -> _Day:
    wanted = _weekday_index(match["wd"])
    modifier = (match["mod"] or "").replace(" ", "")
    if modifier in ("다음주", "다음", "담주", "차주", "next"):
        # Korean `다음 주 토요일` is the Saturday of next week (weeks run Monday to Sunday).
        monday = today - timedelta(days=today.weekday())
        return _Day(monday + timedelta(days=7 + wanted))
    ahead = (wanted - today.weekday()) % 7
    return _Day(today + timedelta(days=ahead), roll_week=not modifier)


_Resolver = Callable[[re.Match[str], date], _Day]
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], _Resolver], ...] = tuple(
    (re.compile(pattern + _EDGE), resolver)
    for pattern, resolver in (
        (  # 2026-12-20, 2026.12.20, 2026/12/20, 2026. 12. 20.
            _WD_BEFORE + r"(?P<y>\d{4})\s*(?P<sep>[-./])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*"
            r"(?P<d>\d{1,2})(?:\s*\.)?" + _WD_AFTER,
            _calendar,
        ),
        (  # 12/20/2026
            _WD_BEFORE + r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})" + _WD_AFTER,
            _calendar,
        ),
        (  # 2026년 12월 20일, 12월 20일
            r"(?:(?P<y>\d{4})\s*년\s*)?(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일" + _WD_AFTER,
            _calendar,
        ),
        (  # 12/20, 12.20
            _WD_BEFORE
            + r"(?P<m>1[0-2]|0?[1-9])\s*[/.]\s*(?P<d>\d{1,2})(?![\d:])(?:\.(?!\d))?"
            + _WD_AFTER,
            _calendar,
        ),
        (  # Dec 20, December 20, 2026
            _WD_BEFORE + _MONTH + r"\s*(?P<d>\d{1,2})" + _ORD + r"(?!\d)" + _YEAR_TAIL + _WD_AFTER,
            _calendar,
        ),
        (  # 20 Dec, 20th December 2026
            _WD_BEFORE
            + r"(?P<d>\d{1,2})"
            + _ORD
            + r"\s*(?:of\s+)?"
            + _MONTH
            + _YEAR_TAIL
            + _WD_AFTER,
            _calendar,
        ),
        (
            r"(?P<rel>the day after tomorrow|day after tomorrow|tomorrow|tmrw|tmr|today"
            r"|tonight|내일\s?모레|내일|낼|모레|글피|오늘)(?![a-z])",
            _relative,
        ),
        (
            r"(?:(?P<mod>this|next|coming|이번\s*주|이번|금주|다음\s*주|다음|담주|차주)\s*)?"
            rf"(?P<wd>{_WD_EN}|{_WD_KO})",
            _weekday,
        ),
    )
)


def _find_date(text: str, today: date) -> tuple[_Day, str] | None:
    """The date part of `text` and what is left for the time, date first or date last."""
    for pattern, resolver in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return resolver(match, today), text[match.end() :]
    # `10pm tomorrow`, `22:00 12/20`: try every split at a space, date on the right.
    for split in (i for i, char in enumerate(text) if char == " "):
        tail = text[split + 1 :]
        for pattern, resolver in _DATE_PATTERNS:
            match = pattern.fullmatch(tail)
            if match:
                return resolver(match, today), text[:split]
    return None


# ---------------------------------------------------------------------------- the whole


def _strip_glue(rest: str) -> str:
    """Drop the words that join a date to a time: `at`, `@`, `,`, ISO's `T`, `부터`, `에`."""
    rest = re.sub(r"^(?:t(?=\d)|\s*(?:,|@|at(?![a-z])|-)?\s*)", "", rest)
    rest = re.sub(r"\s*(?:에|부터)?\s*(?:시작)?$", "", rest)
    return rest.strip()


def _add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """`day` at `clock` in `tz`; a time skipped by a DST change moves forward like a clock."""
    wall = datetime.combine(day, clock, tzinfo=tz)
    return wall.astimezone(UTC).astimezone(tz)


def parse_starts_at(text: str, *, now: datetime, tz: ZoneInfo) -> datetime:
    """When the event starts, as an aware datetime in `tz`.

    A date without a year is its next occurrence; a bare weekday is the next such day
    (today if the time is still ahead). The result must be after `now` and at most
    MAX_YEARS_AHEAD years later.
    """
    folded = _fold_time(text)
    if not folded:
        raise FieldError("starts_at.unknown")
    local_now = now.astimezone(tz)
    today = local_now.date()
    found = _find_date(folded, today)
    if found is None:
        try:
            _read_clock(folded)
        except FieldError:
            raise FieldError("starts_at.unknown") from None
        raise FieldError("starts_at.no_date")
    named, rest = found
    rest = _strip_glue(rest)
    if not rest or rest in _DAYPARTS or rest == "night":
        raise FieldError("starts_at.no_time")
    try:
        clock, extra_days = _read_clock(rest)
    except FieldError as error:
        if error.key == "time.impossible":
            raise FieldError("starts_at.impossible", value=rest) from None
        raise FieldError("starts_at.unknown") from None
    if named.tonight and extra_days == 0 and clock.hour < 5:
        extra_days = 1
    starts = _at(named.day + timedelta(days=extra_days), clock, tz)
    if named.roll_week and starts <= local_now:
        starts = _at(named.day + timedelta(days=7 + extra_days), clock, tz)
    shown = starts.strftime("%Y-%m-%d %H:%M")
    if starts <= local_now:
        raise FieldError("starts_at.past", when=shown)
    if starts > _add_years(local_now, MAX_YEARS_AHEAD):
        raise FieldError("starts_at.too_far", when=shown, years=MAX_YEARS_AHEAD)
    return starts
