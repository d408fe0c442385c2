"""Pretendard faces, cached per (weight, size), and the text cleaning their coverage implies.

Fonts are the only I/O a render does, so every face is loaded once per process.
BASIC layout is used on purpose: Hangul and Latin need no shaping in Pretendard,
and it measures several times faster than Raqm.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from renderers.cmap import codepoints

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

#: Ink reaches this far above/below the baseline (in em) for any glyph we draw.
ASCENT_EM = 0.96
DESCENT_EM = 0.25


class Weight(StrEnum):
    REGULAR = "Regular"
    SEMIBOLD = "SemiBold"
    BOLD = "Bold"
    BLACK = "Black"


def font_path(weight: Weight) -> Path:
    return FONT_DIR / f"Pretendard-{weight.value}.otf"


@lru_cache(maxsize=512)
def font(weight: Weight, size: int) -> ImageFont.FreeTypeFont:
    """A face at an integer pixel size; cached because loading dominates a cold render."""
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=ImageFont.Layout.BASIC)


@cache
def coverage() -> frozenset[int]:
    """Code points Pretendard can draw (all four weights share one cmap)."""
    return codepoints(font_path(Weight.REGULAR))


#: Controls, format characters (ZWJ, bidi marks), private use and surrogates: even when
#: the font maps them they only matter next to emoji we drop, so they go too.
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}
_SPACES = re.compile(r"[^\S\n\u00a0\u2002]+")


@lru_cache(maxsize=2048)
def clean(text: str) -> str:
    """Drop what the font cannot draw (emoji, joiners, selectors) and tidy the spaces left.

    Newlines are kept: they are the author's explicit line breaks. No-break and en
    spaces are kept too: templates use them to glue a name together.
    """
    covered = coverage()
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text))
    kept = "".join(
        ch
        for ch in text
        if ch == "\n" or (ord(ch) in covered and unicodedata.category(ch) not in _INVISIBLE)
    )
    lines = (_SPACES.sub(" ", line).strip() for line in kept.split("\n"))
    return "\n".join(line for line in lines if line)
