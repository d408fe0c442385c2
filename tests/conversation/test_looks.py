"""Stored theme values: the renderer's theme plus where the accent comes from."""

from __future__ import annotations

from core.conversation.looks import parse_theme, theme_options, theme_value
from renderers.spec import AccentSource, Theme


def test_values_round_trip() -> None:
    for theme in Theme:
        for accent in AccentSource:
            assert parse_theme(theme_value(theme, accent)) == (theme, accent)
    assert theme_value(Theme.NEON) == "neon"  # the photo accent is the default, unmarked


def test_unknown_values_fall_back_to_dark() -> None:
    assert parse_theme("vaporwave") == (Theme.DARK, AccentSource.PHOTO)


def test_a_brand_colour_needs_no_accent_switch() -> None:
    values = [o.value for o in theme_options("dark", has_photo=True, has_brand_color=True)]
    assert values == ["dark", "neon", "minimal", "duotone"]


def test_what_may_be_rendered() -> None:
    from core.conversation.looks import theme_allowed

    assert theme_allowed("duotone", has_photo=True, has_brand_color=False)
    assert not theme_allowed("duotone", has_photo=False, has_brand_color=False)
    assert theme_allowed("neon+genre", has_photo=True, has_brand_color=False)
    assert not theme_allowed("neon+genre", has_photo=True, has_brand_color=True)
    assert not theme_allowed("neon+genre", has_photo=False, has_brand_color=False)
    assert not theme_allowed("Neon", has_photo=True, has_brand_color=False)
