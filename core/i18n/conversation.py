"""Messages of the /newevent conversation and the review flow."""

MESSAGES: dict[str, dict[str, str]] = {}
