"""The chat commands every frontend offers, in the order menus show them.

Telegram's "/" menu and Discord's application commands are both built from this list;
their descriptions are the catalogue's `command.<name>` entries.
"""

from __future__ import annotations

from typing import Final

COMMANDS: Final = (
    "newevent",
    "events",
    "schedule",
    "insights",
    "connect",
    "settings",
    "cancel",
    "help",
    "start",
    "deletemydata",
)
# Typed conversation controls that Telegram marks up as commands; not in the menu.
TYPED_CONTROLS: Final = ("skip", "back")
