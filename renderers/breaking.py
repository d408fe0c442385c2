"""Line breaking for Korean, Latin and mixed text.

Spaces are the preferred break (Korean keeps 어절 whole, like CSS `word-break: keep-all`).
Only when a single word cannot fit the line on its own do we break inside it:
between Hangul syllables or, for Latin, between characters — the last resort after
the caller has already shrunk the text as far as it may.

Widths are additive (line = words + spaces) so each word is measured once per fit,
not once per candidate line: measuring dominates layout time.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]


def wrap(text: str, measure: Measure, width: float, split_words: bool) -> list[str] | None:
    """Greedy lines no wider than `width`, or None if a word is too wide and may not split."""
    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = [w for w in paragraph.split(" ") if w]
        wrapped = _wrap_paragraph(words, measure, space, width, split_words)
        if wrapped is None:
            return None
        lines.extend(wrapped)
    return lines


def _wrap_paragraph(
    words: list[str], measure: Measure, space: float, width: float, split_words: bool
) -> list[str] | None:
    lines: list[str] = []
    line, line_w = "", 0.0
    for word in words:
        word_w = measure(word)
        if line and line_w + space + word_w <= width:
            line, line_w = f"{line} {word}", line_w + space + word_w
            continue
        if line:
            lines.append(line)
        if word_w <= width:
            line, line_w = word, word_w
            continue
        if not split_words:
            return None
        pieces = split_word(word, measure, width)
        if pieces is None:
            return None
        lines.extend(pieces[:-1])
        line, line_w = pieces[-1], measure(pieces[-1])
    if line:
        lines.append(line)
    return lines


def split_word(word: str, measure: Measure, width: float) -> list[str] | None:
    """Break one word by character (a Hangul syllable is one character after NFC)."""
    pieces: list[str] = []
    piece = ""
    for ch in word:
        if piece and measure(piece + ch) > width:
            pieces.append(piece)
            piece = ""
        if not piece and measure(ch) > width:
            return None
        piece += ch
    if piece:
        pieces.append(piece)
    return pieces
