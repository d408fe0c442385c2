"""Messages explaining why a field's value was refused, each with an example that works."""

MESSAGES: dict[str, dict[str, str]] = {}
