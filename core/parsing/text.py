"""Small text helpers shared by the field parsers, so every field cleans input alike.

Chat clients send what the keyboard produced: decomposed Hangul from some phones,
full-width digits from Korean IMEs, stray tabs and invisible control characters pasted
from elsewhere. These helpers make that predictable before any rule is applied.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional overrides can make a caption read differently from what was approved.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACES = re.compile(r"\s+")


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


def clip(text: str, limit: int = 30) -> str:
    """`text` cut to `limit` characters with an ellipsis, for quoting input in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
