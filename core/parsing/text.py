"""Small text helpers shared by the field parsers, so every field cleans input alike.

Chat clients send what the keyboard produced: decomposed Hangul from some phones,
full-width digits from Korean IMEs, stray tabs and invisible control characters pasted
from elsewhere. These helpers make that predictable before any rule is applied.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Bidirectional overrides can make a caption read differently from what was approved.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACES = re.compile(r"\s+")
# Letters that draw nothing: a name holding one looks like another name but is not it.
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")
_ZWJ = "\u200d"
_AROUND = 12  # characters quoted on each side of an invisible one
_TAG_CHARACTERS = range(0xE0020, 0xE0080)
_BLACK_FLAG = "\U0001f3f4"  # a tag sequence after it spells a regional flag


@dataclass(frozen=True)
class Invisible:
    """An invisible character found in a text, and the text around it with it made visible."""

    code: str  # e.g. "U+200B"
    name: str  # e.g. "ZERO WIDTH SPACE"
    marked: str  # e.g. "Seoul[U+200B]Techno", so the user can find the spot


def one_line(text: str) -> str:
    """`text` in NFC with every run of whitespace (newlines too) turned into one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def for_matching(text: str) -> str:
    """A folded form for recognising words and numbers: NFKC, lower case, single spaces.

    NFKC turns full-width digits, colons and tildes into their ASCII forms; it is never
    shown back to the user because it also rewrites stylised letters.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def has_control(text: str, *, allow_newlines: bool = False) -> bool:
    """Whether `text` holds characters no one types on purpose (C0/C1, bidi, surrogates)."""
    for char in text:
        if allow_newlines and char in "\n\t":
            continue
        if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
            return True
    return False


def find_invisible(text: str) -> Invisible | None:
    """The first character that takes no space and draws nothing, if there is one.

    Zero-width spaces and joiners, word joiners, soft hyphens, byte-order marks, bidi
    marks and Hangul fillers are what make two names look alike. Emoji need some of
    them, so a joiner between two emoji and the tags of a flag are accepted.
    """
    for index, char in enumerate(text):
        if _is_invisible(text, index, char):
            code = f"U+{ord(char):04X}"
            around = text[max(0, index - _AROUND) : index] + f"[{code}]"
            return Invisible(
                code=code,
                name=unicodedata.name(char, "UNNAMED"),
                marked=around + text[index + 1 : index + 1 + _AROUND],
            )
    return None


def _is_invisible(text: str, index: int, char: str) -> bool:
    if char in _BLANK_LETTERS:
        return True
    if unicodedata.category(char) != "Cf":
        return False
    if char == _ZWJ:
        return not (_emoji_before(text, index) and _emoji_at(text, index + 1))
    if ord(char) in _TAG_CHARACTERS or char == "\U000e007f":
        return _BLACK_FLAG not in text[max(0, index - 8) : index]
    return True


def _emoji_at(text: str, index: int) -> bool:
    return index < len(text) and unicodedata.category(text[index]) == "So"


def _emoji_before(text: str, index: int) -> bool:
    """An emoji just before `index`, allowing a presentation selector or a skin tone after it."""
    position = index - 1
    while position >= 0 and (
        text[position] == "\ufe0f" or "\U0001f3fb" <= text[position] <= "\U0001f3ff"
    ):
        position -= 1
    return position >= 0 and unicodedata.category(text[position]) == "So"


MAX_SHOWN_NAME = 64


def shown_name(name: str | None) -> str | None:
    """A platform's display name made safe to quote: no controls, nothing invisible.

    People choose their own names, and a name with a right-to-left override would turn
    around the rest of any message that quotes it. None when nothing visible is left.
    """
    if name is None:
        return None
    composed = unicodedata.normalize("NFC", name)
    kept = [
        char
        for index, char in enumerate(composed)
        if not (
            char in _BIDI_CONTROLS
            or unicodedata.category(char) in ("Cc", "Cs")
            or _is_invisible(composed, index, char)
        )
    ]
    cleaned = clip(one_line("".join(kept)), MAX_SHOWN_NAME)
    return cleaned or None


def clip(text: str, limit: int = 30) -> str:
    """`text` cut to `limit` characters with an ellipsis, for quoting input in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
