"""Recognising a secret someone pasted into a chat, so the bot can take the message down.

A chat's history is read by everyone in it and kept by the platform, so a message that
holds a platform token, a Discord webhook URL or a key is removed as soon as the bot has
read it, in private chats too. The shapes are the platforms' own: they are distinctive
enough that ordinary event text (titles, lineups, ticket links) never matches.
"""

from __future__ import annotations

import re

SHAPES = (
    # Telegram bot token: <bot id>:<35 characters>
    re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{30,}"),
    # Discord webhook URL (any host: a self-hosted proxy or a test server may stand in)
    re.compile(r"/api/(?:v\d+/)?webhooks/\d+/[A-Za-z0-9_.-]{20,}"),
    # Discord bot token: three dot-separated base64url parts
    re.compile(r"\b[A-Za-z0-9_-]{24,}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}"),
    # Meta access tokens: Instagram Login (IG…) and Facebook Login (EAA…)
    re.compile(r"\b(?:IG|EAA)[A-Za-z0-9_-]{20,}"),
    # AWS-style secret access keys next to their name
    re.compile(r"(?i)secret[_ ]?access[_ ]?key\S*\s*[:=]?\s*[A-Za-z0-9/+]{40}"),
)


def holds_secret(text: str) -> bool:
    return any(shape.search(text) for shape in SHAPES)
