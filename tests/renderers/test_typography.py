"""Line breaking, auto-fit and glyph coverage: the parts that make text look set, not dumped."""

from __future__ import annotations

from renderers.breaking import wrap
from renderers.fonts import Weight, clean, coverage, font
from renderers.textfit import Style, fit


def by_chars(s: str) -> float:
    return float(len(s))


def test_latin_wraps_at_spaces() -> None:
    assert wrap("deep house sundays", by_chars, 10, split_words=False) == [
        "deep house",
        "sundays",
    ]


def test_korean_keeps_words_whole_when_it_can() -> None:
    assert wrap("서울 테크노 나이트", by_chars, 6, split_words=False) == ["서울 테크노", "나이트"]


def test_korean_breaks_between_syllables_only_as_a_last_resort() -> None:
    assert wrap("테크노나이트파티", by_chars, 4, split_words=False) is None
    assert wrap("테크노나이트파티", by_chars, 4, split_words=True) == ["테크노나", "이트파티"]


def test_mixed_text_and_explicit_newlines() -> None:
    assert wrap("Vol.3 서울\n테크노 night", by_chars, 20, split_words=False) == [
        "Vol.3 서울",
        "테크노 night",
    ]


def test_no_break_space_glues_a_name() -> None:
    lines = wrap("Peggy\u00a0Gou / Move\u00a0D", by_chars, 11, split_words=False)
    assert lines == ["Peggy\u00a0Gou /", "Move\u00a0D"]


def test_fit_prefers_shrinking_over_breaking_a_word() -> None:
    style = Style(Weight.BLACK, 120, 40, 3)
    block = fit("Superkalifragilistic", style, 900, 600)
    assert block is not None
    assert len(block.lines) == 1 and 40 <= block.size < 120


def test_fit_breaks_a_word_that_cannot_fit_at_the_minimum_size() -> None:
    word = "Superkalifragilisticexpialido"
    style = Style(Weight.BLACK, 120, 60, 4)
    block = fit(word, style, 500, 800)
    assert block is not None
    assert len(block.lines) > 1
    lines = block.text.split("\n")
    assert all(line.endswith("-") for line in lines[:-1])  # a Latin break is hyphenated
    assert "".join(line.removesuffix("-") for line in lines) == word
    assert block.width <= 500


def test_fit_result_respects_its_box() -> None:
    style = Style(Weight.BOLD, 200, 20, 5)
    for text in ("서울 테크노 나이트 Vol.3", "A", "가" * 40, "Wörld Ångström gjpqy"):
        block = fit(text, style, 600, 400)
        assert block is not None
        assert block.width <= 600 and block.height <= 400 and len(block.lines) <= 5


def test_fit_truncates_with_an_ellipsis_only_when_nothing_else_works() -> None:
    style = Style(Weight.REGULAR, 30, 30, 1)
    block = fit("a very long sentence that cannot possibly fit here", style, 200, 100)
    assert block is not None and block.text.endswith("…")
    assert fit("a very long sentence", style, 200, 100, truncate=False) is None


def test_fit_reports_no_room() -> None:
    assert fit("title", Style(Weight.BLACK, 100, 80, 1), 900, 20) is None


def test_emoji_and_joiners_are_dropped_and_spaces_collapsed() -> None:
    assert clean("🔥 불금  TECHNO 🎧 NIGHT 🪩✨") == "불금 TECHNO NIGHT"
    assert clean("👩‍👩‍👧 family️ party") == "family party"
    assert clean("🔥🔥🔥") == ""


def test_coverage_includes_what_posters_use() -> None:
    covered = coverage()
    for ch in "가힣AZaz09₩€·—…/:()":
        assert ord(ch) in covered, ch
    assert ord("🔥") not in covered


def test_fonts_are_cached() -> None:
    assert font(Weight.BOLD, 40) is font(Weight.BOLD, 40)


def test_a_glued_name_wider_than_the_line_opens_at_its_own_spaces() -> None:
    name = "Seoul\u00a0Community\u00a0Radio\u00a0Resident\u00a0Crew"
    lines = wrap(f"Yetsuby\u00a0/ {name}\u00a0/ 250", by_chars, 18, split_words=False)
    assert lines is not None
    words = {w for line in lines for w in line.replace("\u00a0", " ").split()}
    assert words == {"Yetsuby", "/", "Seoul", "Community", "Radio", "Resident", "Crew", "250"}


def test_a_separator_stays_with_the_name_before_it() -> None:
    lines = wrap("Community\u00a0Radio\u00a0/", by_chars, 10, split_words=False)
    assert lines == ["Community", "Radio\u00a0/"]


def test_hangul_breaks_between_syllables_without_a_hyphen() -> None:
    assert wrap("테크노나이트파티", by_chars, 4, split_words=True) == ["테크노나", "이트파티"]


def test_latin_split_never_leaves_a_lone_letter() -> None:
    lines = wrap("abcdefghij", by_chars, 5, split_words=True)
    assert lines is not None
    assert all(len(line.removesuffix("-")) >= 2 for line in lines)
    assert "".join(line.removesuffix("-") for line in lines) == "abcdefghij"


def test_a_name_shrinks_before_it_wraps() -> None:
    style = Style(Weight.BOLD, 60, 40, 2, shrink_first=True)
    block = fit("Closing B2B Marathon", style, 560, 400)
    assert block is not None
    assert len(block.lines) == 1 and block.size < 60
