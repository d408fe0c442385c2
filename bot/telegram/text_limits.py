"""Telegram's length limits, applied so that text is cut where a reader expects it.

Telegram counts UTF-16 code units: most Hangul is one, many emoji are two.
"""

from __future__ import annotations

CAPTION_LIMIT = 1024
MESSAGE_LIMIT = 4096


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int) -> tuple[str, bool]:
    """`text` within `limit`, cut at a line or word break with an ellipsis; and whether cut."""
    if utf16_len(text) <= limit:
        return text, False
    head = _prefix_within(text, limit - 1)
    for separator in ("\n", " "):
        cut = head.rfind(separator)
        if cut >= len(head) // 2:
            head = head[:cut]
            break
    return head.rstrip() + "…", True


def _prefix_within(text: str, limit: int) -> str:
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return text[:index]
    return text
