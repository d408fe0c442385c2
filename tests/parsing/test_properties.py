"""Property-based checks over every parser: any text gives a value or a FieldError.

A FieldError is the only way a parser may say no, because it is the only refusal the
conversation turns into a message; anything else would reach the user as "something
went wrong" and, worse, leave them without an example. Every refusal must also render
in every language. Examples are derandomized and bounded so the run is repeatable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from string import Formatter
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.i18n import CATALOGUE, LOCALES, text
from core.parsing import short_fields as fields
from core.parsing.dates import parse_starts_at, parse_time_of_day
from core.parsing.errors import FieldError
from core.parsing.lineup import MAX_ENTRIES, MAX_NAME, parse_lineup, resolve_lineup
from core.parsing.photo import check_photo
from core.parsing.text import find_invisible, for_matching, has_control, one_line

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)

DETERMINISTIC = settings(
    derandomize=True,
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Text the way chats deliver it: any code point, weighted towards what organisers type
# and what breaks parsers (digits, separators, Hangul, invisible and bidi characters).
_TRICKY = "0123456789:：.-~–/,;@#()[] \n\t\r오전후밤시분반월일토요일내일pmamPMtodayDJ₩$원만천무료"
_HOSTILE = "\u200b\u200d\u2060\ufeff\u202e\u2066\u3164\u0000\x1b\u00ad\ud7ff\U0001f3f4\ufe0f"
any_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(_TRICKY + _HOSTILE), max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
)


def _result_or_field_error(parse: Callable[[str], object], value: str) -> object | FieldError:
    try:
        return parse(value)
    except FieldError as error:
        for locale in LOCALES:
            template = CATALOGUE[error.key][locale]
            wanted = {name for _, name, _, _ in Formatter().parse(template) if name}
            assert wanted <= set(error.params), (error.key, wanted, error.params)
            assert text(error.key, locale, **error.params)
        return error


def _clean(value: str) -> None:
    assert not has_control(value) and find_invisible(value) is None
    assert value == value.strip() and "\n" not in value


@DETERMINISTIC
@given(any_text)
@example("Seoul\u200bTechno")
@example("x" * 10_000)
def test_title(typed: str) -> None:
    title = _result_or_field_error(fields.parse_title, typed)
    if isinstance(title, str):
        _clean(title)
        assert 1 <= len(title) <= fields.MAX_TITLE
        assert fields.parse_title(title) == title  # a parsed title parses to itself


@DETERMINISTIC
@given(any_text)
def test_venue(typed: str) -> None:
    venue = _result_or_field_error(fields.parse_venue, typed)
    if isinstance(venue, fields.Venue):
        _clean(venue.name)
        assert 1 <= len(venue.name) <= fields.MAX_VENUE_NAME
        assert venue.city is None or len(venue.city) <= fields.MAX_CITY


@DETERMINISTIC
@given(any_text)
def test_genre(typed: str) -> None:
    genre = _result_or_field_error(fields.parse_genre, typed)
    if isinstance(genre, str):
        _clean(genre)
        assert genre in fields.GENRES or len(genre) <= fields.MAX_GENRE


@DETERMINISTIC
@given(any_text)
def test_price(typed: str) -> None:
    price = _result_or_field_error(fields.parse_price, typed)
    if isinstance(price, str):
        _clean(price)
        assert len(price) <= max(fields.MAX_PRICE, 20)


@DETERMINISTIC
@given(any_text)
@example("javascript:alert(1)")
@example("https://[::1")
@example("https://example.com:99999/x")
def test_ticket_url(typed: str) -> None:
    url = _result_or_field_error(fields.parse_ticket_url, typed)
    if isinstance(url, str):
        assert url.startswith(("http://", "https://"))
        assert not any(char.isspace() for char in url) and not has_control(url)
        assert not set(url) & set('<>"`\\')


@DETERMINISTIC
@given(any_text)
def test_description(typed: str) -> None:
    description = _result_or_field_error(fields.parse_description, typed)
    if isinstance(description, str):
        assert 1 <= len(description) <= fields.MAX_DESCRIPTION
        assert not has_control(description, allow_newlines=True)


@DETERMINISTIC
@given(any_text)
def test_command_word(typed: str) -> None:
    assert fields.command_word(typed) in (None, "skip", "back", "cancel")


@DETERMINISTIC
@given(any_text)
def test_time_of_day(typed: str) -> None:
    _result_or_field_error(parse_time_of_day, typed)


@DETERMINISTIC
@given(any_text, st.integers(min_value=0, max_value=366 * 24))
@example("2월 30일 밤 10시", 0)
@example("9999-12-31 23:59", 0)
@example("토요일 25:00", 0)
def test_starts_at(typed: str, hours_later: int) -> None:
    now = NOW + timedelta(hours=hours_later)
    starts = _result_or_field_error(lambda t: parse_starts_at(t, now=now, tz=SEOUL), typed)
    if isinstance(starts, datetime):
        assert starts.tzinfo is not None and starts > now


@DETERMINISTIC
@given(any_text)
@example("22:00-23:30 Soma\n\n01:00 박혜진\n---\n" * 3)
def test_lineup(typed: str) -> None:
    entries = _result_or_field_error(parse_lineup, typed)
    if isinstance(entries, tuple):
        assert 1 <= len(entries) <= MAX_ENTRIES
        for entry in entries:
            _clean(entry.name)
            assert 1 <= len(entry.name) <= MAX_NAME
        start = datetime(2026, 12, 20, 22, 0, tzinfo=SEOUL)
        resolved = resolve_lineup(entries, start)
        starts = [slot_start for _name, slot_start, _end in resolved if slot_start is not None]
        assert starts == sorted(starts)  # slots never go back in time
        for _name, slot_start, slot_end in resolved:
            if slot_start is not None and slot_end is not None:
                assert slot_end >= slot_start


@DETERMINISTIC
@given(st.binary(max_size=2048), st.sampled_from([None, "image/jpeg", "image/png", "x/y"]))
@example(b"\xff\xd8\xff\xe0" + b"\x00" * 100, "image/jpeg")
@example(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, None)
@example(b"RIFF\x00\x00\x00\x00WEBPVP8 ", None)
def test_photo(data: bytes, mime: str | None) -> None:
    _result_or_field_error(
        lambda _: check_photo(data, mime, max_bytes=1024, max_pixels=10_000_000), ""
    )


@DETERMINISTIC
@given(any_text)
def test_text_helpers(typed: str) -> None:
    assert one_line(one_line(typed)) == one_line(typed)
    assert "  " not in for_matching(typed)
    found = find_invisible(typed)
    assert found is None or found.code.startswith("U+")
