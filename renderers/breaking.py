"""Line breaking for Korean, Latin and mixed text.

Breaks are tried in order of how little they disturb reading:
1. at spaces (Korean keeps 어절 whole, like CSS `word-break: keep-all`);
2. inside a glued group (a name held together with no-break spaces), at its own spaces,
   when the whole group cannot fit one line;
3. inside a single word only when that word alone is wider than the line: between
   Hangul syllables, or between Latin letters with a hyphen at the end of the line.
Callers shrink text before allowing (3), so it happens only at their minimum size.

Widths are additive (line = words + spaces) so each word is measured once per fit,
not once per candidate line: measuring dominates layout time.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]

GLUE = "\u00a0"
HYPHEN = "-"


def wrap(text: str, measure: Measure, width: float, split_words: bool) -> list[str] | None:
    """Greedy lines no wider than `width`, or None if a word is too wide and may not split.

    A glued group wider than the line is always opened at its no-break spaces (a name on
    two lines beats a name in pieces); `split_words` allows breaking inside a word.
    """
    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        units = [w for w in paragraph.split(" ") if w]
        wrapped = _wrap_units(units, measure, space, width, split_words)
        if wrapped is None:
            return None
        lines.extend(wrapped)
    return lines


def _wrap_units(
    units: list[str], measure: Measure, space: float, width: float, split_words: bool
) -> list[str] | None:
    lines: list[str] = []
    line, line_w = "", 0.0
    for unit in units:
        unit_w = measure(unit)
        if line and line_w + space + unit_w <= width:
            line, line_w = f"{line} {unit}", line_w + space + unit_w
            continue
        if line:
            lines.append(line)
        if unit_w <= width:
            line, line_w = unit, unit_w
            continue
        pieces = _open_group(unit, measure, width, split_words)
        if pieces is None:
            return None
        lines.extend(pieces[:-1])
        line, line_w = pieces[-1], measure(pieces[-1])
    if line:
        lines.append(line)
    return lines


def _open_group(unit: str, measure: Measure, width: float, split_words: bool) -> list[str] | None:
    """A glued group too wide for one line, broken at its own no-break spaces first."""
    words = _words_of_group(unit)
    if len(words) == 1:
        return split_word(unit, measure, width) if split_words else None
    glue = measure(GLUE)
    lines: list[str] = []
    line, line_w = "", 0.0
    for word in words:
        word_w = measure(word)
        if line and line_w + glue + word_w <= width:
            line, line_w = f"{line}{GLUE}{word}", line_w + glue + word_w
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


def _words_of_group(unit: str) -> list[str]:
    """A group's words; a lone separator ("/", "·") stays with the word before it."""
    words: list[str] = []
    for word in unit.split(GLUE):
        if words and word and not any(ch.isalnum() for ch in word):
            words[-1] = f"{words[-1]}{GLUE}{word}"
        else:
            words.append(word)
    return [w for w in words if w]


def _is_latin_letter(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or ("\u00c0" <= ch <= "\u024f")


def split_word(word: str, measure: Measure, width: float) -> list[str] | None:
    """Break one word that is wider than the line on its own.

    Hangul breaks between syllables (a syllable is one character after NFC). Latin
    breaks between two letters with a hyphen added, never right after an existing
    hyphen or before the last two letters, so no piece is a lone letter.
    """
    pieces: list[str] = []
    start = 0
    n = len(word)
    while start < n:
        end = _longest_piece(word, start, measure, width)
        if end is None:
            return None
        if end == n:
            pieces.append(word[start:])
            break
        piece = word[start:end]
        if _needs_hyphen(word, end):
            piece += HYPHEN
        pieces.append(piece)
        start = end
    return pieces


def _longest_piece(word: str, start: int, measure: Measure, width: float) -> int | None:
    """The furthest end such that word[start:end] (plus a hyphen if needed) fits."""
    best = None
    n = len(word)
    for end in range(start + 1, n + 1):
        piece = word[start:end]
        if end < n and _needs_hyphen(word, end):
            piece += HYPHEN
            if n - end < 2:
                continue  # keep at least two letters for the next line
        if measure(piece) > width:
            break
        best = end
    return best


def _needs_hyphen(word: str, end: int) -> bool:
    """A hyphen marks a break between two Latin letters (Hangul and '-' need none)."""
    return _is_latin_letter(word[end - 1]) and _is_latin_letter(word[end])
