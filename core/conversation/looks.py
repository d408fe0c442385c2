"""The theme button's choices, and how a chosen look is stored and read back.

A stored theme is the renderer's theme name, with `+genre` when the organiser asked
for the genre's accent instead of the photo's (`dark`, `neon+genre`). Duotone shows
the photo, so it is offered only for events with one; the accent choice matters only
when a photo would set the accent, that is with a photo and no brand colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from renderers.spec import AccentSource, Theme

GENRE_SUFFIX = "+genre"


def theme_value(theme: Theme, accent: AccentSource = AccentSource.PHOTO) -> str:
    return theme.value + (GENRE_SUFFIX if accent is AccentSource.GENRE else "")


def parse_theme(value: str) -> tuple[Theme, AccentSource]:
    """The renderer's theme and accent source; an unknown name falls back to dark."""
    name, genre = value.removesuffix(GENRE_SUFFIX), value.endswith(GENRE_SUFFIX)
    theme = Theme(name) if name in Theme._value2member_map_ else Theme.DARK
    return theme, AccentSource.GENRE if genre else AccentSource.PHOTO


@dataclass(frozen=True)
class ThemeOption:
    value: str  # what is stored and sent back by the button
    label_key: str  # catalogue key of the button's words


def theme_options(current: str, has_photo: bool, has_brand_color: bool) -> list[ThemeOption]:
    """Every theme this event can use, keeping the current accent, then the accent switch."""
    current_theme, accent = parse_theme(current)
    options = [
        ThemeOption(theme_value(theme, accent), f"theme.{theme.value}")
        for theme in Theme
        if has_photo or not theme.needs_photo
    ]
    if has_photo and not has_brand_color:
        other = AccentSource.GENRE if accent is AccentSource.PHOTO else AccentSource.PHOTO
        options.append(ThemeOption(theme_value(current_theme, other), f"theme.accent_{other}"))
    return options


def theme_allowed(value: str, has_photo: bool, has_brand_color: bool) -> bool:
    """Whether a button's theme value may be rendered for this event (old menus too)."""
    theme, accent = parse_theme(value)
    if theme_value(theme, accent) != value:
        return False
    if theme.needs_photo and not has_photo:
        return False
    return accent is AccentSource.PHOTO or (has_photo and not has_brand_color)
