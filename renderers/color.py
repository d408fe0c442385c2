"""Colour arithmetic and WCAG contrast, so text colours can be derived rather than hoped for."""

from __future__ import annotations

RGB = tuple[int, int, int]

WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)

#: WCAG AA asks 4.5:1; we aim a little higher so JPEG ringing cannot tip us under.
TARGET_CONTRAST = 4.9


def parse_hex(value: str) -> RGB | None:
    """'#RRGGBB' or 'RRGGBB' (or the 3-digit short form) to RGB; None if malformed."""
    v = value.strip().lstrip("#")
    if len(v) == 3:
        v = "".join(c * 2 for c in v)
    if len(v) != 6:
        return None
    try:
        return (int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16))
    except ValueError:
        return None


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """`a` moved a fraction `t` of the way towards `b`."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _linear(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(c: RGB) -> float:
    """WCAG relative luminance."""
    return 0.2126 * _linear(c[0]) + 0.7152 * _linear(c[1]) + 0.0722 * _linear(c[2])


def contrast_lum(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def contrast(a: RGB, b: RGB) -> float:
    return contrast_lum(luminance(a), luminance(b))


def readable(color: RGB, worst_bg: float, lighten: bool, target: float = TARGET_CONTRAST) -> RGB:
    """`color`, lightened (on dark grounds) or darkened (on light) just enough to meet target.

    `worst_bg` is the background luminance least favourable to the text: the brightest
    pixel behind light text, the darkest behind dark text.
    """
    towards = WHITE if lighten else BLACK
    for step in range(0, 21):
        candidate = mix(color, towards, step / 20)
        if contrast_lum(luminance(candidate), worst_bg) >= target:
            return candidate
    return towards


def gray_for_luminance(lum: float) -> int:
    """The sRGB grey level whose relative luminance is `lum` (for channel caps)."""
    s = lum * 12.92 if lum <= 0.0031308 else 1.055 * lum ** (1 / 2.4) - 0.055
    return max(0, min(255, int(s * 255)))
