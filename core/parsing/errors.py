"""The one exception a field parser raises: a catalogue key and what to fill into it."""

from __future__ import annotations


class FieldError(ValueError):
    """A value the user typed that we cannot accept; `key` names a message in core.i18n."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
