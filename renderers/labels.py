"""Words drawn into images, per locale, and the date formats that use them.

Captions are localized elsewhere; these are the few words that live inside pixels.
"""

from __future__ import annotations

from datetime import datetime

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "lineup": "LINEUP",
        "tickets": "TICKETS",
        "tonight": "TONIGHT",
        "doors": "DOORS",
        "days_left": "DAYS TO GO",
        "day_left": "DAY TO GO",
    },
    "ko": {
        "lineup": "라인업",
        "tickets": "티켓",
        "tonight": "오늘 밤",
        "doors": "오픈",
        "days_left": "일 남았어요",
        "day_left": "일 남았어요",
    },
}

_WEEKDAYS = {
    "en": ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"),
    "ko": ("월", "화", "수", "목", "금", "토", "일"),
}

_MONTHS_EN = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

_GENRES_KO = {
    "techno": "테크노",
    "house": "하우스",
    "hiphop": "힙합",
    "disco": "디스코",
    "ambient": "앰비언트",
}


def locale_key(locale: str) -> str:
    return "ko" if locale.lower().startswith("ko") else "en"


def label(key: str, locale: str) -> str:
    return _LABELS[locale_key(locale)][key]


def weekday(moment: datetime, locale: str) -> str:
    return _WEEKDAYS[locale_key(locale)][moment.weekday()]


def long_date(moment: datetime, locale: str) -> str:
    """'12월 20일 (토)' / 'SAT 20 DEC'."""
    if locale_key(locale) == "ko":
        return f"{moment.month}월 {moment.day}일 ({weekday(moment, locale)})"
    return f"{weekday(moment, locale)} {moment.day} {_MONTHS_EN[moment.month - 1]}"


def numeric_date(moment: datetime) -> str:
    """'12.20': the compact form used as a display numeral."""
    return f"{moment.month:02d}.{moment.day:02d}"


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def genre_label(genre: str | None, locale: str) -> str:
    """Known genres in the image's language; free text is shown as the promoter wrote it."""
    if not genre:
        return ""
    key = genre.strip().lower().replace("-", "").replace(" ", "")
    if locale_key(locale) == "ko" and key in _GENRES_KO:
        return _GENRES_KO[key]
    return genre.strip()


def countdown_words(days: int, locale: str) -> tuple[str, str]:
    """The hero and its caption: ('D-3', '3일 남았어요') or ('오늘 밤', '')."""
    if days <= 0:
        return label("tonight", locale), ""
    if locale_key(locale) == "ko":
        return f"D-{days}", f"{days}{label('days_left', locale)}"
    key = "day_left" if days == 1 else "days_left"
    return f"D-{days}", f"{days} {label(key, locale)}"
